/** AnnotationStore on a real library: placing and editing annotations, every refusal, and annotation files in and out (all or nothing). */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CODEBOOK_NAME } from '../../../shared/codebook/default-codebook';
import { parseAnnotationCsv } from '../../../shared/annotations/annotation-file';
import { importRecording } from '../media/import-recording';
import { expectApiError } from '../../test-support/api-harness';
import { openTempServices, sharedData } from '../../test-support/temp-library';

const VTT = 'WEBVTT\n\n00:00:00.500 --> 00:00:04.000\n<v Dana>And so, my fellow Americans,\n\n00:00:04.000 --> 00:00:08.000\n<v Dana>ask not what your country can do for you\n\n00:00:08.000 --> 00:00:11.000\n<v Dana>ask what you can do for your country.\n';

describe('AnnotationStore', () => {
  const services = openTempServices();
  const { annotations } = services;
  let sessionId = '';
  let otherId = '';
  let duration = 0;
  const count = (table: string): number => (services.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

  beforeAll(async () => {
    const ctx = { store: services.sessions, paths: services.paths, tools: services.tools };
    const jfk = (await importRecording(ctx, { sourcePath: path.join(sharedData, 'audio', 'jfk.wav'), title: 'JFK: Inaugural (1961)' })).session;
    sessionId = jfk.id;
    duration = jfk.media.duration;
    otherId = (await importRecording(ctx, { sourcePath: path.join(sharedData, 'audio', 'jfk.mp3') })).session.id;
    services.transcripts.importSubtitles(sessionId, 'jfk.vtt', VTT);
    services.transcripts.importSubtitles(otherId, 'jfk.vtt', VTT);
    services.profile.update({ name: 'Dr. Okafor' });
  });
  afterAll(() => services.cleanup());

  it('places spans and moments by the profile’s author, linked to transcript segments, listed by start', () => {
    const [s1, s2] = services.transcripts.get(sessionId).segments;
    const span = annotations.create({ sessionId, codeId: 'complex-reflection', start: 4.2, end: 7.9, comment: 'Double-sided', segmentIds: [s2!.id, s1!.id, s2!.id] });
    expect(span).toMatchObject({ sessionId, codeId: 'complex-reflection', start: 4.2, end: 7.9, comment: 'Double-sided', author: 'Dr. Okafor', modelResponse: '', segmentIds: [s1!.id, s2!.id] });
    const moment = annotations.create({ sessionId, codeId: 'missed-reflection', start: 1, end: 1, modelResponse: 'It sounds like…' });
    expect(moment.end).toBeNull();
    expect(annotations.list(sessionId).map((a) => a.id)).toEqual([moment.id, span.id]);
    expect(annotations.count(sessionId)).toBe(2);
    expect(annotations.get(span.id)).toEqual(span);
  });

  it('allows a rounding overshoot at the end of the recording and keeps times inside it', () => {
    const a = annotations.create({ sessionId, codeId: 'summary', start: duration - 1, end: duration + 0.04 });
    expect(a.end).toBe(duration);
    annotations.delete(a.id);
  });

  it('refuses times outside the recording, backwards spans, unknown and turned-off codes, and other sessions’ segments', () => {
    const before = count('annotations');
    expectApiError(() => annotations.create({ sessionId, codeId: 'question', start: 3723, end: null }), 'invalid_input', 'The annotation starts at 1:02:03, after the recording ends (0:11).');
    expectApiError(() => annotations.create({ sessionId, codeId: 'question', start: 2, end: 12.5 }), 'invalid_input', 'The annotation ends at 0:12, after the recording ends (0:11).');
    expectApiError(() => annotations.create({ sessionId, codeId: 'question', start: 5, end: 4 }), 'invalid_input', 'The span ends before it starts.');
    expectApiError(() => annotations.create({ sessionId, codeId: 'foo', start: 1, end: null }), 'invalid_input', `There is no code “foo” in the codebook “${DEFAULT_CODEBOOK_NAME}”.`);
    const judging = services.codebooks.get('default').codes.find((c) => c.id === 'judging')!;
    services.codebooks.saveCode('default', { ...judging, enabled: false });
    expectApiError(() => annotations.create({ sessionId, codeId: 'judging', start: 1, end: null }), 'invalid_input', 'The code “Judging” is turned off in this codebook.');
    const foreign = services.transcripts.get(otherId).segments[0]!.id;
    expectApiError(() => annotations.create({ sessionId, codeId: 'question', start: 1, end: null, segmentIds: [foreign] }), 'invalid_input', /not part of this session’s transcript/);
    expectApiError(() => annotations.create({ sessionId: 'nope', codeId: 'question', start: 1, end: null }), 'not_found', 'That session is no longer in the library.');
    expect(count('annotations')).toBe(before);
    expect(count('annotation_segments')).toBe(2);
    services.codebooks.saveCode('default', judging);
  });

  it('updates by patch, checks the result as a whole, and keeps the annotation when refused', () => {
    const [moment, span] = annotations.list(sessionId);
    const edited = annotations.update(span!.id, { comment: 'Amplified', start: 4, codeId: 'summary', segmentIds: [] });
    expect(edited).toMatchObject({ id: span!.id, comment: 'Amplified', start: 4, end: 7.9, codeId: 'summary', segmentIds: [], author: 'Dr. Okafor', createdAt: span!.createdAt });
    expectApiError(() => annotations.update(span!.id, { start: 9 }), 'invalid_input', 'The span ends before it starts.');
    expectApiError(() => annotations.update(span!.id, { end: 20 }), 'invalid_input', 'The annotation ends at 0:20, after the recording ends (0:11).');
    expectApiError(() => annotations.update(span!.id, { codeId: 'nope' }), 'invalid_input', /There is no code “nope”/);
    expect(annotations.get(span!.id)).toEqual(edited);
    expect(annotations.update(moment!.id, { end: 3 }).end).toBe(3);
    expect(annotations.update(moment!.id, { end: null }).end).toBeNull();
    // A code turned off after it was used stays on its annotations and edits to them still work.
    const summary = services.codebooks.get('default').codes.find((c) => c.id === 'summary')!;
    services.codebooks.saveCode('default', { ...summary, enabled: false });
    expect(annotations.update(span!.id, { comment: 'Still fine' }).codeId).toBe('summary');
    services.codebooks.saveCode('default', summary);
  });

  it('deletes answering the annotation as it was, and restores it exactly, without segments that are gone', () => {
    const [s1] = services.transcripts.get(sessionId).segments;
    const a = annotations.update(annotations.list(sessionId)[1]!.id, { segmentIds: [s1!.id] });
    const deleted = annotations.delete(a.id);
    expect(deleted).toEqual(a);
    expectApiError(() => annotations.get(a.id), 'not_found', 'That annotation no longer exists; it may have been deleted.');
    expect(annotations.restore(deleted)).toEqual(a);
    expectApiError(() => annotations.restore(deleted), 'invalid_input', 'That annotation is already there; there is nothing to restore.');

    annotations.delete(a.id);
    services.transcripts.importSubtitles(sessionId, 'jfk.vtt', VTT);
    expect(annotations.restore(deleted)).toEqual({ ...a, segmentIds: [] });
  });

  it('loses links, not annotations, when the transcript is replaced', () => {
    const [s1] = services.transcripts.get(sessionId).segments;
    const a = annotations.create({ sessionId, codeId: 'affirmation', start: 0.6, end: null, segmentIds: [s1!.id] });
    services.transcripts.importSubtitles(sessionId, 'jfk.vtt', VTT);
    expect(annotations.get(a.id)).toEqual({ ...a, segmentIds: [] });
    annotations.delete(a.id);
  });

  it('imports a CSV file in one go, resolving codes by id or name, with the file’s author or the profile’s', () => {
    const csv = [
      'start,end,code,comment,author',
      '0.5,4,Open question,"Opens, warmly",',
      '4,8,simple-reflection,,Sam Lee',
      '9.25,,AFFIRMATION ,"Line one\nline two",',
    ].join('\r\n');
    const imported = annotations.import(otherId, 'notes.csv', csv);
    expect(imported.map((a) => [a.start, a.end, a.codeId, a.comment, a.author])).toEqual([
      [0.5, 4, 'open-question', 'Opens, warmly', 'Dr. Okafor'],
      [4, 8, 'simple-reflection', '', 'Sam Lee'],
      [9.25, null, 'affirmation', 'Line one\nline two', 'Dr. Okafor'],
    ]);
    expect(annotations.list(otherId)).toEqual(imported);
  });

  it('imports nothing when any line is wrong, naming the line', () => {
    const before = count('annotations');
    const lines = ['start,end,code,comment', '1,2,question,', '2,3,simple-reflection,'];
    const attempt = (extra: string) => () => annotations.import(otherId, 'bad.csv', [...lines, extra].join('\n'));
    expectApiError(attempt('3,4,foo,'), 'invalid_input', `bad.csv: Line 4: There is no code “foo” in the codebook “${DEFAULT_CODEBOOK_NAME}”.`);
    expectApiError(attempt('3723,,question,'), 'invalid_input', 'bad.csv: Line 4: The annotation starts at 1:02:03, after the recording ends (0:11).');
    expectApiError(attempt('3,20,question,'), 'invalid_input', 'bad.csv: Line 4: The annotation ends at 0:20, after the recording ends (0:11).');
    expectApiError(attempt('5,4,question,'), 'invalid_input', /^bad\.csv: Line 4: /);
    expectApiError(attempt('x,4,question,'), 'invalid_input', /^bad\.csv: Line 4: the start "x" is not a number of seconds/);
    const judging = services.codebooks.get('default').codes.find((c) => c.id === 'judging')!;
    services.codebooks.saveCode('default', { ...judging, enabled: false });
    expectApiError(attempt('3,4,Judging,'), 'invalid_input', 'bad.csv: Line 4: The code “Judging” is turned off in this codebook.');
    services.codebooks.saveCode('default', judging);
    expectApiError(() => annotations.import(otherId, 'notes.json', '{"annotations": [{"start": 1, "code": "question"}, {"start": 99, "code": "question"}]}'), 'invalid_input', 'notes.json: Annotation 2: The annotation starts at 1:39, after the recording ends (0:11).');
    expect(count('annotations')).toBe(before);
  });

  it('exports CSV and JSON with code names, kinds, transcript text, scores and the review', () => {
    services.reviews.update(otherId, { globals: { empathy: 4, partnership: 5 }, feedback: { strengths: 'Warm tone.' } });
    const csv = annotations.export(otherId, 'csv');
    expect(csv.fileName).toBe('jfk.annotations.csv');
    const rows = parseAnnotationCsv(csv.content);
    expect(rows.map((r) => [r.start, r.end, r.code, r.comment, r.author])).toEqual(annotations.list(otherId).map((a) => [a.start, a.end, a.codeId, a.comment, a.author]));
    const header = csv.content.split('\r\n')[0];
    expect(header).toBe('start,end,code,code_name,kind,author,comment,transcript_text,model_response');
    expect(csv.content).toContain('0.5,4,open-question,Open question,strength,Dr. Okafor,"Opens, warmly","And so, my fellow Americans,",');

    const json = JSON.parse(annotations.export(otherId, 'json').content) as Record<string, unknown> & { annotations: Record<string, unknown>[] };
    expect(json).toMatchObject({
      format: 'attune.annotations',
      version: 1,
      session: { id: otherId, title: 'Jfk', duration: expect.any(Number) as number },
      codebook: { id: 'default', name: DEFAULT_CODEBOOK_NAME },
      scores: { reflectionToQuestion: 1, complexReflectionShare: 0, miAdherent: 1, relationalGlobal: 4.5, technicalGlobal: null },
      review: { globals: { empathy: 4, partnership: 5 }, feedback: { strengths: 'Warm tone.' }, codedRange: null },
    });
    expect(json.annotations[1]).toEqual({ start: 4, end: 8, codeId: 'simple-reflection', codeName: 'Simple reflection', kind: 'strength', author: 'Sam Lee', comment: '', transcriptText: 'ask not what your country can do for you', modelResponse: '' });
    expect(annotations.export(sessionId, 'json').fileName).toBe('jfk-inaugural-1961.annotations.json');
  });

  it('goes with its session: deleting a session removes its annotations, links, review and evidence', () => {
    const [segment] = services.transcripts.get(otherId).segments;
    const linked = annotations.create({ sessionId: otherId, codeId: 'empathy', start: 1, end: 2, segmentIds: [segment!.id] });
    services.reviews.update(otherId, { evidence: { empathy: [linked.id] } });
    const ofOther = () =>
      ['annotations', 'session_reviews', 'review_evidence'].map(
        (table) => (services.db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE session_id = ?`).get(otherId) as { n: number }).n,
      );
    const links = () => (services.db.prepare('SELECT COUNT(*) AS n FROM annotation_segments WHERE annotation_id = ?').get(linked.id) as { n: number }).n;
    expect(ofOther()).toEqual([4, 1, 1]);
    expect(links()).toBe(1);
    services.deleteSession(otherId);
    expect(ofOther()).toEqual([0, 0, 0]);
    expect(links()).toBe(0);
    expect(annotations.list(sessionId).length).toBeGreaterThan(0);
  });
});
