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
import { peaksUrl } from '../app/app-info';
import { lanesFromPeaks, type WaveLanes } from './lanes-data';

export { fitLanes, type WaveLanes } from './lanes-data';

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

const prefetched = new Map<string, { promise: Promise<WaveLanes>; controller: AbortController }>();

/** Starts downloading peaks before anything asks for them (see session/prefetch.ts). */
export function prefetchLanes(url: string): void {
  if (prefetched.has(url)) return;
  const controller = new AbortController();
  const promise = fetchLanes(url, controller.signal);
  promise.catch(() => undefined); // whoever takes it reports failures
  prefetched.set(url, { promise, controller });
}

export type PeaksState = { status: 'loading' } | { status: 'ready'; lanes: WaveLanes } | { status: 'error'; message: string };

/** Fetches and decodes the peaks of one recording; refetches when the file changes. */
export function usePeaks(info: AppInfo, media: MediaInfo): PeaksState {
  const url = peaksUrl(info, media.peaksFileName);
  const [result, setResult] = useState<{ url: string; state: PeaksState } | null>(null);
  useEffect(() => {
    const early = prefetched.get(url);
    prefetched.delete(url);
    const controller = early?.controller ?? new AbortController();
    (early?.promise ?? fetchLanes(url, controller.signal)).then(
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

