import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { PackageOpenOutcome, ReceivedSummary } from '../../shared/package/feedback-view';
import { NOT_A_PACKAGE, WRONG_PASSPHRASE } from '../../shared/package/package-format';
import { importSample, openTempServices, tempDir } from '../test-support/temp-library';
import { exportFeedbackPackage } from '../services/export/package/feedback-package';
import { loadSessionBundle } from '../services/export/session-bundle';
import { startBrowserServer, type BrowserServer } from './browser-server';

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function request(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

function post(url: string, headers: Record<string, string>, body: Buffer): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { ...headers, 'Content-Length': String(body.length) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function connect(url: string, headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused with ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function call(ws: WebSocket, id: number, name: string, input: unknown): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData): void => {
      const msg = JSON.parse(String(data)) as Record<string, unknown>;
      if (msg.t === 'result' && msg.id === id) {
        ws.off('message', onMessage);
        resolve(msg);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ t: 'call', id, name, input }));
  });
}

describe('browser-mode server', () => {
  const services = openTempServices();
  let server: BrowserServer;
  let cookie: string;
  let rendererDir: string;
  const sha = 'c'.repeat(64);
  const mediaBytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));

  beforeAll(async () => {
    rendererDir = tempDir('attune-renderer-');
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Attune</title>');
    fs.writeFileSync(path.join(services.paths.mediaDir, `${sha}.mp4`), mediaBytes);
    server = await startBrowserServer({ services, rendererDir, version: '0.0.0-test' });
    const launch = await request(server.launchUrl);
    expect(launch.status).toBe(302);
    const setCookie = launch.headers['set-cookie']?.[0] ?? '';
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    cookie = setCookie.split(';')[0] ?? '';
  });
  afterAll(async () => {
    await server.close();
    services.cleanup();
    fs.rmSync(rendererDir, { recursive: true, force: true });
  });

  it('listens on the loopback address only', () => {
    expect(new URL(server.origin).hostname).toBe('127.0.0.1');
  });

  it('serves the renderer with a strict Content-Security-Policy', async () => {
    const res = await request(`${server.origin}/`);
    expect(res.status).toBe(200);
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses a wrong launch secret and a foreign Host header', async () => {
    expect((await request(`${server.origin}/?launch=${'0'.repeat(64)}`)).status).toBe(403);
    expect((await request(`${server.origin}/`, { Host: 'evil.example:80' })).status).toBe(421);
  });

  it('refuses API connections without the cookie or from another origin', async () => {
    const url = `${server.origin.replace('http', 'ws')}/api`;
    await expect(connect(url, { Origin: server.origin })).rejects.toThrow(/403/);
    await expect(connect(url, { Origin: 'http://evil.example', Cookie: cookie })).rejects.toThrow(/403/);
    await expect(connect(url, { Cookie: cookie })).rejects.toThrow(/403/);
  });

  it('answers typed calls and validates their input with plain-words errors', async () => {
    const ws = await connect(`${server.origin.replace('http', 'ws')}/api`, { Origin: server.origin, Cookie: cookie });
    try {
      expect(await call(ws, 1, 'sessions.list', {})).toMatchObject({ ok: true, value: [] });
      expect(await call(ws, 2, 'app.info', {})).toMatchObject({ ok: true, value: { shell: 'browser', mediaBase: server.origin, nativeDialogs: false } });
      const bad = await call(ws, 3, 'sessions.update', { id: 'x', patch: { title: '' } });
      expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'patch.title: The title cannot be empty.' } });
      const missing = await call(ws, 4, 'sessions.get', { id: 'nope' });
      expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
      const unknown = await call(ws, 5, 'files.readAnything', { path: '/etc/passwd' });
      expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      const extra = await call(ws, 6, 'sessions.list', { sneaky: true });
      expect(extra).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      // No native dialogs in a browser tab: the page shows a path field and a file input instead.
      expect(await call(ws, 7, 'dialog.saveExport', { defaultPath: '/tmp/x.pdf', format: 'pdf' })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
      expect(await call(ws, 8, 'dialog.openPackage', {})).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    } finally {
      ws.close();
    }
  });

  it('sends a call its own events after its result, and other windows the events at once', async () => {
    const url = `${server.origin.replace('http', 'ws')}/api`;
    const caller = await connect(url, { Origin: server.origin, Cookie: cookie });
    const other = await connect(url, { Origin: server.origin, Cookie: cookie });
    const seen: Record<'caller' | 'other', string[]> = { caller: [], other: [] };
    caller.on('message', (d) => seen.caller.push(String((JSON.parse(String(d)) as { t: string; name?: string }).name ?? 'result')));
    other.on('message', (d) => seen.other.push(String((JSON.parse(String(d)) as { name?: string }).name)));
    try {
      const answer = await call(caller, 1, 'profile.update', { name: 'Dr. Rivera' });
      expect(answer).toMatchObject({ ok: true, value: { name: 'Dr. Rivera' } });
      await new Promise((r) => setTimeout(r, 100));
      expect(seen.caller).toEqual(['result', 'profile.changed']);
      expect(seen.other).toEqual(['profile.changed']);
    } finally {
      caller.close();
      other.close();
    }
  });

  it('serves stored media with exact Range answers, only to the signed-in window', async () => {
    const url = `${server.origin}/media/${sha}.mp4`;
    expect((await request(url)).status).toBe(401);
    const full = await request(url, { Cookie: cookie });
    expect(full.status).toBe(200);
    expect(full.headers['accept-ranges']).toBe('bytes');
    expect(full.body.equals(mediaBytes)).toBe(true);
    const part = await request(url, { Cookie: cookie, Range: 'bytes=100-199' });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe('bytes 100-199/1000');
    expect(part.headers['content-length']).toBe('100');
    expect(part.body.equals(mediaBytes.subarray(100, 200))).toBe(true);
    const tail = await request(url, { Cookie: cookie, Range: 'bytes=-10' });
    expect(tail.headers['content-range']).toBe('bytes 990-999/1000');
    const out = await request(url, { Cookie: cookie, Range: 'bytes=1000-' });
    expect(out.status).toBe(416);
    expect(out.headers['content-range']).toBe('bytes */1000');
  });

  it('never serves anything outside the media and peaks folders', async () => {
    for (const p of [
      '/media/..%2Fattune.sqlite',
      '/media/../attune.sqlite',
      `/media/${sha}.mp4/..`,
      '/media/attune.sqlite',
      `/peaks/${sha}.mp4`,
      '/pcm/' + sha + '.pcm',
    ]) {
      const res = await request(`${server.origin}${p}`, { Cookie: cookie });
      expect(res.body.includes(Buffer.from('SQLite format'))).toBe(false);
      expect([200, 404]).toContain(res.status);
      if (res.status === 200) expect(String(res.headers['content-type'])).toMatch(/text\/html/); // the app shell, not a file
    }
  });

  it('accepts uploads only from its own window', async () => {
    expect((await request(`${server.origin}/upload`, { Cookie: cookie }, 'POST')).status).toBe(403);
    expect((await request(`${server.origin}/upload`, { Origin: server.origin }, 'POST')).status).toBe(401);
  });

  it('opens an uploaded feedback package, asks for its passphrase, and never keeps the upload', async () => {
    const supervisor = openTempServices();
    const work = tempDir('attune-package-upload-');
    try {
      const session = await importSample(supervisor, 'sessions/annomi-0-high.m4a');
      supervisor.sessions.update(session.id, { title: 'Session 7 — upload' });
      const file = path.join(work, 'Session 7.attune-feedback');
      const passphrase = 'a long enough passphrase ✓';
      await exportFeedbackPackage(supervisor, loadSessionBundle(supervisor, session.id), file, {
        media: 'none',
        clipPreRoll: 0,
        clipPostRoll: 0,
        deidentify: null,
        passphrase,
      });
      const bytes = fs.readFileSync(file);
      const url = `${server.origin}/upload-package`;
      const headers = { Cookie: cookie, Origin: server.origin, 'X-Attune-File-Name': encodeURIComponent('Session 7.attune-feedback') };
      const uploads = () => fs.readdirSync(services.paths.tmpDir).filter((f) => f.startsWith('package-upload-'));
      const answer = (res: RawResponse) => JSON.parse(res.body.toString('utf8')) as Record<string, unknown>;

      expect((await post(url, { Origin: server.origin }, bytes)).status).toBe(401);
      expect((await post(url, { Cookie: cookie }, bytes)).status).toBe(403);
      expect((await post(url, { ...headers, Origin: 'http://evil.example' }, bytes)).status).toBe(403);

      const locked = await post(url, headers, bytes);
      expect(locked.status).toBe(400);
      expect(answer(locked)).toMatchObject({ code: 'passphrase_required', message: expect.stringMatching(/protected by a passphrase/) });
      const wrong = await post(url, { ...headers, 'X-Attune-Passphrase': encodeURIComponent('not the passphrase') }, bytes);
      expect(answer(wrong)).toEqual({ code: 'passphrase_required', message: WRONG_PASSPHRASE });
      const garbage = await post(url, { ...headers, 'X-Attune-File-Name': 'notes.attune-reply' }, Buffer.from('not a zip at all'));
      expect(answer(garbage)).toEqual({ code: 'invalid_input', message: NOT_A_PACKAGE });
      expect(uploads()).toEqual([]);
      expect(services.db.prepare('SELECT COUNT(*) AS n FROM received_packages').get()).toEqual({ n: 0 });

      const opened = await post(url, { ...headers, 'X-Attune-Passphrase': encodeURIComponent(passphrase) }, bytes);
      expect(opened.status).toBe(200);
      const outcome = answer(opened) as unknown as PackageOpenOutcome;
      expect(outcome).toMatchObject({ kind: 'feedback', title: 'Session 7 — upload', updated: false });
      expect(uploads()).toEqual([]);
      const ws = await connect(`${server.origin.replace('http', 'ws')}/api`, { Origin: server.origin, Cookie: cookie });
      try {
        const list = (await call(ws, 1, 'feedback.list', {})) as { value: ReceivedSummary[] };
        expect(list.value.map((r) => [r.sessionId, r.title])).toEqual([[outcome.sessionId, 'Session 7 — upload']]);
      } finally {
        ws.close();
      }
      const again = await post(url, { ...headers, 'X-Attune-Passphrase': encodeURIComponent(passphrase) }, bytes);
      expect(answer(again)).toMatchObject({ kind: 'feedback', sessionId: outcome.sessionId, updated: true });
      expect(uploads()).toEqual([]);
    } finally {
      supervisor.cleanup();
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
});
