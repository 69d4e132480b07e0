/** `attune transcribe` and `attune models` as a user runs them: the built CLI, a real library, the real engine. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestWhisperModel } from '../services/transcription/test-model/make-test-model';
import { runAttune } from '../test-support/cli-runner';
import { sharedData, tempDir } from '../test-support/temp-library';

describe('attune transcribe / transcript / models', () => {
  let dataDir: string;
  let work: string;
  let model: string;
  let id = '';
  const run = (...args: string[]) => runAttune(dataDir, args, { ATTUNE_WHISPER_TEMPERATURE_INC: '0', ATTUNE_WHISPER_MODEL: '' });
  beforeAll(() => {
    dataDir = tempDir('attune-cli-whisper-');
    work = tempDir('attune-cli-model-');
    model = path.join(work, 'ggml-cli-test.en.bin');
    makeTestWhisperModel({ base: path.join(sharedData, 'whisper', 'for-tests-ggml-tiny.en.bin'), out: model });
    const res = run('import', path.join(sharedData, 'audio', 'jfk.wav'), '--json');
    expect(res.code).toBe(0);
    id = (JSON.parse(res.stdout) as { id: string }[])[0]?.id ?? '';
  });
  afterAll(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('says plainly when there is no model', () => {
    const res = run('transcribe', id);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/No Whisper model is installed/);
  });

  it('transcribes with --model PATH and prints only JSON with --json', () => {
    const res = run('transcribe', id.slice(0, 8), '--model', model, '--language', 'en', '--json');
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout) as { sessionId: string; segmentCount: number; outcome: { kind: string } }[];
    expect(out).toEqual([{ sessionId: id, segmentCount: out[0]?.segmentCount, outcome: { kind: 'done', segmentCount: out[0]?.segmentCount } }]);
    expect(out[0]?.segmentCount).toBeGreaterThan(0);
    const segments = JSON.parse(run('transcript', id, '--format', 'json').stdout) as { start: number; end: number; speaker: unknown; text: string }[];
    expect(segments).toHaveLength(out[0]?.segmentCount as number);
    let last = 0;
    for (const s of segments) {
      expect(s.start).toBeGreaterThanOrEqual(last);
      expect(s.end).toBeLessThanOrEqual(11.01);
      expect(s.speaker).toBeNull();
      expect(typeof s.text).toBe('string');
      last = s.end;
    }
    expect(JSON.parse(run('show', id, '--json').stdout)).toMatchObject({ status: 'transcribed' });
  });

  it('models add / list, and rejects a file that is not a model', () => {
    const add = run('models', 'add', model, '--json');
    expect(add.code).toBe(0);
    expect(JSON.parse(add.stdout)).toMatchObject({ id: 'ggml-cli-test.en.bin', kind: 'whisper', multilingual: false });
    const list = JSON.parse(run('models', 'list', '--json').stdout) as { models: { id: string; isDefault: boolean }[] };
    expect(list.models).toEqual([expect.objectContaining({ id: 'ggml-cli-test.en.bin', isDefault: true })]);
    expect(run('models', 'list').stdout).toMatch(/\* ggml-cli-test\.en\.bin .*English only/);
    const junk = path.join(work, 'junk.bin');
    fs.writeFileSync(junk, 'not a model');
    const bad = run('models', 'add', junk);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim()).toBe('attune models: junk.bin is not a Whisper model: it does not start like a ggml model file (ggml-*.bin).');
    // With a default model, no --model is needed.
    expect(run('transcribe', id, '--json').code).toBe(0);
  });
});
