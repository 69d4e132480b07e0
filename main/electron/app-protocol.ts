/**
 * Serves the built renderer (dist/renderer) under `app://attune/`. Read-only, confined to that
 * folder (main/server/static-files.ts refuses anything outside it), GET/HEAD only, and every HTML
 * answer carries the same Content-Security-Policy as browser mode, widened only to let the page
 * load stored files from `attune-media:`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { protocol } from 'electron';
import { COMMON_SECURITY_HEADERS, contentSecurityPolicy } from '../server/security-headers';
import { resolveStatic } from '../server/static-files';
import { APP_HOST, APP_SCHEME, MEDIA_SCHEME } from './schemes';

/** The page's CSP: `connect-src` gets `attune-media:` (peaks are fetched), and so does `media-src` (<video>/<audio>). */
export function electronContentSecurityPolicy(): string {
  return contentSecurityPolicy(`${MEDIA_SCHEME}:`, { mediaFromExtra: true });
}

function plain(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { ...COMMON_SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

/** Registers the `app:` handler on the default session. Call once, after `app` is ready. */
export function registerAppProtocol(rendererDir: string): void {
  const root = path.resolve(rendererDir);
  const csp = electronContentSecurityPolicy();

  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return plain(400, 'Bad address');
    }
    if (url.host !== APP_HOST) return plain(404, 'Not found');

    // An unknown path without a file extension is a client-side route: answer the page itself.
    const looksLikeRoute = path.posix.extname(url.pathname) === '';
    const file = resolveStatic(root, url.pathname) ?? (looksLikeRoute ? resolveStatic(root, '/') : null);
    if (!file) {
      return looksLikeRoute
        ? plain(500, 'The Attune window files are missing. Run "npm run build".')
        : plain(404, 'Not found');
    }

    const headers: Record<string, string> = {
      ...COMMON_SECURITY_HEADERS,
      'Content-Type': file.contentType,
      'Cache-Control': 'no-store',
    };
    if (file.contentType.startsWith('text/html')) headers['Content-Security-Policy'] = csp;
    if (request.method === 'HEAD') return new Response(null, { status: 200, headers });
    try {
      const bytes = await fs.promises.readFile(file.file);
      return new Response(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), { status: 200, headers });
    } catch {
      return plain(404, 'Not found');
    }
  });
}
