/**
 * Deleting while other work runs: refused during a backup (a restore or archive job alike); a
 * transcription preparing the session's audio cache is cancelled and waited for, so no cache file
 * appears afterwards; several sessions report one outcome each when one fails part-way.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeletionOutcome } from '../../../shared/domain/library';
import type { Session } from '../../../shared/domain/session';
import { dispatch } from '../../api/dispatch';
import { dispatchHarness } from '../../test-support/api-harness';
import { filesBelow, importSample, openTempServices, sharedData, tempDir } from '../../test-support/temp-library';
import { importRecording } from '../media/import-recording';
import type { Services } from '../services';
import { ensurePcm, pcmPathOf } from '../storage/pcm-cache';
import { makeTestWhisperModel } from '../transcription/test-model/make-test-model';
import type { TranscriptionFinished } from '../transcription/transcription-queue';

const BACKUP_REFUSAL = 'A backup is being made right now; delete the session when it has finished.';

describe('deleting while other work runs', () => {
  let services: Services & { cleanup(): void };
  let outside: string;
  let a: Session;
  let b: Session;

  beforeEach(async () => {
    services = openTempServices();
    outside = tempDir('attune-deletion-work-');
    a = await importSample(services, 'audio/jfk.wav');
    b = await importSample(services, 'audio/jfk.mp3');
  });

  afterEach(() => {
    services.cleanup();
    fs.rmSync(outside, { recursive: true, force: true });
  });

  it('is refused while a backup is being made, deleting nothing; allowed once it has finished', async () => {
    const api = dispatchHarness(services);
    const { jobId } = services.storage.startBackup(path.join(outside, 'backup'));
    const done = services.storage.outcome(jobId);

    await expect(services.deleteSession(a.id)).rejects.toMatchObject({ code: 'unavailable', message: BACKUP_REFUSAL });
    expect(await dispatch('retention.delete', { ids: [a.id, b.id] }, api.ctx)).toEqual({
      ok: false,
      error: { code: 'unavailable', message: 'A backup is being made right now; delete the sessions when it has finished.' },
    });
    expect(await dispatch('sessions.delete', { id: b.id }, api.ctx)).toEqual({ ok: false, error: { code: 'unavailable', message: BACKUP_REFUSAL } });
    expect(services.sessions.list()).toHaveLength(2);
    expect(services.retention.log()).toEqual([]);
    expect(fs.existsSync(path.join(services.paths.mediaDir, a.media.fileName))).toBe(true);

    expect((await done)?.kind).toBe('backup');
    await services.deleteSession(a.id);
    expect(services.sessions.list().map((s) => s.id)).toEqual([b.id]);
  });

  it('reports one outcome per session when one fails part-way: those before are deleted, the rest not tried', async () => {
    // A third recording with other bytes: the WAV made into FLAC by ffmpeg.
    const flac = path.join(outside, 'jfk.flac');
    execFileSync(services.tools.ffmpeg, ['-v', 'error', '-i', path.join(sharedData, 'audio', 'jfk.wav'), flac]);
    const c = (await importRecording({ store: services.sessions, paths: services.paths, tools: services.tools }, { sourcePath: flac })).session;
    // A backup starts right after the first deletion: the second is refused, the third not tried.
    let jobId: string | null = null;
    const off = services.events.subscribe((name) => {
      if (name === 'library.changed' && jobId === null) jobId = services.storage.startBackup(path.join(outside, 'backup')).jobId;
    });
    const api = dispatchHarness(services);
    const { outcomes } = await api.ok<{ outcomes: DeletionOutcome[] }>('retention.delete', { ids: [a.id, b.id, c.id] });
    off();
    expect(outcomes.map((o) => [o.sessionId, o.status])).toEqual([
      [a.id, 'deleted'],
      [b.id, 'failed'],
      [c.id, 'notTried'],
    ]);
    expect(outcomes[0]).toMatchObject({ report: { sessionId: a.id, overwrittenFiles: 2 } });
    expect(outcomes[1]).toEqual({ sessionId: b.id, status: 'failed', code: 'unavailable', message: BACKUP_REFUSAL });
    expect(services.sessions.list().map((s) => s.id).sort()).toEqual([b.id, c.id].sort());
    expect(services.retention.log().map((e) => e.sessionId)).toEqual([a.id]);
    await services.storage.outcome(jobId!);
  });

  it('cancels a transcription preparing the audio cache and waits for it: no cache file is left', async () => {
    const model = path.join(outside, 'ggml-test-small.en.bin');
    makeTestWhisperModel({ base: path.join(sharedData, 'whisper', 'for-tests-ggml-tiny.en.bin'), out: model });
    services.models.add(model);
    fs.rmSync(pcmPathOf(services.paths, a.media)); // "Clear caches": the job prepares it again first
    const finished: TranscriptionFinished[] = [];
    services.transcriptions.onFinished((f) => finished.push(f));
    const [jobId] = services.transcriptions.start([a.id], { language: 'en' });
    expect(services.transcriptions.jobs()).toMatchObject([{ jobId, sessionId: a.id }]);

    // What the temp folder holds the moment the rows go (library.changed follows the row deletion at once).
    let tmpAtRowDeletion: string[] | null = null;
    const off = services.events.subscribe((name) => {
      if (name === 'library.changed') tmpAtRowDeletion ??= filesBelow(services.paths.tmpDir);
    });
    await services.deleteSession(a.id);
    off();

    // The preparation had ended before the rows went (its half-decoded files removed).
    expect(tmpAtRowDeletion).toEqual([]);
    // Nothing of the job runs any more, and it left no audio, neither cached nor half-written.
    expect(services.transcriptions.jobs()).toEqual([]);
    expect(finished).toEqual([{ jobId, sessionId: a.id, outcome: { kind: 'cancelled' } }]);
    expect(filesBelow(services.paths.tmpDir)).toEqual([]);
    expect(filesBelow(services.paths.pcmDir)).toEqual([`${b.media.sha256}.pcm`]);
    // And nothing appears a little later either.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(filesBelow(services.paths.pcmDir)).toEqual([`${b.media.sha256}.pcm`]);
    expect(filesBelow(services.paths.tmpDir)).toEqual([]);
  });

  it('preparing the audio cache moves nothing into place once cancelled, even after decoding has finished', async () => {
    const target = pcmPathOf(services.paths, a.media);
    fs.rmSync(target);
    const controller = new AbortController();
    // Twice the real length: the decoded share reaches 1 only in the final report, after decoding has ended.
    const media = { ...a.media, duration: a.media.duration * 2 };
    const prepared = ensurePcm(services.paths, services.tools, media, controller.signal, (fraction) => {
      if (fraction === 1) controller.abort();
    });
    await expect(prepared).rejects.toMatchObject({ code: 'cancelled' });
    expect(controller.signal.aborted).toBe(true);
    expect(fs.existsSync(target)).toBe(false);
    expect(filesBelow(services.paths.tmpDir)).toEqual([]);
    // Not cancelled, the same call prepares it.
    expect(await ensurePcm(services.paths, services.tools, media)).toBe(target);
  });
});
