import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../../shared/domain/session';
import { importSample, openTempServices } from '../../test-support/temp-library';
import type { Services } from '../services';
import { ensurePcm, pcmPathOf } from './pcm-cache';
import { clearCaches, storageUsage } from './storage-usage';

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('storage usage and caches', () => {
  let lib: Services & { cleanup(): void };
  let session: Session;
  beforeAll(async () => {
    lib = openTempServices();
    session = await importSample(lib, 'audio/jfk.wav');
  });
  afterAll(() => lib.cleanup());

  it('reports each session’s files and the totals from the disk', () => {
    const u = storageUsage(lib.db, lib.paths);
    const size = (f: string) => fs.statSync(f).size;
    expect(u.sessions).toHaveLength(1);
    expect(u.sessions[0]).toMatchObject({
      sessionId: session.id,
      media: size(path.join(lib.paths.mediaDir, session.media.fileName)),
      peaks: size(path.join(lib.paths.peaksDir, session.media.peaksFileName)),
      pcm: size(pcmPathOf(lib.paths, session.media)),
      clips: 0,
    });
    expect(u.clearable).toBe(u.totals.pcm);
    expect(u.database).toBeGreaterThan(0);
    expect(u.total).toBe(u.totals.media + u.totals.peaks + u.totals.pcm + u.database + u.models);
  });

  it('clears the audio cache (keeping what is in use), and the cache is rebuilt identical from the recording', async () => {
    const pcm = pcmPathOf(lib.paths, session.media);
    const before = sha(pcm);
    const size = fs.statSync(pcm).size;
    expect(await clearCaches(lib.paths, new Set([session.media.sha256]))).toEqual({ freedBytes: 0, files: 0, keptInUse: 1 });
    expect(fs.existsSync(pcm)).toBe(true);
    expect(await clearCaches(lib.paths, new Set())).toEqual({ freedBytes: size, files: 1, keptInUse: 0 });
    expect(fs.existsSync(pcm)).toBe(false);
    expect(storageUsage(lib.db, lib.paths).clearable).toBe(0);
    expect(await ensurePcm(lib.paths, lib.tools, session.media)).toBe(pcm);
    expect(sha(pcm)).toBe(before);
    expect(fs.readdirSync(lib.paths.tmpDir)).toEqual([]);
  });
});
