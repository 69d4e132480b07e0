/**
 * The Electron shell's own logic, run under plain Node with a stand-in `electron` module (the real
 * binary cannot run everywhere tests do). e2e/electron/app.spec.ts covers the same ground in the
 * real app wherever Electron is installed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { IpcMainInvokeEvent, Session, WebContents } from 'electron';
import type { CallContext } from '../api/handlers';
import type { CallResult } from '../../shared/api/wire';
import { dataPaths, prepareDataDir } from '../services/data-paths';
import { EventBus } from '../services/events/event-bus';
import type { Services } from '../services/services';

type Handler = (request: Request) => Promise<Response>;
type Listener = (...args: unknown[]) => void;

const fake = vi.hoisted(() => {
  const state = {
    privileged: [] as unknown[],
    protocols: new Map<string, (request: Request) => Promise<Response>>(),
    ipcHandlers: new Map<string, (...args: unknown[]) => unknown>(),
    exposed: new Map<string, unknown>(),
    invokes: [] as unknown[][],
    rendererListeners: new Map<string, Set<(...args: unknown[]) => void>>(),
    menus: [] as unknown[],
    dialogOptions: [] as unknown[],
  };
  const electron = {
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => state.privileged.push(...schemes),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => state.protocols.set(scheme, handler),
    },
    ipcMain: {
      handle: (channel: string, handler: (...args: unknown[]) => unknown) => state.ipcHandlers.set(channel, handler),
      removeHandler: (channel: string) => state.ipcHandlers.delete(channel),
    },
    dialog: {
      showOpenDialog: (...args: unknown[]) => {
        const options = args.at(-1) as { title?: string };
        state.dialogOptions.push(options);
        return Promise.resolve(options.title === 'Open feedback package' ? { canceled: false, filePaths: ['/home/t/Session 3.attune-feedback'] } : { canceled: true, filePaths: [] });
      },
      showSaveDialog: (...args: unknown[]) => {
        const options = args.at(-1) as { defaultPath?: string };
        state.dialogOptions.push(options);
        return Promise.resolve(options.defaultPath?.includes('cancel') ? { canceled: true, filePath: '' } : { canceled: false, filePath: '/home/s/chosen.pdf' });
      },
    },
    Menu: { buildFromTemplate: (template: unknown) => (state.menus.push(template), { template }) },
    BrowserWindow: class {},
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => state.exposed.set(key, api) },
    ipcRenderer: {
      invoke: (...args: unknown[]) => {
        state.invokes.push(args);
        return Promise.resolve({ ok: true, value: 'answered' });
      },
      on: (channel: string, fn: (...args: unknown[]) => void) => {
        const set = state.rendererListeners.get(channel) ?? new Set();
        set.add(fn);
        state.rendererListeners.set(channel, set);
      },
      removeListener: (channel: string, fn: (...args: unknown[]) => void) => state.rendererListeners.get(channel)?.delete(fn),
    },
    webUtils: {
      getPathForFile: (file: { path?: string }) => {
        if (!file.path) throw new TypeError('not a File');
        return file.path;
      },
    },
  };
  return { state, electron };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

const { APP_START_URL, isAppUrl, isMediaUrl, registerPrivilegedSchemes } = await import('./schemes');
const { electronContentSecurityPolicy, registerAppProtocol } = await import('./app-protocol');
const { registerMediaProtocol } = await import('./media-protocol');
const { FORBIDDEN_RESULT, electronCallContext, isTrustedSender, registerIpcAdapter } = await import('./ipc-adapter');
const { hardenSession, hardenWebContents, isAllowedRequest } = await import('./window');
const { buildAppMenu } = await import('./menu');

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-electron-shell-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function handler(scheme: string): Handler {
  const h = fake.state.protocols.get(scheme);
  if (!h) throw new Error(`no handler for ${scheme}`);
  return h;
}

describe('schemes', () => {
  it('registers app: and attune-media: as privileged, without bypassing CSP', () => {
    registerPrivilegedSchemes();
    expect(fake.state.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true } },
      { scheme: 'attune-media', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, corsEnabled: true } },
    ]);
  });

  it('recognises only our exact origins', () => {
    expect(APP_START_URL).toBe('app://attune/');
    expect(isAppUrl('app://attune/')).toBe(true);
    expect(isAppUrl('app://attune/assets/x.js')).toBe(true);
    for (const url of ['app://attune', 'app://attune.evil/', 'app://attunex/', 'https://attune/', 'APP://evil/', 'file:///app://attune/']) {
      expect(isAppUrl(url), url).toBe(false);
    }
    expect(isMediaUrl('attune-media://local/media/x')).toBe(true);
    expect(isMediaUrl('attune-media://localhost/media/x')).toBe(false);
  });
});

describe('app: protocol', () => {
  let get: (url: string, init?: RequestInit) => Promise<Response>;
  beforeAll(() => {
    const dir = path.join(tmp, 'renderer');
    fs.mkdirSync(path.join(dir, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Attune</title>');
    fs.writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
    fs.writeFileSync(path.join(tmp, 'secret.txt'), 'not for the page');
    registerAppProtocol(dir);
    get = (url, init) => handler('app')(new Request(url, init));
  });

  it('serves the page with the CSP, widened only for attune-media:', async () => {
    const res = await get('app://attune/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain('<title>Attune</title>');
    const csp = res.headers.get('content-security-policy');
    expect(csp).toBe(electronContentSecurityPolicy());
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("media-src 'self' blob: attune-media:");
    expect(csp).toContain("connect-src 'self' attune-media:");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves assets, and the page for client-side routes', async () => {
    const js = await get('app://attune/assets/app.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    const route = await get('app://attune/sessions/123');
    expect(await route.text()).toContain('<title>Attune</title>');
    expect((await get('app://attune/assets/missing.js')).status).toBe(404);
  });

  it('stays inside the renderer folder and our host', async () => {
    expect((await get('app://attune/%2e%2e/secret.txt')).status).toBe(404);
    expect((await get('app://attune/..%2Fsecret.txt')).status).toBe(404);
    expect(await (await get('app://attune/../secret.txt')).text()).not.toContain('not for the page');
    expect((await get('app://other/')).status).toBe(404);
    expect((await get('app://attune/', { method: 'POST', body: 'x' })).status).toBe(405);
  });
});

describe('attune-media: protocol', () => {
  const name = `${'c'.repeat(64)}.wav`;
  let get: (url: string, init?: RequestInit & { initiatorOrigin?: string }) => Promise<Response>;
  beforeAll(() => {
    const paths = dataPaths(path.join(tmp, 'library'));
    prepareDataDir(paths);
    fs.writeFileSync(path.join(paths.mediaDir, name), Buffer.from(Array.from({ length: 100 }, (_, i) => i)));
    fs.writeFileSync(paths.dbFile, 'database');
    registerMediaProtocol(paths);
    get = (url, init = {}) => {
      const request = new Request(url, init);
      if (init.initiatorOrigin) Object.assign(request, { initiatorOrigin: init.initiatorOrigin });
      return handler('attune-media')(request);
    };
  });

  it('answers a Range with 206 and exactly those bytes, readable by our page only', async () => {
    const res = await get(`attune-media://local/media/${name}`, { headers: { Range: 'bytes=10-13' }, initiatorOrigin: 'app://attune' });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe('bytes 10-13/100');
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('access-control-allow-origin')).toBe('app://attune');
    expect([...new Uint8Array(await res.arrayBuffer())]).toEqual([10, 11, 12, 13]);
  });

  it('answers whole files, HEAD, preflight and unsatisfiable ranges', async () => {
    const whole = await get(`attune-media://local/media/${name}`);
    expect(whole.status).toBe(200);
    expect((await whole.arrayBuffer()).byteLength).toBe(100);
    const head = await get(`attune-media://local/media/${name}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBeNull();
    const preflight = await get(`attune-media://local/media/${name}`, { method: 'OPTIONS' });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('Range');
    expect((await get(`attune-media://local/media/${name}`, { headers: { Range: 'bytes=500-' } })).status).toBe(416);
  });

  it('survives a reader that gives up mid-stream (the player seeking)', async () => {
    const res = await get(`attune-media://local/media/${name}`);
    await res.body?.cancel();
  });

  it('refuses other origins and anything outside media/ and peaks/', async () => {
    expect((await get(`attune-media://local/media/${name}`, { initiatorOrigin: 'https://evil.example' })).status).toBe(403);
    for (const url of [
      'attune-media://local/media/..%2Fattune.sqlite',
      'attune-media://local/../attune.sqlite',
      'attune-media://local/attune.sqlite',
      `attune-media://local/pcm/${'c'.repeat(64)}.pcm`,
      `attune-media://other/media/${name}`,
    ]) {
      expect((await get(url)).status, url).toBe(404);
    }
  });
});

describe('IPC adapter', () => {
  const mainFrame = { processId: 4, routingId: 9, url: 'app://attune/', parent: null, detached: false, origin: 'app://attune' };
  const sent: unknown[][] = [];
  const contents = { isDestroyed: () => false, mainFrame, send: (...args: unknown[]) => sent.push(args) };
  const win = { isDestroyed: () => false, webContents: contents };
  const getWindow = () => win as never;
  const event = (over: Record<string, unknown> = {}) =>
    ({ sender: contents, senderFrame: { ...mainFrame }, ...over }) as unknown as IpcMainInvokeEvent;
  const events = new EventBus();
  const services = { paths: dataPaths('/library'), events } as unknown as Services;
  let ctx: CallContext;
  let call: (event: IpcMainInvokeEvent, name: unknown, input: unknown) => Promise<CallResult>;

  beforeAll(() => {
    ctx = electronCallContext(services, '9.9.9', getWindow);
    registerIpcAdapter(ctx, getWindow);
    call = fake.state.ipcHandlers.get('attune:call') as typeof call;
  });

  it('serves our window’s main frame', async () => {
    expect(isTrustedSender(event(), getWindow())).toBe(true);
    const result = await call(event(), 'app.info', {});
    expect(result).toEqual({
      ok: true,
      value: { version: '9.9.9', shell: 'electron', dataDir: '/library', mediaBase: 'attune-media://local', nativeDialogs: true },
    });
    expect(await call(event(), 'dialog.openMedia', {})).toEqual({ ok: true, value: { paths: [] } });
    expect(await call(event(), 'dialog.openPackage', {})).toEqual({ ok: true, value: { path: '/home/t/Session 3.attune-feedback' } });
    expect(fake.state.dialogOptions.at(-1)).toMatchObject({ filters: [{ extensions: ['attune-feedback', 'attune-reply'] }, { extensions: ['*'] }] });
    expect(await call(event(), 'dialog.saveExport', { defaultPath: '/home/s/Attune exports/session.pdf', format: 'pdf' })).toEqual({ ok: true, value: { path: '/home/s/chosen.pdf' } });
    expect(fake.state.dialogOptions.at(-1)).toMatchObject({ defaultPath: '/home/s/Attune exports/session.pdf', filters: [{ extensions: ['pdf'] }] });
    expect(await call(event(), 'dialog.saveExport', { defaultPath: '/cancel/session.pdf', format: 'package' })).toEqual({ ok: true, value: { path: null } });
    expect(fake.state.dialogOptions.at(-1)).toMatchObject({ filters: [{ extensions: ['attune-feedback'] }] });
    expect((await call(event(), 'no.such.call', {})).ok).toBe(false);
  });

  it('refuses every other sender without running the call', async () => {
    const others: Record<string, IpcMainInvokeEvent> = {
      'a foreign page': event({ senderFrame: { ...mainFrame, url: 'https://evil.example/' } }),
      'a lookalike origin': event({ senderFrame: { ...mainFrame, url: 'app://attune.evil/' } }),
      'a subframe': event({ senderFrame: { ...mainFrame, routingId: 10, parent: mainFrame } }),
      'another window': event({ sender: { ...contents } }),
      'a frame that is gone': event({ senderFrame: null }),
      'a detached frame': event({ senderFrame: { ...mainFrame, detached: true } }),
    };
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    for (const [label, e] of Object.entries(others)) {
      expect(await call(e, 'app.info', {}), label).toEqual(FORBIDDEN_RESULT);
    }
    expect(warn).toHaveBeenCalledTimes(Object.keys(others).length);
    warn.mockRestore();
    expect(FORBIDDEN_RESULT).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('forwards events to our page only', () => {
    sent.length = 0;
    events.emit('library.changed', { sessionId: 'abc' });
    expect(sent).toEqual([['attune:event', 'library.changed', { sessionId: 'abc' }]]);
    mainFrame.url = 'https://evil.example/';
    events.emit('library.changed', { sessionId: 'def' });
    mainFrame.url = 'app://attune/';
    expect(sent).toHaveLength(1);
  });
});

describe('window and session policy', () => {
  it('lets only our schemes through the network layer', () => {
    const dev = { allowDevTools: true };
    const packaged = { allowDevTools: false };
    for (const url of ['app://attune/', 'attune-media://local/media/x.mp4', 'data:image/png;base64,AA==', 'blob:app://attune/1']) {
      expect(isAllowedRequest(url, packaged), url).toBe(true);
    }
    for (const url of ['https://example.com/', 'http://127.0.0.1/', 'wss://x/', 'file:///etc/passwd', 'app://attune.evil/', 'blob:https://x/1']) {
      expect(isAllowedRequest(url, dev), url).toBe(false);
    }
    expect(isAllowedRequest('devtools://devtools/bundled/x', dev)).toBe(true);
    expect(isAllowedRequest('devtools://devtools/bundled/x', packaged)).toBe(false);
  });

  it('denies permissions, outside downloads and spell-check dictionaries; cancels outside requests', async () => {
    const got: Record<string, unknown> = {};
    const listeners = new Map<string, Listener>();
    const ses = {
      setPermissionRequestHandler: (fn: unknown) => (got.request = fn),
      setPermissionCheckHandler: (fn: unknown) => (got.check = fn),
      setDevicePermissionHandler: (fn: unknown) => (got.device = fn),
      setDisplayMediaRequestHandler: (fn: unknown) => (got.display = fn),
      setSpellCheckerEnabled: (on: boolean) => (got.spell = on),
      on: (name: string, fn: Listener) => listeners.set(name, fn),
      webRequest: { onBeforeRequest: (fn: unknown) => (got.before = fn) },
    };
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    hardenSession(ses as unknown as Session, { allowDevTools: false });
    const granted = await new Promise((resolve) => (got.request as (w: unknown, p: string, cb: (ok: boolean) => void) => void)(null, 'media', resolve));
    expect(granted).toBe(false);
    expect((got.check as () => boolean)()).toBe(false);
    expect((got.device as () => boolean)()).toBe(false);
    expect(got.spell).toBe(false);
    const prevent = vi.fn();
    const download = (url: string) => ({ getURL: () => url, getFilename: () => 'x.csv', setSaveDialogOptions: vi.fn() });
    listeners.get('will-download')?.({ preventDefault: prevent }, download('https://example.com/x.csv'));
    expect(prevent).toHaveBeenCalledTimes(1);
    // The page's own exports (blob URLs of app://attune) go to a save dialog.
    const own = download('blob:app://attune/5d1c');
    listeners.get('will-download')?.({ preventDefault: prevent }, own);
    expect(prevent).toHaveBeenCalledTimes(1);
    expect(own.setSaveDialogOptions).toHaveBeenCalledWith({ title: 'Save the export', defaultPath: 'x.csv' });
    const cancel = (url: string) =>
      new Promise((resolve) => (got.before as (d: { url: string }, cb: (r: { cancel: boolean }) => void) => void)({ url }, (r) => resolve(r.cancel)));
    expect(await cancel('https://example.com/')).toBe(true);
    expect(await cancel('app://attune/index.html')).toBe(false);
    warn.mockRestore();
  });

  it('refuses navigation away, new windows and webviews', () => {
    const listeners = new Map<string, Listener>();
    let openHandler: (() => unknown) | null = null;
    const contents = {
      setWindowOpenHandler: (fn: () => unknown) => (openHandler = fn),
      on: (name: string, fn: Listener) => listeners.set(name, fn),
    };
    hardenWebContents(contents as unknown as WebContents);
    expect(openHandler!()).toEqual({ action: 'deny' });
    const prevented = (name: string, url: string) => {
      const preventDefault = vi.fn();
      listeners.get(name)?.({ url, preventDefault });
      return preventDefault.mock.calls.length > 0;
    };
    expect(prevented('will-navigate', 'https://evil.example/')).toBe(true);
    expect(prevented('will-navigate', 'app://attune/other')).toBe(false);
    expect(prevented('will-frame-navigate', 'file:///etc/passwd')).toBe(true);
    expect(prevented('will-redirect', 'http://127.0.0.1/')).toBe(true);
    expect(prevented('will-attach-webview', '')).toBe(true);
  });
});

describe('menu', () => {
  it('has File (Import…, Open feedback package…, Quit), Edit, View (DevTools only in development) and Help', () => {
    type Item = { label?: string; role?: string; accelerator?: string; click?: () => void; submenu?: Item[] };
    const opened: string[] = [];
    const top = (isPackaged: boolean) => {
      buildAppMenu({ isPackaged, importRecordings: () => opened.push('import'), openFeedbackPackage: () => opened.push('package'), showAbout: () => undefined });
      return fake.state.menus.at(-1) as Item[];
    };
    const dev = top(false).filter((m) => m.role !== 'appMenu');
    expect(dev.map((m) => m.label ?? m.role)).toEqual(['File', 'editMenu', 'View', 'help']);
    expect(dev[0]?.submenu?.[0]?.label).toBe('Import…');
    const open = dev[0]?.submenu?.[1];
    expect(open).toMatchObject({ label: 'Open feedback package…', accelerator: 'CmdOrCtrl+Shift+O' });
    open?.click?.();
    dev[0]?.submenu?.[0]?.click?.();
    expect(opened).toEqual(['package', 'import']);
    expect(dev[2]?.submenu?.some((i) => i.role === 'toggleDevTools')).toBe(true);
    const packaged = top(true).filter((m) => m.role !== 'appMenu');
    expect(packaged[2]?.submenu?.some((i) => i.role === 'toggleDevTools')).toBe(false);
  });
});

describe('preload', () => {
  it('exposes exactly attuneBridge { call, onEvent, pathForFile }', async () => {
    await import('./preload');
    expect([...fake.state.exposed.keys()]).toEqual(['attuneBridge']);
    const bridge = fake.state.exposed.get('attuneBridge') as {
      call(name: unknown, input: unknown): Promise<CallResult>;
      onEvent(listener: unknown): () => void;
      pathForFile(file: unknown): string;
    };
    expect(Object.keys(bridge).sort()).toEqual(['call', 'onEvent', 'pathForFile']);

    expect(await bridge.call('sessions.list', {})).toEqual({ ok: true, value: 'answered' });
    expect(fake.state.invokes.at(-1)).toEqual(['attune:call', 'sessions.list', {}]);
    expect((await bridge.call(42, {})).ok).toBe(false);

    const got: unknown[][] = [];
    const stop = bridge.onEvent((name: string, payload: unknown) => got.push([name, payload]));
    const fire = (...args: unknown[]) => fake.state.rendererListeners.get('attune:event')?.forEach((fn) => fn({ senderFrame: 'private' }, ...args));
    fire('library.changed', { sessionId: null });
    stop();
    fire('library.changed', { sessionId: 'later' });
    expect(got).toEqual([['library.changed', { sessionId: null }]]);
    expect(() => bridge.onEvent('not a function')).toThrow(TypeError);

    expect(bridge.pathForFile({ path: '/home/me/session.mp4' })).toBe('/home/me/session.mp4');
    expect(bridge.pathForFile({})).toBe('');
  });
});
