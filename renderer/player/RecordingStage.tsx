/**
 * The parts of a recording's stage that the session view and the trainee's Feedback view share:
 * the media element (a video in its frame, or hidden audio) and the waveform panel with its
 * playback error, loading placeholder and "no waveform" note. Each view lays them out itself.
 */
import type { CSSProperties, ReactNode } from 'react';
import type { MediaInfo } from '../../shared/domain/session';
import { AlertIcon } from '../ui/icons';
import type { PeaksState, WaveLanes } from '../waveform/peaks';
import type { PlayerControls } from './controls';

interface RecordingMediaProps {
  facts: Pick<MediaInfo, 'hasVideo' | 'width' | 'height'>;
  src: string;
  title: string;
  setMedia(media: HTMLMediaElement | null): void;
  controls: PlayerControls | null;
  frameClassName?: string;
}

/** The one media element of the stage: clicking the video plays or pauses it. */
export function RecordingMedia({ facts, src, title, setMedia, controls, frameClassName }: RecordingMediaProps) {
  if (!facts.hasVideo) return <audio ref={setMedia} src={src} preload="auto" hidden />;
  const style: CSSProperties | undefined = facts.width && facts.height ? { aspectRatio: `${facts.width} / ${facts.height}` } : undefined;
  return (
    <div className={frameClassName ? `video-frame ${frameClassName}` : 'video-frame'}>
      <video ref={setMedia} src={src} preload="auto" playsInline className="video" aria-label={`Video of ${title}`} onClick={() => controls?.toggle()} style={style} />
    </div>
  );
}

interface WavePanelProps {
  /** Why the recording does not play, if it does not. */
  mediaError: string | null;
  peaks: PeaksState;
  /** Whatever else the waveform waits for (the media element, a measured stage). */
  canShow: boolean;
  /** The placeholder's height: the waveform's rows and its chrome. */
  rowHeight: number;
  rows: number;
  waveform(lanes: WaveLanes): ReactNode;
}

export function WavePanel({ mediaError, peaks, canShow, rowHeight, rows, waveform }: WavePanelProps) {
  return (
    <div className="wave-panel">
      {mediaError && (
        <p className="inline-alert" role="alert">
          <AlertIcon /> {mediaError}
        </p>
      )}
      {peaks.status === 'ready' && canShow ? (
        waveform(peaks.lanes)
      ) : peaks.status === 'error' ? (
        <div className="wave-placeholder wave-error" role="alert">
          <AlertIcon /> <span>{peaks.message} Playback still works.</span>
        </div>
      ) : (
        <div className="wave-placeholder" style={{ height: rowHeight * rows + 56 }} aria-busy="true">
          <span className="visually-hidden" role="status">
            Loading the waveform…
          </span>
        </div>
      )}
    </div>
  );
}
