/**
 * A session as an ELAN annotation document (EAF 3.0, valid against ELAN's EAFv3.0.xsd): one tier per
 * speaker for the transcript and one tier per code kind for the annotations, the recording linked by
 * a relative path (the recording is expected next to the .eaf file under `mediaFileName`).
 *
 * Decisions:
 * - A moment (an annotation without an end) becomes a span of MOMENT_SPAN_MS (1 s) from its start,
 *   cut at the end of the recording; ELAN has no zero-length annotations.
 * - ELAN does not allow overlapping annotations on one tier; an annotation that overlaps an earlier
 *   one of the same tier goes to a further tier of the same kind ("Growth area (2)"). Transcript
 *   segments that overlap within one speaker are treated the same way.
 * - An annotation's value is its code name, then its comment, then (for missed opportunities) what
 *   could have been said, each part on its own line.
 * - Every tier's annotations get their own two time slots (no sharing), in time order.
 */
import { CODE_KINDS, CODE_KIND_LABELS, type Code, type CodeKind } from '../domain/annotation';
import type { SessionBundle } from '../domain/export';
import { SPEAKER_ROLES, type SpeakerRole } from '../domain/transcript';
import { xmlText } from './xml-text';

export const MOMENT_SPAN_MS = 1000;

const MIME_BY_EXTENSION: Record<string, string> = {
  wav: 'audio/x-wav',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  aac: 'audio/aac',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  opus: 'audio/ogg',
  flac: 'audio/flac',
  webm: 'video/webm',
  mp4: 'video/mp4',
  m4v: 'video/mp4',
  mov: 'video/quicktime',
  mkv: 'video/x-matroska',
  avi: 'video/x-msvideo',
  mpg: 'video/mpeg',
  mpeg: 'video/mpeg',
};

/** The MIME type ELAN is told for the recording: by the file's extension, else generic audio or video. */
export function mediaMimeType(fileName: string, hasVideo: boolean): string {
  const ext = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  const known = MIME_BY_EXTENSION[ext];
  if (known && (known.startsWith('video/') || !hasVideo)) return known;
  return hasVideo ? (ext === 'webm' ? 'video/webm' : 'video/*') : 'audio/*';
}

/** A file name as a relative URL: each character outside the URL-safe set percent-encoded. */
export function relativeFileUrl(fileName: string): string {
  return encodeURIComponent(fileName).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

interface Span {
  startMs: number;
  endMs: number;
  value: string;
}

interface Tier {
  id: string;
  type: 'transcript' | 'code';
  participant: string | null;
  spans: Span[];
}

/** Spans in time order, spread over as few lanes as keep each lane free of overlaps. */
function lanes(spans: readonly Span[]): Span[][] {
  const sorted = [...spans].sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);
  const result: Span[][] = [];
  for (const span of sorted) {
    const lane = result.find((l) => (l[l.length - 1] as Span).endMs <= span.startMs);
    if (lane) lane.push(span);
    else result.push([span]);
  }
  return result;
}

/** A span in whole milliseconds inside [0, duration], at least 1 ms long. */
function spanMs(start: number, end: number, durationMs: number): { startMs: number; endMs: number } {
  const limit = Math.max(1, durationMs);
  let startMs = Math.max(0, Math.round(start * 1000));
  let endMs = Math.min(limit, Math.round(end * 1000));
  if (startMs >= limit) startMs = limit - 1;
  if (endMs <= startMs) endMs = startMs + 1;
  return { startMs, endMs };
}

/** The transcript tiers: one per speaker who speaks (the session's name for the role), in role order, then segments without a speaker. */
function transcriptTiers(bundle: SessionBundle, durationMs: number): Tier[] {
  const { transcript } = bundle;
  const groups: { name: string; participant: string | null; role: SpeakerRole | null }[] = [
    ...SPEAKER_ROLES.map((role) => ({ name: transcript.speakerNames[role], participant: transcript.speakerNames[role], role })),
    { name: 'Transcript (no speaker)', participant: null, role: null },
  ];
  const tiers: Tier[] = [];
  for (const group of groups) {
    const spans = transcript.segments
      .filter((s) => s.speaker === group.role)
      .map((s) => ({ ...spanMs(s.start, s.end, durationMs), value: s.text }));
    lanes(spans).forEach((lane, i) => tiers.push({ id: i === 0 ? group.name : `${group.name} (${i + 1})`, type: 'transcript', participant: group.participant, spans: lane }));
  }
  return tiers;
}

function annotationValue(code: Code | undefined, codeId: string, comment: string, modelResponse: string): string {
  const parts = [code?.name ?? codeId];
  if (comment.trim()) parts.push(comment.trim());
  if (modelResponse.trim()) parts.push(`Could have said: ${modelResponse.trim()}`);
  return parts.join('\n');
}

/** The annotation tiers: one per code kind, in the codebook's kind order, each named "Codes: <kind>". */
function annotationTiers(bundle: SessionBundle, durationMs: number): Tier[] {
  const codes = new Map(bundle.codebook.codes.map((c) => [c.id, c]));
  const byKind = new Map<CodeKind, Span[]>(CODE_KINDS.map((k) => [k, []]));
  for (const a of bundle.annotations) {
    const code = codes.get(a.codeId);
    const kind: CodeKind = code?.kind ?? 'neutral';
    const range = a.end === null ? spanMs(a.start, a.start + MOMENT_SPAN_MS / 1000, durationMs) : spanMs(a.start, a.end, durationMs);
    byKind.get(kind)?.push({ ...range, value: annotationValue(code, a.codeId, a.comment, a.modelResponse) });
  }
  const tiers: Tier[] = [];
  for (const kind of CODE_KINDS) {
    const name = `Codes: ${CODE_KIND_LABELS[kind]}`;
    const split = lanes(byKind.get(kind) ?? []);
    if (split.length === 0) tiers.push({ id: name, type: 'code', participant: null, spans: [] });
    split.forEach((lane, i) => tiers.push({ id: i === 0 ? name : `${name} (${i + 1})`, type: 'code', participant: null, spans: lane }));
  }
  return tiers;
}

/** Makes tier ids unique (two speakers may have been given the same name). */
function uniqueIds(tiers: Tier[]): Tier[] {
  const seen = new Set<string>();
  return tiers.map((t) => {
    let id = t.id;
    for (let n = 2; seen.has(id); n++) id = `${t.id} [${n}]`;
    seen.add(id);
    return { ...t, id };
  });
}

export interface EafOptions {
  /** The recording's file name, expected next to the .eaf file. */
  mediaFileName: string;
}

/** The whole EAF document as text (UTF-8 declared). */
export function sessionToEaf(bundle: SessionBundle, options: EafOptions): string {
  const durationMs = Math.max(1, Math.round(bundle.session.media.duration * 1000));
  const tiers = uniqueIds([...transcriptTiers(bundle, durationMs), ...annotationTiers(bundle, durationMs)]);

  // Time slots: two per annotation, numbered in time order.
  const slots: { key: string; ms: number }[] = [];
  tiers.forEach((tier, t) =>
    tier.spans.forEach((span, s) => {
      slots.push({ key: `${t}:${s}:1`, ms: span.startMs }, { key: `${t}:${s}:2`, ms: span.endMs });
    }),
  );
  slots.sort((a, b) => a.ms - b.ms);
  const slotId = new Map(slots.map((slot, i) => [slot.key, `ts${i + 1}`]));

  const media = options.mediaFileName;
  const url = relativeFileUrl(media);
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<ANNOTATION_DOCUMENT AUTHOR="${xmlText(bundle.generatedBy)}" DATE="${xmlText(bundle.generatedAt)}" FORMAT="3.0" VERSION="3.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="http://www.mpi.nl/tools/elan/EAFv3.0.xsd">`,
    '    <HEADER MEDIA_FILE="" TIME_UNITS="milliseconds">',
    `        <MEDIA_DESCRIPTOR MEDIA_URL="${xmlText(url)}" MIME_TYPE="${xmlText(mediaMimeType(media, bundle.session.media.hasVideo))}" RELATIVE_MEDIA_URL="./${xmlText(url)}"/>`,
    `        <PROPERTY NAME="lastUsedAnnotationId">${tiers.reduce((n, t) => n + t.spans.length, 0)}</PROPERTY>`,
    `        <PROPERTY NAME="attune:sessionTitle">${xmlText(bundle.session.title)}</PROPERTY>`,
    `        <PROPERTY NAME="attune:codebook">${xmlText(bundle.codebook.name)}</PROPERTY>`,
    '    </HEADER>',
  ];
  if (slots.length === 0) out.push('    <TIME_ORDER/>');
  else {
    out.push('    <TIME_ORDER>');
    slots.forEach((slot, i) => out.push(`        <TIME_SLOT TIME_SLOT_ID="ts${i + 1}" TIME_VALUE="${slot.ms}"/>`));
    out.push('    </TIME_ORDER>');
  }
  let annotationNo = 0;
  tiers.forEach((tier, t) => {
    const participant = tier.participant !== null ? ` PARTICIPANT="${xmlText(tier.participant)}"` : '';
    const head = `    <TIER LINGUISTIC_TYPE_REF="${tier.type}"${participant} TIER_ID="${xmlText(tier.id)}"`;
    if (tier.spans.length === 0) {
      out.push(`${head}/>`);
      return;
    }
    out.push(`${head}>`);
    tier.spans.forEach((span, s) => {
      annotationNo++;
      out.push(
        '        <ANNOTATION>',
        `            <ALIGNABLE_ANNOTATION ANNOTATION_ID="a${annotationNo}" TIME_SLOT_REF1="${slotId.get(`${t}:${s}:1`) ?? ''}" TIME_SLOT_REF2="${slotId.get(`${t}:${s}:2`) ?? ''}">`,
        `                <ANNOTATION_VALUE>${xmlText(span.value)}</ANNOTATION_VALUE>`,
        '            </ALIGNABLE_ANNOTATION>',
        '        </ANNOTATION>',
      );
    });
    out.push('    </TIER>');
  });
  out.push(
    '    <LINGUISTIC_TYPE GRAPHIC_REFERENCES="false" LINGUISTIC_TYPE_ID="transcript" TIME_ALIGNABLE="true"/>',
    '    <LINGUISTIC_TYPE GRAPHIC_REFERENCES="false" LINGUISTIC_TYPE_ID="code" TIME_ALIGNABLE="true"/>',
    '    <CONSTRAINT DESCRIPTION="Time subdivision of parent annotation\'s time interval, no time gaps allowed within this interval" STEREOTYPE="Time_Subdivision"/>',
    '    <CONSTRAINT DESCRIPTION="Symbolic subdivision of a parent annotation. Annotations refering to the same parent are ordered" STEREOTYPE="Symbolic_Subdivision"/>',
    '    <CONSTRAINT DESCRIPTION="1-1 association with a parent annotation" STEREOTYPE="Symbolic_Association"/>',
    '    <CONSTRAINT DESCRIPTION="Time alignable annotations within the parent annotation\'s time interval, gaps are allowed" STEREOTYPE="Included_In"/>',
    '</ANNOTATION_DOCUMENT>',
    '',
  );
  return out.join('\n');
}
