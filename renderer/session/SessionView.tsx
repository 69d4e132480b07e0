/**
 * One session: its recording (video, or a hidden audio element), the waveform timeline with the
 * annotations, the transport, and beside them the transcript, the annotations, the scores and the
 * editable record. Only the peaks fetch gates the waveform; everything else renders as soon as the
 * session is known.
 */
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AppInfo } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import type { Session } from '../../shared/domain/session';
import type { TranscriptSegment } from '../../shared/domain/transcript';
import { PHASES } from '../../shared/domain/review';
import { api, errorMessage } from '../api/client';
import { mediaUrl, useAppInfoState } from '../app/app-info';
import { libraryHref, navigate } from '../app/router';
import { findSession, removeSession, upsertSession } from '../library/library-store';
import { useElementHeight } from '../lib/useElementHeight';
import { createControls } from '../player/controls';
import { KeyboardHelp } from '../player/KeyboardHelp';
import { useMediaState, useSettledTime } from '../player/media-state';
import { RecordingMedia, WavePanel } from '../player/RecordingStage';
import { TransportBar } from '../player/TransportBar';
import { useReviewShortcuts } from '../player/useShortcuts';
import { AudioIcon, TrashIcon, VideoIcon } from '../ui/icons';
import { showError, showNotice } from '../ui/toasts';
import { ViewHeader } from '../ui/ViewHeader';
import { ViewMessage, ViewSkeleton } from '../ui/ViewMessage';
import { usePeaks } from '../waveform/peaks';
import { Waveform, type WaveformHandle } from '../waveform/Waveform';
import { DeleteSessionDialog } from './DeleteSessionDialog';
import { takePrefetchedSession } from './prefetch';
import { useRecordingView } from './useRecordingView';
import { MetadataPanel } from './MetadataPanel';
import { StatusBadge } from '../ui/StatusBadge';
import { TechnicalDetails } from './TechnicalDetails';
import { useJobs } from '../transcript/jobs-store';
import { TranscribeDialog } from '../transcript/TranscribeDialog';
import { TranscriptPanel } from '../transcript/TranscriptPanel';
import { useTranscript } from '../transcript/useTranscript';
import { SidebarTabs, isSidebarTab, type SidebarTab } from './SidebarTabs';
import { AnnotationsPanel } from '../annotations/AnnotationsPanel';
import { AnnotationToolbar } from '../annotations/AnnotationToolbar';
import { annotationTime } from '../annotations/annotation-text';
import { CodePicker } from '../annotations/CodePicker';
import { useAnnotating } from '../annotations/useAnnotating';
import { ScoringPanel } from '../scoring/ScoringPanel';
import { ExportButton } from '../export/ExportButton';
import { ReflectionNote } from '../feedback/RepliesNote';
import { useReplies } from '../feedback/useReplies';

type Loaded = { session: Session | null; error: string | null; gone: boolean };
const NO_SEGMENTS: readonly TranscriptSegment[] = [];
const MONO = ['Mono'];
const STEREO = ['Left', 'Right'];

// The workspace re-renders on every new annotation, seek and selection: each part re-renders only
// when its own props change, so adding an annotation does not re-render the transcript, the scores,
// the transport or the dialogs.
const MemoWaveform = memo(Waveform);
const MemoTransportBar = memo(TransportBar);
const MemoSidebarTabs = memo(SidebarTabs);
const MemoTranscriptPanel = memo(TranscriptPanel);
const MemoAnnotationsPanel = memo(AnnotationsPanel);
const MemoAnnotationToolbar = memo(AnnotationToolbar);
const MemoScoringPanel = memo(ScoringPanel);
const MemoMetadataPanel = memo(MetadataPanel);
const MemoTechnicalDetails = memo(TechnicalDetails);
const MemoTranscribeDialog = memo(TranscribeDialog);
const MemoKeyboardHelp = memo(KeyboardHelp);
const MemoDeleteSessionDialog = memo(DeleteSessionDialog);

/**
 * `value` while `live`; while not, the value it had when last live. The Scores tab computes its
 * summary scores from the annotations: hidden, it keeps the last ones it showed instead of
 * recomputing on every new annotation, and catches up the moment it is shown again.
 */
function useLatchedWhile<T>(value: T, live: boolean): T {
  const [latched, setLatched] = useState(value);
  if (live && latched !== value) setLatched(value);
  return live ? value : latched;
}

/** The session, shown at once from the library cache and then refreshed from the Node side. */
function useSession(id: string): [Loaded, (session: Session) => void] {
  const [loaded, setLoaded] = useState<Loaded>(() => ({ session: findSession(id), error: null, gone: false }));
  useEffect(() => {
    let live = true;
    const fetchIt = (first = false) =>
      ((first && takePrefetchedSession(id)) || api.invoke('sessions.get', { id })).then(
        (session) => live && setLoaded({ session, error: null, gone: false }),
        (error: unknown) => {
          if (!live) return;
          const gone = error instanceof ApiError && error.code === 'not_found';
          setLoaded((prev) => ({ session: gone ? null : prev.session, error: errorMessage(error), gone }));
        },
      );
    void fetchIt(true);
    const off = api.on('library.changed', ({ sessionId }) => {
      if (sessionId === null || sessionId === id) void fetchIt();
    });
    return () => {
      live = false;
      off();
    };
  }, [id]);
  const replace = useCallback((session: Session) => {
    setLoaded({ session, error: null, gone: false });
    upsertSession(session);
  }, []);
  return [loaded, replace];
}

export function SessionView({ id, at = null }: { id: string; /** Open with the playhead at this second (a search hit, a progress point). */ at?: number | null }) {
  const infoState = useAppInfoState();
  const [{ session, error, gone }, replaceSession] = useSession(id);

  if (!session) {
    if (gone) return <ViewMessage title="This session is not in the library" message="It may have been deleted, possibly from another Attune window." backToLibrary />;
    if (error) return <ViewMessage title="The session could not be opened" message={error} backToLibrary />;
    return <SessionSkeleton />;
  }
  if (infoState.status === 'error') return <ViewMessage title="Attune is not answering" message={infoState.message} />;
  if (infoState.status === 'loading') return <SessionSkeleton />;
  return <SessionWorkspace key={session.id} session={session} info={infoState.info} onSaved={replaceSession} at={at} />;
}

/** Rows that fill the stage: its height minus the transport, the panel's chrome, the phases band and the minimap. */
function audioRowHeight(stageHeight: number, rows: number, minimap: boolean, phaseBand: boolean): number {
  if (stageHeight <= 0) return rows > 1 ? 110 : 180;
  const chrome = 58 + 12 + 8 + 24 + 30 + 22 + 2 + (minimap ? 46 : 0) + (phaseBand ? 12 : 0);
  const fit = Math.floor((stageHeight - chrome) / rows / 8) * 8;
  return Math.max(72, Math.min(rows > 1 ? 300 : 440, fit));
}

function SessionSkeleton() {
  return <ViewSkeleton className="session" status="Opening the session…" />;
}

interface WorkspaceProps {
  session: Session;
  info: AppInfo;
  onSaved(session: Session): void;
  /** Seek here once the recording can, and again whenever it changes. */
  at: number | null;
}

function SessionWorkspace({ session, info, onSaved, at }: WorkspaceProps) {
  const { media: facts } = session;
  const [media, setMedia] = useState<HTMLMediaElement | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const [deleteOpen, setDeleteOpen] = useState(false);
  const [transcribeOpen, setTranscribeOpen] = useState(false);
  const [tab, setTab] = useState<SidebarTab>(() => {
    const saved = sessionStorage.getItem('attune.sessionTab');
    return isSidebarTab(saved) ? saved : 'transcript';
  });
  const [transcriptState, transcriptActions] = useTranscript(session.id);
  const job = useJobs().bySession.get(session.id);
  const transcript = transcriptState.status === 'ready' ? transcriptState.transcript : null;
  const openTranscribe = useCallback(() => {
    setTab('transcript');
    setTranscribeOpen(true);
  }, []);
  useEffect(() => {
    try {
      sessionStorage.setItem('attune.sessionTab', tab);
    } catch {
      // remembering the tab is a nicety
    }
  }, [tab]);
  const waveformRef = useRef<WaveformHandle>(null);
  const peaks = usePeaks(info, facts);
  const controls = useMemo(() => (media ? createControls(media, facts.duration) : null), [media, facts.duration]);
  const mediaState = useMediaState(media, facts.hasVideo);
  const settledTime = useSettledTime(media);
  const openHelp = useCallback(() => setHelpOpen(true), []);
  useReviewShortcuts(controls, waveformRef, openHelp);
  const showAnnotations = useCallback(() => setTab('annotations'), []);
  const annotating = useAnnotating({ sessionId: session.id, media, controls, duration: facts.duration, waveformRef, showAnnotations });
  // The trainee's replies, once a reply file has been merged (shown beside each annotation and on the Scores tab).
  const replies = useReplies(session.id);
  const { model: annotations, select: selectAnnotation } = annotating;
  const currentTime = useCallback(() => media?.currentTime ?? 0, [media]);
  const showAnnotation = useCallback((id: string) => selectAnnotation(id, true), [selectAnnotation]);

  const headingRef = useRecordingView(session.title, media);

  const src = mediaUrl(info, facts.fileName);
  const seek = useCallback((time: number) => controls?.seek(time), [controls]);
  // Opened at a moment (a search hit, a progress point): the playhead goes there once the recording's length is known.
  useEffect(() => {
    if (at === null || !media || !controls) return;
    const go = () => controls.seek(at);
    if (media.readyState >= HTMLMediaElement.HAVE_METADATA) go();
    else media.addEventListener('loadedmetadata', go, { once: true });
    return () => media.removeEventListener('loadedmetadata', go);
  }, [at, media, controls]);
  const long = facts.duration >= 600;
  // Audio-only sessions give the waveform the whole stage; with video it keeps a fixed size.
  const stageRef = useRef<HTMLElement>(null);
  const stageHeight = useElementHeight(stageRef);
  const rows = Math.max(1, facts.channels);
  const phases = annotating.review.review?.phases ?? null;
  const phaseBand = phases !== null && PHASES.some((p) => phases[p] !== null);
  const rowHeight = facts.hasVideo ? (rows > 1 ? 56 : 96) : audioRowHeight(stageHeight, rows, long, phaseBand);
  const channelNames = facts.channels > 1 ? STEREO : MONO;
  const scoringAnnotations = useLatchedWhile(annotations.sorted, tab === 'scores');
  const sessionIds = useMemo(() => [session.id], [session.id]);
  const closeHelp = useCallback(() => setHelpOpen(false), []);
  const closeTranscribe = useCallback(() => setTranscribeOpen(false), []);
  const closeDelete = useCallback(() => setDeleteOpen(false), []);
  const onDeleteError = useCallback((e: unknown) => showError(errorMessage(e), 'The session was not deleted'), []);
  const { id: sessionId, title } = session;
  const onDeleted = useCallback(() => {
    removeSession(sessionId);
    navigate(libraryHref);
    showNotice(`“${title}” was deleted.`);
  }, [sessionId, title]);
  const toolbarStart = useMemo(
    () => (
      <MemoAnnotationToolbar
        undo={annotations.undo}
        onUndo={annotations.actions.undo}
        onRedo={annotations.actions.redo}
        inPoint={annotating.inPoint}
        onClearInPoint={annotating.clearInPoint}
      />
    ),
    [annotations.undo, annotations.actions, annotating.inPoint, annotating.clearInPoint],
  );

  return (
    <div className={`session ${facts.hasVideo ? 'session-video' : 'session-audio'}`}>
      <ViewHeader
        headingRef={headingRef}
        title={session.title}
        subtitle={
          <>
            <StatusBadge status={session.status} />
            <span className="session-kind">
              {facts.hasVideo ? <VideoIcon size={14} /> : <AudioIcon size={14} />}
              {facts.hasVideo ? 'Video' : 'Audio'} · {facts.channels > 1 ? 'Stereo' : 'Mono'}
            </span>
            {session.trainee && <span className="session-meta">Trainee: {session.trainee}</span>}
          </>
        }
      >
        <div className="session-actions">
          <ExportButton session={session} />
          <button
            type="button"
            className="btn btn-secondary"
            onClick={openTranscribe}
            disabled={!!job || transcriptState.status === 'unavailable'}
            title={transcriptState.status === 'unavailable' ? transcriptState.message : undefined}
          >
            {job ? `Transcribing… ${job.status === 'running' ? `${Math.round(job.percent)}%` : ''}` : 'Transcribe…'}
          </button>
          <button type="button" className="btn btn-secondary btn-danger-quiet" onClick={() => setDeleteOpen(true)}>
            <TrashIcon /> Delete…
          </button>
        </div>
      </ViewHeader>

      <div className="session-body">
        <section ref={stageRef} className="stage" aria-label="Recording">
          <RecordingMedia facts={facts} src={src} title={session.title} setMedia={setMedia} controls={controls} />
          <WavePanel
            mediaError={mediaState.error}
            peaks={peaks}
            canShow={!!media && (facts.hasVideo || stageHeight > 0)}
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
                  channelNames={channelNames}
                  settledTime={settledTime}
                  onSeek={seek}
                  annotations={annotating.waveform}
                  phases={phases}
                  toolbarStart={toolbarStart}
                />
              )
            }
          />

          <MemoTransportBar media={media} controls={controls} duration={facts.duration} hasVideo={facts.hasVideo} onHelp={openHelp} />
        </section>

        <aside className="inspector" aria-label="Transcript, annotations, scores and details">
          <MemoSidebarTabs
            tab={tab}
            onTab={setTab}
            segmentCount={transcript?.segments.length ?? null}
            annotationCount={annotations.status.kind === 'ready' ? annotations.sorted.length : null}
          />
          <div className="inspector-pane" id="pane-transcript" role="tabpanel" aria-labelledby="tab-transcript" hidden={tab !== 'transcript'}>
            <MemoTranscriptPanel
              sessionId={session.id}
              duration={facts.duration}
              stereo={facts.channels > 1}
              media={media}
              controls={controls}
              state={transcriptState}
              actions={transcriptActions}
              onTranscribe={openTranscribe}
            />
          </div>
          <div className="inspector-pane" id="pane-annotations" role="tabpanel" aria-labelledby="tab-annotations" hidden={tab !== 'annotations'}>
            <MemoAnnotationsPanel
              sessionId={session.id}
              model={annotations}
              codes={annotating.codes}
              codeList={annotating.codebook.codes}
              segments={transcript?.segments ?? NO_SEGMENTS}
              duration={facts.duration}
              preRoll={annotating.preRoll}
              selectedId={annotating.selectedId}
              onSelect={selectAnnotation}
              onPlay={annotating.play}
              onDelete={annotating.remove}
              focusRequest={annotating.focusRequest}
              onReturnFocus={annotating.returnFocus}
              replies={replies}
            />
          </div>
          <div className="inspector-pane inspector-scores" id="pane-scores" role="tabpanel" aria-labelledby="tab-scores" hidden={tab !== 'scores'}>
            <ReflectionNote replies={replies} />
            <MemoScoringPanel
              sessionId={session.id}
              duration={facts.duration}
              review={annotating.review.review}
              updateReview={annotating.review.update}
              annotations={scoringAnnotations}
              codebook={annotating.loadedCodebook}
              currentTime={currentTime}
              onShowAnnotation={showAnnotation}
            />
          </div>
          <div className="inspector-pane inspector-details" id="pane-details" role="tabpanel" aria-labelledby="tab-details" hidden={tab !== 'details'}>
            <MemoMetadataPanel session={session} onSaved={onSaved} />
            <MemoTechnicalDetails session={session} />
          </div>
        </aside>
      </div>

      <MemoTranscribeDialog
        open={transcribeOpen}
        sessionIds={sessionIds}
        existing={transcript ? (transcript.segments.length > 0 ? 1 : 0) : null}
        hasCorrections={transcript?.segments.some((s) => s.edited) ?? false}
        onClose={closeTranscribe}
      />
      <MemoKeyboardHelp open={helpOpen} onClose={closeHelp} hotkeys={annotating.hotkeys} />
      {annotating.pending && (
        <CodePicker
          codes={annotating.enabledCodes}
          anchor={annotating.pending.anchor}
          rangeLabel={annotationTime(annotating.pending, facts.duration >= 3600)}
          onPick={annotating.pick}
          onCancel={annotating.cancelPick}
        />
      )}
      <MemoDeleteSessionDialog open={deleteOpen} session={session} onClose={closeDelete} onDeleted={onDeleted} onError={onDeleteError} />
    </div>
  );
}
