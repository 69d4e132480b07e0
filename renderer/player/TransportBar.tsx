/** Play/pause, skip, position, speed and volume for the open recording. */
import { formatClock } from '../../shared/util/format';
import { BackIcon, ForwardIcon, KeyboardIcon, MutedIcon, PauseIcon, PlayIcon, SpinnerIcon, VolumeIcon } from '../ui/icons';
import { PLAYBACK_RATES, type PlayerControls } from './controls';
import { useMediaState, useMediaTime } from './media-state';

interface TransportBarProps {
  media: HTMLMediaElement | null;
  controls: PlayerControls | null;
  duration: number;
  hasVideo: boolean;
  onHelp(): void;
}

function rateLabel(rate: number): string {
  return `${rate}×`;
}

export function TransportBar({ media, controls, duration, hasVideo, onHelp }: TransportBarProps) {
  const state = useMediaState(media, hasVideo);
  const time = useMediaTime(media);
  const playing = !state.paused && !state.ended;
  const disabled = !controls;
  const knownRate = (PLAYBACK_RATES as readonly number[]).includes(state.rate);

  return (
    <div className="transport" role="group" aria-label="Playback">
      <div className="transport-main">
        <button type="button" className="btn btn-icon btn-quiet" onClick={() => controls?.skip(-5)} disabled={disabled} aria-label="Back 5 seconds" title="Back 5 seconds (←)">
          <BackIcon size={18} />
        </button>
        <button
          type="button"
          className="btn btn-play"
          onClick={() => controls?.toggle()}
          disabled={disabled}
          aria-label={playing ? 'Pause' : 'Play'}
          aria-keyshortcuts="Space"
          title={playing ? 'Pause (Space)' : 'Play (Space)'}
        >
          {playing ? <PauseIcon size={18} /> : <PlayIcon size={18} />}
        </button>
        <button type="button" className="btn btn-icon btn-quiet" onClick={() => controls?.skip(5)} disabled={disabled} aria-label="Forward 5 seconds" title="Forward 5 seconds (→)">
          <ForwardIcon size={18} />
        </button>
        <div className="transport-time">
          <span className="transport-current" data-testid="current-time">
            {formatClock(time)}
          </span>
          <span className="transport-sep" aria-hidden="true">
            /
          </span>
          <span className="transport-duration">
            <span className="visually-hidden">of </span>
            {formatClock(duration)}
          </span>
          {state.waiting && (
            <span className="transport-buffering" role="status">
              <SpinnerIcon size={14} />
              <span className="visually-hidden">Loading…</span>
            </span>
          )}
        </div>
      </div>

      <div className="transport-side">
        <label className="transport-field">
          <span className="transport-field-label">Speed</span>
          <select
            className="select select-compact"
            aria-label="Playback speed"
            value={String(state.rate)}
            onChange={(e) => controls?.setRate(Number(e.target.value))}
            disabled={disabled}
          >
            {!knownRate && <option value={String(state.rate)}>{rateLabel(state.rate)}</option>}
            {PLAYBACK_RATES.map((rate) => (
              <option key={rate} value={String(rate)}>
                {rateLabel(rate)}
              </option>
            ))}
          </select>
        </label>

        <div className="transport-volume">
          <button
            type="button"
            className="btn btn-icon btn-quiet"
            onClick={() => controls?.toggleMute()}
            disabled={disabled}
            aria-label={state.muted ? 'Unmute' : 'Mute'}
            aria-pressed={state.muted}
            title={state.muted ? 'Unmute (M)' : 'Mute (M)'}
          >
            {state.muted || state.volume === 0 ? <MutedIcon size={18} /> : <VolumeIcon size={18} />}
          </button>
          <input
            type="range"
            className="range"
            min={0}
            max={1}
            step={0.05}
            value={state.muted ? 0 : state.volume}
            onChange={(e) => controls?.setVolume(Number(e.target.value))}
            disabled={disabled}
            aria-label="Volume"
            aria-valuetext={state.muted ? 'Muted' : `${Math.round(state.volume * 100)}%`}
          />
        </div>

        <button type="button" className="btn btn-icon btn-quiet" onClick={onHelp} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">
          <KeyboardIcon size={18} />
        </button>
      </div>
    </div>
  );
}
