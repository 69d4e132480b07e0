import { describe, expect, it } from 'vitest';
import type { Annotation, Code } from '../domain/annotation';
import { MITI_BEHAVIOURS } from '../domain/annotation';
import type { GlobalRatings } from '../domain/review';
import { defaultCodes } from '../codebook/default-codebook';
import { resolveCode } from '../annotations/annotation-file';
import { behaviourOf, countBehaviours, emptyCounts, scoreSession, summaryScores, type BehaviourCounts } from './miti-metrics';
import { bandOf, bandsOf, MITI_THRESHOLDS } from './thresholds';

const codes = defaultCodes();
const noGlobals: GlobalRatings = { cultivatingChangeTalk: null, softeningSustainTalk: null, partnership: null, empathy: null };

/** Annotations with the given code ids, one second apart from `from`. */
function marks(codeIds: string[], from = 0): Pick<Annotation, 'codeId' | 'start'>[] {
  return codeIds.map((codeId, i) => ({ codeId, start: from + i }));
}
const times = (n: number, id: string): string[] => Array.from({ length: n }, () => id);
const counts = (partial: Partial<BehaviourCounts>): BehaviourCounts => ({ ...emptyCounts(), ...partial });

describe('behaviourOf', () => {
  it('maps codes to their MITI behaviour; built-in codes whose id is a behaviour count as themselves', () => {
    const byId = (id: string) => codes.find((c) => c.id === id);
    for (const b of MITI_BEHAVIOURS) {
      const own = byId(b);
      if (own) expect(behaviourOf(own)).toBe(b);
    }
    expect(behaviourOf(byId('open-question'))).toBe('question');
    expect(behaviourOf(byId('summary'))).toBe('complex-reflection');
    expect(behaviourOf(byId('premature-advice'))).toBe('persuade');
    expect(behaviourOf(byId('affirmation'))).toBe('affirm');
    expect(behaviourOf(byId('change-talk'))).toBeNull();
    expect(behaviourOf(byId('empathy'))).toBeNull();
    expect(behaviourOf(undefined)).toBeNull();
  });
});

describe('countBehaviours', () => {
  it('counts each behaviour through the code mapping and ignores unknown and non-MITI codes', () => {
    const c = countBehaviours(
      marks(['open-question', 'question', 'closed-question-run', 'simple-reflection', 'summary', 'complex-reflection', 'change-talk', 'no-such-code', 'judging', 'confront', 'persuade-with-permission']),
      codes,
      null,
    );
    expect(c).toEqual(counts({ question: 3, 'simple-reflection': 1, 'complex-reflection': 2, confront: 2, 'persuade-with-permission': 1 }));
  });

  it('with a coded range counts only annotations starting in [start, end)', () => {
    const annotations = [
      { codeId: 'question', start: 9.999 },
      { codeId: 'question', start: 10 },
      { codeId: 'question', start: 15 },
      { codeId: 'question', start: 19.999 },
      { codeId: 'question', start: 20 },
    ];
    expect(countBehaviours(annotations, codes, { start: 10, end: 20 }).question).toBe(3);
    expect(countBehaviours(annotations, codes, null).question).toBe(5);
    expect(countBehaviours(annotations, codes, { start: 30, end: 40 })).toEqual(emptyCounts());
  });
});

describe('summaryScores', () => {
  it('6 SR + 4 CR + 5 Q: R:Q 2.0 (good), %CR 0.4 (fair)', () => {
    const s = scoreSession(marks([...times(6, 'simple-reflection'), ...times(4, 'complex-reflection'), ...times(5, 'question')]), codes, {
      globals: noGlobals,
      codedRange: null,
    });
    expect(s.reflectionToQuestion).toBe(2);
    expect(s.complexReflectionShare).toBeCloseTo(0.4, 12);
    expect(bandOf('reflectionToQuestion', s.reflectionToQuestion)).toBe('good');
    expect(bandOf('complexReflectionShare', s.complexReflectionShare)).toBe('fair');
  });

  it('reflections to questions and the complex share are null when they cannot be computed', () => {
    expect(summaryScores(emptyCounts(), noGlobals)).toMatchObject({ reflectionToQuestion: null, complexReflectionShare: null, miAdherent: 0, miNonAdherent: 0 });
    const onlyReflections = summaryScores(counts({ 'simple-reflection': 3, 'complex-reflection': 1 }), noGlobals);
    expect(onlyReflections.reflectionToQuestion).toBeNull();
    expect(onlyReflections.complexReflectionShare).toBe(0.25);
    const onlyQuestions = summaryScores(counts({ question: 4 }), noGlobals);
    expect(onlyQuestions.reflectionToQuestion).toBe(0);
    expect(onlyQuestions.complexReflectionShare).toBeNull();
    expect(summaryScores(counts({ question: 4, 'simple-reflection': 2 }), noGlobals).reflectionToQuestion).toBe(0.5);
  });

  it('MI-adherent is affirm + seeking collaboration + emphasizing autonomy; non-adherent is persuade + confront, not persuade with permission', () => {
    const s = summaryScores(
      counts({ affirm: 2, 'seeking-collaboration': 3, 'emphasizing-autonomy': 4, persuade: 5, confront: 6, 'persuade-with-permission': 7, 'giving-information': 8 }),
      noGlobals,
    );
    expect(s.miAdherent).toBe(9);
    expect(s.miNonAdherent).toBe(11);
  });

  it('technical and relational globals are means, null until both ratings are given; globals pass through', () => {
    const some: GlobalRatings = { cultivatingChangeTalk: 3, softeningSustainTalk: 4, partnership: 5, empathy: null };
    const s = summaryScores(emptyCounts(), some);
    expect(s.technicalGlobal).toBe(3.5);
    expect(s.relationalGlobal).toBeNull();
    expect(s.globals).toEqual(some);
    expect(summaryScores(emptyCounts(), { ...some, empathy: 2 }).relationalGlobal).toBe(3.5);
    expect(summaryScores(emptyCounts(), noGlobals).technicalGlobal).toBeNull();
  });
});

describe('thresholds', () => {
  it('puts values exactly at a threshold in the higher band', () => {
    for (const [metric, { fair, good }] of Object.entries(MITI_THRESHOLDS) as [keyof typeof MITI_THRESHOLDS, { fair: number; good: number }][]) {
      expect(bandOf(metric, good)).toBe('good');
      expect(bandOf(metric, good - 0.001)).toBe('fair');
      expect(bandOf(metric, fair)).toBe('fair');
      expect(bandOf(metric, fair - 0.001)).toBe('below');
      expect(bandOf(metric, null)).toBeNull();
    }
  });

  it('is not fooled by floating-point error', () => {
    expect(0.7 - 0.3 < 0.4).toBe(true); // 0.39999999999999997
    expect(bandOf('complexReflectionShare', 0.7 - 0.3)).toBe('fair');
    expect(4.1 - 0.1 < 4).toBe(true); // 3.9999999999999996
    expect(bandOf('technicalGlobal', 4.1 - 0.1)).toBe('good');
    expect(bandOf('complexReflectionShare', 2 / 5)).toBe('fair');
    expect(bandOf('complexReflectionShare', 1 / 2)).toBe('good');
    expect(bandOf('relationalGlobal', (3 + 4) / 2)).toBe('fair');
    expect(bandOf('relationalGlobal', 3.49)).toBe('below');
  });

  it('bandsOf bands every thresholded metric', () => {
    const s = summaryScores(counts({ question: 12, 'simple-reflection': 8, 'complex-reflection': 2 }), {
      cultivatingChangeTalk: 4,
      softeningSustainTalk: 4,
      partnership: 3,
      empathy: 4,
    });
    expect(bandsOf(s)).toEqual({ reflectionToQuestion: 'below', complexReflectionShare: 'below', technicalGlobal: 'good', relationalGlobal: 'fair' });
    expect(bandsOf(summaryScores(emptyCounts(), noGlobals))).toEqual({
      reflectionToQuestion: null,
      complexReflectionShare: null,
      technicalGlobal: null,
      relationalGlobal: null,
    });
  });
});

describe('codebook edits keep annotations intact', () => {
  it('renaming a code (same id) still resolves annotations and leaves the scores unchanged', () => {
    const annotations = marks(['open-question', 'open-question', 'complex-reflection', 'simple-reflection', 'simple-reflection', 'affirmation']);
    const before = scoreSession(annotations, codes, { globals: noGlobals, codedRange: null });
    const renamed: Code[] = codes.map((c) => (c.id === 'open-question' ? { ...c, name: 'Exploring question', color: '#000000', hotkey: 'b' } : c));
    const after = scoreSession(annotations, renamed, { globals: noGlobals, codedRange: null });
    expect(after).toEqual(before);
    expect(before.reflectionToQuestion).toBe(1.5);
    expect(resolveCode('open-question', renamed)?.name).toBe('Exploring question');
    expect(resolveCode('exploring QUESTION ', renamed)?.id).toBe('open-question');
    expect(resolveCode('Open question', renamed)).toBeUndefined();
  });

  it('disabling a code keeps its annotations counting', () => {
    const annotations = marks(['question', 'simple-reflection']);
    const disabled = codes.map((c) => (c.id === 'question' ? { ...c, enabled: false } : c));
    expect(scoreSession(annotations, disabled, { globals: noGlobals, codedRange: null }).reflectionToQuestion).toBe(1);
  });
});
