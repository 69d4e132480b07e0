/** The report's model and template on hand-made bundles: escaping, colours, moments, ticks, missing scores, unknown codes. */
import { describe, expect, it } from 'vitest';
import { transcriptTextFor } from '../annotations/annotation-file';
import { defaultCodebook } from '../codebook/default-codebook';
import type { Annotation } from '../domain/annotation';
import type { SessionBundle } from '../domain/export';
import type { SessionReview } from '../domain/review';
import type { TranscriptSegment } from '../domain/transcript';
import { scoreSession } from '../scoring/miti-metrics';
import { escapeHtml, safeColour } from './html-escape';
import { renderReportHtml } from './report-html';
import { buildReportModel, momentSegments, timelineTicks } from './report-model';

function segment(id: string, start: number, end: number, text: string, speaker: TranscriptSegment['speaker'] = 'client'): TranscriptSegment {
  return { id, sessionId: 's1', start, end, speaker, text, originalText: text, edited: false };
}

function annotation(id: string, codeId: string, start: number, end: number | null, extra: Partial<Annotation> = {}): Annotation {
  return {
    id,
    sessionId: 's1',
    codeId,
    start,
    end,
    comment: `comment ${id}`,
    author: 'Ana',
    modelResponse: '',
    segmentIds: [],
    createdAt: '2026-03-14T10:00:00.000Z',
    updatedAt: '2026-03-14T10:00:00.000Z',
    ...extra,
  };
}

const SEGMENTS = [
  segment('a', 0, 4, ' How are you? ', 'counselor'),
  segment('b', 5, 9, 'Tired.'),
  segment('c', 9, 15, 'I keep thinking about it.'),
  segment('d', 20, 24, 'What would help?', 'counselor'),
  segment('e', 24, 24.5, '   '),
];

function bundleWith(annotations: Annotation[], review: Partial<SessionReview> = {}): SessionBundle {
  const codebook = defaultCodebook();
  const fullReview: SessionReview = {
    sessionId: 's1',
    codebookId: codebook.id,
    phases: { beginning: null, middle: null, termination: null },
    checklist: [],
    globals: { cultivatingChangeTalk: null, softeningSustainTalk: null, partnership: null, empathy: null },
    evidence: { cultivatingChangeTalk: [], softeningSustainTalk: [], partnership: [], empathy: [] },
    codedRange: null,
    feedback: { strengths: '', growthAreas: '', goals: '' },
    updatedAt: '2026-03-14T10:00:00.000Z',
    ...review,
  };
  return {
    session: {
      id: 's1',
      title: 'Intake <b>one</b>',
      trainee: '',
      supervisor: 'Dr. Ruiz',
      recordedAt: null,
      notes: '',
      status: 'in-review',
      cohort: '',
      clientPseudonym: '',
      tags: [],
      consent: null,
      retainUntil: null,
      createdAt: '2026-03-14T10:00:00.000Z',
      updatedAt: '2026-03-14T10:00:00.000Z',
      media: {
        originalName: 'intake.m4a',
        sha256: '0'.repeat(64),
        fileName: `${'0'.repeat(64)}.m4a`,
        peaksFileName: `${'0'.repeat(64)}.peaks`,
        sizeBytes: 1000,
        duration: 30,
        container: 'mov,mp4,m4a,3gp,3g2,mj2',
        audioCodec: 'aac',
        videoCodec: null,
        channels: 1,
        sampleRate: 44100,
        hasVideo: false,
        width: null,
        height: null,
      },
    },
    codebook,
    annotations,
    transcript: {
      sessionId: 's1',
      source: 'vtt',
      origin: 'intake.vtt',
      language: null,
      speakerNames: { counselor: 'Sam', client: 'Robin', other: 'Other' },
      segments: SEGMENTS,
      speech: null,
      pending: null,
    },
    review: fullReview,
    scores: scoreSession(annotations, codebook.codes, fullReview),
    generatedAt: '2026-03-15T09:30:00.000Z',
    generatedBy: 'Ana',
  };
}

describe('escapeHtml and safeColour', () => {
  it('escapes every markup character and drops control characters', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&amp;</a>\u0000\u0007\t\n`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;\t\n');
  });

  it('lets only #rrggbb colours through', () => {
    expect(safeColour('#A1B2C3')).toBe('#a1b2c3');
    expect(safeColour('#fff')).toBe('#64748b');
    expect(safeColour('red;background:url(x)')).toBe('#64748b');
    expect(safeColour('#123456"><script>', '#000000')).toBe('#000000');
  });
});

describe('momentSegments', () => {
  const cases: [string, Pick<Annotation, 'start' | 'end' | 'segmentIds'>][] = [
    ['linked segments', { start: 0, end: null, segmentIds: ['d', 'b'] }],
    ['linked segments that no longer exist', { start: 6, end: null, segmentIds: ['gone'] }],
    ['a span overlapping two segments', { start: 8, end: 10, segmentIds: [] }],
    ['a moment inside a segment', { start: 6, end: null, segmentIds: [] }],
    ['a moment on a boundary', { start: 9, end: null, segmentIds: [] }],
    ['a moment in a gap, near a start', { start: 18.5, end: null, segmentIds: [] }],
    ['a moment far from any segment', { start: 28, end: null, segmentIds: [] }],
    ['a zero-length span', { start: 21, end: 21, segmentIds: [] }],
    ['a span over a blank segment', { start: 24.1, end: 24.4, segmentIds: [] }],
  ];

  it.each(cases)('chooses what transcriptTextFor chooses: %s', (_name, a) => {
    const joined = momentSegments(a, SEGMENTS)
      .map((s) => s.text.trim())
      .filter((t) => t !== '')
      .join(' ');
    expect(joined).toBe(transcriptTextFor(a, SEGMENTS));
  });

  it('returns the segments in time order', () => {
    expect(momentSegments({ start: 0, end: null, segmentIds: ['d', 'b'] }, SEGMENTS).map((s) => s.id)).toEqual(['b', 'd']);
  });
});

describe('timelineTicks', () => {
  it('labels a 3.5-minute session every 30 s and a 2-hour one every 15 minutes', () => {
    expect(timelineTicks(210).map((t) => t.label)).toEqual(['0:00:00', '0:00:30', '0:01:00', '0:01:30', '0:02:00', '0:02:30', '0:03:00', '0:03:30']);
    const long = timelineTicks(7200);
    expect(long.length).toBeLessThanOrEqual(9);
    expect(long[1]?.at).toBe(900);
    expect(timelineTicks(0)).toEqual([{ at: 0, label: '0:00:00' }]);
  });
});

describe('buildReportModel', () => {
  it('orders annotations by time, names speakers, and marks missed opportunities', () => {
    const model = buildReportModel(
      bundleWith([
        annotation('late', 'missed-reflection', 10, null, { modelResponse: ' You are worn out. ' }),
        annotation('early', 'open-question', 0.5, 3),
      ]),
    );
    expect(model.annotations.map((a) => [a.number, a.time, a.codeName, a.kindLabel])).toEqual([
      [1, '0:00:00–0:00:03', 'Open question', 'Strength'],
      [2, '0:00:10', 'Missed reflection', 'Growth area'],
    ]);
    expect(model.annotations[0]?.lines).toEqual([{ speaker: 'Sam', time: '0:00:00', text: 'How are you?' }]);
    expect(model.annotations[0]?.modelResponse).toBeNull();
    expect(model.annotations[1]?.modelResponse).toBe('You are worn out.');
    expect(model.annotations[1]?.lines).toEqual([{ speaker: 'Robin', time: '0:00:09', text: 'I keep thinking about it.' }]);
  });

  it('gives a reason for every score that cannot be computed, and marks bands in words', () => {
    const none = buildReportModel(bundleWith([]));
    const rq = none.scores.find((r) => r.key === 'reflectionToQuestion');
    expect(rq).toMatchObject({ value: null, band: null, standing: 'Not yet', missing: 'No questions were coded, so there is no ratio.' });
    expect(none.scores.find((r) => r.key === 'empathy')).toMatchObject({ value: null, standing: 'Not yet', missing: 'Not rated yet.' });
    expect(none.scores.find((r) => r.key === 'miAdherent')).toMatchObject({ value: '0', standing: 'No threshold' });

    const some = buildReportModel(
      bundleWith(
        [annotation('q', 'open-question', 1, null), annotation('r1', 'complex-reflection', 6, null), annotation('r2', 'simple-reflection', 7, null)],
        { globals: { cultivatingChangeTalk: 4, softeningSustainTalk: 4, partnership: 3, empathy: 3 } },
      ),
    );
    expect(some.scores.find((r) => r.key === 'reflectionToQuestion')).toMatchObject({ value: '2.00', band: 'good', standing: 'Good', fair: '≥ 1.00', good: '≥ 2.00' });
    expect(some.scores.find((r) => r.key === 'complexReflectionShare')).toMatchObject({ value: '50 %', band: 'good' });
    expect(some.scores.find((r) => r.key === 'technicalGlobal')).toMatchObject({ value: '4', band: 'good' });
    expect(some.scores.find((r) => r.key === 'relationalGlobal')).toMatchObject({ value: '3', band: 'below', standing: 'Below fair' });
    expect(some.scores.find((r) => r.key === 'partnership')).toMatchObject({ value: '3 of 5', band: null });
  });

  it('keeps annotations whose code left the codebook, in grey, and drops evidence for annotations that are gone', () => {
    const model = buildReportModel(
      bundleWith([annotation('x', 'retired-code', 2, null)], {
        evidence: { cultivatingChangeTalk: [], softeningSustainTalk: [], partnership: [], empathy: ['x', 'deleted'] },
        codedRange: { start: 1, end: 20 },
      }),
    );
    expect(model.annotations[0]).toMatchObject({ codeName: 'retired-code (not in the codebook)', colour: '#64748b', kind: 'neutral', citedFor: ['Empathy'] });
    expect(model.evidence.find((e) => e.label === 'Empathy')?.cites).toEqual([{ anchor: 'note-1', time: '0:00:02', codeName: 'retired-code (not in the codebook)' }]);
    expect(model.codedRange).toBe('The scores count only the annotations that start between 0:00:01 and 0:00:20 (the coded range).');
    expect(model.details.find((d) => d.label === 'Trainee')).toEqual({ label: 'Trainee', value: 'Not recorded', missing: true });
  });
});

describe('renderReportHtml on a hand-made bundle', () => {
  it('escapes the title, never writes a hostile colour, and holds no script or URL', () => {
    const bundle = bundleWith([annotation('a', 'open-question', 1, null, { comment: '</p><script>x()</script>' })]);
    bundle.codebook = { ...bundle.codebook, codes: bundle.codebook.codes.map((c) => (c.id === 'open-question' ? { ...c, color: 'red;background:url(//evil)' } : c)) };
    const html = renderReportHtml(bundle);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
    expect(html).toContain('<title>Feedback report: Intake &lt;b&gt;one&lt;/b&gt;</title>');
    expect(html).toContain('&lt;/p&gt;&lt;script&gt;x()&lt;/script&gt;');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('evil');
    expect(html).not.toMatch(/https?:|\/\/|url\(|\bsrc=/i);
    expect(html).toContain('@page { size: A4;');
    expect(renderReportHtml(bundle, { pageSize: 'Letter' })).toContain('@page { size: Letter;');
  });
});
