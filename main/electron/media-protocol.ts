/**
 * Serves stored recordings and waveform peaks under `attune-media://local/media/<name>` and
 * `/peaks/<name>`, through the same storedFileResponse as browser mode: only `<sha256>.<ext>` names
 * in the data dir's media and peaks folders, Range requests answered 206/416 so <video> can seek.
 * Only our page may read them (CORS allows `app://attune` alone; other initiators are refused).
 */
import { Readable } from 'node:stream';
import type { ReadableStream as NodeWebReadableStream } from 'node:stream/web';
import { protocol } from 'electron';
import type { DataPaths } from '../services/data-paths';
import { storedFileResponse } from '../services/files/stored-file-response';
import { APP_ORIGIN, MEDIA_HOST, MEDIA_SCHEME } from './schemes';

const CORS_HEADERS: Record<string, string> = {
  'Access-Control-Allow-Origin': APP_ORIGIN,
  'Access-Control-Expose-Headers': 'Accept-Ranges, Content-Length, Content-Range',
  Vary: 'Origin',
};

function refuse(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { ...CORS_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' },
  });
}

/** `request.initiatorOrigin` (set by Electron for requests web content made; absent for the browser's own). */
function initiatorOf(request: Request): string | undefined {
  const value = (request as Request & { initiatorOrigin?: unknown }).initiatorOrigin;
  return typeof value === 'string' ? value : undefined;
}

/** Registers the `attune-media:` handler on the default session. Call once, after `app` is ready. */
export function registerMediaProtocol(paths: DataPaths): void {
  protocol.handle(MEDIA_SCHEME, async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return refuse(400, 'Bad address');
    }
    if (url.host !== MEDIA_HOST) return refuse(404, 'Not found');
    const initiator = initiatorOf(request);
    if (initiator !== undefined && initiator !== APP_ORIGIN) return refuse(403, 'Only the Attune window may read recordings');

    if (request.method === 'OPTIONS') {
      // CORS preflight for a fetch() with a Range header.
      return new Response(null, {
        status: 204,
        headers: {
          ...CORS_HEADERS,
          'Access-Control-Allow-Methods': 'GET, HEAD',
          'Access-Control-Allow-Headers': 'Range',
          'Access-Control-Max-Age': '600',
        },
      });
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'Method not allowed');

    const answer = await storedFileResponse(paths, url.pathname, request.headers.get('range'));
    const headers = { ...answer.headers, ...CORS_HEADERS };
    if (!answer.body || request.method === 'HEAD') {
      answer.body?.destroy();
      return new Response(null, { status: answer.status, headers });
    }
    // Cancelling the web stream (the player abandons a range when it seeks) destroys the file stream.
    const body = Readable.toWeb(answer.body) as NodeWebReadableStream<Uint8Array>;
    return new Response(body as unknown as ReadableStream<Uint8Array>, { status: answer.status, headers });
  });
}
