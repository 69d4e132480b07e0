/**
 * The transcript, read-only: speaker and text per line, the line being played marked and kept in
 * view while playing, the selected point's lines tinted. With the whole recording a line is a
 * button that plays from there; `offset` maps a clip's time to the session's.
 */
import { memo, useEffect, useRef } from 'react';
import type { SpeakerRole, Transcript, TranscriptSegment } from '../../shared/domain/transcript';
import { useMediaState, useMediaTime } from '../player/media-state';
import { formatSegmentTime, segmentAt } from '../transcript/transcript-logic';

interface TranscriptProps {
  transcript: Transcript;
  media: HTMLMediaElement | null;
  /** Session time of the media's 0 (a clip's start); null: nothing plays, nothing follows. */
  offset: number | null;
  long: boolean;
  /** Plays from a session time (whole recording only). */
  onSeek: ((time: number) => void) | null;
  highlighted: ReadonlySet<string>;
}

const SPEAKER_CLASS: Record<SpeakerRole, string> = { counselor: 'spk-counselor', client: 'spk-client', other: 'spk-other' };

export function FeedbackTranscript({ transcript, media, offset, long, onSeek, highlighted }: TranscriptProps) {
  const time = useMediaTime(media, 4);
  const playing = !useMediaState(media, false).paused;
  const segments = transcript.segments;
  const current = offset === null || !media ? -1 : segmentAt(segments, offset + time);
  const listRef = useRef<HTMLOListElement>(null);

  // While playing, keep the current line in view (within the list only, never scrolling the page).
  useEffect(() => {
    const list = listRef.current;
    if (!playing || current < 0 || !list) return;
    const row = list.querySelector<HTMLElement>(`[data-index="${current}"]`);
    if (!row) return;
    const top = row.offsetTop; // the list is positioned: offsets are within it
    if (top < list.scrollTop || top + row.offsetHeight > list.scrollTop + list.clientHeight) {
      list.scrollTo({ top: Math.max(0, top - list.clientHeight / 3), behavior: 'smooth' });
    }
  }, [current, playing]);

  return (
    <section className={`fb-transcript ${segments.length === 0 ? 'is-empty' : ''}`} aria-labelledby="fb-transcript-title">
      <div className="fb-section-head">
        <h2 id="fb-transcript-title">Transcript</h2>
        {segments.length > 0 && <span className="muted">{segments.length.toLocaleString()} lines</span>}
      </div>
      {segments.length === 0 ? (
        <p className="fb-empty muted">This package has no transcript.</p>
      ) : (
        <ol ref={listRef} className="fb-transcript-list" data-testid="feedback-transcript">
          {segments.map((s, i) => (
            <Line
              key={s.id}
              segment={s}
              index={i}
              speaker={s.speaker ? transcript.speakerNames[s.speaker] : null}
              long={long}
              current={i === current}
              highlighted={highlighted.has(s.id)}
              onSeek={onSeek}
            />
          ))}
        </ol>
      )}
    </section>
  );
}

interface LineProps {
  segment: TranscriptSegment;
  index: number;
  speaker: string | null;
  long: boolean;
  current: boolean;
  highlighted: boolean;
  onSeek: ((time: number) => void) | null;
}

const Line = memo(function Line({ segment, index, speaker, long, current, highlighted, onSeek }: LineProps) {
  const time = formatSegmentTime(segment.start, long);
  const className = ['fb-line', current && 'is-playing', highlighted && 'is-highlighted', segment.speaker && SPEAKER_CLASS[segment.speaker]].filter(Boolean).join(' ');
  const body = (
    <>
      <span className="fb-line-time num">{time}</span>
      <span className="fb-line-main">
        <span className="fb-line-speaker">{speaker ?? 'Speaker not set'}</span>
        <span className="fb-line-text">{segment.text || <span className="muted">(no words)</span>}</span>
      </span>
    </>
  );
  return (
    <li className={className} data-index={index} data-segment-id={segment.id} aria-current={current ? 'time' : undefined}>
      {onSeek ? (
        <button type="button" className="fb-line-button" onClick={() => onSeek(segment.start)} aria-label={`Play from ${time}, ${speaker ?? 'no speaker'}: ${segment.text}`}>
          {body}
        </button>
      ) : (
        <div className="fb-line-button is-static">{body}</div>
      )}
    </li>
  );
});
