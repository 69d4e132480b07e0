/** The `session.json` of a feedback package, made from a SessionBundle; with de-identification, every free text is cleaned. Pure. */
import type { SessionBundle } from '../domain/export';
import type { Deidentifier } from './deidentify';
import type { PackageMedia, PackageSession } from './package-format';

/**
 * Everything the trainee view needs of the session. The annotations' codes are the codebook's codes
 * they use (in codebook order). With a de-identifier, every free text — title, names, notes,
 * transcript lines and speaker names, comments, what could have been said, feedback, the
 * codebook's names and definitions — has the listed terms replaced.
 */
export function packageSessionFrom(bundle: SessionBundle, media: PackageMedia, deidentifier: Deidentifier | null): PackageSession {
  const clean = (text: string): string => (deidentifier ? deidentifier.replace(text) : text);
  const { session, review, transcript } = bundle;
  const used = new Set(bundle.annotations.map((a) => a.codeId));
  return {
    session: {
      id: session.id,
      title: clean(session.title),
      trainee: clean(session.trainee),
      supervisor: clean(session.supervisor),
      recordedAt: session.recordedAt,
      notes: clean(session.notes),
      duration: session.media.duration,
      hasVideo: session.media.hasVideo,
    },
    codebook: {
      id: bundle.codebook.id,
      name: clean(bundle.codebook.name),
      codes: bundle.codebook.codes.filter((c) => used.has(c.id)).map((c) => ({ ...c, name: clean(c.name), definition: clean(c.definition) })),
    },
    annotations: bundle.annotations.map((a) => ({
      id: a.id,
      codeId: a.codeId,
      start: a.start,
      end: a.end,
      comment: clean(a.comment),
      author: clean(a.author),
      modelResponse: clean(a.modelResponse),
      segmentIds: [...a.segmentIds],
      createdAt: a.createdAt,
      updatedAt: a.updatedAt,
    })),
    transcript: {
      source: transcript.source,
      language: transcript.language,
      speakerNames: {
        counselor: clean(transcript.speakerNames.counselor),
        client: clean(transcript.speakerNames.client),
        other: clean(transcript.speakerNames.other),
      },
      segments: transcript.segments.map((g) => ({ id: g.id, start: g.start, end: g.end, speaker: g.speaker, text: clean(g.text) })),
    },
    review: {
      phases: {
        beginning: review.phases.beginning && { ...review.phases.beginning },
        middle: review.phases.middle && { ...review.phases.middle },
        termination: review.phases.termination && { ...review.phases.termination },
      },
      checklist: [...review.checklist],
      globals: { ...review.globals },
      evidence: {
        cultivatingChangeTalk: [...review.evidence.cultivatingChangeTalk],
        softeningSustainTalk: [...review.evidence.softeningSustainTalk],
        partnership: [...review.evidence.partnership],
        empathy: [...review.evidence.empathy],
      },
      codedRange: review.codedRange ? { ...review.codedRange } : null,
      feedback: {
        strengths: clean(review.feedback.strengths),
        growthAreas: clean(review.feedback.growthAreas),
        goals: clean(review.feedback.goals),
      },
    },
    scores: { ...bundle.scores, globals: { ...bundle.scores.globals } },
    media,
    deidentified: deidentifier !== null,
  };
}
