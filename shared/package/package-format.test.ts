import { describe, expect, it } from 'vitest';
import { checkManifest, NOT_A_PACKAGE } from './package-format';

const good = {
  format: 'attune.feedback',
  version: 1,
  createdAt: '2026-03-14T10:00:00.000Z',
  createdBy: 'Dr Supervisor',
  packageId: '0b6c3d1e-1111-4222-8333-944445555666',
  sessionTitle: 'Session 3',
  entries: [{ path: 'session.json', size: 10, sha256: 'a'.repeat(64) }],
};

describe('checkManifest', () => {
  it('accepts a well-formed manifest', () => {
    expect(checkManifest(good).entries).toHaveLength(1);
  });

  it('names a newer format version, and refuses what is not a manifest', () => {
    expect(() => checkManifest({ ...good, version: 2 })).toThrow('This package was made by a newer version of Attune (format 2). Update Attune to open it.');
    expect(() => checkManifest({ ...good, format: 'attune.reply', version: 7 })).toThrow('This reply file was made by a newer version of Attune (format 7).');
    expect(() => checkManifest({ ...good, format: 'zip' })).toThrow(NOT_A_PACKAGE);
    expect(() => checkManifest({ ...good, version: '1' })).toThrow(NOT_A_PACKAGE);
    expect(() => checkManifest([])).toThrow(NOT_A_PACKAGE);
    expect(() => checkManifest({ ...good, entries: [{ path: 'x', size: -1, sha256: 'a'.repeat(64) }] })).toThrow(/manifest is not readable/);
  });

  it('refuses unsafe and repeated entry paths', () => {
    expect(() => checkManifest({ ...good, entries: [{ path: '../x', size: 1, sha256: 'a'.repeat(64) }] })).toThrow(/“\.\.\/x”.*outside the package/);
    const twice = { path: 'a.json', size: 1, sha256: 'a'.repeat(64) };
    expect(() => checkManifest({ ...good, entries: [twice, twice] })).toThrow(/lists “a\.json” twice/);
    expect(() => checkManifest({ ...good, entries: [{ ...twice, path: 'manifest.json' }] })).toThrow(/twice/);
  });
});
