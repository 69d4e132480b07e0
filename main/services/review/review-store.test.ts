/** ReviewStore on a real library: the default review, patch semantics, every refusal, and scores over the coded range. */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionReview } from '../../../shared/domain/review';
import { importRecording } from '../media/import-recording';
import { expectApiError } from '../../test-support/api-harness';
import { openTempServices, sharedData } from '../../test-support/temp-library';

describe('ReviewStore', () => {
  const services = openTempServices();
  const { reviews, annotations } = services;
  let sessionId = '';
  let otherId = '';
  let createdAt = '';

  beforeAll(async () => {
    const ctx = { store: services.sessions, paths: services.paths, tools: services.tools };
    const session = (await importRecording(ctx, { sourcePath: path.join(sharedData, 'sessions', 'annomi-115-low.mp3') })).session;
    sessionId = session.id;
    createdAt = session.createdAt;
    otherId = (await importRecording(ctx, { sourcePath: path.join(sharedData, 'audio', 'jfk.wav') })).session.id;
  });
  afterAll(() => services.cleanup());

  it('reads the default review for a session without one, and not_found for no session', () => {
    expect(reviews.get(sessionId)).toEqual<SessionReview>({
      sessionId,
      codebookId: 'default',
      phases: { beginning: null, middle: null, termination: null },
      checklist: [],
      globals: { cultivatingChangeTalk: null, softeningSustainTalk: null, partnership: null, empathy: null },
      evidence: { cultivatingChangeTalk: [], softeningSustainTalk: [], partnership: [], empathy: [] },
      codedRange: null,
      feedback: { strengths: '', growthAreas: '', goals: '' },
      updatedAt: createdAt,
    });
    expectApiError(() => reviews.get('nope'), 'not_found', 'That session is no longer in the library.');
  });

  it('changes only what a patch names', () => {
    const q = annotations.create({ sessionId, codeId: 'question', start: 10, end: 12 });
    const r = annotations.create({ sessionId, codeId: 'complex-reflection', start: 30, end: null });
    reviews.update(sessionId, { globals: { empathy: 4, partnership: 3 }, checklist: { 'agenda-agreed': true, 'greeting-and-rapport': true }, feedback: { strengths: 'Warm.' } });
    reviews.update(sessionId, { phases: { beginning: { start: 0, end: 40 } }, evidence: { empathy: [r.id, q.id, r.id] } });
    const review = reviews.update(sessionId, { globals: { partnership: null }, checklist: { 'agenda-agreed': false, 'ended-on-time': true }, feedback: { goals: 'More reflections.' } });
    expect(review).toMatchObject({
      phases: { beginning: { start: 0, end: 40 }, middle: null, termination: null },
      checklist: ['greeting-and-rapport', 'ended-on-time'],
      globals: { empathy: 4, partnership: null, cultivatingChangeTalk: null },
      evidence: { empathy: [r.id, q.id], partnership: [] },
      feedback: { strengths: 'Warm.', growthAreas: '', goals: 'More reflections.' },
    });
    expect(review.updatedAt > createdAt).toBe(true);
    expect(reviews.update(sessionId, { phases: { beginning: null } }).phases.beginning).toBeNull();
  });

  it('refuses unknown checklist items, foreign evidence, ranges outside the recording, and unknown codebooks; nothing changes', () => {
    const before = reviews.get(sessionId);
    const foreign = annotations.create({ sessionId: otherId, codeId: 'question', start: 1, end: null });
    const duration = services.sessions.get(sessionId).media.duration;
    expectApiError(() => reviews.update(sessionId, { globals: { empathy: 1 }, checklist: { 'made-tea': true } }), 'invalid_input', 'There is no checklist item “made-tea”.');
    expectApiError(() => reviews.update(sessionId, { evidence: { partnership: [foreign.id] } }), 'not_found', /The evidence for Partnership names an annotation that is not in this session/);
    expectApiError(() => reviews.update(sessionId, { codedRange: { start: 60, end: 600 } }), 'invalid_input', /^The coded range ends at 10:00, after the recording ends \(3:\d\d\)\.$/);
    expectApiError(() => reviews.update(sessionId, { phases: { termination: { start: duration + 1, end: duration + 5 } } }), 'invalid_input', /^The termination phase starts at /);
    expectApiError(() => reviews.update(sessionId, { codebookId: 'nope' }), 'not_found', 'That codebook is no longer in the library.');
    expect(reviews.get(sessionId)).toEqual(before);
  });

  it('switches codebooks only when the new one has every code the annotations use', () => {
    const slim = services.codebooks.create('Reflections only', 'default');
    services.codebooks.deleteCode(slim.id, 'question');
    expectApiError(
      () => reviews.update(sessionId, { codebookId: slim.id }),
      'invalid_input',
      '1 annotation uses “Question”, which the codebook “Reflections only” does not have; add it there first or change those annotations.',
    );
    expect(reviews.get(sessionId).codebookId).toBe('default');
    const full = services.codebooks.create('Full copy', 'default');
    expect(reviews.update(sessionId, { codebookId: full.id }).codebookId).toBe(full.id);
    // Annotations now take their codes from the session's codebook.
    services.codebooks.saveCode(full.id, { id: 'warmth', name: 'Warmth', definition: '', kind: 'strength', color: '#aa5500', hotkey: null, miti: null, missedOpportunity: false, enabled: true });
    expect(annotations.create({ sessionId, codeId: 'warmth', start: 50, end: null }).codeId).toBe('warmth');
    expectApiError(() => annotations.create({ sessionId: otherId, codeId: 'warmth', start: 1, end: null }), 'invalid_input', /There is no code “warmth”/);
    expectApiError(() => reviews.update(sessionId, { codebookId: 'default' }), 'invalid_input', /1 annotation uses “Warmth”/);
  });

  it('scores the behaviour annotations inside the coded range with the session’s codebook', () => {
    annotations.create({ sessionId, codeId: 'simple-reflection', start: 90, end: null });
    annotations.create({ sessionId, codeId: 'open-question', start: 100, end: 104 });
    expect(reviews.scores(sessionId)).toMatchObject({ reflectionToQuestion: 1, complexReflectionShare: 0.5, miAdherent: 0, relationalGlobal: null, globals: { empathy: 4 } });
    reviews.update(sessionId, { codedRange: { start: 20, end: 95 }, globals: { partnership: 5 } });
    expect(reviews.scores(sessionId)).toMatchObject({ reflectionToQuestion: null, complexReflectionShare: 0.5, relationalGlobal: 4.5 });
    reviews.update(sessionId, { codedRange: { start: 0, end: 120 } });
    expect(reviews.scores(sessionId).reflectionToQuestion).toBe(1);
  });

  it('drops evidence with its annotation', () => {
    const [first] = reviews.get(sessionId).evidence.empathy;
    annotations.delete(first!);
    expect(reviews.get(sessionId).evidence.empathy).not.toContain(first);
    expect(reviews.get(sessionId).evidence.empathy).toHaveLength(1);
  });
});
