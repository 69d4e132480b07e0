/**
 * The strict part of reading the zip files Attune writes (feedback packages, session archives),
 * whether the file is held in memory or read in place: the end-of-central-directory record and the
 * central directory are parsed first, so every entry's name, type and declared size can be checked
 * before a single byte is unpacked; then an entry is inflated with a cap on its declared size (which
 * stops "zip bombs"). Stored and deflated entries only; no zip64, no encryption, no multi-disk archives.
 */
import zlib from 'node:zlib';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  size: number;
  crc: number;
  /** A Unix symbolic link (by its external attributes). */
  symlink: boolean;
  directory: boolean;
  localOffset: number;
}

/** The file is not a zip this reader accepts; the message is for logs, not users. */
export class ZipFormatError extends Error {}

export const LOCAL_SIGNATURE = 0x04034b50;
export const CENTRAL_SIGNATURE = 0x02014b50;
export const EOCD_SIGNATURE = 0x06054b50;
/** The largest size or offset without zip64. */
export const ZIP32_LIMIT = 0xffffffff;
/** The end-of-central-directory record and the longest comment it may carry: where to look for it. */
export const TAIL_LENGTH = 22 + 0xffff;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

export interface CentralDirectory {
  count: number;
  size: number;
  offset: number;
}

/**
 * Finds the end-of-central-directory record in `tail` (the file's last bytes, or all of it) and
 * answers where the central directory is. `tailStart` is where `tail` begins in the file.
 */
export function centralDirectoryOf(tail: Buffer, tailStart: number, maxEntries: number): CentralDirectory {
  if (tail.length < 22) throw new ZipFormatError('too short');
  let eocd = -1;
  for (let at = tail.length - 22; at >= Math.max(0, tail.length - TAIL_LENGTH); at--) {
    if (tail.readUInt32LE(at) === EOCD_SIGNATURE && at + 22 + tail.readUInt16LE(at + 20) === tail.length) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError('no end of central directory');
  const count = tail.readUInt16LE(eocd + 10);
  const size = tail.readUInt32LE(eocd + 12);
  const offset = tail.readUInt32LE(eocd + 16);
  if (tail.readUInt16LE(eocd + 4) !== 0 || tail.readUInt16LE(eocd + 6) !== 0 || tail.readUInt16LE(eocd + 8) !== count) throw new ZipFormatError('multi-disk');
  if (count === 0xffff || offset === ZIP32_LIMIT || size === ZIP32_LIMIT) throw new ZipFormatError('zip64');
  if (count > maxEntries) throw new ZipFormatError('too many entries');
  if (offset + size > tailStart + eocd) throw new ZipFormatError('central directory out of range');
  return { count, size, offset };
}

/** The entries of a central directory (`cd`: exactly its bytes). */
export function parseCentralDirectory(cd: Buffer, count: number): ZipEntry[] {
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > cd.length || cd.readUInt32LE(at) !== CENTRAL_SIGNATURE) throw new ZipFormatError('bad central header');
    const madeBy = cd.readUInt16LE(at + 4);
    const flags = cd.readUInt16LE(at + 8);
    const method = cd.readUInt16LE(at + 10);
    const crc = cd.readUInt32LE(at + 16);
    const compressedSize = cd.readUInt32LE(at + 20);
    const size = cd.readUInt32LE(at + 24);
    const nameLength = cd.readUInt16LE(at + 28);
    const extraLength = cd.readUInt16LE(at + 30);
    const commentLength = cd.readUInt16LE(at + 32);
    const external = cd.readUInt32LE(at + 38);
    const localOffset = cd.readUInt32LE(at + 42);
    const nameEnd = at + 46 + nameLength;
    if (nameEnd + extraLength + commentLength > cd.length) throw new ZipFormatError('central header out of range');
    if (flags & 0x1) throw new ZipFormatError('encrypted entry');
    if (compressedSize === ZIP32_LIMIT || size === ZIP32_LIMIT || localOffset === ZIP32_LIMIT) throw new ZipFormatError('zip64 entry');
    let name: string;
    try {
      name = UTF8.decode(cd.subarray(at + 46, nameEnd));
    } catch {
      name = cd.subarray(at + 46, nameEnd).toString('latin1');
    }
    const unixMode = madeBy >> 8 === 3 ? external >>> 16 : 0;
    entries.push({
      name,
      method,
      compressedSize,
      size,
      crc,
      symlink: (unixMode & 0o170000) === 0o120000,
      directory: name.endsWith('/') || (unixMode & 0o170000) === 0o040000 || (external & 0x10) !== 0,
      localOffset,
    });
    at = nameEnd + extraLength + commentLength;
  }
  return entries;
}

/** Where an entry's data starts, from its local header (`header`: at least its first 30 bytes). */
export function dataStartOf(header: Buffer, entry: ZipEntry): number {
  if (header.length < 30 || header.readUInt32LE(0) !== LOCAL_SIGNATURE) throw new ZipFormatError('bad local header');
  return entry.localOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
}

/** An entry's bytes from its raw (stored or deflated) data; never more than it declares. */
export function unpackData(raw: Buffer, entry: ZipEntry): Buffer {
  let out: Buffer;
  if (entry.method === 0) {
    out = raw;
  } else if (entry.method === 8) {
    try {
      out = zlib.inflateRawSync(raw, { maxOutputLength: Math.max(1, entry.size) });
    } catch (error) {
      throw new ZipFormatError(`inflate failed: ${String(error)}`);
    }
  } else {
    throw new ZipFormatError(`compression method ${entry.method}`);
  }
  if (out.length !== entry.size) throw new ZipFormatError('size differs from the central directory');
  return out;
}
