/**
 * Answers a request for a stored file (a recording or its peaks) with Range support. Used by the
 * browser-mode HTTP server and by Electron's custom protocol, so both behave the same. Only plain
 * file names in the data dir's media and peaks folders can be reached.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { DataPaths } from '../data-paths';
import { parseRange } from './range-request';

export interface StoredFileResponse {
  status: 200 | 206 | 400 | 404 | 416;
  headers: Record<string, string>;
  /** Present for 200 and 206. */
  body: Readable | null;
}

const CONTENT_TYPES: Record<string, string> = {
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  aac: 'audio/aac',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  webm: 'video/webm',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  opus: 'audio/ogg',
  flac: 'audio/flac',
  peaks: 'application/octet-stream',
};

/** `<64 hex>.<ext>`: the only shape of name the importer writes. */
const STORED_NAME = /^[0-9a-f]{64}\.[a-z0-9]{1,5}$/;

export type StoredKind = 'media' | 'peaks';

/** Maps `/media/<name>` or `/peaks/<name>` to a file inside the data dir, or null when it is not one of ours. */
export function storedFilePath(paths: DataPaths, urlPath: string): string | null {
  const match = /^\/(media|peaks)\/([^/]+)$/.exec(urlPath);
  if (!match) return null;
  const [, kind, name = ''] = match;
  if (!STORED_NAME.test(name)) return null;
  const dir = kind === 'media' ? paths.mediaDir : paths.peaksDir;
  if (kind === 'peaks' && !name.endsWith('.peaks')) return null;
  const full = path.join(dir, name);
  // Defence in depth: the regex already forbids separators and dots-only names.
  return path.dirname(full) === dir ? full : null;
}

export async function storedFileResponse(
  paths: DataPaths,
  urlPath: string,
  rangeHeader: string | null | undefined,
): Promise<StoredFileResponse> {
  const file = storedFilePath(paths, urlPath);
  if (!file) return { status: 404, headers: {}, body: null };
  let size: number;
  try {
    const stat = await fs.promises.stat(file);
    if (!stat.isFile()) return { status: 404, headers: {}, body: null };
    size = stat.size;
  } catch {
    return { status: 404, headers: {}, body: null };
  }
  const ext = path.extname(file).slice(1);
  const base = {
    'Content-Type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  };
  const range = parseRange(rangeHeader, size);
  if (range.kind === 'unsatisfiable') {
    return { status: 416, headers: { ...base, 'Content-Range': `bytes */${size}` }, body: null };
  }
  if (range.kind === 'full') {
    return {
      status: 200,
      headers: { ...base, 'Content-Length': String(size) },
      body: fs.createReadStream(file),
    };
  }
  return {
    status: 206,
    headers: {
      ...base,
      'Content-Length': String(range.end - range.start + 1),
      'Content-Range': `bytes ${range.start}-${range.end}/${size}`,
    },
    body: fs.createReadStream(file, { start: range.start, end: range.end }),
  };
}
