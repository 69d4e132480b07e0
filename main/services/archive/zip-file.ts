/**
 * Zip files written and read in place on the disk, for session archives whose recordings are too
 * large to hold in memory. Writing: each recording is streamed into a stored entry (its CRC-32 and
 * SHA-256 computed on the way, the CRC patched into the header afterwards); small JSON entries are
 * deflated. Reading: the central directory is read from the end of the file first, so every entry's
 * name, type and size can be checked before a byte is unpacked; an entry's data is then streamed
 * (stored) or inflated with a cap on its declared size (deflated). No zip64: an archive is at most
 * 4 GB, and the writer says so plainly.
 */
import { createHash } from 'node:crypto';
import fsp from 'node:fs/promises';
import zlib from 'node:zlib';
import { ApiError } from '../../../shared/api/errors';
import {
  CENTRAL_SIGNATURE,
  centralDirectoryOf,
  dataStartOf,
  EOCD_SIGNATURE,
  LOCAL_SIGNATURE,
  parseCentralDirectory,
  TAIL_LENGTH,
  unpackData,
  ZIP32_LIMIT,
  ZipFormatError,
  type ZipEntry,
} from '../files/zip-directory';

const UTF8_FLAG = 0x0800;
const CHUNK = 1024 * 1024;
const PRIVATE_FILE_MODE = 0o600;

interface CentralRecord {
  name: Buffer;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
}

function dosDateTime(date: Date): { time: number; date: number } {
  const year = Math.max(1980, date.getFullYear());
  return {
    time: (date.getHours() << 11) | (date.getMinutes() << 5) | Math.floor(date.getSeconds() / 2),
    date: ((year - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  };
}

export const TOO_LARGE = 'These sessions together are larger than 4 GB, the most one archive file can hold. Export fewer sessions at a time.';

export class ZipFileWriter {
  private offset = 0;
  private readonly records: CentralRecord[] = [];
  private readonly stamp: { time: number; date: number };

  private constructor(
    private readonly handle: fsp.FileHandle,
    when: Date,
  ) {
    this.stamp = dosDateTime(when);
  }

  /** Creates `file` (it must not exist), readable by this user only: it holds clinical recordings. */
  static async create(file: string, when: Date): Promise<ZipFileWriter> {
    return new ZipFileWriter(await fsp.open(file, 'wx', PRIVATE_FILE_MODE), when);
  }

  /** Adds bytes in memory; `compress` deflates them (text). Answers their SHA-256. */
  async addBytes(name: string, data: Uint8Array, compress: boolean): Promise<string> {
    const body = compress ? zlib.deflateRawSync(data, { level: 6 }) : data;
    const crc = zlib.crc32(data);
    const offset = await this.writeLocalHeader(name, compress ? 8 : 0, crc, body.byteLength, data.byteLength);
    await this.write(body);
    this.records.push({ name: Buffer.from(name, 'utf8'), method: compress ? 8 : 0, crc, compressedSize: body.byteLength, size: data.byteLength, offset });
    return createHash('sha256').update(data).digest('hex');
  }

  /** Streams a file into a stored entry. Answers its SHA-256 and size. */
  async addFile(name: string, source: string, options: { signal?: AbortSignal | undefined; onBytes?: (bytes: number) => void } = {}): Promise<{ sha256: string; size: number }> {
    const input = await fsp.open(source, 'r');
    try {
      const size = (await input.stat()).size;
      if (this.offset + size + 30 + name.length > ZIP32_LIMIT) throw new ApiError('invalid_input', TOO_LARGE);
      const headerAt = await this.writeLocalHeader(name, 0, 0, size, size);
      const hash = createHash('sha256');
      let crc = 0;
      let done = 0;
      const buffer = Buffer.allocUnsafe(CHUNK);
      for (;;) {
        if (options.signal?.aborted) throw new ApiError('cancelled', 'cancelled');
        const { bytesRead } = await input.read(buffer, 0, CHUNK, done);
        if (bytesRead === 0) break;
        const chunk = buffer.subarray(0, bytesRead);
        hash.update(chunk);
        crc = zlib.crc32(chunk, crc);
        await this.write(chunk);
        done += bytesRead;
        options.onBytes?.(bytesRead);
      }
      if (done !== size) throw new Error(`${source} changed while it was being archived`);
      const crcBytes = Buffer.alloc(4);
      crcBytes.writeUInt32LE(crc >>> 0);
      await this.handle.write(crcBytes, 0, 4, headerAt + 14);
      this.records.push({ name: Buffer.from(name, 'utf8'), method: 0, crc: crc >>> 0, compressedSize: size, size, offset: headerAt });
      return { sha256: hash.digest('hex'), size };
    } finally {
      await input.close();
    }
  }

  /** Writes the central directory and closes the file (flushed to the disk). */
  async finish(): Promise<void> {
    const cdStart = this.offset;
    for (const r of this.records) {
      const h = Buffer.alloc(46);
      h.writeUInt32LE(CENTRAL_SIGNATURE, 0);
      h.writeUInt16LE((3 << 8) | 20, 4);
      h.writeUInt16LE(20, 6);
      h.writeUInt16LE(UTF8_FLAG, 8);
      h.writeUInt16LE(r.method, 10);
      h.writeUInt16LE(this.stamp.time, 12);
      h.writeUInt16LE(this.stamp.date, 14);
      h.writeUInt32LE(r.crc, 16);
      h.writeUInt32LE(r.compressedSize, 20);
      h.writeUInt32LE(r.size, 24);
      h.writeUInt16LE(r.name.length, 28);
      h.writeUInt32LE((0o100644 << 16) >>> 0, 38);
      h.writeUInt32LE(r.offset, 42);
      await this.write(h);
      await this.write(r.name);
    }
    const cdSize = this.offset - cdStart;
    if (this.records.length >= 0xffff || this.offset > ZIP32_LIMIT) throw new ApiError('invalid_input', TOO_LARGE);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(EOCD_SIGNATURE, 0);
    end.writeUInt16LE(this.records.length, 8);
    end.writeUInt16LE(this.records.length, 10);
    end.writeUInt32LE(cdSize, 12);
    end.writeUInt32LE(cdStart, 16);
    await this.write(end);
    await this.handle.sync();
    await this.handle.close();
  }

  async abandon(): Promise<void> {
    await this.handle.close().catch(() => undefined);
  }

  private async writeLocalHeader(name: string, method: number, crc: number, compressedSize: number, size: number): Promise<number> {
    const nameBytes = Buffer.from(name, 'utf8');
    if (this.offset + 30 + nameBytes.length + compressedSize > ZIP32_LIMIT) throw new ApiError('invalid_input', TOO_LARGE);
    const at = this.offset;
    const h = Buffer.alloc(30);
    h.writeUInt32LE(LOCAL_SIGNATURE, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(UTF8_FLAG, 6);
    h.writeUInt16LE(method, 8);
    h.writeUInt16LE(this.stamp.time, 10);
    h.writeUInt16LE(this.stamp.date, 12);
    h.writeUInt32LE(crc >>> 0, 14);
    h.writeUInt32LE(compressedSize, 18);
    h.writeUInt32LE(size, 22);
    h.writeUInt16LE(nameBytes.length, 26);
    await this.write(h);
    await this.write(nameBytes);
    return at;
  }

  private async write(data: Uint8Array): Promise<void> {
    let written = 0;
    while (written < data.byteLength) {
      const { bytesWritten } = await this.handle.write(data, written, data.byteLength - written, this.offset + written);
      written += bytesWritten;
    }
    this.offset += data.byteLength;
  }
}

export { ZipFormatError, type ZipEntry };

export class ZipFileReader {
  private constructor(
    private readonly handle: fsp.FileHandle,
    readonly size: number,
    readonly entries: ZipEntry[],
  ) {}

  static async open(file: string, maxEntries: number): Promise<ZipFileReader> {
    const handle = await fsp.open(file, 'r');
    try {
      const size = (await handle.stat()).size;
      const entries = await readCentralDirectory(handle, size, maxEntries);
      return new ZipFileReader(handle, size, entries);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** The entry's bytes in memory (small entries: the manifest, the rows), inflated with a cap. */
  async readBytes(entry: ZipEntry): Promise<Buffer> {
    const start = await this.dataStart(entry);
    const raw = Buffer.alloc(entry.compressedSize);
    if (entry.compressedSize > 0) await this.handle.read(raw, 0, entry.compressedSize, start);
    const out = unpackData(raw, entry);
    if ((zlib.crc32(out) >>> 0) !== entry.crc) throw new ZipFormatError('CRC mismatch');
    return out;
  }

  /** Copies a stored entry into `target` (created; must not exist) while hashing it. */
  async extractTo(entry: ZipEntry, target: string, options: { signal?: AbortSignal | undefined; onBytes?: (bytes: number) => void } = {}): Promise<{ sha256: string; size: number }> {
    if (entry.method !== 0) {
      const data = await this.readBytes(entry);
      await fsp.writeFile(target, data, { flag: 'wx', mode: PRIVATE_FILE_MODE });
      return { sha256: createHash('sha256').update(data).digest('hex'), size: data.length };
    }
    const start = await this.dataStart(entry);
    if (start + entry.size > this.size) throw new ZipFormatError('entry out of range');
    const output = await fsp.open(target, 'wx', PRIVATE_FILE_MODE);
    const hash = createHash('sha256');
    const buffer = Buffer.allocUnsafe(CHUNK);
    let done = 0;
    try {
      while (done < entry.size) {
        if (options.signal?.aborted) throw new ApiError('cancelled', 'cancelled');
        const want = Math.min(CHUNK, entry.size - done);
        const { bytesRead } = await this.handle.read(buffer, 0, want, start + done);
        if (bytesRead === 0) throw new ZipFormatError('truncated entry');
        const chunk = buffer.subarray(0, bytesRead);
        hash.update(chunk);
        await output.write(chunk);
        done += bytesRead;
        options.onBytes?.(bytesRead);
      }
      await output.sync();
    } finally {
      await output.close();
    }
    return { sha256: hash.digest('hex'), size: done };
  }

  async close(): Promise<void> {
    await this.handle.close().catch(() => undefined);
  }

  private async dataStart(entry: ZipEntry): Promise<number> {
    const header = Buffer.alloc(30);
    const { bytesRead } = await this.handle.read(header, 0, 30, entry.localOffset);
    const start = dataStartOf(header.subarray(0, bytesRead), entry);
    if (start + entry.compressedSize > this.size) throw new ZipFormatError('entry out of range');
    return start;
  }
}

async function readCentralDirectory(handle: fsp.FileHandle, size: number, maxEntries: number): Promise<ZipEntry[]> {
  const tailLength = Math.min(size, TAIL_LENGTH);
  const tail = Buffer.alloc(tailLength);
  await handle.read(tail, 0, tailLength, size - tailLength);
  const cd = centralDirectoryOf(tail, size - tailLength, maxEntries);
  if (cd.size > 64 * 1024 * 1024) throw new ZipFormatError('central directory out of range');
  const bytes = Buffer.alloc(cd.size);
  await handle.read(bytes, 0, cd.size, cd.offset);
  return parseCentralDirectory(bytes, cd.count);
}
