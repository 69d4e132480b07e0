/**
 * `attune export <id> --format F --out P [--force] [--json]`: a feedback report, a standard format or
 * the feedback package for the trainee, written through the export service (temp file, then renamed;
 * never over an existing file without --force). Progress on stderr; Ctrl-C cancels and leaves no file.
 */
import { DEFAULT_SPEAKER_NAMES } from '../../../shared/domain/transcript';
import fs from 'node:fs';
import path from 'node:path';
import { packageOptionsSchema, type EventMap } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/errors';
import { EXPORT_FORMAT_LABELS, EXPORT_FORMATS, type ExportFormat, type ExportOutcome, type PackageOptions } from '../../../shared/domain/export';
import { formatBytes } from '../../../shared/util/format';
import { exportFileName } from '../../services/export/export-paths';
import type { Services } from '../../services/services';
import { UsageError, type ParsedArgs } from '../args';
import type { Command } from '../command';
import { readPassphraseFile } from '../passphrase-file';
import { ProgressBar } from '../progress-bar';

const PACKAGE_FLAGS = ['clips', 'media', 'deidentify', 'bleep'] as const;
const PACKAGE_OPTIONS = ['deidentify-terms', 'passphrase-file'] as const;

/**
 * The package options from the flags (checked against the same rules as the app's). `--deidentify`
 * on its own replaces the client's name as the transcript knows it (the Client speaker's name).
 */
function packageOptions(args: ParsedArgs, clientName: string | null): PackageOptions {
  if (args.flags.has('clips') && args.flags.has('media')) throw new UsageError('Choose one: --clips (short clips around each annotation) or --media (the whole recording).');
  const termsText = args.options.get('deidentify-terms');
  const deidentify = args.flags.has('deidentify') || termsText !== undefined;
  const terms = (termsText ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  if (args.flags.has('deidentify') && clientName && !terms.some((t) => t.toLowerCase() === clientName.toLowerCase())) terms.unshift(clientName);
  if (deidentify && terms.length === 0) {
    throw new UsageError('This session’s transcript names no client (the Client speaker is unnamed): list the names and places to replace with --deidentify-terms "Name,Place".');
  }
  if (args.flags.has('bleep') && !deidentify) throw new UsageError('--bleep goes with --deidentify-terms: it bleeps those words in the audio.');
  if (args.flags.has('bleep') && !args.flags.has('clips') && !args.flags.has('media')) throw new UsageError('--bleep needs audio in the package: add --clips or --media.');
  const passphraseFile = args.options.get('passphrase-file');
  const parsed = packageOptionsSchema.safeParse({
    media: args.flags.has('clips') ? 'clips' : args.flags.has('media') ? 'full' : 'none',
    deidentify: deidentify ? { terms, bleep: args.flags.has('bleep') } : null,
    passphrase: passphraseFile === undefined ? null : readPassphraseFile(passphraseFile),
  });
  if (!parsed.success) throw new UsageError(parsed.error.issues[0]?.message ?? 'Those package options are not valid.');
  return parsed.data;
}

/** The client's name as the session's transcript gives it, unless it is still the default "Client". */
function clientNameOf(services: Services, sessionId: string): string | null {
  const name = services.transcripts.get(sessionId).speakerNames.client.trim();
  return name && name !== DEFAULT_SPEAKER_NAMES.client ? name : null;
}

/** Runs one export and waits for its outcome, drawing its progress; Ctrl-C cancels it. */
async function exportAndWait(services: Services, start: () => { jobId: string }): Promise<ExportOutcome> {
  const bar = new ProgressBar();
  let jobId: string | null = null;
  let settle: ((outcome: ExportOutcome) => void) | null = null;
  const early = new Map<string, ExportOutcome>();
  const stop = services.events.subscribe((name, payload) => {
    if (name === 'export.progress') {
      const p = payload as EventMap['export.progress'];
      if (p.jobId === jobId) bar.update(p.stage, p.percent);
    } else if (name === 'export.finished') {
      const f = payload as EventMap['export.finished'];
      if (f.jobId === jobId) settle?.(f.outcome);
      else early.set(f.jobId, f.outcome);
    }
  });
  const interrupt = (): void => {
    if (jobId) services.exports.cancel(jobId);
  };
  process.once('SIGINT', interrupt);
  try {
    jobId = start().jobId;
    const id = jobId;
    return await new Promise<ExportOutcome>((resolve) => {
      const known = early.get(id);
      if (known) resolve(known);
      else settle = resolve;
    });
  } finally {
    process.off('SIGINT', interrupt);
    stop();
    bar.done();
  }
}

export const exportCommand: Command = {
  usage: `attune export <id> --format ${EXPORT_FORMATS.join('|')} --out P [--force] [--json]  (package: [--clips|--media] [--deidentify] [--deidentify-terms "A,B"] [--bleep] [--passphrase-file F])`,
  summary: 'Export a session: the feedback report (PDF, HTML), annotations (CSV, JSON), the transcript (VTT, SRT, TXT, DOCX), ELAN (.eaf), or the feedback package for the trainee. --out may name a folder.',
  options: ['format', 'out', 'passphrase', ...PACKAGE_OPTIONS],
  flags: ['force', 'json', ...PACKAGE_FLAGS],
  async run(args, services, io) {
    const [id, ...extra] = args.positionals;
    if (!id || extra.length > 0) throw new UsageError('Give exactly one session id.');
    if (args.options.has('passphrase')) {
      throw new UsageError('A passphrase on the command line can be seen by others on this computer: write it on the first line of a file and use --passphrase-file F.');
    }
    const format = args.options.get('format');
    if (format === undefined) throw new UsageError(`Choose the format with --format (${EXPORT_FORMATS.join(', ')}).`);
    if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format is one of ${EXPORT_FORMATS.join(', ')}.`);
    const out = args.options.get('out');
    if (out === undefined) throw new UsageError('Say where to save the export: --out <file or folder>.');
    const usedPackageOption = [...PACKAGE_FLAGS.filter((f) => args.flags.has(f)), ...PACKAGE_OPTIONS.filter((o) => args.options.has(o))];
    if (format !== 'package' && usedPackageOption.length > 0) throw new UsageError(`--${usedPackageOption[0]} is for --format package.`);

    const session = services.sessions.resolve(id);
    const options = format === 'package' ? packageOptions(args, clientNameOf(services, session.id)) : undefined;
    let outPath = path.resolve(out);
    if (fs.statSync(outPath, { throwIfNoEntry: false })?.isDirectory()) outPath = path.join(outPath, exportFileName(session.title, format as ExportFormat));

    const outcome = await exportAndWait(services, () => {
      try {
        return services.exports.start({ sessionId: session.id, format: format as ExportFormat, outPath, overwrite: args.flags.has('force'), package: options });
      } catch (error) {
        if (error instanceof ApiError && error.code === 'file_exists') throw new ApiError('file_exists', `${outPath} already exists; add --force to replace it.`);
        throw error;
      }
    });
    if (outcome.kind === 'cancelled') throw new ApiError('cancelled', 'The export was cancelled; no file was written.');
    if (outcome.kind === 'failed') throw new ApiError(outcome.code as ApiError['code'], outcome.message);
    if (args.flags.has('json')) io.out(JSON.stringify({ sessionId: session.id, format, path: outcome.path, bytes: outcome.bytes }));
    else io.err(`Exported “${session.title}” as ${EXPORT_FORMAT_LABELS[format as ExportFormat]} to ${outcome.path} (${formatBytes(outcome.bytes)}).`);
    return 0;
  },
};
