/** A deletion's summary in plain words ("Recording: 1 file, 4.2 MB"), for the Retention screen and the command line. */
import { REMOVED_KIND_LABELS, REMOVED_KINDS, type RemovedSummary } from '../domain/library';
import { formatBytes, pluralise } from '../util/format';

const FILE_KINDS = new Set(['recording', 'clips', 'audioCache', 'waveform']);

/** One line per kind that had anything, in a fixed order. */
export function describeRemoved(removed: RemovedSummary): string[] {
  const lines: string[] = [];
  for (const kind of REMOVED_KINDS) {
    const entry = removed[kind];
    if (!entry || entry.count <= 0) continue;
    const amount = FILE_KINDS.has(kind) ? pluralise(entry.count, 'file', 'files') : entry.count.toLocaleString('en');
    lines.push(`${REMOVED_KIND_LABELS[kind]}: ${amount}${entry.bytes !== undefined ? `, ${formatBytes(entry.bytes)}` : ''}`);
  }
  return lines;
}
