/** Times in messages about annotations and reviews, and how far past the recording's end a time may fall. */

/** Times up to this far past the recording's end are rounding (another tool's, or a frame's length) and count as its end. */
export const DURATION_TOLERANCE_S = 0.05;

function plain(seconds: number, decimals: number): string {
  const factor = 10 ** decimals;
  const scaled = Math.floor(seconds * factor + 1e-6);
  const whole = Math.floor(scaled / factor);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const fraction = decimals > 0 ? `.${String(scaled % factor).padStart(decimals, '0')}` : '';
  const ss = `${String(s).padStart(2, '0')}${fraction}`;
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/**
 * A time as a clinician reads it: `58:10` under an hour, `1:02:03` above. When `other` (the time it
 * is compared with) would read the same, tenths or milliseconds are added so the two differ.
 */
export function clock(seconds: number, other?: number): string {
  for (const decimals of [0, 1, 3]) {
    const text = plain(seconds, decimals);
    if (other === undefined || text !== plain(other, decimals)) return text;
  }
  return plain(seconds, 3);
}
