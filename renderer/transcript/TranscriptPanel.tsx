/**
 * The transcript beside the recording: segments with time and speaker, the one being played
 * highlighted and kept in view (auto-follow pauses for a few seconds after the user scrolls),
 * search, in-place correction, speakers, split and merge, subtitle import and Whisper progress.
 *
 * Rows are memoised and laid out with `content-visibility: auto`, so 1,500+ segments stay light:
 * off-screen rows cost neither layout nor paint, and a playback tick re-renders two rows at most.
 */
import { useCallback, useDeferredValue, useEffect, useId, useMemo, useRef, useState, useSyncExternalStore, type KeyboardEvent } from 'react';
import { DEFAULT_SPEAKER_NAMES, SPEAKER_ROLES, type SpeakerRole, type Transcript, type TranscriptionJobState } from '../../shared/domain/transcript';
import { pluralise } from '../../shared/util/format';
import { api, errorMessage } from '../api/client';
import { modelsHref } from '../app/router';
import { modalIsOpen, isTextEntry } from '../lib/keyboard';
import { useModels } from '../models/models-store';
import type { PlayerControls } from '../player/controls';
import { AlertIcon, ChevronDownIcon, ChevronUpIcon, CloseIcon, ImportIcon, SearchIcon, SpinnerIcon } from '../ui/icons';
import { announce, showError, showNotice } from '../ui/toasts';
import { formatEta, useJobs } from './jobs-store';
import { SegmentRow, type RowHandlers } from './SegmentRow';
import { SpeakerMenu } from './SpeakerMenu';
import { SpeakersDialog, ChannelDialog, ReplaceDialog } from './TranscriptDialogs';
import { findMatches, proportionalTextOffset, segmentAt, type SearchMatch } from './transcript-logic';
import type { TranscriptActions, TranscriptState } from './useTranscript';
import { followPlayhead } from '../player/follow-playhead';
import { HiddenFileInput } from '../ui/HiddenFileInput';

/** How long auto-follow stays off after the user scrolls the list themselves. */
const FOLLOW_PAUSE_MS = 5000;

interface TranscriptPanelProps {
  sessionId: string;
  duration: number;
  stereo: boolean;
  media: HTMLMediaElement | null;
  controls: PlayerControls | null;
  state: TranscriptState;
  actions: TranscriptActions;
  onTranscribe(): void;
}

/** The index of the segment under the playhead; re-renders only when that index changes. */
function useActiveIndex(media: HTMLMediaElement | null, transcript: Transcript | null): number {
  const store = useMemo(() => {
    const segments = transcript?.segments ?? [];
    return {
      subscribe: (onChange: () => void) => (media ? followPlayhead(media, onChange) : () => undefined),
      getSnapshot: () => (media ? segmentAt(segments, media.currentTime) : -1),
    };
  }, [media, transcript?.segments]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

export function TranscriptPanel({ sessionId, duration, stereo, media, controls, state, actions, onTranscribe }: TranscriptPanelProps) {
  const transcript = state.status === 'ready' ? state.transcript : null;
  const segments = useMemo(() => transcript?.segments ?? [], [transcript?.segments]);
  const names = transcript?.speakerNames ?? DEFAULT_SPEAKER_NAMES;
  const long = duration >= 3600;
  const job = useJobs().bySession.get(sessionId);
  const ids = useId();

  const listRef = useRef<HTMLOListElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [menu, setMenu] = useState<{ index: number; anchor: HTMLElement } | null>(null);
  const [dialog, setDialog] = useState<'speakers' | 'channel' | null>(null);
  const [confirmImport, setConfirmImport] = useState(false);
  const [importing, setImporting] = useState(false);

  const activeIndex = useActiveIndex(media, transcript);
  const selectedIndex = selectedId === null ? -1 : segments.findIndex((s) => s.id === selectedId);

  // ----- search
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const matches = useMemo(() => findMatches(segments, deferredQuery), [segments, deferredQuery]);
  // The current match; it starts again at the first one whenever the query changes.
  const [matchState, setMatchState] = useState({ query: '', index: 0 });
  const matchIndex = matchState.query === deferredQuery ? matchState.index : 0;
  const bySegment = useMemo(() => {
    const map = new Map<number, SearchMatch[]>();
    for (const m of matches) {
      const list = map.get(m.segmentIndex);
      if (list) list.push(m);
      else map.set(m.segmentIndex, [m]);
    }
    return map;
  }, [matches]);
  const currentMatch = matches.length > 0 ? matches[Math.min(matchIndex, matches.length - 1)] : undefined;

  // ----- follow playback
  const [followPaused, setFollowPaused] = useState(false);
  const followTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pauseFollow = useCallback(() => {
    setFollowPaused(true);
    if (followTimer.current) clearTimeout(followTimer.current);
    followTimer.current = setTimeout(() => setFollowPaused(false), FOLLOW_PAUSE_MS);
  }, []);
  const resumeFollow = useCallback(() => {
    if (followTimer.current) clearTimeout(followTimer.current);
    setFollowPaused(false);
  }, []);
  useEffect(() => () => {
    if (followTimer.current) clearTimeout(followTimer.current);
  }, []);

  const rowElement = useCallback((index: number): HTMLElement | null => listRef.current?.querySelector<HTMLElement>(`li[data-index="${index}"]`) ?? null, []);

  /** Scrolls a row into view (a third from the top) unless it is already comfortably visible. */
  const reveal = useCallback(
    (index: number, force = false) => {
      const list = listRef.current;
      const row = rowElement(index);
      if (!list || !row) return;
      const top = row.offsetTop;
      const bottom = top + row.offsetHeight;
      const margin = Math.min(48, list.clientHeight / 6);
      if (!force && top >= list.scrollTop + margin && bottom <= list.scrollTop + list.clientHeight - margin) return;
      list.scrollTo({ top: Math.max(0, top - list.clientHeight / 3), behavior: 'auto' });
    },
    [rowElement],
  );

  useEffect(() => {
    if (activeIndex < 0 || followPaused || editingId !== null) return;
    reveal(activeIndex);
  }, [activeIndex, followPaused, editingId, reveal]);

  const followNow = () => {
    resumeFollow();
    if (activeIndex >= 0) reveal(activeIndex, true);
  };

  // ----- actions on rows
  const seekTo = useCallback((index: number) => {
    const s = segments[index];
    if (s) controls?.seek(s.start + 0.001);
  }, [segments, controls]);

  const focusRow = useCallback(
    (index: number) => {
      const s = segments[index];
      if (!s) return;
      setSelectedId(s.id);
      requestAnimationFrame(() => {
        const row = rowElement(index);
        row?.focus({ preventScroll: true });
        reveal(index);
      });
    },
    [segments, rowElement, reveal],
  );

  const cycleOrder: (SpeakerRole | null)[] = useMemo(() => [...SPEAKER_ROLES, null], []);

  const splitSegment = useCallback(
    async (index: number, caret: number | null, newText?: string) => {
      const s = segments[index];
      if (!s || !media) return;
      const at = media.currentTime;
      if (!(at > s.start + 0.05 && at < s.end - 0.05)) {
        showNotice('Move the playhead inside this segment (play or click the waveform there), then split.', 'Nothing was split');
        return;
      }
      if (newText !== undefined && newText !== s.text) {
        if (!(await actions.updateText(s.id, newText))) return;
      }
      const text = newText ?? s.text;
      const offset = caret ?? proportionalTextOffset({ ...s, text }, at);
      if (await actions.split(s.id, at, Math.max(0, Math.min(text.length, offset)))) announce('Segment split.');
    },
    [segments, media, actions],
  );

  const mergeNext = useCallback(
    async (index: number) => {
      const s = segments[index];
      if (!s) return;
      if (index >= segments.length - 1) {
        showNotice('This is the last segment; there is nothing after it to merge with.');
        return;
      }
      if (await actions.mergeWithNext(s.id)) announce('Merged with the next segment.');
    },
    [segments, actions],
  );

  const handlers = useMemo<RowHandlers>(
    () => ({
      activate: (index) => {
        const s = segments[index];
        if (!s) return;
        setSelectedId(s.id);
        seekTo(index);
        resumeFollow();
      },
      select: (index) => {
        const s = segments[index];
        if (s) setSelectedId(s.id);
      },
      startEditing: (index) => {
        const s = segments[index];
        if (!s) return;
        setSelectedId(s.id);
        setEditingId(s.id);
      },
      finishEditing: (index, text, refocus) => {
        const s = segments[index];
        setEditingId(null);
        if (s && text !== null && text.trim() !== s.text.trim()) void actions.updateText(s.id, text.trim());
        if (refocus) requestAnimationFrame(() => rowElement(index)?.focus({ preventScroll: true }));
      },
      splitAtCaret: (index, text, caret) => {
        setEditingId(null);
        void splitSegment(index, caret, text);
        requestAnimationFrame(() => rowElement(index)?.focus({ preventScroll: true }));
      },
      openSpeakerMenu: (index, anchor) => {
        const s = segments[index];
        if (s) setSelectedId(s.id);
        setMenu({ index, anchor });
      },
      onRowKeyDown: (index, event: KeyboardEvent<HTMLElement>) => {
        if (event.ctrlKey || event.metaKey || event.altKey) return;
        const s = segments[index];
        if (!s) return;
        const act = (fn: () => void) => {
          event.preventDefault();
          fn();
        };
        switch (event.key) {
          case 'Enter':
            return act(() => {
              seekTo(index);
              resumeFollow();
            });
          case 'e':
          case 'E':
          case 'F2':
            return act(() => setEditingId(s.id));
          case '1':
          case '2':
          case '3': {
            const role = SPEAKER_ROLES[Number(event.key) - 1]!;
            return act(() => {
              void actions.setSpeaker(s.id, role);
              announce(`Speaker: ${names[role]}.`);
            });
          }
          case 's':
          case 'S': {
            const next = cycleOrder[(cycleOrder.indexOf(s.speaker) + 1) % cycleOrder.length] ?? null;
            return act(() => {
              void actions.setSpeaker(s.id, next);
              announce(`Speaker: ${next ? names[next] : 'none'}.`);
            });
          }
          case 'x':
          case 'X':
            return act(() => void splitSegment(index, null));
          case 'ArrowDown':
            return act(() => {
              pauseFollow();
              focusRow(Math.min(segments.length - 1, index + 1));
            });
          case 'ArrowUp':
            return act(() => {
              pauseFollow();
              focusRow(Math.max(0, index - 1));
            });
          case 'PageDown':
            return act(() => {
              pauseFollow();
              focusRow(Math.min(segments.length - 1, index + 10));
            });
          case 'PageUp':
            return act(() => {
              pauseFollow();
              focusRow(Math.max(0, index - 10));
            });
          case 'ContextMenu':
            return act(() => {
              const chip = rowElement(index)?.querySelector<HTMLElement>('.spk-chip');
              if (chip) setMenu({ index, anchor: chip });
            });
          default:
            if (event.key === 'M' && event.shiftKey) act(() => void mergeNext(index));
        }
      },
    }),
    [segments, seekTo, resumeFollow, pauseFollow, actions, names, cycleOrder, splitSegment, mergeNext, focusRow, rowElement],
  );

  // ----- search navigation
  const jumpedFor = useRef<string | null>(null);
  const goToMatch = useCallback(
    (next: number) => {
      if (matches.length === 0) return;
      jumpedFor.current = deferredQuery;
      const i = ((next % matches.length) + matches.length) % matches.length;
      setMatchState({ query: deferredQuery, index: i });
      const m = matches[i]!;
      const s = segments[m.segmentIndex];
      if (!s) return;
      setSelectedId(s.id);
      controls?.seek(s.start + 0.001);
      resumeFollow();
      requestAnimationFrame(() => reveal(m.segmentIndex));
    },
    [matches, segments, controls, resumeFollow, reveal, deferredQuery],
  );
  // The first Enter after typing goes to the first match; later ones move on.
  const nextMatch = () => {
    if (jumpedFor.current !== deferredQuery) {
      jumpedFor.current = deferredQuery;
      goToMatch(matchIndex);
    } else goToMatch(matchIndex + 1);
  };

  // "/" or Ctrl+F focuses the transcript search (in the session view).
  useEffect(() => {
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if (modalIsOpen() || event.defaultPrevented) return;
      const ctrlF = (event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'f';
      const slash = event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey && !isTextEntry(event.target);
      if (!ctrlF && !slash) return;
      const input = searchRef.current;
      if (!input || input.offsetParent === null) return;
      event.preventDefault();
      input.focus();
      input.select();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  // ----- subtitle import
  const importFile = async (file: File) => {
    setImporting(true);
    try {
      const content = await file.text();
      const error = await actions.importSubtitles(file.name, content);
      if (error) showError(error, `“${file.name}” was not imported`);
      else showNotice(`Imported the transcript from “${file.name}”.`);
    } catch (e) {
      showError(errorMessage(e), `“${file.name}” could not be read`);
    } finally {
      setImporting(false);
    }
  };
  const chooseImport = () => fileRef.current?.click();

  const cancelJob = (j: TranscriptionJobState) => {
    api.invoke('transcription.cancel', { jobId: j.jobId }).catch((e: unknown) => showError(errorMessage(e), 'Transcription was not cancelled'));
  };

  const hasSegments = segments.length > 0;
  const focusIndex = selectedIndex >= 0 ? selectedIndex : activeIndex >= 0 ? activeIndex : 0;
  const edits = useMemo(() => segments.filter((s) => s.edited).length, [segments]);
  const origin =
    transcript?.source === 'whisper'
      ? `Whisper${transcript.origin ? ` · ${transcript.origin.replace(/^ggml-|\.bin$/g, '')}` : ''}`
      : transcript?.source
        ? `Imported ${transcript.origin ?? transcript.source.toUpperCase()}`
        : null;

  return (
    <section className="transcript" aria-labelledby={`${ids}-heading`} data-testid="transcript-panel">
      <header className="transcript-head">
        <div className="transcript-title">
          <h2 id={`${ids}-heading`} className="visually-hidden">
            Transcript
          </h2>
          {hasSegments ? (
            <span className="transcript-facts" data-testid="transcript-facts">
              {pluralise(segments.length, 'segment', 'segments')}
              {origin && ` · ${origin}`}
              {edits > 0 && ` · ${edits.toLocaleString()} edited`}
            </span>
          ) : (
            <span className="transcript-facts">{state.status === 'ready' ? 'No transcript yet' : ''}</span>
          )}
        </div>
        <div className="transcript-tools" role="toolbar" aria-label="Transcript tools">
          <button type="button" className="btn btn-small btn-quiet" onClick={() => (hasSegments ? setConfirmImport(true) : chooseImport())} disabled={importing || state.status !== 'ready'}>
            <ImportIcon size={14} /> Import transcript (VTT/SRT)…
          </button>
          <button type="button" className="btn btn-small btn-quiet" onClick={() => setDialog('speakers')} disabled={!transcript}>
            Speakers…
          </button>
          {stereo && (
            <button type="button" className="btn btn-small btn-quiet" onClick={() => setDialog('channel')} disabled={!hasSegments} title="Each segment's speaker is the louder channel">
              Speaker by channel…
            </button>
          )}
          <HiddenFileInput
            ref={fileRef}
            accept=".vtt,.srt,text/vtt,application/x-subrip"
            label="Import a transcript file (WebVTT or SRT)"
            testId="subtitle-input"
            onChoose={([file]) => file && void importFile(file)}
          />
        </div>
      </header>

      {job && <JobProgress job={job} onCancel={() => cancelJob(job)} />}

      {(hasSegments || query) && (
        <div className="transcript-search" role="search">
          <SearchIcon className="search-icon" />
          <input
            ref={searchRef}
            type="search"
            className="input search-input"
            placeholder="Search the transcript"
            aria-label="Search the transcript"
            aria-keyshortcuts="Control+F /"
            aria-describedby={`${ids}-count`}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                if (e.shiftKey) goToMatch(matchIndex - 1);
                else nextMatch();
              } else if (e.key === 'Escape') {
                e.preventDefault();
                if (query) setQuery('');
                else rowElement(focusIndex)?.focus();
              } else if (e.key === 'ArrowDown') {
                e.preventDefault();
                focusRow(currentMatch ? currentMatch.segmentIndex : focusIndex);
              }
            }}
          />
          <span id={`${ids}-count`} className="search-count num" aria-live="polite">
            {deferredQuery.trim() ? (matches.length ? `${Math.min(matchIndex, matches.length - 1) + 1} of ${matches.length}` : 'No matches') : ''}
          </span>
          <button type="button" className="btn btn-icon btn-small btn-quiet" aria-label="Previous match" title="Previous match (Shift+Enter)" disabled={!matches.length} onClick={() => goToMatch(matchIndex - 1)}>
            <ChevronUpIcon size={15} />
          </button>
          <button type="button" className="btn btn-icon btn-small btn-quiet" aria-label="Next match" title="Next match (Enter)" disabled={!matches.length} onClick={nextMatch}>
            <ChevronDownIcon size={15} />
          </button>
          {query && (
            <button type="button" className="btn btn-icon btn-small btn-quiet" aria-label="Clear the search" onClick={() => setQuery('')}>
              <CloseIcon size={13} />
            </button>
          )}
        </div>
      )}

      <div className="transcript-body">
        {state.status === 'loading' ? (
          <div className="transcript-loading" aria-busy="true">
            {Array.from({ length: 6 }, (_, i) => (
              <span key={i} className="skeleton skeleton-seg" />
            ))}
            <span className="visually-hidden" role="status">
              Loading the transcript…
            </span>
          </div>
        ) : state.status === 'unavailable' ? (
          <div className="transcript-empty">
            <h3>Transcripts are not available yet</h3>
            <p>This version of Attune cannot read or make transcripts. ({state.message})</p>
          </div>
        ) : state.status === 'error' ? (
          <div className="transcript-empty" role="alert">
            <AlertIcon size={20} />
            <h3>The transcript could not be loaded</h3>
            <p>{state.message}</p>
            <button type="button" className="btn btn-secondary btn-small" onClick={actions.reload}>
              Try again
            </button>
          </div>
        ) : !hasSegments ? (
          <EmptyTranscript job={job} onTranscribe={onTranscribe} onImport={chooseImport} />
        ) : (
          <>
            <ol
              ref={listRef}
              className="seg-list"
              aria-label="Transcript segments"
              data-testid="segment-list"
              onWheel={pauseFollow}
              onTouchMove={pauseFollow}
              onPointerDown={(e) => {
                // A press on the scrollbar (the list itself, not a row) is a manual scroll.
                if (e.target === e.currentTarget) pauseFollow();
              }}
            >
              {segments.map((s, i) => (
                <SegmentRow
                  key={s.id}
                  segment={s}
                  index={i}
                  speakerName={s.speaker ? names[s.speaker] : null}
                  playing={i === activeIndex}
                  selected={i === selectedIndex}
                  focusable={i === focusIndex}
                  editing={s.id === editingId}
                  long={long}
                  matches={bySegment.get(i)}
                  currentMatchFrom={currentMatch?.segmentIndex === i ? currentMatch.from : -1}
                  handlers={handlers}
                />
              ))}
              {transcript?.pending && (
                <li className="seg-pending" aria-live="off">
                  <SpinnerIcon size={14} className="spin" /> Transcribing from {Math.floor(transcript.pending.coveredUntil / 60)}:
                  {String(Math.floor(transcript.pending.coveredUntil % 60)).padStart(2, '0')}…
                </li>
              )}
            </ol>
            {followPaused && activeIndex >= 0 && (
              <button type="button" className="btn btn-small btn-secondary follow-button" onClick={followNow}>
                Follow playback
              </button>
            )}
          </>
        )}
      </div>

      {hasSegments && (
        <footer className="transcript-foot">
          <span className="transcript-hint">
            Keys: <kbd>?</kbd>
          </span>
          <div className="button-group">
            <button
              type="button"
              className="btn btn-small btn-quiet"
              disabled={focusIndex < 0 || !media}
              onClick={() => void splitSegment(focusIndex, null)}
              title="Split the selected segment at the playhead (X)"
              aria-keyshortcuts="X"
            >
              Split at playhead
            </button>
            <button
              type="button"
              className="btn btn-small btn-quiet"
              disabled={focusIndex < 0 || focusIndex >= segments.length - 1}
              onClick={() => void mergeNext(focusIndex)}
              title="Merge the selected segment with the next one (Shift+M)"
              aria-keyshortcuts="Shift+M"
            >
              Merge with next
            </button>
          </div>
        </footer>
      )}

      {menu && segments[menu.index] && (
        <SpeakerMenu
          anchor={menu.anchor}
          current={segments[menu.index]!.speaker}
          names={names}
          onChoose={(role) => {
            const s = segments[menu.index];
            if (s) void actions.setSpeaker(s.id, role);
          }}
          onClose={() => {
            const index = menu.index;
            setMenu(null);
            requestAnimationFrame(() => rowElement(index)?.focus({ preventScroll: true }));
          }}
        />
      )}
      <SpeakersDialog open={dialog === 'speakers'} names={names} onClose={() => setDialog(null)} onRename={actions.renameSpeaker} />
      <ChannelDialog
        open={dialog === 'channel'}
        names={names}
        onClose={() => setDialog(null)}
        onApply={async (leftIs) => {
          if (await actions.speakerByChannel(leftIs)) showNotice('Speakers were set from the louder channel of each segment.');
        }}
      />
      <ReplaceDialog
        open={confirmImport}
        segmentCount={segments.length}
        edits={edits}
        onClose={() => setConfirmImport(false)}
        onConfirm={() => {
          setConfirmImport(false);
          chooseImport();
        }}
      />
    </section>
  );
}

function JobProgress({ job, onCancel }: { job: TranscriptionJobState; onCancel(): void }) {
  const percent = Math.max(0, Math.min(100, Math.round(job.percent)));
  const eta = formatEta(job.etaSeconds);
  return (
    <div className="transcript-job" data-testid="transcription-progress">
      <div className="transcript-job-line">
        <SpinnerIcon size={14} className="spin" />
        <span className="transcript-job-label" role="status">
          {job.status === 'queued' ? 'Waiting to transcribe…' : `Transcribing with ${job.model} · ${percent}%`}
          {eta && job.status === 'running' ? ` · ${eta}` : ''}
        </span>
        <button type="button" className="btn btn-small btn-quiet btn-danger-quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
      <div
        className={`progress ${job.status === 'queued' ? 'progress-idle' : ''}`}
        role="progressbar"
        aria-label="Transcription progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={job.status === 'queued' ? undefined : percent}
      >
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}

function EmptyTranscript({ job, onTranscribe, onImport }: { job: TranscriptionJobState | undefined; onTranscribe(): void; onImport(): void }) {
  const models = useModels();
  const noModel = models.status === 'ready' && !models.list.models.some((m) => m.kind === 'whisper');
  if (job) {
    return (
      <div className="transcript-empty">
        <SpinnerIcon size={20} className="spin" />
        <h3>Transcribing…</h3>
        <p>Segments appear here as Whisper finishes them. You can keep reviewing the recording meanwhile.</p>
      </div>
    );
  }
  return (
    <div className="transcript-empty">
      <h3>No transcript yet</h3>
      <p>Transcribe the recording on this computer with Whisper, or import a WebVTT or SRT file (for example from Zoom or Teams).</p>
      {noModel && (
        <p className="callout callout-warning callout-inline" role="note">
          <AlertIcon size={15} />
          <span>
            No transcription model is installed. <a href={modelsHref}>Add or download one on the Models screen.</a>
          </span>
        </p>
      )}
      <div className="transcript-empty-actions">
        <button type="button" className="btn btn-primary btn-small" onClick={onTranscribe} disabled={noModel}>
          Transcribe…
        </button>
        <button type="button" className="btn btn-secondary btn-small" onClick={onImport}>
          <ImportIcon size={14} /> Import transcript (VTT/SRT)…
        </button>
      </div>
    </div>
  );
}
