/**
 * The real desktop app under Playwright's Electron driver, on a fresh library folder.
 * Needs Electron's binary (node_modules/electron/dist, fetched by `npx install-electron`) and, on
 * Linux, a display (run under `xvfb-run` on a headless machine). The Electron build of
 * better-sqlite3 comes from `node scripts/start.mjs --prepare-electron`, the same cached build
 * `npm start` uses.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';

const repoRoot = path.resolve(__dirname, '..', '..');
const electronPackage = path.join(repoRoot, 'node_modules', 'electron');

/** The Electron executable as node_modules/electron/index.js would find it — without index.js's download attempt. */
function installedElectron(): string | null {
  const pathFile = path.join(electronPackage, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const binary = path.join(electronPackage, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(binary) ? binary : null;
}

const electronBinary = installedElectron();
test.skip(
  electronBinary === null,
  "Electron binary not installed on this machine (Electron's download host is unreachable); this spec runs wherever `npx install-electron` has fetched it",
);
test.skip(
  electronBinary !== null && process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY,
  'No display on this Linux machine; run the electron project under xvfb-run',
);
test.describe.configure({ mode: 'serial' });

interface BridgeResult {
  ok: boolean;
  value?: unknown;
  error?: { code: string; message: string };
}
interface BridgeWindow {
  attuneBridge?: { call(name: string, input: unknown): Promise<BridgeResult> };
}

let app: ElectronApplication;
let page: Page;
let dataDir: string;

test.beforeAll(async () => {
  test.setTimeout(12 * 60_000); // the first run may download or build better-sqlite3 for Electron
  const prepared = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'start.mjs'), '--prepare-electron'], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 11 * 60_000,
  });
  const line = prepared.stdout.trim().split('\n').pop() ?? '';
  const info = JSON.parse(line || '{"ok":false,"reason":"no answer"}') as { ok: boolean; sqliteBinding?: string; reason?: string };
  if (!info.ok || !info.sqliteBinding) throw new Error(`Could not prepare the desktop app: ${info.reason}\n${prepared.stderr}`);

  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-electron-e2e-'));
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'ELECTRON_RUN_AS_NODE') env[k] = v;
  app = await electron.launch({
    executablePath: electronBinary ?? undefined,
    args: [repoRoot],
    cwd: repoRoot,
    env: { ...env, ATTUNE_DATA_DIR: dataDir, ATTUNE_SQLITE_BINDING: info.sqliteBinding },
  });
  page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
});

test.afterAll(async () => {
  await app?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

test('opens the Attune window on the library', async () => {
  expect(page.url()).toBe('app://attune/');
  await expect(page).toHaveTitle(/Attune/);
  await expect(page.getByRole('heading', { level: 1, name: 'Library' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'No recordings yet' })).toBeVisible();
});

test('the page is context-isolated: the bridge, and nothing of Node', async () => {
  const globals = await page.evaluate(() => ({
    bridge: typeof (window as unknown as BridgeWindow).attuneBridge,
    bridgeKeys: Object.keys((window as unknown as BridgeWindow).attuneBridge ?? {}).sort(),
    require: typeof (globalThis as Record<string, unknown>).require,
    process: typeof (globalThis as Record<string, unknown>).process,
    module: typeof (globalThis as Record<string, unknown>).module,
  }));
  expect(globals).toEqual({ bridge: 'object', bridgeKeys: ['call', 'onEvent', 'pathForFile'], require: 'undefined', process: 'undefined', module: 'undefined' });
});

test('the bridge answers our page', async () => {
  const info = await page.evaluate(() => (window as unknown as BridgeWindow).attuneBridge!.call('app.info', {}));
  expect(info.ok).toBe(true);
  expect(info.value).toMatchObject({ shell: 'electron', mediaBase: 'attune-media://local', dataDir, nativeDialogs: true });
});

test('the page carries a Content-Security-Policy and cannot reach the network', async () => {
  const result = await page.evaluate(async () => {
    const own = await fetch('app://attune/index.html');
    let outside = 'reached';
    try {
      await fetch('https://example.com/');
    } catch {
      outside = 'blocked';
    }
    return { csp: own.headers.get('content-security-policy'), outside };
  });
  expect(result.csp).toContain("default-src 'none'");
  expect(result.csp).toContain("script-src 'self'");
  expect(result.csp).toMatch(/media-src [^;]*attune-media:/);
  expect(result.outside).toBe('blocked');
});

test('calls from any other page or window are refused', async () => {
  const preload = path.join(repoRoot, 'dist', 'electron', 'preload.js');
  const opened = [
    { url: 'data:text/html,<title>foreign</title><p>not Attune</p>', partition: 'attune-e2e-foreign' },
    { url: 'app://attune/', partition: '' }, // our own page, but not in Attune's window
  ];
  for (const { url, partition } of opened) {
    const nextWindow = app.waitForEvent('window');
    await app.evaluate(
      async ({ BrowserWindow }, o) => {
        const win = new BrowserWindow({
          show: false,
          webPreferences: { preload: o.preload, sandbox: true, contextIsolation: true, ...(o.partition ? { partition: o.partition } : {}) },
        });
        await win.loadURL(o.url);
      },
      { preload, url, partition },
    );
    const other = await nextWindow;
    await other.waitForLoadState('domcontentloaded');
    const answer = await other.evaluate(() => (window as unknown as BridgeWindow).attuneBridge!.call('sessions.list', {}));
    expect(answer, `a call from ${url}`).toEqual({ ok: false, error: expect.objectContaining({ code: 'forbidden' }) });
    await other.close();
  }
});

test('stored recordings are served with Range support, and nothing else in the library is', async () => {
  const name = `${'ab'.repeat(32)}.wav`;
  fs.writeFileSync(path.join(dataDir, 'media', name), Buffer.from(Array.from({ length: 64 }, (_, i) => i)));
  const result = await page.evaluate(async (fileName) => {
    const part = await fetch(`attune-media://local/media/${fileName}`, { headers: { Range: 'bytes=2-5' } });
    const whole = await fetch(`attune-media://local/media/${fileName}`);
    const database = await fetch('attune-media://local/media/..%2Fattune.sqlite');
    return {
      status: part.status,
      contentRange: part.headers.get('content-range'),
      bytes: Array.from(new Uint8Array(await part.arrayBuffer())),
      wholeStatus: whole.status,
      wholeLength: (await whole.arrayBuffer()).byteLength,
      databaseStatus: database.status,
    };
  }, name);
  expect(result).toEqual({ status: 206, contentRange: 'bytes 2-5/64', bytes: [2, 3, 4, 5], wholeStatus: 200, wholeLength: 64, databaseStatus: 404 });
});
