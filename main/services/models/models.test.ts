/** The models folder: checked adds, plain-words rejections, list/default/delete, ATTUNE_WHISPER_MODEL, offline download. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallOutput, EventMap } from '../../../shared/api/contract';
import { dispatch } from '../../api/dispatch';
import type { CallContext } from '../../api/handlers';
import { openServices, type Services } from '../services';
import { filesBelow, sharedData, tempDir } from '../../test-support/temp-library';
import { makeTestWhisperModel } from '../transcription/test-model/make-test-model';
import { ModelStore } from './model-store';
import { Settings } from './settings';

const whisperDir = path.join(sharedData, 'whisper');

describe('models', () => {
  let dir: string;
  let work: string;
  let services: Services;
  let ctx: CallContext;
  let model: string;

  beforeAll(() => {
    dir = tempDir('attune-models-lib-');
    work = tempDir('attune-models-src-');
    model = path.join(work, 'ggml-small-test.en.bin');
    makeTestWhisperModel({ base: path.join(whisperDir, 'for-tests-ggml-tiny.en.bin'), out: model });
    services = openServices(dir, { resumeTranscriptions: false });
    ctx = { services, shell: 'browser', version: 'test', mediaBase: '' };
  });
  afterAll(() => {
    services.close();
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('adds whisper and VAD models after checking them, and lists name, size and language', async () => {
    const added = await dispatch('models.add', { path: model }, ctx);
    expect(added).toMatchObject({ ok: true, value: { id: 'ggml-small-test.en.bin', kind: 'whisper', name: 'custom.en', multilingual: false, isDefault: true } });
    const multi = path.join(work, 'ggml-multi.bin');
    makeTestWhisperModel({ base: path.join(whisperDir, 'for-tests-ggml-tiny.bin'), out: multi });
    expect(services.models.add(multi)).toMatchObject({ multilingual: true });
    // whisper.cpp's own tiny.en test file: the real header of tiny.en, no weights.
    expect(services.models.add(path.join(whisperDir, 'for-tests-ggml-tiny.en.bin'))).toMatchObject({ name: 'tiny.en', multilingual: false });
    const vad = services.models.add(path.join(whisperDir, 'for-tests-silero-v6.2.0-ggml.bin'));
    expect(vad).toMatchObject({ id: 'ggml-silero-v6.2.0.bin', kind: 'vad', name: 'silero v6.2.0', isDefault: true });

    const res = await dispatch('models.list', {}, ctx);
    if (!res.ok) throw new Error(res.error.message);
    const listed = res as { value: CallOutput<'models.list'> };
    expect(listed.value.models.map((m) => m.id)).toEqual(['ggml-multi.bin', 'ggml-silero-v6.2.0.bin', 'ggml-small-test.en.bin', 'for-tests-ggml-tiny.en.bin'].sort());
    expect(listed.value.models.find((m) => m.id === 'ggml-small-test.en.bin')?.sizeBytes).toBe(fs.statSync(model).size);
    expect(listed.value.catalogue.map((c) => c.name)).toEqual(['tiny.en', 'base.en', 'small.en', 'tiny', 'base', 'small', 'silero-v6.2.0']);
    expect(listed.value.catalogue.every((c) => /^[0-9a-f]{64}$/.test(c.sha256) && c.sizeBytes > 0)).toBe(true);
    expect(listed.value.threads).toBeGreaterThanOrEqual(1);
  });

  it('rejects anything else with a specific reason and leaves nothing behind', async () => {
    const before = filesBelow(services.paths.modelsDir);
    const cases: [string, Buffer, RegExp][] = [
      ['notes.bin', Buffer.from('hello, these are notes'), /not a Whisper model: it does not start like a ggml model file/],
      ['ggml-empty.bin', Buffer.alloc(0), /not a Whisper model/],
      ['ggml-header.bin', Buffer.from([0x6c, 0x6d, 0x67, 0x67, 1, 0, 0, 0]), /truncated: its header is incomplete/],
      ['ggml-odd.bin', Buffer.concat([Buffer.from([0x6c, 0x6d, 0x67, 0x67]), Buffer.alloc(200, 7)]), /unknown kind/],
      ['ggml-cut.bin', fs.readFileSync(model).subarray(0, 1_500_000), /truncated: the file ends before the model does/],
    ];
    for (const [name, bytes, message] of cases) {
      const file = path.join(work, name);
      fs.writeFileSync(file, bytes);
      const res = await dispatch('models.add', { path: file }, ctx);
      expect(res.ok).toBe(false);
      expect(!res.ok && res.error.message).toMatch(message);
    }
    const missing = await dispatch('models.add', { path: path.join(work, 'nope.bin') }, ctx);
    expect(!missing.ok && missing.error.message).toMatch(/cannot be read/);
    expect(filesBelow(services.paths.modelsDir)).toEqual(before);
  });

  it('chooses the default, sets threads, deletes', async () => {
    expect(await dispatch('models.setDefault', { modelId: 'ggml-multi.bin' }, ctx)).toMatchObject({ ok: true, value: { isDefault: true } });
    expect(services.models.defaultModel('whisper')?.id).toBe('ggml-multi.bin');
    expect(await dispatch('models.setThreads', { threads: 3 }, ctx)).toEqual({ ok: true, value: { threads: 3 } });
    expect(services.models.threads()).toBe(3);
    expect(await dispatch('models.delete', { modelId: 'ggml-multi.bin' }, ctx)).toEqual({ ok: true, value: { deleted: true } });
    expect(services.models.list().some((m) => m.id === 'ggml-multi.bin')).toBe(false);
    expect(services.models.defaultModel('whisper')?.id).not.toBe('ggml-multi.bin');
    const gone = await dispatch('models.delete', { modelId: 'ggml-multi.bin' }, ctx);
    expect(!gone.ok && gone.error.code).toBe('not_found');
  });

  it('ATTUNE_WHISPER_MODEL is listed and used as the default', () => {
    const store = new ModelStore(services.paths.modelsDir, new Settings(services.db), { ATTUNE_WHISPER_MODEL: model });
    const env = store.list().find((m) => m.id === model);
    expect(env).toMatchObject({ kind: 'whisper', isDefault: true, path: model });
    expect(store.defaultModel('whisper')?.path).toBe(model);
    expect(() => store.delete(model)).toThrow(/ATTUNE_WHISPER_MODEL/);
  });

  it('offline: the download fails in plain words and no partial file is listed as a model', async () => {
    const events: EventMap['models.download'][] = [];
    const stop = services.events.subscribe((n, p) => {
      if (n === 'models.download') events.push(p as EventMap['models.download']);
    });
    const started = await dispatch('models.download', { name: 'tiny.en' }, ctx);
    expect(started).toEqual({ ok: true, value: { started: true } });
    await expect.poll(() => events.find((e) => e.done), { timeout: 30_000 }).toBeTruthy();
    stop();
    const last = events.find((e) => e.done);
    expect(last?.error).toMatch(/could not reach huggingface\.co to download tiny\.en: this computer seems to be offline/);
    expect(services.models.list().some((m) => m.id === 'ggml-tiny.en.bin')).toBe(false);
    expect(services.models.catalogue().find((c) => c.name === 'tiny.en')?.installed).toBe(false);
    const unknown = await dispatch('models.download', { name: 'huge' }, ctx);
    expect(!unknown.ok && unknown.error.message).toMatch(/no standard model called "huge"/);
  });
});
