/** Content-Security-Policy and friends for the renderer's HTML, in browser mode and in Electron. */

/** `extraSource` (a WebSocket origin in browser mode, `attune-media:` in Electron) may be connected to and played from. */
export function contentSecurityPolicy(extraSource: string, options: { mediaFromExtra?: boolean } = {}): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    // wavesurfer.js styles its shadow DOM with a <style> element.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `media-src 'self' blob:${options.mediaFromExtra ? ` ${extraSource}` : ''}`,
    `connect-src 'self' ${extraSource}`.trim(),
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export const COMMON_SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
};
