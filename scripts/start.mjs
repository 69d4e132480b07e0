#!/usr/bin/env node
// Starts Attune from a built checkout (`npm start` builds first, then runs this).
//
//   node scripts/start.mjs [--browser] [--retry-download] [browser-mode options…]
//   node scripts/start.mjs --prepare-electron   (tests: prepare only, print one JSON line)
//
// Desktop window (Electron) when it can run on this computer; otherwise — no graphical display,
// no Electron program and no way to download it, a database module that cannot be prepared for
// Electron — a plain-words notice and browser mode (dist/main/browser-main.js), which prints its
// address and opens it. Every step that may touch the network has a time limit: this never hangs.
// ATTUNE_DATA_DIR is honoured by both modes; `--data-dir D` works in both too.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronPkgDir = path.join(root, 'node_modules', 'electron');
const sqlitePkgDir = path.join(root, 'node_modules', 'better-sqlite3');
const cacheRoot = path.join(root, '.cache');
/** Steps that ran out of time recently (a network that silently drops connections), so every start doesn't wait again. */
const timeoutsFile = path.join(cacheRoot, 'desktop-timeouts.json');

const DOWNLOAD_TIMEOUT_MS = 2 * 60_000;
const PREBUILT_TIMEOUT_MS = 2 * 60_000;
const COMPILE_TIMEOUT_MS = 8 * 60_000;
const PROBE_TIMEOUT_MS = 30_000;
/** After a step timed out, don't make every start wait for it again for this long (unless --retry-download). */
const REMEMBER_TIMEOUT_MS = 24 * 60 * 60_000;

const OWN_FLAGS = new Set(['--browser', '--retry-download', '--prepare-electron']);
const argv = process.argv.slice(2);
const forwarded = argv.filter((a) => !OWN_FLAGS.has(a));

/** Progress and notices go to stderr, so stdout stays clean for `--json` / `--prepare-electron`. */
const say = (line) => process.stderr.write(`${line}\n`);
const rel = (p) => path.relative(process.cwd(), p) || '.';

class Unavailable extends Error {}

// ---------------------------------------------------------------------------------------------
// Child processes with a time limit (the whole process tree is stopped when it runs out).

let activeChild = null;

function killTree(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  try {
    if (process.platform === 'win32') {
      spawn('taskkill', ['/pid', String(child.pid), '/T', '/F'], { stdio: 'ignore' }).on('error', () => undefined);
    } else {
      process.kill(-child.pid, 'SIGKILL'); // detached: the child leads its own process group
    }
  } catch {
    try {
      child.kill('SIGKILL');
    } catch {
      /* already gone */
    }
  }
}

function tail(text, max = 64 * 1024) {
  return text.length > max ? text.slice(-max) : text;
}

/** Runs a command to completion or until `timeoutMs`; never throws. */
function run(command, args, { cwd = root, env = process.env, timeoutMs, logFile } = {}) {
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let child;
    try {
      child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32', windowsHide: true });
    } catch (error) {
      resolve({ code: null, signal: null, timedOut: false, stdout: '', stderr: String(error?.message ?? error), error });
      return;
    }
    activeChild = child;
    child.stdout.on('data', (d) => (stdout = tail(stdout + d)));
    child.stderr.on('data', (d) => (stderr = tail(stderr + d)));
    const timer = setTimeout(() => {
      timedOut = true;
      killTree(child);
    }, timeoutMs);
    const finish = (code, signal, error) => {
      clearTimeout(timer);
      if (activeChild === child) activeChild = null;
      if (logFile) {
        try {
          fs.appendFileSync(
            logFile,
            `\n$ ${[command, ...args].join(' ')}\n(cwd ${cwd}; exit ${code ?? signal ?? 'error'}${timedOut ? ', timed out' : ''})\n${stdout}${stderr}\n`,
          );
        } catch {
          /* the log is a convenience */
        }
      }
      resolve({ code, signal, timedOut, stdout, stderr: error ? `${stderr}${error.message}` : stderr, error });
    };
    child.once('error', (error) => finish(null, null, error));
    child.once('close', (code, signal) => finish(code, signal, null));
  });
}

/** The app's own process (Electron or browser mode) once started; until then we are preparing. */
let appChild = null;

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (appChild) {
      // Passed on (in a terminal Ctrl+C reaches the app too; both apps shut down once however often asked).
      if (appChild.exitCode === null && appChild.signalCode === null) appChild.kill(signal);
      return;
    }
    killTree(activeChild); // a preparation step runs in its own process group: stop it with us
    process.exit(130);
  });
}

/** One short line from a tool's error output. */
function firstErrorLine(text) {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const line =
    lines.find((l) => /ERR!|^\w*Error\b/.test(l) && !/^gyp ERR! (stack|System|command|cwd|node -v|node-gyp -v|not ok)/.test(l)) ??
    lines.find((l) => /error|fail|denied|refused|not found|cannot/i.test(l)) ??
    lines[0] ??
    'no details';
  return line.length > 160 ? `${line.slice(0, 157)}…` : line;
}

function networkCause(result) {
  if (result.timedOut) return null;
  const text = `${result.stderr}\n${result.stdout}`;
  if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|fetch failed|getaddrinfo|socket hang up|network connectivity|behind a proxy/i.test(text)) {
    return 'there is no connection to its download server';
  }
  const http = /\b(?:HTTP|status(?: code)?)\D{0,12}([45]\d\d)\b/i.exec(text);
  if (http) return `the download server refused it (HTTP ${http[1]})`;
  return null;
}

// ---------------------------------------------------------------------------------------------
// Browser mode.

function runBrowserMode(args) {
  const entry = path.join(root, 'dist', 'main', 'browser-main.js');
  if (!fs.existsSync(entry)) {
    say('Attune is not built yet. Run "npm run build" first ("npm start" does it for you).');
    process.exit(1);
  }
  const child = spawn(process.execPath, [entry, ...args], { cwd: root, stdio: 'inherit' });
  superviseAppChild(child);
}

/** Waits for the app's process and exits like it. */
function superviseAppChild(child) {
  appChild = child;
  child.once('error', (error) => {
    say(`Attune could not start: ${error.message}`);
    process.exit(1);
  });
  child.once('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

// ---------------------------------------------------------------------------------------------
// The Electron program.

function electronPackageVersion() {
  return JSON.parse(fs.readFileSync(path.join(electronPkgDir, 'package.json'), 'utf8')).version;
}

/** The Electron executable if it is on disk (as node_modules/electron/index.js would find it), else null. */
function findElectronBinary() {
  const pathFile = path.join(electronPkgDir, 'path.txt');
  const relative = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const candidate = path.join(override, relative || (process.platform === 'win32' ? 'electron.exe' : 'electron'));
    return fs.existsSync(candidate) ? candidate : null;
  }
  if (!relative) return null;
  const candidate = path.join(electronPkgDir, 'dist', relative);
  return fs.existsSync(candidate) ? candidate : null;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** Remembers that a step timed out, with the reason to give. */
function rememberTimeout(step, reason) {
  const all = readJson(timeoutsFile) ?? {};
  all[step] = { at: new Date().toISOString(), reason };
  fs.mkdirSync(cacheRoot, { recursive: true });
  fs.writeFileSync(timeoutsFile, `${JSON.stringify(all, null, 2)}\n`);
}

function forgetTimeout(step) {
  const all = readJson(timeoutsFile);
  if (!all || !(step in all)) return;
  delete all[step];
  fs.writeFileSync(timeoutsFile, `${JSON.stringify(all, null, 2)}\n`);
}

/** Throws Unavailable if `step` timed out recently and the user did not ask to retry. */
function skipIfTimedOutRecently(step) {
  if (argv.includes('--retry-download')) return;
  const previous = readJson(timeoutsFile)?.[step];
  if (!previous || !(Date.now() - Date.parse(previous.at) < REMEMBER_TIMEOUT_MS)) return;
  throw new Unavailable(
    `${previous.reason} (on ${new Date(previous.at).toLocaleString()}); run "npm start -- --retry-download" to try again`,
  );
}

/** Tries once to download Electron's binary with the package's own installer. */
async function downloadElectron(version) {
  const step = `electron-download@${version}`;
  skipIfTimedOutRecently(step);
  say(`Downloading the Electron ${version} program (one time only; giving up after ${DOWNLOAD_TIMEOUT_MS / 60_000} minutes)…`);
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (/^ELECTRON_SKIP|^npm_config_electron_skip/i.test(key)) delete env[key];
  delete env.ELECTRON_RUN_AS_NODE;
  const result = await run(process.execPath, [path.join(electronPkgDir, 'install.js')], { env, timeoutMs: DOWNLOAD_TIMEOUT_MS });
  const binary = findElectronBinary();
  if (result.code === 0 && binary) {
    forgetTimeout(step);
    return binary;
  }
  if (result.timedOut) {
    const reason = `the Electron program is not installed, and downloading it took longer than ${DOWNLOAD_TIMEOUT_MS / 60_000} minutes`;
    rememberTimeout(step, reason);
    throw new Unavailable(reason);
  }
  const cause = networkCause(result) ?? firstErrorLine(result.stderr || result.stdout);
  throw new Unavailable(`the Electron program is not installed and could not be downloaded: ${cause}`);
}

/** Runs a snippet in the Electron binary as plain Node (no window, no display needed). */
function runInElectronNode(binary, code, timeoutMs = PROBE_TIMEOUT_MS) {
  return run(binary, ['-e', code], { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, timeoutMs });
}

/** Checks the binary actually runs here (shared libraries present…) and asks its version. */
async function probeElectron(binary) {
  const result = await runInElectronNode(binary, 'process.stdout.write(JSON.stringify(process.versions))');
  const versions = result.code === 0 ? readJsonText(result.stdout) : null;
  if (!versions?.electron) {
    const why = result.timedOut ? 'it did not answer within 30 seconds' : firstErrorLine(result.stderr || result.stdout);
    throw new Unavailable(`the Electron program could not run here: ${why}`);
  }
  return { version: versions.electron, abi: versions.modules };
}

function readJsonText(text) {
  try {
    return JSON.parse(text.trim());
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// better-sqlite3 built for Electron's ABI (the Node build in node_modules serves the CLI and tests).

async function prepareSqliteForElectron(binary, electronVersion) {
  const sqliteVersion = JSON.parse(fs.readFileSync(path.join(sqlitePkgDir, 'package.json'), 'utf8')).version;
  const dir = path.join(cacheRoot, 'electron-sqlite', electronVersion);
  const target = path.join(dir, 'better_sqlite3.node');
  const stampFile = path.join(dir, 'stamp.json');
  const wanted = { betterSqlite3: sqliteVersion, electron: electronVersion, platform: process.platform, arch: process.arch };
  const stamp = readJson(stampFile);
  if (fs.existsSync(target) && stamp && Object.entries(wanted).every(([k, v]) => stamp[k] === v)) return target;

  const prebuiltStep = `sqlite-prebuilt@${electronVersion}`;
  const compileStep = `sqlite-compile@${electronVersion}`;
  skipIfTimedOutRecently(prebuiltStep);
  skipIfTimedOutRecently(compileStep);
  say(`Preparing Attune's database module for Electron ${electronVersion} (one time only)…`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const logFile = path.join(dir, 'prepare.log');
  const workRoot = path.join(dir, 'work');
  const work = path.join(workRoot, 'better-sqlite3');
  const fail = (cause) => {
    fs.rmSync(workRoot, { recursive: true, force: true });
    return new Unavailable(`the database module could not be prepared for Electron ${electronVersion}: ${cause}; details in ${rel(logFile)}`);
  };
  // A private copy, so node_modules keeps its Node build for the CLI and the tests.
  fs.cpSync(sqlitePkgDir, work, {
    recursive: true,
    filter: (src) => !['build', 'node_modules'].includes(path.relative(sqlitePkgDir, src)),
  });
  const built = path.join(work, 'build', 'Release', 'better_sqlite3.node');
  const common = [`--target=${electronVersion}`, `--arch=${process.arch}`];
  // npm passes its config to scripts as npm_config_* variables; a `nodedir`, `target` or `runtime`
  // there (for Node builds) would silently produce a Node build instead of an Electron one.
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^npm_config_(nodedir|target|runtime|disturl|dist_url|arch|build_from_source)$/i.test(key)) delete env[key];
  }

  // 1. better-sqlite3's prebuilt copy for this Electron, from its GitHub releases.
  const prebuilt = await run(
    process.execPath,
    [path.join(root, 'node_modules', 'prebuild-install', 'bin.js'), '--runtime=electron', `--platform=${process.platform}`, ...common, '--verbose'],
    { cwd: work, env, timeoutMs: PREBUILT_TIMEOUT_MS, logFile },
  );
  let how = 'downloaded a prebuilt copy';
  if (prebuilt.timedOut) {
    // The headers a source build needs come over the same network: don't wait for that too.
    const reason = `the database module could not be prepared for Electron ${electronVersion}: downloading it took longer than ${PREBUILT_TIMEOUT_MS / 60_000} minutes`;
    rememberTimeout(prebuiltStep, reason);
    fs.rmSync(workRoot, { recursive: true, force: true });
    throw new Unavailable(`${reason}; details in ${rel(logFile)}`);
  }
  if (prebuilt.code !== 0 || !fs.existsSync(built)) {
    // 2. Build it from source against Electron's headers (needs a C++ toolchain and Python).
    say('  No prebuilt copy could be downloaded; building it from source instead (a few minutes)…');
    const compiled = await run(
      process.execPath,
      [path.join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'), 'rebuild', '--release', ...common, '--dist-url=https://electronjs.org/headers'],
      { cwd: work, env, timeoutMs: COMPILE_TIMEOUT_MS, logFile },
    );
    if (compiled.timedOut) {
      const reason = `the database module could not be prepared for Electron ${electronVersion}: building it took longer than ${COMPILE_TIMEOUT_MS / 60_000} minutes`;
      rememberTimeout(compileStep, reason);
      fs.rmSync(workRoot, { recursive: true, force: true });
      throw new Unavailable(`${reason}; details in ${rel(logFile)}`);
    }
    if (compiled.code !== 0 || !fs.existsSync(built)) {
      throw fail(
        networkCause(compiled) || networkCause(prebuilt)
          ? 'its prebuilt copy and the Electron headers needed to build it could not be downloaded (no connection to their servers)'
          : `no prebuilt copy could be downloaded and building it failed (${firstErrorLine(compiled.stderr)})`,
      );
    }
    how = 'built from source';
  }
  forgetTimeout(prebuiltStep);
  forgetTimeout(compileStep);

  // Prove it loads in this very Electron before caching it.
  const sqliteMain = path.join(sqlitePkgDir, 'lib', 'index.js');
  const check = await runInElectronNode(
    binary,
    `const D = require(${JSON.stringify(sqliteMain)}); const db = new D(':memory:', { nativeBinding: ${JSON.stringify(built)} });` +
      `process.stdout.write(String(db.prepare('select 41 + 1 as x').get().x)); db.close();`,
  );
  if (check.code !== 0 || check.stdout.trim() !== '42') {
    throw fail(`the copy it got does not load in Electron (${firstErrorLine(check.stderr || check.stdout)})`);
  }
  fs.copyFileSync(built, `${target}.tmp`);
  fs.renameSync(`${target}.tmp`, target);
  fs.writeFileSync(stampFile, `${JSON.stringify({ ...wanted, how, preparedAt: new Date().toISOString() }, null, 2)}\n`);
  fs.rmSync(path.join(dir, 'work'), { recursive: true, force: true });
  say(`  Done (${how}).`);
  return target;
}

// ---------------------------------------------------------------------------------------------
// Deciding.

/** Everything the desktop window needs, or throws Unavailable with the reason in plain words. */
async function prepareDesktop({ needDisplay }) {
  if (!fs.existsSync(path.join(root, 'dist', 'electron', 'main.js'))) {
    throw new Unavailable('the desktop part of Attune is not built; run "npm run build"');
  }
  if (needDisplay && process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    throw new Unavailable('no graphical display was found: neither DISPLAY nor WAYLAND_DISPLAY is set');
  }
  if (!fs.existsSync(path.join(electronPkgDir, 'package.json'))) {
    throw new Unavailable('the electron package is not installed; run "npm install"');
  }
  const binary = findElectronBinary() ?? (await downloadElectron(electronPackageVersion()));
  const { version } = await probeElectron(binary);
  const sqliteBinding = await prepareSqliteForElectron(binary, version);
  return { binary, version, sqliteBinding };
}

/** The reason to show for a failed preparation; an unexpected failure is a reason too, never a crash. */
function reasonOf(error) {
  if (error instanceof Unavailable) return error.message;
  return `something unexpected went wrong while preparing it: ${error?.message ?? error}`;
}

function argValue(name) {
  const i = forwarded.indexOf(name);
  return i >= 0 ? forwarded[i + 1] : undefined;
}

async function main() {
  if (argv.includes('--prepare-electron')) {
    try {
      const ready = await prepareDesktop({ needDisplay: false });
      process.stdout.write(`${JSON.stringify({ ok: true, electron: ready.binary, electronVersion: ready.version, sqliteBinding: ready.sqliteBinding })}\n`);
      process.exit(0);
    } catch (error) {
      process.stdout.write(`${JSON.stringify({ ok: false, reason: reasonOf(error) })}\n`);
      process.exit(1);
    }
  }

  if (argv.includes('--browser')) return runBrowserMode(forwarded);

  let ready;
  try {
    ready = await prepareDesktop({ needDisplay: true });
  } catch (error) {
    say(`\nAttune's desktop window isn't available on this computer (${reasonOf(error)}). Starting in browser mode instead…`);
    return runBrowserMode(forwarded);
  }

  const env = { ...process.env, ATTUNE_SQLITE_BINDING: ready.sqliteBinding };
  delete env.ELECTRON_RUN_AS_NODE;
  const dataDir = argValue('--data-dir');
  if (dataDir) env.ATTUNE_DATA_DIR = path.resolve(dataDir);
  const child = spawn(ready.binary, [root], { cwd: root, env, stdio: 'inherit' });
  appChild = child;
  let failedToStart = false;
  child.once('error', (error) => {
    failedToStart = true;
    appChild = null;
    say(`\nAttune's desktop window isn't available on this computer (the Electron program could not start: ${error.message}). Starting in browser mode instead…`);
    runBrowserMode(forwarded);
  });
  child.once('exit', (code, signal) => {
    if (!failedToStart) process.exit(code ?? (signal ? 1 : 0));
  });
}

main().catch((error) => {
  say(`Attune could not start: ${error?.stack ?? error}`);
  process.exit(1);
});
