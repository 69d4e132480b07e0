import { describe, expect, it } from 'vitest';
import type { SessionReview } from '../../shared/domain/review';
import { applyReviewPatch } from './review-patch';

const review: SessionReview = {
  sessionId: 's1',
  codebookId: 'default',
  phases: { beginning: { start: 0, end: 60 }, middle: null, termination: null },
  checklist: ['greeting-and-rapport'],
  globals: { cultivatingChangeTalk: 3, softeningSustainTalk: null, partnership: null, empathy: 4 },
  evidence: { cultivatingChangeTalk: [], softeningSustainTalk: [], partnership: [], empathy: ['a1'] },
  codedRange: null,
  feedback: { strengths: 'Warm', growthAreas: '', goals: '' },
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('applyReviewPatch', () => {
  it('changes only what the patch names', () => {
    const next = applyReviewPatch(review, {
      globals: { empathy: null, partnership: 5 },
      phases: { middle: { start: 60, end: 200 } },
      checklist: { 'greeting-and-rapport': false, 'goals-agreed': true },
      evidence: { partnership: ['a2'] },
      codedRange: { start: 0, end: 120 },
      feedback: { goals: 'Reflect more' },
    });
    expect(next.globals).toEqual({ cultivatingChangeTalk: 3, softeningSustainTalk: null, partnership: 5, empathy: null });
    expect(next.phases).toEqual({ beginning: { start: 0, end: 60 }, middle: { start: 60, end: 200 }, termination: null });
    expect(next.checklist).toEqual(['goals-agreed']);
    expect(next.evidence).toEqual({ cultivatingChangeTalk: [], softeningSustainTalk: [], partnership: ['a2'], empathy: ['a1'] });
    expect(next.codedRange).toEqual({ start: 0, end: 120 });
    expect(next.feedback).toEqual({ strengths: 'Warm', growthAreas: '', goals: 'Reflect more' });
    expect(next.codebookId).toBe('default');
  });

  it('clears a phase and the coded range with null, and leaves the original alone', () => {
    const next = applyReviewPatch(review, { phases: { beginning: null }, codedRange: null, codebookId: 'other' });
    expect(next.phases.beginning).toBeNull();
    expect(next.codedRange).toBeNull();
    expect(next.codebookId).toBe('other');
    expect(review.phases.beginning).toEqual({ start: 0, end: 60 });
  });
});
