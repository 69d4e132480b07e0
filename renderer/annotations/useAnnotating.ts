/**
 * Everything annotating needs in the session view, in one place: the session's codebook and the
 * profile's pre-roll, the annotations, the selection, the keys (code keys, I/O, undo), the span
 * waiting for its code (dragged out, or marked with I and O), and what the waveform draws.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { DEFAULT_PRE_ROLL, type Annotation, type Code, type Codebook } from '../../shared/domain/annotation';
import { defaultCodebook } from '../../shared/codebook/default-codebook';
import { errorMessage } from '../api/client';
import { useCodebook } from '../codebooks/codebooks-store';
import type { PlayerControls } from '../player/controls';
import { useProfile } from '../profile/profile-store';
import { useReview, type ReviewState } from '../scoring/useReview';
import { announce, showError, showNotice } from '../ui/toasts';
import type { WaveformAnnotations, WaveformHandle } from '../waveform/Waveform';
import { clockTime } from './annotation-text';
import { playRange, playRangeOf } from './play-range';
import { hotkeyMap, useAnnotationShortcuts } from './useAnnotationShortcuts';
import { useAnnotations, type AnnotationsModel } from './useAnnotations';

/** A span waiting for its code. */
export interface PendingSpan {
  start: number;
  end: number;
  anchor: DOMRect;
  /** Dragged on the waveform, or marked with I and O. */
  source: 'drag' | 'keys';
}

interface Options {
  sessionId: string;
  media: HTMLMediaElement | null;
  controls: PlayerControls | null;
  duration: number;
  waveformRef: RefObject<WaveformHandle | null>;
  /** Brings the Annotations tab to the front. */
  showAnnotations(): void;
}

export interface Annotating {
  model: AnnotationsModel;
  review: ReviewState;
  /** The session's codebook, or the built-in one while that loads. */
  codebook: Codebook;
  /** The session's codebook once loaded (null before). */
  loadedCodebook: Codebook | null;
  codes: ReadonlyMap<string, Code>;
  /** The enabled codes, in the codebook's order (what new annotations may use). */
  enabledCodes: readonly Code[];
  hotkeys: ReadonlyMap<string, Code>;
  preRoll: number;
  selectedId: string | null;
  select(id: string | null, seek?: boolean): void;
  focusRequest: { id: string; token: number } | null;
  inPoint: number | null;
  clearInPoint(): void;
  pending: PendingSpan | null;
  pick(code: Code): void;
  cancelPick(): void;
  waveform: WaveformAnnotations;
  play(annotation: Annotation): void;
  remove(annotation: Annotation): void;
  /** Hands the keyboard back to the waveform. */
  returnFocus(): void;
}

/** Focus requests are numbered across sessions, so each is carried out once (see AnnotationEditor). */
let focusTokens = 0;
const nextFocusToken = (): number => ++focusTokens;

/** Shortest span I/O makes, in seconds. */
const MIN_SPAN = 0.2;

function round(t: number): number {
  return Math.round(t * 1000) / 1000;
}

export function useAnnotating({ sessionId, media, controls, duration, waveformRef, showAnnotations }: Options): Annotating {
  const review = useReview(sessionId);
  const sessionCodebook = useCodebook(review.review?.codebookId ?? null);
  const profile = useProfile();
  // Until the session's review and codebook have loaded, the built-in codebook names and colours the codes.
  const fallback = useMemo(() => defaultCodebook(), []);
  const codebook = sessionCodebook ?? fallback;
  const codes = useMemo(() => new Map(codebook.codes.map((c) => [c.id, c] as const)), [codebook]);
  const enabledCodes = useMemo(() => codebook.codes.filter((c) => c.enabled), [codebook]);
  const hotkeys = useMemo(() => hotkeyMap(codebook.codes), [codebook]);
  const preRoll = profile?.preRoll ?? DEFAULT_PRE_ROLL;

  const model = useAnnotations(sessionId, codes);
  const { actions } = model;
  const [selected, setSelected] = useState<string | null>(null);
  // A selection whose annotation went away (deleted here or elsewhere) is no selection.
  const selectedId = selected !== null && model.map.has(selected) ? selected : null;
  const [focusRequest, setFocusRequest] = useState<{ id: string; token: number } | null>(null);
  const [inPoint, setInPoint] = useState<number | null>(null);
  const [pending, setPending] = useState<PendingSpan | null>(null);

  const returnFocus = useCallback(() => waveformRef.current?.focus(), [waveformRef]);

  // Read through a ref, so `select` stays the same function as annotations come and go (the list's rows keep their memo).
  const mapRef = useRef(model.map);
  useEffect(() => {
    mapRef.current = model.map;
  }, [model.map]);
  const select = useCallback(
    (id: string | null, seek = false) => {
      setSelected(id);
      const a = id ? mapRef.current.get(id) : undefined;
      if (seek && a) controls?.seek(a.start);
    },
    [controls],
  );

  /** A new annotation is stored: select it and give its comment the keyboard. */
  const openNew = useCallback(
    (created: Annotation) => {
      setSelected(created.id);
      showAnnotations();
      setFocusRequest({ id: created.id, token: nextFocusToken() });
    },
    [showAnnotations],
  );

  const createMoment = useCallback(
    async (code: Code) => {
      if (!media) return;
      const start = round(Math.max(0, media.currentTime - preRoll));
      await actions.create({ codeId: code.id, start, end: null }, openNew);
    },
    [media, preRoll, actions, openNew],
  );

  const pick = useCallback(
    (code: Code) => {
      const span = pending;
      if (!span) return;
      setPending(null);
      const settle = () => {
        // The dragged-out band stays until the stored region replaces it.
        waveformRef.current?.clearDraft();
        if (span.source === 'keys') setInPoint(null);
      };
      void actions
        .create({ codeId: code.id, start: span.start, end: span.end }, (created) => {
          settle();
          openNew(created);
        })
        .then((created) => {
          if (created) return;
          settle();
          returnFocus();
        });
    },
    [pending, actions, waveformRef, openNew, returnFocus],
  );

  const cancelPick = useCallback(() => {
    const span = pending;
    setPending(null);
    waveformRef.current?.clearDraft();
    if (span?.source === 'keys') setInPoint(null);
    returnFocus();
  }, [pending, waveformRef, returnFocus]);

  const markOut = useCallback(() => {
    if (!media) return;
    if (inPoint === null) {
      showNotice('Press I where the span starts, then O where it ends.', 'No start marked yet');
      return;
    }
    const now = round(media.currentTime);
    const start = Math.min(inPoint, now);
    const end = Math.max(inPoint, now);
    if (end - start < MIN_SPAN) {
      showNotice('Let the recording play on a little past the start, then press O.', 'The span is too short');
      return;
    }
    const anchor = waveformRef.current?.rangeRect(start, end) ?? new DOMRect(window.innerWidth / 3, window.innerHeight / 2, 0, 0);
    setPending({ start, end, anchor, source: 'keys' });
  }, [media, inPoint, waveformRef]);

  const clearInPoint = useCallback(() => {
    setInPoint(null);
    returnFocus();
  }, [returnFocus]);

  useAnnotationShortcuts(hotkeys, model.status.kind === 'ready' && media !== null && pending === null, {
    onCode: (code) => void createMoment(code),
    onMarkIn: () => {
      if (!media) return;
      const t = round(media.currentTime);
      setInPoint(t);
      announce(`Span starts at ${clockTime(t)}. Press O where it ends.`);
    },
    onMarkOut: markOut,
    onEscape: () => {
      if (inPoint === null) return false;
      setInPoint(null);
      announce('Span start cleared.');
      return true;
    },
    onUndo: actions.undo,
    onRedo: actions.redo,
  });

  const waveform = useMemo<WaveformAnnotations>(
    () => ({
      items: model.sorted,
      codes,
      selectedId,
      inPoint,
      callbacks: {
        onSelect: (id, open) => {
          setSelected(id);
          if (open) {
            showAnnotations();
            setFocusRequest({ id, token: nextFocusToken() });
          }
        },
        onChange: (id, start, end) =>
          actions.update(id, { start, end }).then(
            () => true,
            (error: unknown) => {
              showError(errorMessage(error), 'The annotation was not moved');
              return false;
            },
          ),
        onDraft: (range, anchor) => setPending({ ...range, anchor, source: 'drag' }),
      },
    }),
    [model.sorted, codes, selectedId, inPoint, actions, showAnnotations],
  );

  const play = useCallback(
    (a: Annotation) => {
      if (!media || !controls) return;
      const { from, to } = playRangeOf(a, duration);
      playRange(media, controls, from, to);
    },
    [media, controls, duration],
  );

  const remove = useCallback(
    (a: Annotation) => {
      void actions.remove(a.id).then(() => {
        if (document.activeElement === document.body || document.activeElement === null) returnFocus();
      });
    },
    [actions, returnFocus],
  );

  return {
    model,
    review,
    codebook,
    loadedCodebook: sessionCodebook,
    codes,
    enabledCodes,
    hotkeys,
    preRoll,
    selectedId,
    select,
    focusRequest,
    inPoint,
    clearInPoint,
    pending,
    pick,
    cancelPick,
    waveform,
    play,
    remove,
    returnFocus,
  };
}
