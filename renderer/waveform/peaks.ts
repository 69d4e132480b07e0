/**
 * Loads a recording's stored peaks (never the recording itself) and turns them into what
 * wavesurfer's renderer can draw.
 *
 * Our peaks are, per channel, interleaved min/max pairs at 100 buckets per second. Wavesurfer takes
 * one array per "channel" and draws |value|: channel 0 above the centre line and, when there is a
 * second array, channel 1 below it. So each recorded channel becomes two lanes — its maxima (drawn
 * upwards) and its minima (drawn downwards) — which we overlay on one row with our own lane
 * renderer (see lanes.ts). A stereo file therefore has four lanes on two rows: left, then right.
 */
import { useEffect, useState } from 'react';
import type { AppInfo } from '../../shared/api/contract';
import type { MediaInfo } from '../../shared/domain/session';
import { decodePeaks } from '../../shared/media/peaks-format';
import { peaksUrl } from '../app/app-info';

export interface WaveLanes {
  /** [ch0 max, ch0 min, ch1 max, ch1 min, …], one value per bucket, in [-1, 1]. */
  lanes: Float32Array[];
  channels: number;
  bucketsPerSecond: number;
  bucketCount: number;
  /** Largest absolute value over all lanes (0 for pure silence). */
  peak: number;
}

export function lanesFromPeaks(bytes: Uint8Array): WaveLanes {
  const decoded = decodePeaks(bytes);
  const { bucketCount } = decoded;
  const lanes: Float32Array[] = [];
  let peak = 0;
  for (const minMax of decoded.minMax) {
    const max = new Float32Array(bucketCount);
    const min = new Float32Array(bucketCount);
    for (let b = 0; b < bucketCount; b++) {
      const lo = minMax[2 * b] ?? 0;
      const hi = minMax[2 * b + 1] ?? 0;
      min[b] = lo;
      max[b] = hi;
      if (hi > peak) peak = hi;
      if (-lo > peak) peak = -lo;
    }
    lanes.push(max, min);
  }
  return { lanes, channels: decoded.channels, bucketsPerSecond: decoded.bucketsPerSecond, bucketCount, peak };
}

export class PeaksError extends Error {}

export async function fetchLanes(url: string, signal: AbortSignal): Promise<WaveLanes> {
  let response: Response;
  try {
    response = await fetch(url, { signal, cache: 'no-store' });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new PeaksError('The waveform could not be loaded because Attune’s background service did not answer.');
  }
  if (response.status === 404) {
    throw new PeaksError('The waveform data for this recording is missing from the library folder, so it cannot be drawn.');
  }
  if (!response.ok) throw new PeaksError(`The waveform could not be loaded (the service answered ${response.status}).`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  try {
    const lanes = lanesFromPeaks(bytes);
    if (lanes.bucketCount === 0) throw new Error('Waveform data is empty.');
    return lanes;
  } catch (error) {
    throw new PeaksError(`The waveform data for this recording is damaged: ${(error as Error).message}`);
  }
}

export type PeaksState = { status: 'loading' } | { status: 'ready'; lanes: WaveLanes } | { status: 'error'; message: string };

/** Fetches and decodes the peaks of one recording; refetches when the file changes. */
export function usePeaks(info: AppInfo, media: MediaInfo): PeaksState {
  const url = peaksUrl(info, media.peaksFileName);
  const [result, setResult] = useState<{ url: string; state: PeaksState } | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    fetchLanes(url, controller.signal).then(
      (lanes) => setResult({ url, state: { status: 'ready', lanes } }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const message = error instanceof PeaksError ? error.message : 'The waveform could not be loaded.';
        setResult({ url, state: { status: 'error', message } });
      },
    );
    return () => controller.abort();
  }, [url]);
  return result && result.url === url ? result.state : { status: 'loading' };
}
