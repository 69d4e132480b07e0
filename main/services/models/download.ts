/**
 * Downloads a catalogue model into the models folder: resumable (HTTP Range into a hidden `.part` file),
 * checked against the published SHA-256 and SHA-1 before it is renamed into place, only from the model
 * host whisper.cpp's download script names (and that host's own redirect hosts).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import { CATALOGUE, MODEL_HOST, type CatalogueModel } from './catalogue';

export interface DownloadProgress {
  name: string;
  receivedBytes: number;
  totalBytes: number;
  done: boolean;
  error: string | null;
}

const ALLOWED_HOST = /(^|\.)(huggingface\.co|hf\.co)$/;
const NETWORK_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ENETUNREACH', 'EHOSTUNREACH', 'ECONNRESET', 'ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET']);

export function partFile(dir: string, m: CatalogueModel): string {
  return path.join(dir, `.${m.fileName}.part`);
}

function offlineMessage(m: CatalogueModel): string {
  return `Attune could not reach ${MODEL_HOST} to download ${m.name}: this computer seems to be offline. Connect to the internet and try again, or add a model file you already have.`;
}

function errorCode(error: unknown): string | undefined {
  let e: unknown = error;
  for (let i = 0; i < 4 && e; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Follows redirects by hand so every hop is checked against the allowed hosts. */
async function request(url: string, from: number, signal: AbortSignal, m: CatalogueModel): Promise<Response> {
  let current = url;
  for (let hop = 0; hop < 6; hop++) {
    const host = new URL(current).hostname;
    if (new URL(current).protocol !== 'https:' || !ALLOWED_HOST.test(host)) {
      throw new ApiError('unavailable', `The download of ${m.name} was redirected to ${host}, which is not the model host; it was stopped.`);
    }
    let res: Response;
    try {
      res = await fetch(current, { redirect: 'manual', signal, headers: from > 0 ? { Range: `bytes=${from}-` } : {} });
    } catch (error) {
      if (signal.aborted) throw new ApiError('cancelled', 'The download was cancelled.');
      const code = errorCode(error);
      if (!code || NETWORK_CODES.has(code)) throw new ApiError('unavailable', offlineMessage(m));
      throw new ApiError('unavailable', `The download of ${m.name} failed (${code}).`);
    }
    if (res.status >= 300 && res.status < 400 && res.headers.get('location')) {
      current = new URL(res.headers.get('location') as string, current).toString();
      continue;
    }
    return res;
  }
  throw new ApiError('unavailable', `The download of ${m.name} was redirected too many times.`);
}

async function hashFile(file: string): Promise<{ sha1: string; sha256: string }> {
  const sha1 = createHash('sha1');
  const sha256 = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) {
    sha1.update(chunk as Buffer);
    sha256.update(chunk as Buffer);
  }
  return { sha1: sha1.digest('hex'), sha256: sha256.digest('hex') };
}

export async function downloadModel(
  dir: string,
  name: string,
  onProgress: (p: DownloadProgress) => void,
  signal: AbortSignal = new AbortController().signal,
): Promise<string> {
  const m = CATALOGUE.find((c) => c.name === name);
  if (!m) throw new ApiError('not_found', `There is no standard model called "${name}". Choose one of: ${CATALOGUE.map((c) => c.name).join(', ')}.`);
  const target = path.join(dir, m.fileName);
  const part = partFile(dir, m);
  let from = fs.existsSync(part) ? fs.statSync(part).size : 0;
  if (from > m.sizeBytes) {
    fs.rmSync(part, { force: true });
    from = 0;
  }
  let lastSent = 0;
  const report = (received: number, force = false): void => {
    const now = Date.now();
    if (!force && now - lastSent < 100) return;
    lastSent = now;
    onProgress({ name, receivedBytes: received, totalBytes: m.sizeBytes, done: false, error: null });
  };
  if (from < m.sizeBytes) {
    const res = await request(m.url, from, signal, m);
    if (res.status === 200 && from > 0) from = 0; // the server ignored the range: start again
    else if (res.status !== 200 && res.status !== 206) {
      throw new ApiError('unavailable', `The model host answered ${res.status} for ${m.name}; try again later.`);
    }
    if (!res.body) throw new ApiError('unavailable', `The model host sent no data for ${m.name}.`);
    const out = fs.createWriteStream(part, { flags: from > 0 ? 'a' : 'w' });
    let received = from;
    report(received, true);
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        received += chunk.byteLength;
        if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
        report(received);
      }
    } catch (error) {
      if (signal.aborted) throw new ApiError('cancelled', 'The download was cancelled; it resumes where it stopped next time.');
      const code = errorCode(error);
      throw new ApiError('unavailable', code && NETWORK_CODES.has(code) ? `${offlineMessage(m)} What was downloaded is kept and the download resumes from there.` : `The download of ${m.name} broke off; it resumes from where it stopped next time.`);
    } finally {
      await new Promise<void>((r) => out.end(() => r()));
    }
    report(received, true);
  }
  const size = fs.statSync(part).size;
  if (size !== m.sizeBytes) throw new ApiError('unavailable', `The download of ${m.name} is incomplete (${size} of ${m.sizeBytes} bytes); start it again to resume.`);
  const sums = await hashFile(part);
  if (sums.sha256 !== m.sha256 || (m.sha1 && sums.sha1 !== m.sha1)) {
    fs.rmSync(part, { force: true });
    throw new ApiError('unavailable', `The downloaded ${m.name} does not match its published checksum, so it was deleted. Try again.`);
  }
  fs.renameSync(part, target);
  onProgress({ name, receivedBytes: m.sizeBytes, totalBytes: m.sizeBytes, done: true, error: null });
  return target;
}
