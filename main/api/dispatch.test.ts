import { afterAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/errors';
import { openTempServices } from '../test-support/temp-library';
import { dispatch } from './dispatch';
import { handlers, type CallContext } from './handlers';

describe('dispatch', () => {
  const services = openTempServices();
  const ctx: CallContext = { services, shell: 'browser', version: 't', mediaBase: 'http://x' };
  afterAll(() => services.cleanup());

  it('rejects unknown calls and malformed input before any handler runs', async () => {
    expect(await dispatch('nope', {}, ctx)).toEqual({ ok: false, error: { code: 'invalid_input', message: 'Attune does not know the request "nope".' } });
    const res = await dispatch('sessions.update', { id: 'a', patch: { recordedAt: '2026-02-30' } }, ctx);
    expect(res).toEqual({ ok: false, error: { code: 'invalid_input', message: 'patch.recordedAt: That date does not exist.' } });
    const res2 = await dispatch('import.paths', { paths: [] }, ctx);
    expect(res2).toMatchObject({ ok: false, error: { message: 'paths: Choose at least one file.' } });
  });

  it('passes ApiErrors through and hides unexpected ones behind a calm message', async () => {
    const boom = { ...handlers, 'sessions.list': () => { throw new Error('SQLITE_CORRUPT: internal detail'); } };
    const res = await dispatch('sessions.list', {}, ctx, boom);
    expect(res).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(res)).not.toContain('SQLITE');
    const typed = { ...handlers, 'sessions.list': () => { throw new ApiError('not_found', 'Gone.'); } };
    expect(await dispatch('sessions.list', {}, ctx, typed)).toEqual({ ok: false, error: { code: 'not_found', message: 'Gone.' } });
  });

  it('explains that the file dialog needs the desktop window', async () => {
    expect(await dispatch('dialog.openMedia', {}, ctx)).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });
});
