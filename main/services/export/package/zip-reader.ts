/**
 * Reading a feedback package held in memory, through the strict zip reader shared with session
 * archives (main/services/files/zip-directory.ts).
 */
import { centralDirectoryOf, dataStartOf, parseCentralDirectory, unpackData, ZipFormatError, type ZipEntry } from '../../files/zip-directory';

export { ZipFormatError, type ZipEntry };

export function readZipEntries(buf: Buffer, maxEntries: number): ZipEntry[] {
  const cd = centralDirectoryOf(buf, 0, maxEntries);
  return parseCentralDirectory(buf.subarray(cd.offset, cd.offset + cd.size), cd.count);
}

/** The entry's bytes; throws ZipFormatError when they are not what the central directory declares. */
export function unpackEntry(buf: Buffer, entry: ZipEntry): Buffer {
  const start = dataStartOf(buf.subarray(entry.localOffset, entry.localOffset + 30), entry);
  const end = start + entry.compressedSize;
  if (end > buf.length) throw new ZipFormatError('entry out of range');
  return unpackData(buf.subarray(start, end), entry);
}
