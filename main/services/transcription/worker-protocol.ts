/** Messages between the transcription queue (main process) and the engine worker (its own process). */

export interface TimeRange {
  start: number;
  end: number;
}

/** Queue → worker: one job per worker process. */
export interface StartMessage {
  type: 'start';
  modelPath: string;
  /** A Silero VAD model; null to transcribe everything. */
  vadModelPath: string | null;
  /** Speech regions from an earlier run of this job (VAD is not run again), or null. */
  speech: TimeRange[] | null;
  /** 16 kHz mono s16le PCM. */
  pcmPath: string;
  /** Seconds: transcribe from here (resume). */
  from: number;
  language: string;
  threads: number;
  /** Whisper's temperature fallback step; 0 disables retries (random-weight test models). */
  temperatureInc: number | null;
}

export interface EngineSegment {
  /** Seconds on the recording's timeline. */
  start: number;
  end: number;
  text: string;
}

/** Worker → queue. */
export type WorkerMessage =
  | { type: 'loaded' }
  /** VAD ran: the speech regions of the whole recording. */
  | { type: 'speech'; regions: TimeRange[] }
  /** `percent` of the whole job; `processed`/`remaining` seconds of audio in this run. */
  | { type: 'progress'; percent: number; processed: number; remaining: number }
  /** New segments; the recording is transcribed up to `coveredUntil` seconds. */
  | { type: 'segments'; segments: EngineSegment[]; coveredUntil: number }
  | { type: 'done'; coveredUntil: number }
  | { type: 'error'; code: string; message: string };

export const SAMPLE_RATE = 16000;
