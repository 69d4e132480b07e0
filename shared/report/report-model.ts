/**
 * What the feedback report says, derived from a session bundle: every label, time, score, mark and
 * line as plain text, ready for the HTML template to escape and lay out. Pure; no markup here.
 */
import {
  CODE_KINDS,
  CODE_KIND_LABELS,
  MITI_BEHAVIOURS,
  MITI_BEHAVIOUR_LABELS,
  type Annotation,
  type Code,
  type CodeKind,
  type MitiBehaviour,
} from '../domain/annotation';
import type { SessionBundle } from '../domain/export';
import { GLOBAL_RATINGS, GLOBAL_RATING_LABELS, PHASES, PHASE_LABELS, type Band, type GlobalRating, type Phase, type TimeRange } from '../domain/review';
import type { TranscriptSegment } from '../domain/transcript';
import { CHECKLIST } from '../scoring/checklist';
import { countBehaviours } from '../scoring/miti-metrics';
import { bandOf, MITI_THRESHOLDS, type ThresholdMetric } from '../scoring/thresholds';
import { formatClock, formatIsoDate, formatTimestamp, pluralise } from '../util/format';
import { safeColour } from './html-escape';

export const BAND_LABELS: Record<Band, string> = { good: 'Good', fair: 'Fair', below: 'Below fair' };

export interface DetailRow {
  label: string;
  value: string;
  /** True when the value says that nothing was recorded. */
  missing: boolean;
}

export interface ScoreRow {
  key: string;
  /** Summary measures first, then the four global ratings. */
  group: 'summary' | 'global';
  label: string;
  /** How it is computed, in MITI's short names. */
  hint: string;
  /** Null when it cannot be computed yet (see `missing`). */
  value: string | null;
  /** Why there is no value. */
  missing: string;
  fair: string | null;
  good: string | null;
  /** Null for measures without thresholds and for missing values. */
  band: Band | null;
  /** The mark in words: Good, Fair, Below fair, Not yet, or No threshold. */
  standing: string;
}

export interface BehaviourCount {
  label: string;
  count: number;
}

export interface TimelineItem {
  start: number;
  /** Null for a moment. */
  end: number | null;
  colour: string;
  /** "0:01:23 Complex reflection" */
  title: string;
}

export interface TimelineModel {
  duration: number;
  codedRange: TimeRange | null;
  phases: { label: string; start: number; end: number }[];
  /** One lane per code kind that has annotations, in CODE_KINDS order. */
  lanes: { kind: CodeKind; label: string; items: TimelineItem[] }[];
  /** Time labels along the axis. */
  ticks: { at: number; label: string }[];
}

export interface LegendEntry {
  name: string;
  kindLabel: string;
  colour: string;
  count: number;
}

export interface TranscriptLine {
  /** The speaker's name for this session, or null when the segment has none. */
  speaker: string | null;
  time: string;
  text: string;
}

export interface AnnotationEntry {
  /** The element id other parts of the report link to. */
  anchor: string;
  number: number;
  /** `0:01:23` for a moment, `0:01:23–0:01:30` for a span. */
  time: string;
  codeName: string;
  kind: CodeKind;
  kindLabel: string;
  colour: string;
  author: string;
  comment: string;
  /** The transcript at that moment, line by line. */
  lines: TranscriptLine[];
  /** Missed opportunities: what could have been said instead (may be empty). Null for other codes. */
  modelResponse: string | null;
  /** The global ratings this annotation is cited as evidence for. */
  citedFor: string[];
}

export interface EvidenceEntry {
  label: string;
  /** "4 of 5", or "Not rated". */
  rating: string;
  cites: { anchor: string; time: string; codeName: string }[];
}

export interface ChecklistGroup {
  label: string;
  /** The phase's time range, when marked. */
  range: string | null;
  items: { label: string; done: boolean }[];
}

export interface ReportModel {
  title: string;
  details: DetailRow[];
  /** "14 Mar 2026, 10:02 by Dr Lee" */
  generated: string;
  scores: ScoreRow[];
  counts: BehaviourCount[];
  /** One sentence on what the scores count. */
  codedRange: string;
  hasCodedRange: boolean;
  timeline: TimelineModel;
  legend: LegendEntry[];
  annotations: AnnotationEntry[];
  hasTranscript: boolean;
  evidence: EvidenceEntry[];
  feedback: { label: string; text: string }[];
  checklist: ChecklistGroup[];
  checklistDone: number;
}

const UNKNOWN_COLOUR = '#64748b';

const ratio = (v: number): string => v.toFixed(2);
const percent = (v: number): string => `${Math.round(v * 100)} %`;
const mean = (v: number): string => (Number.isInteger(v) ? String(v) : v.toFixed(1));

/** `0:01:23` for a moment, `0:01:23–0:01:30` for a span. */
export function timeLabel(start: number, end: number | null): string {
  return end === null ? formatClock(start) : `${formatClock(start)}–${formatClock(end)}`;
}

function thresholdRow(
  key: ThresholdMetric,
  label: string,
  hint: string,
  value: number | null,
  format: (v: number) => string,
  missing: string,
): ScoreRow {
  const band = bandOf(key, value);
  const { fair, good } = MITI_THRESHOLDS[key];
  return {
    key,
    group: 'summary',
    label,
    hint,
    value: value === null ? null : format(value),
    missing,
    fair: `≥ ${format(fair)}`,
    good: `≥ ${format(good)}`,
    band,
    standing: value === null ? 'Not yet' : band ? BAND_LABELS[band] : 'No threshold',
  };
}

function countRow(key: string, label: string, hint: string, value: number): ScoreRow {
  return { key, group: 'summary', label, hint, value: String(value), missing: '', fair: null, good: null, band: null, standing: 'No threshold' };
}

function scoreRows(bundle: SessionBundle): ScoreRow[] {
  const { scores } = bundle;
  const globals = GLOBAL_RATINGS.map(
    (g): ScoreRow => ({
      key: g,
      group: 'global',
      label: GLOBAL_RATING_LABELS[g],
      hint: 'global rating, 1–5',
      value: scores.globals[g] === null ? null : `${scores.globals[g]} of 5`,
      missing: 'Not rated yet.',
      fair: null,
      good: null,
      band: null,
      standing: scores.globals[g] === null ? 'Not yet' : 'No threshold',
    }),
  );
  return [
    thresholdRow(
      'reflectionToQuestion',
      'Reflection : question (R:Q)',
      '(SR + CR) ÷ Q',
      scores.reflectionToQuestion,
      ratio,
      'No questions were coded, so there is no ratio.',
    ),
    thresholdRow('complexReflectionShare', 'Complex reflections (%CR)', 'CR ÷ (SR + CR)', scores.complexReflectionShare, percent, 'No reflections were coded.'),
    countRow('miAdherent', 'MI-adherent', 'AF + Seek + Emphasize · more is better', scores.miAdherent),
    countRow('miNonAdherent', 'MI-non-adherent', 'Persuade + Confront · fewer is better', scores.miNonAdherent),
    thresholdRow(
      'technicalGlobal',
      'Technical global',
      'mean of Cultivating Change Talk and Softening Sustain Talk',
      scores.technicalGlobal,
      mean,
      'Needs both Cultivating Change Talk and Softening Sustain Talk rated.',
    ),
    thresholdRow(
      'relationalGlobal',
      'Relational global',
      'mean of Partnership and Empathy',
      scores.relationalGlobal,
      mean,
      'Needs both Partnership and Empathy rated.',
    ),
    ...globals,
  ];
}

/**
 * The transcript segments an annotation is about, chosen exactly as `transcriptTextFor` chooses them
 * (linked segments; else those overlapping a span; else the one containing a moment, or the nearest
 * start within 2 s). Joined, their trimmed texts equal `transcriptTextFor` — a test holds them together.
 */
export function momentSegments<S extends Pick<TranscriptSegment, 'id' | 'start' | 'end' | 'text'>>(
  annotation: Pick<Annotation, 'start' | 'end' | 'segmentIds'>,
  segments: readonly S[],
): S[] {
  const ordered = [...segments].sort((a, b) => a.start - b.start || a.end - b.end);
  const linked = new Set(annotation.segmentIds);
  if (linked.size > 0 && ordered.some((s) => linked.has(s.id))) return ordered.filter((s) => linked.has(s.id));
  const { start, end } = annotation;
  if (end !== null && end > start) return ordered.filter((s) => s.start < end && s.end > start);
  const containing = ordered.find((s) => s.start <= start && start < s.end) ?? ordered.find((s) => s.start <= start && start <= s.end);
  if (containing) return [containing];
  let nearest: S | undefined;
  for (const s of ordered) {
    const distance = Math.abs(s.start - start);
    if (distance <= 2 && (!nearest || distance < Math.abs(nearest.start - start))) nearest = s;
  }
  return nearest ? [nearest] : [];
}

/** Nice steps for the timeline's time labels, in seconds. */
const TICK_STEPS = [5, 10, 15, 30, 60, 120, 300, 600, 900, 1200, 1800, 3600, 7200];

export function timelineTicks(duration: number): { at: number; label: string }[] {
  if (!(duration > 0)) return [{ at: 0, label: formatClock(0) }];
  const step = TICK_STEPS.find((s) => duration / s <= 8) ?? Math.ceil(duration / 8 / 3600) * 3600;
  const ticks: { at: number; label: string }[] = [];
  for (let at = 0; at <= duration + 1e-6; at += step) ticks.push({ at, label: formatClock(at) });
  return ticks;
}

function sortedAnnotations(annotations: readonly Annotation[]): Annotation[] {
  return [...annotations].sort(
    (a, b) => a.start - b.start || (a.end ?? a.start) - (b.end ?? b.start) || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
  );
}

interface CodeView {
  name: string;
  kind: CodeKind;
  colour: string;
  missedOpportunity: boolean;
}

function codeViewOf(code: Code | undefined, codeId: string): CodeView {
  if (!code) return { name: `${codeId} (not in the codebook)`, kind: 'neutral', colour: UNKNOWN_COLOUR, missedOpportunity: false };
  return { name: code.name, kind: code.kind, colour: safeColour(code.color, UNKNOWN_COLOUR), missedOpportunity: code.missedOpportunity };
}

function valueOrMissing(label: string, value: string | null | undefined, missingText = 'Not recorded'): DetailRow {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? { label, value: missingText, missing: true } : { label, value: trimmed, missing: false };
}

function behaviourCounts(bundle: SessionBundle): BehaviourCount[] {
  const counts = countBehaviours(bundle.annotations, bundle.codebook.codes, bundle.review.codedRange);
  return MITI_BEHAVIOURS.map((b: MitiBehaviour) => ({ label: MITI_BEHAVIOUR_LABELS[b], count: counts[b] }));
}

/** Everything the report shows, as text. */
export function buildReportModel(bundle: SessionBundle): ReportModel {
  const { session, codebook, transcript, review } = bundle;
  const codes = new Map(codebook.codes.map((c) => [c.id, c]));
  const annotations = sortedAnnotations(bundle.annotations);
  const duration = Math.max(session.media.duration, ...annotations.map((a) => a.end ?? a.start));

  const citedFor = new Map<string, string[]>();
  for (const g of GLOBAL_RATINGS) {
    for (const id of review.evidence[g]) citedFor.set(id, [...(citedFor.get(id) ?? []), GLOBAL_RATING_LABELS[g]]);
  }

  const speakerName = (s: TranscriptSegment): string | null => (s.speaker ? transcript.speakerNames[s.speaker] || null : null);

  const entries = annotations.map((a, i): AnnotationEntry => {
    const code = codeViewOf(codes.get(a.codeId), a.codeId);
    const lines = momentSegments(a, transcript.segments)
      .map((s) => ({ speaker: speakerName(s), time: formatClock(s.start), text: s.text.trim() }))
      .filter((l) => l.text !== '');
    return {
      anchor: `note-${i + 1}`,
      number: i + 1,
      time: timeLabel(a.start, a.end),
      codeName: code.name,
      kind: code.kind,
      kindLabel: CODE_KIND_LABELS[code.kind],
      colour: code.colour,
      author: a.author.trim(),
      comment: a.comment.trim(),
      lines,
      modelResponse: code.missedOpportunity ? a.modelResponse.trim() : null,
      citedFor: citedFor.get(a.id) ?? [],
    };
  });

  const entryOf = new Map<string, AnnotationEntry>();
  annotations.forEach((a, i) => {
    const entry = entries[i];
    if (entry) entryOf.set(a.id, entry);
  });

  const legendCounts = new Map<string, number>();
  for (const a of annotations) legendCounts.set(a.codeId, (legendCounts.get(a.codeId) ?? 0) + 1);
  const legendOrder = [...codebook.codes.map((c) => c.id), ...[...legendCounts.keys()].filter((id) => !codes.has(id)).sort()];
  const legend = legendOrder
    .filter((id) => legendCounts.has(id))
    .map((id): LegendEntry => {
      const code = codeViewOf(codes.get(id), id);
      return { name: code.name, kindLabel: CODE_KIND_LABELS[code.kind], colour: code.colour, count: legendCounts.get(id) ?? 0 };
    });

  const lanes = CODE_KINDS.map((kind) => ({
    kind,
    label: CODE_KIND_LABELS[kind],
    items: annotations
      .map((a, i) => ({ a, code: codeViewOf(codes.get(a.codeId), a.codeId), entry: entries[i] }))
      .filter(({ code }) => code.kind === kind)
      .map(({ a, code, entry }): TimelineItem => ({ start: a.start, end: a.end, colour: code.colour, title: `${entry?.time ?? ''} ${code.name}` })),
  })).filter((lane) => lane.items.length > 0);

  const phases = PHASES.flatMap((p: Phase) => {
    const range = review.phases[p];
    return range ? [{ label: PHASE_LABELS[p], start: range.start, end: range.end }] : [];
  });

  const evidence = GLOBAL_RATINGS.map((g: GlobalRating): EvidenceEntry => {
    const rating = review.globals[g];
    const cites = review.evidence[g]
      .map((id) => entryOf.get(id))
      .filter((e): e is AnnotationEntry => e !== undefined)
      .sort((x, y) => x.number - y.number)
      .map((e) => ({ anchor: e.anchor, time: e.time, codeName: e.codeName }));
    return { label: GLOBAL_RATING_LABELS[g], rating: rating === null ? 'Not rated' : `${rating} of 5`, cites };
  });

  const ticked = new Set(review.checklist);
  const checklist = PHASES.map((p): ChecklistGroup => {
    const range = review.phases[p];
    return {
      label: PHASE_LABELS[p],
      range: range ? `${formatClock(range.start)}–${formatClock(range.end)}` : null,
      items: CHECKLIST.filter((item) => item.phase === p).map((item) => ({ label: item.label, done: ticked.has(item.id) })),
    };
  });

  const recorded = formatIsoDate(session.recordedAt);
  const generatedBy = bundle.generatedBy.trim();

  return {
    title: session.title.trim() || 'Untitled session',
    details: [
      valueOrMissing('Trainee', session.trainee),
      valueOrMissing('Supervisor', session.supervisor),
      valueOrMissing('Recorded', recorded),
      { label: 'Duration', value: formatClock(session.media.duration), missing: false },
      { label: 'Codebook', value: codebook.name, missing: false },
      { label: 'Annotations', value: pluralise(annotations.length, 'annotation', 'annotations'), missing: false },
    ],
    generated: `${formatTimestamp(bundle.generatedAt)}${generatedBy ? ` by ${generatedBy}` : ''}`,
    scores: scoreRows(bundle),
    counts: behaviourCounts(bundle),
    codedRange: review.codedRange
      ? `The scores count only the annotations that start between ${formatClock(review.codedRange.start)} and ${formatClock(review.codedRange.end)} (the coded range).`
      : 'The scores count the annotations of the whole recording.',
    hasCodedRange: review.codedRange !== null,
    timeline: { duration, codedRange: review.codedRange, phases, lanes, ticks: timelineTicks(duration) },
    legend,
    annotations: entries,
    hasTranscript: transcript.segments.length > 0,
    evidence,
    feedback: [
      { label: 'Strengths', text: review.feedback.strengths.trim() },
      { label: 'Growth areas', text: review.feedback.growthAreas.trim() },
      { label: 'Goals', text: review.feedback.goals.trim() },
    ],
    checklist,
    checklistDone: checklist.reduce((n, g) => n + g.items.filter((i) => i.done).length, 0),
  };
}

