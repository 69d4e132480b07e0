/** The profile.*, codebooks.*, annotations.* and review.* calls through dispatch (validation, handlers, events), on a real library. */
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventMap } from '../../shared/api/contract';
import type { Annotation, Codebook, Profile } from '../../shared/domain/annotation';
import type { SessionReview } from '../../shared/domain/review';
import { dispatch } from './dispatch';
import { importRecording } from '../services/media/import-recording';
import { dispatchHarness } from '../test-support/api-harness';
import { openTempServices, sharedData } from '../test-support/temp-library';

describe('annotating and scoring calls', () => {
  const services = openTempServices();
  const { ctx, events, ok } = dispatchHarness(services);
  let sessionId = '';

  beforeAll(async () => {
    const importCtx = { store: services.sessions, paths: services.paths, tools: services.tools };
    sessionId = (await importRecording(importCtx, { sourcePath: path.join(sharedData, 'audio', 'jfk.wav') })).session.id;
  });
  afterAll(() => services.cleanup());

  it('profile: defaults, an update, and profile.changed', async () => {
    const profile = await ok<Profile>('profile.get', {});
    expect(profile.name).toBe(os.userInfo().username || 'Supervisor');
    expect(profile.preRoll).toBe(3);
    expect(await ok<Profile>('profile.update', { name: '  Dr. Okafor ', preRoll: 1.5 })).toEqual({ name: 'Dr. Okafor', preRoll: 1.5 });
    expect(events.at(-1)).toEqual(['profile.changed', { name: 'Dr. Okafor', preRoll: 1.5 }]);
    expect(await dispatch('profile.update', { preRoll: 31 }, ctx)).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'preRoll: The pre-roll is from 0 to 30 seconds.' },
    });
    expect(await ok<Profile>('profile.get', {})).toEqual({ name: 'Dr. Okafor', preRoll: 1.5 });
  });

  it('annotations: create, update, delete and restore, each emitting annotations.changed with what changed', async () => {
    const created = await ok<Annotation>('annotations.create', { sessionId, codeId: 'open-question', start: 1.25, end: 3.5, comment: 'Good opener' });
    expect(created).toMatchObject({ sessionId, codeId: 'open-question', start: 1.25, end: 3.5, comment: 'Good opener', author: 'Dr. Okafor', segmentIds: [] });
    // The first annotation puts the session in review, and the library hears of it.
    expect(events.slice(-2)).toEqual([
      ['annotations.changed', { sessionId, upserted: [created], deletedIds: [] }],
      ['library.changed', { sessionId }],
    ]);
    expect(services.sessions.get(sessionId).status).toBe('in-review');

    const updated = await ok<Annotation>('annotations.update', { annotationId: created.id, patch: { end: null, comment: 'A moment now' } });
    expect(updated).toMatchObject({ id: created.id, start: 1.25, end: null, comment: 'A moment now' });
    expect(events.at(-1)).toEqual(['annotations.changed', { sessionId, upserted: [updated], deletedIds: [] }]);

    const deleted = await ok<Annotation>('annotations.delete', { annotationId: created.id });
    expect(deleted).toEqual(updated);
    expect(events.at(-1)).toEqual(['annotations.changed', { sessionId, upserted: [], deletedIds: [created.id] }]);
    expect(await ok<Annotation[]>('annotations.list', { sessionId })).toEqual([]);

    const restored = await ok<Annotation>('annotations.restore', deleted);
    expect(restored).toEqual(deleted);
    expect(await ok<Annotation[]>('annotations.list', { sessionId })).toEqual([deleted]);
    expect(await dispatch('annotations.restore', deleted, ctx)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('validates at the boundary with the schema’s words, then in the store, and emits nothing on failure', async () => {
    const before = events.length;
    expect(await dispatch('annotations.create', { sessionId, codeId: 'Open Question', start: 1 }, ctx)).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'codeId: A code id uses lower-case letters, digits and single hyphens, like "open-question".' },
    });
    expect(await dispatch('annotations.create', { sessionId, codeId: 'question', start: -1 }, ctx)).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'start: The start cannot be before the start of the recording.' },
    });
    expect(await dispatch('annotations.create', { sessionId, codeId: 'question', start: 60 }, ctx)).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'The annotation starts at 1:00, after the recording ends (0:11).' },
    });
    expect(await dispatch('review.update', { sessionId, patch: { globals: { empathy: 6 } } }, ctx)).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'patch.globals.empathy: A rating is from 1 to 5.' },
    });
    expect(await dispatch('codebooks.saveCode', { codebookId: 'default', code: { id: 'x', name: 'X', kind: 'strength', color: 'red' } }, ctx)).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'code.color: A colour is written like #2563eb.' },
    });
    expect(await dispatch('annotations.update', { annotationId: 'gone', patch: {} }, ctx)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(events.length).toBe(before);
  });

  it('reviewing moves a session from New or Transcribed to In review, never back from a later status', async () => {
    services.sessions.update(sessionId, { status: 'transcribed' });
    await ok<SessionReview>('review.update', { sessionId, patch: { codebookId: 'default' } });
    expect(services.sessions.get(sessionId).status).toBe('transcribed');
    await ok<SessionReview>('review.update', { sessionId, patch: { globals: { empathy: 4 } } });
    expect(services.sessions.get(sessionId).status).toBe('in-review');
    expect(events.at(-1)).toEqual(['library.changed', { sessionId }]);

    services.sessions.update(sessionId, { status: 'feedback-sent' });
    const before = events.length;
    await ok<Annotation>('annotations.create', { sessionId, codeId: 'affirmation', start: 2 });
    expect(services.sessions.get(sessionId).status).toBe('feedback-sent');
    expect(events.slice(before).map(([name]) => name)).toEqual(['annotations.changed']);
    await ok<SessionReview>('review.update', { sessionId, patch: { globals: { empathy: null } } });
    expect(services.sessions.get(sessionId).status).toBe('feedback-sent');
  });

  it('review: the default, a patch, and review.changed; deleting cited evidence updates the review', async () => {
    const fresh = await ok<SessionReview>('review.get', { sessionId });
    expect(fresh).toMatchObject({ codebookId: 'default', checklist: [], codedRange: null, globals: { empathy: null } });
    const [annotation] = await ok<Annotation[]>('annotations.list', { sessionId });
    const review = await ok<SessionReview>('review.update', {
      sessionId,
      patch: { globals: { empathy: 4 }, evidence: { empathy: [annotation?.id] }, checklist: { 'agenda-agreed': true } },
    });
    expect(review).toMatchObject({ globals: { empathy: 4, partnership: null }, evidence: { empathy: [annotation?.id] }, checklist: ['agenda-agreed'] });
    expect(events.at(-1)).toEqual(['review.changed', { review }]);

    await ok('annotations.delete', { annotationId: annotation?.id });
    const [name, payload] = events.at(-1) ?? [];
    expect(name).toBe('review.changed');
    expect((payload as EventMap['review.changed']).review.evidence.empathy).toEqual([]);
  });

  it('codebooks: every write emits codebooks.changed', async () => {
    const copy = await ok<Codebook>('codebooks.create', { name: 'Practicum', copyFrom: 'default' });
    expect(events.at(-1)).toEqual(['codebooks.changed', { codebookId: copy.id }]);
    const renamed = await ok<Codebook>('codebooks.rename', { codebookId: copy.id, name: 'Practicum 2026' });
    expect(renamed.name).toBe('Practicum 2026');
    const exported = await ok<{ fileName: string; content: string }>('codebooks.export', { codebookId: copy.id });
    expect(exported.fileName).toBe('practicum-2026.codebook.json');
    await ok('codebooks.delete', { codebookId: copy.id });
    expect(events.at(-1)).toEqual(['codebooks.changed', { codebookId: copy.id }]);
    expect((await ok<Codebook[]>('codebooks.list', {})).map((c) => c.id)).toEqual(['default']);
  });
});
