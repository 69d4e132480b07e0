/**
 * The heavy reading of backups and archives, off the main event loop: worker threads that hash a
 * file, copy a file while hashing it (flushed to the disk), compare two files byte for byte, check a
 * database copy (SQLite's integrity check and its rows per table) or write a restore's or an
 * archive's rows in one transaction. Two workers by default, so two files are checked at once while
 * the main thread copies the next one. Cancelling terminates the workers at once.
 *
 * The worker's code is plain JavaScript here (evaluated by the worker) so that it runs the same from
 * the bundled app, the command line and the tests, with no separate build entry.
 */
import { createRequire } from 'node:module';
import os from 'node:os';
import { Worker } from 'node:worker_threads';

export interface HashResult {
  sha256: string;
  size: number;
}

export interface DbCheckResult {
  /** 'ok', or SQLite's first complaint. */
  integrity: string;
  counts: Record<string, number>;
  schemaVersion: number;
}

type Job =
  | { op: 'hash'; file: string }
  | { op: 'copy'; from: string; to: string; flush: boolean }
  | { op: 'checkDb'; file: string; full: boolean }
  | { op: 'compare'; a: string; b: string }
  | { op: 'compareSlice'; file: string; container: string; offset: number; size: number }
  | { op: 'writeRows'; file: string; attach: { source: string; alias: string } | null; statements: SqlStatement[] };

/** A statement parameter; `{ $blob }` carries bytes as base64 (decoded in the worker). */
export type SqlParam = string | number | null | { $blob: string };

/** One statement of a write plan run by a worker: run once, or once per row of parameters. */
export interface SqlStatement {
  sql: string;
  rows?: SqlParam[][];
}

interface Pending {
  job: Job;
  resolve(value: unknown): void;
  reject(error: unknown): void;
  onBytes?: (bytes: number) => void;
}

const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const crypto = require('node:crypto');
const CHUNK = 4 * 1024 * 1024;
const buf = Buffer.allocUnsafe(CHUNK);
function fail(id, e) { parentPort.postMessage({ id, error: { code: e && e.code ? e.code : null, message: e && e.message ? e.message : String(e) } }); }
function hash(id, file) {
  const fd = fs.openSync(file, 'r');
  const h = crypto.createHash('sha256');
  let size = 0;
  try {
    for (;;) {
      const n = fs.readSync(fd, buf, 0, CHUNK, null);
      if (n <= 0) break;
      h.update(buf.subarray(0, n));
      size += n;
      parentPort.postMessage({ id, bytes: n });
    }
  } finally { fs.closeSync(fd); }
  return { sha256: h.digest('hex'), size };
}
function copy(id, from, to, flush) {
  const input = fs.openSync(from, 'r');
  let output = -1;
  const h = crypto.createHash('sha256');
  let size = 0;
  try {
    output = fs.openSync(to, 'wx', 0o600);
    for (;;) {
      const n = fs.readSync(input, buf, 0, CHUNK, null);
      if (n <= 0) break;
      h.update(buf.subarray(0, n));
      let written = 0;
      while (written < n) written += fs.writeSync(output, buf, written, n - written);
      size += n;
      parentPort.postMessage({ id, bytes: n });
    }
    if (flush) fs.fsyncSync(output);
  } finally {
    fs.closeSync(input);
    if (output >= 0) fs.closeSync(output);
  }
  return { sha256: h.digest('hex'), size };
}
const other = Buffer.allocUnsafe(CHUNK);
function compare(id, a, b) {
  const fa = fs.openSync(a, 'r');
  let fb = -1;
  let size = 0;
  try {
    fb = fs.openSync(b, 'r');
    for (;;) {
      const n = fs.readSync(fa, buf, 0, CHUNK, null);
      let m = 0;
      while (m < n) { const k = fs.readSync(fb, other, m, n - m, null); if (k <= 0) break; m += k; }
      if (m !== n || !buf.subarray(0, n).equals(other.subarray(0, n))) return { equal: false, size: size + Math.min(n, m) };
      if (n <= 0) break;
      size += n;
      parentPort.postMessage({ id, bytes: n });
    }
    return { equal: fs.readSync(fb, other, 0, 1, null) === 0, size };
  } finally {
    fs.closeSync(fa);
    if (fb >= 0) fs.closeSync(fb);
  }
}
function compareSlice(id, file, container, offset, size) {
  const fa = fs.openSync(file, 'r');
  let fb = -1;
  let done = 0;
  try {
    fb = fs.openSync(container, 'r');
    if (fs.fstatSync(fa).size !== size) return { equal: false, size: 0 };
    while (done < size) {
      const want = Math.min(CHUNK, size - done);
      let n = 0;
      while (n < want) { const k = fs.readSync(fa, buf, n, want - n, null); if (k <= 0) break; n += k; }
      let m = 0;
      while (m < want) { const k = fs.readSync(fb, other, m, want - m, offset + done + m); if (k <= 0) break; m += k; }
      if (n !== want || m !== want || !buf.subarray(0, want).equals(other.subarray(0, want))) return { equal: false, size: done };
      done += want;
      parentPort.postMessage({ id, bytes: want });
    }
    return { equal: true, size: done };
  } finally {
    fs.closeSync(fa);
    if (fb >= 0) fs.closeSync(fb);
  }
}
function checkDb(file, full) {
  const Database = require(workerData.sqlitePath);
  const db = new Database(file, Object.assign({ readonly: true, fileMustExist: true }, workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {}));
  try {
    const rows = db.prepare(full ? 'PRAGMA integrity_check(1)' : 'PRAGMA quick_check(1)').all();
    const integrity = rows.length > 0 ? String(Object.values(rows[0])[0]) : 'no answer';
    const counts = {};
    if (integrity === 'ok') {
      const tables = db.prepare('PRAGMA main.table_list').all().filter((t) => t.schema === 'main' && t.type === 'table' && !t.name.startsWith('sqlite_'));
      tables.sort((a, b) => a.name.localeCompare(b.name));
      for (const t of tables) counts[t.name] = db.prepare('SELECT count(*) AS n FROM main."' + t.name.replace(/"/g, '""') + '"').get().n;
    }
    return { integrity, counts, schemaVersion: db.pragma('user_version', { simple: true }) };
  } finally { db.close(); }
}
function param(p) {
  return p !== null && typeof p === 'object' ? Buffer.from(p.$blob, 'base64') : p;
}
function writeRows(job) {
  const Database = require(workerData.sqlitePath);
  const db = new Database(job.file, Object.assign({ fileMustExist: true }, workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {}));
  try {
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 10000');
    db.pragma('secure_delete = ON');
    if (job.attach) db.prepare('ATTACH DATABASE ? AS ' + job.attach.alias).run(job.attach.source);
    db.exec('BEGIN IMMEDIATE');
    try {
      db.pragma('defer_foreign_keys = ON');
      for (const st of job.statements) {
        const statement = db.prepare(st.sql);
        if (!st.rows) statement.run();
        else for (const row of st.rows) statement.run(...row.map(param));
      }
      db.exec('COMMIT');
    } catch (e) {
      db.exec('ROLLBACK');
      throw e;
    }
    if (job.attach) db.exec('DETACH DATABASE ' + job.attach.alias);
    return { done: true };
  } finally { db.close(); }
}
parentPort.on('message', (m) => {
  try {
    const j = m.job;
    const result = j.op === 'hash' ? hash(m.id, j.file) : j.op === 'copy' ? copy(m.id, j.from, j.to, j.flush) : j.op === 'checkDb' ? checkDb(j.file, j.full) : j.op === 'compare' ? compare(m.id, j.a, j.b) : j.op === 'compareSlice' ? compareSlice(m.id, j.file, j.container, j.offset, j.size) : writeRows(j);
    parentPort.postMessage({ id: m.id, result });
  } catch (e) { fail(m.id, e); }
});
`;

/** An error a worker reported, with the errno code of the file system where there was one. */
export class WorkerJobError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
  ) {
    super(message);
  }
}

export class WorkerCancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

function sqlitePath(): string {
  return createRequire(__filename).resolve('better-sqlite3');
}

interface Slot {
  worker: Worker;
  busy: number | null;
}

export class FileWorkers {
  private readonly slots: Slot[] = [];
  private readonly queue: { id: number; pending: Pending }[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;

  constructor(size = Math.max(1, Math.min(2, os.availableParallelism()))) {
    const workerData = { sqlitePath: sqlitePath(), nativeBinding: process.env.ATTUNE_SQLITE_BINDING ?? null };
    for (let i = 0; i < size; i++) {
      const worker = new Worker(WORKER_SOURCE, { eval: true, workerData });
      const slot: Slot = { worker, busy: null };
      worker.on('message', (m: { id: number; bytes?: number; result?: unknown; error?: { code: string | null; message: string } }) => {
        const p = this.pending.get(m.id);
        if (!p) return;
        if (m.bytes !== undefined) {
          p.onBytes?.(m.bytes);
          return;
        }
        this.pending.delete(m.id);
        slot.busy = null;
        if (m.error) p.reject(new WorkerJobError(m.error.message, m.error.code));
        else p.resolve(m.result);
        this.pump();
      });
      worker.on('error', (error) => this.failAll(error));
      this.slots.push(slot);
    }
  }

  hash(file: string, onBytes?: (bytes: number) => void): Promise<HashResult> {
    return this.run({ op: 'hash', file }, onBytes) as Promise<HashResult>;
  }

  /** Copies `from` to `to` (which must not exist) while hashing; `flush` syncs it to the disk. */
  copy(from: string, to: string, flush: boolean, onBytes?: (bytes: number) => void): Promise<HashResult> {
    return this.run({ op: 'copy', from, to, flush }, onBytes) as Promise<HashResult>;
  }

  /** Reads two files side by side: whether they hold the same bytes (and how many were compared). */
  compare(a: string, b: string, onBytes?: (bytes: number) => void): Promise<{ equal: boolean; size: number }> {
    return this.run({ op: 'compare', a, b }, onBytes) as Promise<{ equal: boolean; size: number }>;
  }

  /** Whether `file` holds exactly the `size` bytes found at `offset` in `container` (an entry of a backup file). */
  compareSlice(file: string, container: string, offset: number, size: number, onBytes?: (bytes: number) => void): Promise<{ equal: boolean; size: number }> {
    return this.run({ op: 'compareSlice', file, container, offset, size }, onBytes) as Promise<{ equal: boolean; size: number }>;
  }

  /** Opens a database copy read-only: its integrity check (full, or SQLite's quicker check) and rows per table. */
  checkDb(file: string, full = true): Promise<DbCheckResult> {
    return this.run({ op: 'checkDb', file, full }) as Promise<DbCheckResult>;
  }

  /**
   * Runs `statements` against the library database `file` in one transaction on a worker's own
   * connection (foreign keys checked at commit, secure_delete on), with another database attached
   * where given: long writes such as a restore's or an archive's thousands of rows and their
   * search-index triggers stay off the main event loop. Terminating the worker leaves the
   * transaction uncommitted; a refusal comes back with SQLite's code (e.g. SQLITE_CONSTRAINT_UNIQUE).
   */
  writeRows(file: string, statements: SqlStatement[], attach: { source: string; alias: string } | null = null): Promise<void> {
    return this.run({ op: 'writeRows', file, attach, statements }).then(() => undefined);
  }

  /** Stops every worker; what was running or queued fails with WorkerCancelled. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.failAll(new WorkerCancelled());
    await Promise.all(this.slots.map((s) => s.worker.terminate().catch(() => 0)));
  }

  private run(job: Job, onBytes?: (bytes: number) => void): Promise<unknown> {
    if (this.closed) return Promise.reject(new WorkerCancelled());
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.queue.push({ id, pending: { job, resolve, reject, ...(onBytes ? { onBytes } : {}) } });
      this.pump();
    });
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.busy !== null) continue;
      const next = this.queue.shift();
      if (!next) return;
      slot.busy = next.id;
      this.pending.set(next.id, next.pending);
      slot.worker.postMessage({ id: next.id, job: next.pending.job });
    }
  }

  private failAll(error: unknown): void {
    const all = [...this.pending.values(), ...this.queue.map((q) => q.pending)];
    this.pending.clear();
    this.queue.length = 0;
    for (const slot of this.slots) slot.busy = null;
    for (const p of all) p.reject(error);
  }
}
