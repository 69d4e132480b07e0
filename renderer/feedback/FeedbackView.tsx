/**
 * The trainee's Feedback view of a received package (`#/feedback/<id>`): who sent it and when, the
 * recording or clips, the transcript, every point as a jump list with "Read" and a reply, the
 * overall feedback and scores, the trainee's reflection, and "Export reply file…". Nothing here
 * edits the supervisor's content; the trainee's own answers are saved the moment they are made.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AppInfo } from '../../shared/api/contract';
import type { Annotation, Code } from '../../shared/domain/annotation';
import type { ReceivedFeedback } from '../../shared/package/feedback-view';
import { formatTimestamp } from '../../shared/util/format';
import { useAppInfoState } from '../app/app-info';
import { createControls } from '../player/controls';
import { KeyboardHelp } from '../player/KeyboardHelp';
import { PLAYBACK_SHORTCUTS } from '../player/shortcuts';
import { useReviewShortcuts } from '../player/useShortcuts';
import { InfoIcon } from '../ui/icons';
import { ViewHeader } from '../ui/ViewHeader';
import { ViewMessage, ViewSkeleton } from '../ui/ViewMessage';
import type { WaveformHandle } from '../waveform/Waveform';
import { ExportReplyDialog } from './ExportReplyDialog';
import { nextUnread, momentSegments, playFrom, progressText, readProgress } from './feedback-logic';
import { FeedbackOverall } from './FeedbackOverall';
import { FeedbackPoints } from './FeedbackPoints';
import { FeedbackStage } from './FeedbackStage';
import { FeedbackTranscript } from './FeedbackTranscript';
import { useRecordingView } from '../session/useRecordingView';
import { useFeedback, type FeedbackActions } from './useFeedback';

type Tab = 'points' | 'overall';

export function FeedbackView({ id }: { id: string }) {
  const infoState = useAppInfoState();
  const [state, actions] = useFeedback(id);
  if (state.status === 'error') {
    if (state.gone) return <ViewMessage title="This feedback is not in the library" message="It may have been deleted, or it is not a feedback package you received." backToLibrary />;
    return <ViewMessage title="The feedback could not be opened" message={state.message} backToLibrary />;
  }
  if (infoState.status === 'error') return <ViewMessage title="The feedback could not be opened" message={infoState.message} backToLibrary />;
  if (state.status === 'loading' || infoState.status === 'loading') return <ViewSkeleton className="feedback" status="Opening the feedback…" />;
  return <FeedbackWorkspace key={state.feedback.packageId} feedback={state.feedback} info={infoState.info} actions={actions} />;
}

interface WorkspaceProps {
  feedback: ReceivedFeedback;
  info: AppInfo;
  actions: FeedbackActions;
}

function FeedbackWorkspace({ feedback, info, actions }: WorkspaceProps) {
  const { session, annotations, media: received } = feedback;
  const [media, setMedia] = useState<HTMLMediaElement | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(() => annotations[0]?.id ?? null);
  const [tab, setTab] = useState<Tab>('points');
  const [helpOpen, setHelpOpen] = useState(false);
  const [exportOpen, setExportOpen] = useState(false);
  /** Clips: bumps on every Play, so the chosen clip starts once its source is in place. */
  const [clipPlay, setClipPlay] = useState(0);
  const clipPlayPending = useRef(false);
  const waveformRef = useRef<WaveformHandle>(null);
  const listRef = useRef<HTMLDivElement>(null);

  const codes = useMemo(() => new Map<string, Code>(feedback.codebook.codes.map((c) => [c.id, c])), [feedback.codebook]);
  const selected = annotations.find((a) => a.id === selectedId) ?? null;
  const clip = received.kind === 'clips' && selected ? (received.clips[selected.id] ?? null) : null;
  const duration = received.kind === 'clips' ? (clip ? clip.end - clip.start : 0) : session.media.duration;
  const controls = useMemo(() => (media && received.kind !== 'none' ? createControls(media, duration) : null), [media, duration, received.kind]);
  const long = session.media.duration >= 3600;
  const openHelp = useCallback(() => setHelpOpen(true), []);
  useReviewShortcuts(received.kind === 'clips' && !clip ? null : controls, waveformRef, openHelp);
  const headingRef = useRecordingView(session.title, media);

  // Clips: Play starts the newly chosen clip from its beginning once its source is in place.
  useEffect(() => {
    if (!clipPlayPending.current || !controls) return;
    clipPlayPending.current = false;
    controls.seek(0);
    controls.play();
  }, [clipPlay, controls]);

  /** Selects a point (from the list, the waveform or Next unread) and brings its row into view. */
  const select = useCallback((id: string, reveal = false) => {
    setSelectedId(id);
    if (reveal) {
      setTab('points');
      requestAnimationFrame(() => {
        listRef.current?.querySelector(`[data-annotation-id="${CSS.escape(id)}"]`)?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
      });
    }
  }, []);
  const selectFromWaveform = useCallback((id: string) => select(id, true), [select]);
  const selectFromList = useCallback((id: string) => select(id), [select]);

  const play = useCallback(
    (a: Annotation) => {
      setSelectedId(a.id);
      if (received.kind === 'full' && controls) {
        controls.seek(playFrom(a));
        controls.play();
      } else if (received.kind === 'clips') {
        clipPlayPending.current = true;
        setClipPlay((n) => n + 1);
      }
    },
    [received.kind, controls],
  );
  const canPlay = useCallback((a: Annotation) => (received.kind === 'full' ? true : received.kind === 'clips' ? a.id in received.clips : false), [received]);
  const seekTranscript = useCallback(
    (time: number) => {
      if (!controls) return;
      controls.seek(time);
      controls.play();
    },
    [controls],
  );

  const progress = readProgress(annotations, feedback.responses);
  const highlighted = useMemo(() => new Set(selected ? momentSegments(selected, feedback.transcript.segments, Infinity).map((s) => s.id) : []), [selected, feedback.transcript.segments]);
  const offset = received.kind === 'full' ? 0 : clip ? clip.start : null;
  const goNextUnread = () => {
    const i = nextUnread(annotations, feedback.responses, selectedId);
    const next = i >= 0 ? annotations[i] : undefined;
    if (next) select(next.id, true);
  };
  const from = feedback.createdBy.trim() || 'your supervisor';

  return (
    <div className="feedback" data-testid="feedback-view" data-media={received.kind}>
      <ViewHeader
        headingRef={headingRef}
        title={session.title}
        className="fb-header"
        subtitleClassName="fb-subtitle"
        subtitle={
          <>
            <span className="received-badge">Feedback from {from}</span>
            <span>Sent {formatTimestamp(feedback.sourceCreatedAt)}</span>
            {session.trainee && <span>Trainee: {session.trainee}</span>}
            {feedback.deidentified && (
              <span className="fb-deidentified" title="Names and places your supervisor listed were replaced with placeholders (and may be bleeped in the recording).">
                <InfoIcon size={13} /> De-identified
              </span>
            )}
          </>
        }
      >
        <div className="fb-header-actions">
          <div className="fb-progress" data-testid="feedback-progress" aria-live="polite">
            <span className="fb-progress-text">{progressText(progress)}</span>
            <span className="progress fb-progress-bar" aria-hidden="true">
              <span className="progress-fill" style={{ width: `${progress.total ? (progress.read / progress.total) * 100 : 0}%`, display: 'block' }} />
            </span>
          </div>
          <div className="fb-export">
            <button type="button" className="btn btn-primary" onClick={() => setExportOpen(true)} data-testid="feedback-export-reply">
              Export reply file…
            </button>
            {feedback.replyExportedAt && <span className="fb-exported muted">Last exported {formatTimestamp(feedback.replyExportedAt)}</span>}
          </div>
        </div>
      </ViewHeader>

      {feedback.deidentified && (
        <p className="fb-note">
          <InfoIcon size={14} /> Your supervisor de-identified this package: names and places they listed are replaced with placeholders such as [Client]
          {received.kind !== 'none' ? ', and may be bleeped in the recording' : ''}.
        </p>
      )}

      <div className="fb-body">
        <div className="fb-main">
          <FeedbackStage
            feedback={feedback}
            info={info}
            media={media}
            setMedia={setMedia}
            controls={controls}
            waveformRef={waveformRef}
            codes={codes}
            selected={selected}
            onSelect={selectFromWaveform}
            onHelp={openHelp}
          />
          <FeedbackTranscript
            transcript={feedback.transcript}
            media={media}
            offset={offset}
            long={long}
            onSeek={received.kind === 'full' ? seekTranscript : null}
            highlighted={highlighted}
          />
        </div>

        <aside className="fb-side" aria-label="The feedback">
          <div className="tabs" role="tablist" aria-label="Feedback">
            <button type="button" role="tab" id="fb-tab-points" className="tab" aria-selected={tab === 'points'} aria-controls="fb-pane-points" onClick={() => setTab('points')}>
              Points <span className="tab-count">{annotations.length}</span>
            </button>
            <button type="button" role="tab" id="fb-tab-overall" className="tab" aria-selected={tab === 'overall'} aria-controls="fb-pane-overall" onClick={() => setTab('overall')} data-testid="feedback-tab-overall">
              Overall feedback and scores
            </button>
          </div>
          <div className="fb-pane" id="fb-pane-points" role="tabpanel" aria-labelledby="fb-tab-points" hidden={tab !== 'points'} ref={listRef}>
            {annotations.length > 0 && progress.read < progress.total && (
              <div className="fb-pane-tools">
                <span className="muted">Mark each point as read once you have taken it in.</span>
                <button type="button" className="btn btn-quiet btn-small" onClick={goNextUnread}>
                  Next unread
                </button>
              </div>
            )}
            <FeedbackPoints
              annotations={annotations}
              codes={codes}
              transcript={feedback.transcript}
              responses={feedback.responses}
              long={long}
              selectedId={selectedId}
              canPlay={canPlay}
              onSelect={selectFromList}
              onPlay={play}
              onMarkRead={actions.markRead}
              onReply={actions.reply}
            />
          </div>
          <div className="fb-pane" id="fb-pane-overall" role="tabpanel" aria-labelledby="fb-tab-overall" hidden={tab !== 'overall'}>
            <FeedbackOverall feedback={feedback} onReflect={actions.reflect} />
          </div>
        </aside>
      </div>

      <KeyboardHelp open={helpOpen} onClose={() => setHelpOpen(false)} groups={PLAYBACK_SHORTCUTS} />
      <ExportReplyDialog open={exportOpen} sessionId={session.id} onClose={() => setExportOpen(false)} onExported={actions.exported} />
    </div>
  );
}
