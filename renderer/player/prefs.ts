/** Volume and mute are remembered between sessions (speed deliberately is not: each review starts at 1×). */
const PREFS_KEY = 'attune.player';

interface PlayerPrefs {
  volume: number;
  muted: boolean;
}

function loadPrefs(): PlayerPrefs {
  try {
    const raw = JSON.parse(localStorage.getItem(PREFS_KEY) ?? '{}') as Partial<PlayerPrefs>;
    return {
      volume: typeof raw.volume === 'number' && raw.volume >= 0 && raw.volume <= 1 ? raw.volume : 1,
      muted: raw.muted === true,
    };
  } catch {
    return { volume: 1, muted: false };
  }
}

export function savePrefs(media: HTMLMediaElement): void {
  try {
    localStorage.setItem(PREFS_KEY, JSON.stringify({ volume: media.volume, muted: media.muted }));
  } catch {
    // Preferences are a convenience; a full or blocked storage is not worth bothering anyone about.
  }
}

/** Applies the remembered volume and pitch-preserving speed changes to a freshly mounted element. */
export function applyPlayerPrefs(media: HTMLMediaElement): void {
  const prefs = loadPrefs();
  media.volume = prefs.volume;
  media.muted = prefs.muted;
  media.preservesPitch = true;
}
