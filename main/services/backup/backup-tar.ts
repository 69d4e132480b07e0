/**
 * The one-file form of a backup: an uncompressed POSIX tar (ustar, with pax headers for a name or a
 * size that does not fit), written and read in chunks so a recording is never held in memory whole.
 *
 * The writer stores regular files and folders only. The reader is strict: it checks every header's
 * checksum and magic, reads pax `path` and `size` records, and refuses anything but regular files and
 * folders (links, devices, global headers…); a tar that ends early or is garbled is "damaged".
 */
import type { FileHandle } from 'node:fs/promises';
import { ApiError } from '../../../shared/api/errors';

export const BLOCK = 512;
/** tar's traditional record: the archive's length is padded to a multiple of it. */
const RECORD = 20 * BLOCK;
const CHUNK = 1024 * 1024;
const MAX_OCTAL_SIZE = 0o77777777777;
const MAX_PAX_BYTES = 64 * 1024;

export type TarEntryType = 'file' | 'folder';

export interface TarEntry {
  /** Relative name with forward slashes; a folder's without the trailing slash. */
  name: string;
  type: TarEntryType;
  size: number;
  /** Where the entry's bytes start in the tar. */
  offset: number;
}

export function damagedBackupFile(detail: string): ApiError {
  return new ApiError('file_unreadable', `The backup is damaged: ${detail}. Nothing was changed; use another backup.`);
}

function writeText(header: Buffer, text: string, at: number, length: number): void {
  header.write(text, at, length, 'utf8');
}

function writeOctal(header: Buffer, value: number, at: number, length: number): void {
  writeText(header, `${value.toString(8).padStart(length - 1, '0')}\0`, at, length);
}

function pad(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}

function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let length = Buffer.byteLength(body) + 1;
  while (String(length).length + Buffer.byteLength(body) !== length) length = String(length).length + Buffer.byteLength(body);
  return `${length}${body}`;
}

function ustarHeader(name: string, type: string, size: number, mode: number, mtime: number): Buffer {
  const header = Buffer.alloc(BLOCK);
  writeText(header, name, 0, 100);
  writeOctal(header, mode, 100, 8);
  writeOctal(header, 0, 108, 8);
  writeOctal(header, 0, 116, 8);
  writeOctal(header, size, 124, 12);
  writeOctal(header, mtime, 136, 12);
  header.fill(0x20, 148, 156);
  writeText(header, type, 156, 1);
  writeText(header, 'ustar\0', 257, 6);
  writeText(header, '00', 263, 2);
  let sum = 0;
  for (const byte of header) sum += byte;
  writeText(header, `${sum.toString(8).padStart(6, '0')}\0 `, 148, 8);
  return header;
}

/** The header block(s) of one entry: a pax header first when the name or the size does not fit ustar. */
export function entryHeaders(name: string, type: TarEntryType, size: number, mtime: number): Buffer {
  const stored = type === 'folder' ? `${name}/` : name;
  const records: string[] = [];
  const plain = Buffer.byteLength(stored) <= 100 && /^[\x20-\x7e]*$/.test(stored);
  if (!plain) records.push(paxRecord('path', stored));
  if (size > MAX_OCTAL_SIZE) records.push(paxRecord('size', String(size)));
  const main = ustarHeader(plain ? stored : stored.replace(/[^\x20-\x7e]/g, '_').slice(0, 99), type === 'folder' ? '5' : '0', size > MAX_OCTAL_SIZE ? 0 : size, type === 'folder' ? 0o700 : 0o600, mtime);
  if (records.length === 0) return main;
  const pax = Buffer.from(records.join(''), 'utf8');
  return Buffer.concat([ustarHeader('PaxHeader', 'x', pax.length, 0o600, mtime), pax, Buffer.alloc(pad(pax.length)), main]);
}

/** Streams entries into an open tar file; `close` writes the end (two zero blocks, padded to a record). */
export class TarWriter {
  private position = 0;
  private readonly chunk = Buffer.allocUnsafe(CHUNK);

  constructor(
    private readonly out: FileHandle,
    private readonly checkCancel: () => void = () => undefined,
  ) {}

  private async write(bytes: Buffer): Promise<void> {
    let done = 0;
    while (done < bytes.length) {
      const { bytesWritten } = await this.out.write(bytes, done, bytes.length - done, this.position);
      done += bytesWritten;
      this.position += bytesWritten;
    }
  }

  async folder(name: string, mtime: number): Promise<void> {
    await this.write(entryHeaders(name, 'folder', 0, mtime));
  }

  /** Appends the file `from` (opened by the caller) of `size` bytes, chunk by chunk; reports bytes. */
  async file(name: string, from: FileHandle, size: number, mtime: number, onBytes?: (bytes: number) => void): Promise<void> {
    await this.write(entryHeaders(name, 'file', size, mtime));
    let done = 0;
    while (done < size) {
      this.checkCancel();
      const { bytesRead } = await from.read(this.chunk, 0, Math.min(CHUNK, size - done), done);
      if (bytesRead <= 0) throw new Error(`${name} became shorter while it was being packed`);
      await this.write(this.chunk.subarray(0, bytesRead));
      done += bytesRead;
      onBytes?.(bytesRead);
    }
    await this.write(Buffer.alloc(pad(size)));
  }

  async close(): Promise<void> {
    const end = this.position + 2 * BLOCK;
    await this.write(Buffer.alloc(2 * BLOCK + ((RECORD - (end % RECORD)) % RECORD)));
  }
}

function readText(block: Buffer, at: number, length: number): string {
  const field = block.subarray(at, at + length);
  const end = field.indexOf(0);
  return field.subarray(0, end < 0 ? length : end).toString('utf8');
}

function readOctal(block: Buffer, at: number, length: number, what: string): number {
  const text = readText(block, at, length).trim();
  if (!/^[0-7]{1,12}$/.test(text)) throw damagedBackupFile(`its list of contents is garbled (${what} is unreadable)`);
  return parseInt(text, 8);
}

function checksumOk(block: Buffer): boolean {
  const stored = readOctal(block, 148, 8, 'a checksum');
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (block[i] as number);
  return sum === stored;
}

function parsePax(bytes: Buffer): Map<string, string> {
  const records = new Map<string, string>();
  let at = 0;
  while (at < bytes.length) {
    const space = bytes.indexOf(0x20, at);
    const length = Number(bytes.subarray(at, space).toString('ascii'));
    if (space < 0 || !Number.isInteger(length) || length <= 0 || at + length > bytes.length || bytes[at + length - 1] !== 0x0a) throw damagedBackupFile('its list of contents is garbled');
    const record = bytes.subarray(space + 1, at + length - 1).toString('utf8');
    const eq = record.indexOf('=');
    if (eq <= 0) throw damagedBackupFile('its list of contents is garbled');
    records.set(record.slice(0, eq), record.slice(eq + 1));
    at += length;
  }
  return records;
}

/**
 * Reads a tar's entries one by one (headers only; the caller reads an entry's bytes at its offset).
 * `unsupported` names the kind of a refused entry (a link, a device…) for the caller's message.
 */
export async function* readTarEntries(input: FileHandle, onUnsupported: (name: string, kind: string) => never): AsyncGenerator<TarEntry> {
  const total = (await input.stat()).size;
  const block = Buffer.alloc(BLOCK);
  let position = 0;
  let pax: Map<string, string> | null = null;
  const readBlock = async (): Promise<void> => {
    if (position + BLOCK > total) throw damagedBackupFile('the file ends too early (it may have been cut short while copying)');
    const { bytesRead } = await input.read(block, 0, BLOCK, position);
    if (bytesRead !== BLOCK) throw damagedBackupFile('the file ends too early (it may have been cut short while copying)');
    position += BLOCK;
  };
  for (;;) {
    await readBlock();
    if (block.every((b) => b === 0)) {
      await readBlock();
      if (!block.every((b) => b === 0)) throw damagedBackupFile('its list of contents is garbled');
      if (pax) throw damagedBackupFile('its list of contents is garbled');
      return;
    }
    if (readText(block, 257, 6) !== 'ustar' || !checksumOk(block)) throw damagedBackupFile('its list of contents is garbled, or it is not an Attune backup file');
    const type = String.fromCharCode(block[156] as number);
    let size = readOctal(block, 124, 12, 'a size');
    const prefix = readText(block, 345, 155);
    let name = prefix ? `${prefix}/${readText(block, 0, 100)}` : readText(block, 0, 100);
    if (type === 'x') {
      if (pax || size > MAX_PAX_BYTES) throw damagedBackupFile('its list of contents is garbled');
      if (position + size > total) throw damagedBackupFile('the file ends too early (it may have been cut short while copying)');
      const bytes = Buffer.alloc(size);
      const { bytesRead } = await input.read(bytes, 0, size, position);
      if (bytesRead !== size) throw damagedBackupFile('the file ends too early (it may have been cut short while copying)');
      position += size + pad(size);
      pax = parsePax(bytes);
      continue;
    }
    if (pax) {
      const paxPath = pax.get('path');
      if (paxPath !== undefined) name = paxPath;
      const paxSize = pax.get('size');
      if (paxSize !== undefined) {
        if (!/^\d{1,16}$/.test(paxSize)) throw damagedBackupFile('its list of contents is garbled');
        size = Number(paxSize);
      }
      pax = null;
    }
    if (type === '5') {
      if (size !== 0) throw damagedBackupFile('its list of contents is garbled');
      yield { name: name.replace(/\/+$/, ''), type: 'folder', size: 0, offset: position };
      continue;
    }
    if (type !== '0' && type !== '\0') {
      const kinds: Record<string, string> = { '1': 'a hard link', '2': 'a symbolic link', '3': 'a device', '4': 'a device', '6': 'a pipe', g: 'a global header' };
      onUnsupported(name, kinds[type] ?? 'something other than a file or a folder');
    }
    if (position + size > total) throw damagedBackupFile(`the file ends too early, inside ${name} (it may have been cut short while copying)`);
    const offset = position;
    position += size + pad(size);
    yield { name, type: 'file', size, offset };
  }
}

/** Copies `size` bytes at `offset` of the tar into the open file `to`, chunk by chunk. */
export async function copyOut(input: FileHandle, offset: number, size: number, to: FileHandle, checkCancel: () => void, onBytes?: (bytes: number) => void): Promise<void> {
  const chunk = Buffer.allocUnsafe(Math.min(CHUNK, Math.max(1, size)));
  let done = 0;
  while (done < size) {
    checkCancel();
    const { bytesRead } = await input.read(chunk, 0, Math.min(chunk.length, size - done), offset + done);
    if (bytesRead <= 0) throw damagedBackupFile('the file ends too early (it may have been cut short while copying)');
    let written = 0;
    while (written < bytesRead) written += (await to.write(chunk, written, bytesRead - written, done + written)).bytesWritten;
    done += bytesRead;
    onBytes?.(bytesRead);
  }
}
