/**
 * Attune's two custom URL schemes. The window's page is served from `app://attune/` (dist/renderer)
 * and stored recordings/peaks from `attune-media://local/…`. Nothing else is ever loaded.
 */
import { protocol } from 'electron';

export const APP_SCHEME = 'app';
export const APP_HOST = 'attune';
/** The origin of the window's page; IPC is accepted only from this origin's main frame. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/`;

export const MEDIA_SCHEME = 'attune-media';
export const MEDIA_HOST = 'local';
/** The `mediaBase` the renderer is told (`app.info`): `${MEDIA_BASE}/media/<file>`, `${MEDIA_BASE}/peaks/<file>`. */
export const MEDIA_BASE = `${MEDIA_SCHEME}://${MEDIA_HOST}`;

/** Whether `url` is a page or asset of ours (`app://attune/…`). Strict: scheme and host must match exactly. */
export function isAppUrl(url: string): boolean {
  if (!url.startsWith(`${APP_ORIGIN}/`)) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Whether `url` addresses our stored-file scheme (`attune-media://local/…`). */
export function isMediaUrl(url: string): boolean {
  return url.startsWith(`${MEDIA_BASE}/`);
}

/**
 * Must run before `app` is ready, and only once (Electron allows one call). Both schemes are
 * standard (relative URLs, origins), secure (a secure context, like https), may be fetched and
 * streamed (the <video> element seeks with Range requests). Media is fetched cross-origin from the
 * page (peaks via fetch), so that scheme is CORS-enabled; its handler answers only our origin.
 * Neither scheme bypasses the page's Content-Security-Policy.
 */
export function registerPrivilegedSchemes(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true },
    },
    {
      scheme: MEDIA_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, corsEnabled: true },
    },
  ]);
}
