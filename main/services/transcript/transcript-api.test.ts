/** The transcript.* calls through dispatch (validation, handlers, events), on a real library. */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Transcript, TranscriptSegment } from '../../../shared/domain/transcript';
import { dispatch } from '../../api/dispatch';
import { importRecording } from '../media/import-recording';
import { dispatchHarness } from '../../test-support/api-harness';
import { openTempServices, sharedData } from '../../test-support/temp-library';

const VTT = 'WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Dana>Hello there.\n\n00:00:05.000 --> 00:00:06.000\n<v Sam>Hi.\n';

describe('transcript calls', () => {
  const services = openTempServices();
  const { ctx, events, ok } = dispatchHarness(services);
  let sessionId = '';

  beforeAll(async () => {
    const ctxImport = { store: services.sessions, paths: services.paths, tools: services.tools };
    sessionId = (await importRecording(ctxImport, { sourcePath: path.join(sharedData, 'sessions', 'annomi-0-high.m4a') })).session.id;
  });
  afterAll(() => services.cleanup());

  it('answers every write with the new state and emits transcript.changed', async () => {
    const changes = () => events.filter(([n]) => n === 'transcript.changed').length;
    expect((await ok<Transcript>('transcript.get', { sessionId })).source).toBeNull();
    expect(changes()).toBe(0);

    const imported = await ok<Transcript>('transcript.importSubtitles', { sessionId, fileName: 'zoom.vtt', content: VTT });
    expect(imported.speakerNames).toMatchObject({ counselor: 'Dana', client: 'Sam' });
    expect(events.at(-1)).toEqual(['transcript.changed', { sessionId }]);
    const [a, b] = imported.segments as [TranscriptSegment, TranscriptSegment];

    expect(await ok<TranscriptSegment>('transcript.updateSegment', { segmentId: a.id, text: 'Hello, there.' })).toMatchObject({ edited: true, originalText: 'Hello there.' });
    expect((await ok<Transcript>('transcript.splitSegment', { segmentId: a.id, at: 2, textOffset: 6 })).segments).toHaveLength(3);
    expect((await ok<Transcript>('transcript.mergeWithNext', { segmentId: a.id })).segments[0]).toMatchObject({ text: 'Hello, there.', start: 1, end: 4 });
    expect((await ok<Transcript>('transcript.renameSpeaker', { sessionId, role: 'client', name: 'Alex' })).speakerNames.client).toBe('Alex');
    const labelled = await ok<Transcript>('transcript.speakerByChannel', { sessionId });
    expect(labelled.segments.map((s) => s.id)).toEqual([a.id, b.id]);
    expect(changes()).toBe(6);
  });

  it('validates input and answers plain errors without emitting', async () => {
    const before = events.length;
    expect(await dispatch('transcript.renameSpeaker', { sessionId, role: 'client', name: '   ' }, ctx)).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'name: A speaker needs a name.' } });
    expect(await dispatch('transcript.updateSegment', { segmentId: 'nope', text: 'x' }, ctx)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await dispatch('transcript.get', { sessionId: 'nope' }, ctx)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await dispatch('transcript.importSubtitles', { sessionId, fileName: 'x.srt', content: '1\n00:00:01.000 --> 00:00:02.000\nx' }, ctx)).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: "x.srt: Line 2: the time '00:00:01.000' is not a valid SRT timestamp (use 00:00:01,000)." },
    });
    expect(events.length).toBe(before);
  });
});
