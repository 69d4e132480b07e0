/**
 * A strict reader of the zip files Attune writes: the central directory is read first, and every
 * entry's name, type and declared size can be checked before a single byte is unpacked. Stored and
 * deflated entries only; no zip64, no encryption, no multi-disk archives. Unpacking never produces
 * more bytes than the entry declares (zlib's maxOutputLength), which stops "zip bombs".
 */
import zlib from 'node:zlib';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  size: number;
  /** A Unix symbolic link (by its external attributes). */
  symlink: boolean;
  directory: boolean;
  localOffset: number;
}

/** The file is not a zip this reader accepts; the message is for logs, not users. */
export class ZipFormatError extends Error {}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

function findEndOfCentralDirectory(buf: Buffer): number {
  const earliest = Math.max(0, buf.length - 22 - 0xffff);
  for (let at = buf.length - 22; at >= earliest; at--) {
    if (buf.readUInt32LE(at) === EOCD_SIGNATURE && at + 22 + buf.readUInt16LE(at + 20) === buf.length) return at;
  }
  throw new ZipFormatError('no end of central directory');
}

export function readZipEntries(buf: Buffer, maxEntries: number): ZipEntry[] {
  if (buf.length < 22) throw new ZipFormatError('too short');
  const eocd = findEndOfCentralDirectory(buf);
  const disk = buf.readUInt16LE(eocd + 4);
  const cdDisk = buf.readUInt16LE(eocd + 6);
  const countHere = buf.readUInt16LE(eocd + 8);
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (disk !== 0 || cdDisk !== 0 || countHere !== count) throw new ZipFormatError('multi-disk');
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) throw new ZipFormatError('zip64');
  if (count > maxEntries) throw new ZipFormatError('too many entries');
  if (cdOffset + cdSize > eocd) throw new ZipFormatError('central directory out of range');
  const entries: ZipEntry[] = [];
  let at = cdOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > eocd || buf.readUInt32LE(at) !== CENTRAL_SIGNATURE) throw new ZipFormatError('bad central header');
    const madeBy = buf.readUInt16LE(at + 4);
    const flags = buf.readUInt16LE(at + 8);
    const method = buf.readUInt16LE(at + 10);
    const compressedSize = buf.readUInt32LE(at + 20);
    const size = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    const external = buf.readUInt32LE(at + 38);
    const localOffset = buf.readUInt32LE(at + 42);
    const nameEnd = at + 46 + nameLength;
    if (nameEnd + extraLength + commentLength > eocd) throw new ZipFormatError('central header out of range');
    if (flags & 0x1) throw new ZipFormatError('encrypted entry');
    if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff) throw new ZipFormatError('zip64 entry');
    let name: string;
    try {
      name = UTF8.decode(buf.subarray(at + 46, nameEnd));
    } catch {
      name = buf.subarray(at + 46, nameEnd).toString('latin1');
    }
    const unixMode = madeBy >> 8 === 3 ? external >>> 16 : 0;
    entries.push({
      name,
      method,
      compressedSize,
      size,
      symlink: (unixMode & 0o170000) === 0o120000,
      directory: name.endsWith('/') || (unixMode & 0o170000) === 0o040000 || (external & 0x10) !== 0,
      localOffset,
    });
    at = nameEnd + extraLength + commentLength;
  }
  return entries;
}

/** The entry's bytes; throws ZipFormatError when they are not what the central directory declares. */
export function unpackEntry(buf: Buffer, entry: ZipEntry): Buffer {
  const at = entry.localOffset;
  if (at + 30 > buf.length || buf.readUInt32LE(at) !== LOCAL_SIGNATURE) throw new ZipFormatError('bad local header');
  const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > buf.length) throw new ZipFormatError('entry out of range');
  const raw = buf.subarray(start, end);
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
