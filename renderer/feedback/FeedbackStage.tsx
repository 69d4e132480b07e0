/**
 * What the trainee plays: the whole recording with its waveform and the points on it (a package
 * with the recording), the selected point's clip (a package with clips), or a note that the
 * package holds no recording. Playback uses the session view's own parts (controls, transport,
 * waveform); the waveform here is read-only — a drag marks nothing and the points do not move.
 */
import { memo, useMemo, type RefObject } from 'react';
import type { AppInfo } from '../../shared/api/contract';
import type { Annotation, Code } from '../../shared/domain/annotation';
import type { SessionReview } from '../../shared/domain/review';
import type { ReceivedClip, ReceivedFeedback } from '../../shared/package/feedback-view';
import { annotationTime } from '../annotations/annotation-text';
import { mediaUrl } from '../app/app-info';
import type { PlayerControls } from '../player/controls';
import { useMediaState, useMediaTime, useSettledTime } from '../player/media-state';
import { formatClock } from '../../shared/util/format';
import { RecordingMedia, WavePanel } from '../player/RecordingStage';
import { TransportBar } from '../player/TransportBar';
import { AlertIcon, InfoIcon } from '../ui/icons';
import { usePeaks } from '../waveform/peaks';
import { Waveform, type WaveformAnnotations, type WaveformHandle } from '../waveform/Waveform';

const MemoWaveform = memo(Waveform);
const MemoTransportBar = memo(TransportBar);
const MONO = ['Mono'];
const STEREO = ['Left', 'Right'];

interface StageProps {
  feedback: ReceivedFeedback;
  info: AppInfo;
  media: HTMLMediaElement | null;
  setMedia(media: HTMLMediaElement | null): void;
  controls: PlayerControls | null;
  waveformRef: RefObject<WaveformHandle | null>;
  codes: ReadonlyMap<string, Code>;
  selected: Annotation | null;
  onSelect(id: string): void;
  onHelp(): void;
}

export function FeedbackStage(props: StageProps) {
  const { feedback } = props;
  if (feedback.media.kind === 'full') return <FullRecording {...props} />;
  if (feedback.media.kind === 'clips') return <ClipPlayer {...props} clips={feedback.media.clips} hasVideo={feedback.media.hasVideo} />;
  return (
    <div className="fb-no-media" data-testid="feedback-no-media">
      <InfoIcon size={18} />
      <div>
        <p className="fb-no-media-title">This package holds no recording</p>
        <p className="muted">Your supervisor sent the feedback as text. The times on each point refer to the session’s recording.</p>
      </div>
    </div>
  );
}

function FullRecording({ feedback, info, media, setMedia, controls, waveformRef, codes, selected, onSelect, onHelp }: StageProps) {
  const { session } = feedback;
  const facts = session.media;
  const peaks = usePeaks(info, facts);
  const mediaState = useMediaState(media, facts.hasVideo);
  const settledTime = useSettledTime(media);
  const rows = Math.max(1, facts.channels);
  const rowHeight = facts.hasVideo ? (rows > 1 ? 48 : 80) : rows > 1 ? 72 : 120;
  const long = facts.duration >= 600;
  const selectedId = selected?.id ?? null;
  const annotations = useMemo<WaveformAnnotations>(
    () => ({
      items: feedback.annotations,
      codes,
      selectedId,
      inPoint: null,
      callbacks: {
        onSelect: (id) => onSelect(id),
        // Read-only: a moved point goes back, a dragged-out span is dropped.
        onChange: () => Promise.resolve(false),
        onDraft: () => waveformRef.current?.clearDraft(),
      },
    }),
    [feedback.annotations, codes, selectedId, onSelect, waveformRef],
  );
  const seek = useMemo(() => (time: number) => controls?.seek(time), [controls]);
  const src = mediaUrl(info, facts.fileName);
  return (
    <section className={`fb-stage ${facts.hasVideo ? 'fb-stage-video' : ''}`} aria-label="Recording">
      <RecordingMedia facts={facts} src={src} title={session.title} setMedia={setMedia} controls={controls} frameClassName="fb-video-frame" />
      <WavePanel
        mediaError={mediaState.error}
        peaks={peaks}
        canShow={!!media}
        rowHeight={rowHeight}
        rows={rows}
        waveform={(lanes) =>
          media && (
            <MemoWaveform
              ref={waveformRef}
              media={media}
              lanes={lanes}
              duration={facts.duration}
              rowHeight={rowHeight}
              showMinimap={long}
              channelNames={facts.channels > 1 ? STEREO : MONO}
              settledTime={settledTime}
              onSeek={seek}
              annotations={annotations}
              phases={phasesOf(feedback.review)}
            />
          )
        }
      />
      <MemoTransportBar media={media} controls={controls} duration={facts.duration} hasVideo={facts.hasVideo} onHelp={onHelp} />
    </section>
  );
}

function phasesOf(review: SessionReview): SessionReview['phases'] | null {
  return Object.values(review.phases).some((p) => p !== null) ? review.phases : null;
}

/** The clip of the selected point: a video or audio element on the clip's own file, with the transport. */
function ClipPlayer({
  feedback,
  info,
  media,
  setMedia,
  controls,
  codes,
  selected,
  onHelp,
  clips,
  hasVideo,
}: StageProps & { clips: Record<string, ReceivedClip>; hasVideo: boolean }) {
  const clip = selected ? (clips[selected.id] ?? null) : null;
  const mediaState = useMediaState(media, hasVideo);
  const long = feedback.session.media.duration >= 3600;
  const src = clip ? mediaUrl(info, clip.fileName) : undefined;
  const label = selected ? `${codes.get(selected.codeId)?.name ?? 'Point'}, ${annotationTime(selected, long)}` : null;
  return (
    <section className={`fb-stage fb-clip ${hasVideo ? 'fb-stage-video' : ''}`} aria-label="Clip of the selected point" data-testid="feedback-clip">
      <div className="fb-clip-head">
        <span className="fb-clip-title">{label ? `Clip: ${label}` : 'Clips'}</span>
        {clip && (
          <span className="fb-clip-range num">
            {annotationTime({ start: clip.start, end: clip.end }, long)} of the session
          </span>
        )}
      </div>
      {/* One element for every clip: choosing another point changes its source, the controls stay. */}
      {hasVideo ? (
        <div className="video-frame fb-video-frame" hidden={!clip}>
          <video ref={setMedia} src={src} preload="auto" playsInline className="video" aria-label={label ? `Clip: ${label}` : 'Clip'} onClick={() => controls?.toggle()} />
        </div>
      ) : (
        <audio ref={setMedia} src={src} preload="auto" hidden />
      )}
      {!clip && (
        <p className="fb-clip-none muted" role="status">
          {selected ? 'This point has no clip in the package.' : 'Choose a point to play its clip.'}
        </p>
      )}
      {mediaState.error && clip && (
        <p className="inline-alert" role="alert">
          <AlertIcon /> {mediaState.error}
        </p>
      )}
      {clip && <ClipScrubber media={media} controls={controls} clipStart={clip.start} length={clip.end - clip.start} long={long} />}
      <MemoTransportBar media={clip ? media : null} controls={clip ? controls : null} duration={clip ? clip.end - clip.start : 0} hasVideo={hasVideo} onHelp={onHelp} />
    </section>
  );
}

/** A clip has no waveform: a slider moves through it, labelled with the session's own clock. */
function ClipScrubber({ media, controls, clipStart, length, long }: { media: HTMLMediaElement | null; controls: PlayerControls | null; clipStart: number; length: number; long: boolean }) {
  const time = useMediaTime(media, 10);
  const at = Math.min(length, time);
  return (
    <div className="fb-scrub">
      <span className="num fb-scrub-time">{annotationTime({ start: clipStart + at, end: null }, long)}</span>
      <input
        type="range"
        className="range fb-scrub-range"
        min={0}
        max={length}
        step={0.1}
        value={at}
        onChange={(e) => controls?.seek(Number(e.target.value))}
        disabled={!controls}
        aria-label="Position in the clip"
        aria-valuetext={`${formatClock(at)} of ${formatClock(length)} into the clip`}
      />
      <span className="num fb-scrub-time">{annotationTime({ start: clipStart + length, end: null }, long)}</span>
    </div>
  );
}
