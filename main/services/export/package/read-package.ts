/**
 * Reads a feedback package or reply file and checks all of it before anything is written: the
 * container (passphrase), the zip, every entry's path and type, the manifest (format, version,
 * entries), sizes and SHA-256 checksums, and the JSON content against its schema. Any problem is an
 * ApiError with a specific plain-words message; nothing here touches the library.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import { ApiError } from '../../../../shared/api/errors';
import { entryPathProblem } from '../../../../shared/package/entry-path';
import {
  checkManifest,
  FEEDBACK_FORMAT,
  MANIFEST_PATH,
  NOT_A_PACKAGE,
  PACKAGE_LIMITS,
  packageSessionProblem,
  packageSessionSchema,
  PackageFormatError,
  REPLY_FORMAT,
  REPLY_PATH,
  replySchema,
  SESSION_PATH,
  shownPath,
  unsafeEntryMessage,
  type PackageManifest,
  type PackageSession,
  type ReplyContent,
} from '../../../../shared/package/package-format';
import { decryptPackage, isEncryptedPackage } from './container';
import { readZipEntries, unpackEntry, ZipFormatError, type ZipEntry } from './zip-reader';

export type ReadPackage =
  | { kind: 'feedback'; manifest: PackageManifest; session: PackageSession; files: Map<string, Buffer>; encrypted: boolean }
  | { kind: 'reply'; manifest: PackageManifest; reply: ReplyContent; encrypted: boolean };

export const PASSPHRASE_NEEDED = 'This file is protected by a passphrase. Enter the passphrase you were given to open it.';

const damaged = (name: string, what: string): ApiError =>
  new ApiError('invalid_input', `The package is damaged: “${shownPath(name)}” ${what}. Nothing was imported.`);

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Reads the file into memory (packages are bounded by PACKAGE_LIMITS) with plain-words errors. */
export async function readPackageBytes(file: string): Promise<Buffer> {
  let stat;
  try {
    stat = await fs.stat(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ApiError('file_missing', `${file} does not exist.`);
    throw new ApiError('file_unreadable', `${file} cannot be read.`);
  }
  if (stat.isDirectory()) throw new ApiError('file_unreadable', `${file} is a folder, not a package.`);
  if (!stat.isFile()) throw new ApiError('file_unreadable', `${file} is not an ordinary file.`);
  if (stat.size === 0) throw new ApiError('invalid_input', NOT_A_PACKAGE);
  if (stat.size > PACKAGE_LIMITS.maxTotalBytes + 64 * 1024 ** 2) throw new ApiError('invalid_input', 'This package is larger than Attune opens (4 GB).');
  try {
    return await fs.readFile(file);
  } catch {
    throw new ApiError('file_unreadable', `${file} cannot be read.`);
  }
}

function parseJson(bytes: Buffer, name: string): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw name === MANIFEST_PATH ? new ApiError('invalid_input', NOT_A_PACKAGE) : damaged(name, 'is not readable');
  }
}

/** Parses and checks the bytes of a package or reply file (decrypting with the passphrase when it is locked). */
export async function parsePackage(bytes: Buffer, passphrase: string | null): Promise<ReadPackage> {
  let zip = bytes;
  const encrypted = isEncryptedPackage(bytes);
  if (encrypted) {
    if (passphrase === null || passphrase === '') throw new ApiError('passphrase_required', PASSPHRASE_NEEDED);
    zip = await decryptPackage(bytes, passphrase);
  }
  if (zip.length < 4 || zip.readUInt32LE(0) !== 0x04034b50) throw new ApiError('invalid_input', NOT_A_PACKAGE);

  let entries: ZipEntry[];
  try {
    entries = readZipEntries(zip, PACKAGE_LIMITS.maxEntries + 1);
  } catch (error) {
    if (error instanceof ZipFormatError) throw new ApiError('invalid_input', NOT_A_PACKAGE);
    throw error;
  }
  if (entries.length > PACKAGE_LIMITS.maxEntries) throw new ApiError('invalid_input', `This package holds more than ${PACKAGE_LIMITS.maxEntries.toLocaleString('en')} files; Attune does not open it.`);

  // Every entry's path and type first: a hostile name is refused whatever else the file holds.
  const byName = new Map<string, ZipEntry>();
  for (const e of entries) {
    if (e.symlink) throw new ApiError('invalid_input', unsafeEntryMessage(e.name, 'it is a link, which Attune never follows'));
    const problem = entryPathProblem(e.directory ? e.name.replace(/\/$/, '') : e.name);
    if (problem) throw new ApiError('invalid_input', unsafeEntryMessage(e.name, problem));
    if (e.directory) throw new ApiError('invalid_input', unsafeEntryMessage(e.name, 'it is a folder entry, which packages never hold'));
    if (byName.has(e.name)) throw new ApiError('invalid_input', `The package holds “${shownPath(e.name)}” twice; it may have been changed. Nothing was imported.`);
    byName.set(e.name, e);
  }

  const manifestEntry = byName.get(MANIFEST_PATH);
  if (!manifestEntry || manifestEntry.size > PACKAGE_LIMITS.maxJsonBytes) throw new ApiError('invalid_input', NOT_A_PACKAGE);
  let manifest: PackageManifest;
  try {
    manifest = checkManifest(parseJson(unpackOrDamaged(zip, manifestEntry), MANIFEST_PATH));
  } catch (error) {
    if (error instanceof PackageFormatError) throw new ApiError('invalid_input', error.message);
    throw error;
  }

  const listed = new Map(manifest.entries.map((e) => [e.path, e]));
  for (const e of manifest.entries) {
    if (!byName.has(e.path)) throw new ApiError('invalid_input', `The package is incomplete: “${shownPath(e.path)}” is missing. Nothing was imported.`);
  }
  for (const name of byName.keys()) {
    if (name !== MANIFEST_PATH && !listed.has(name)) {
      throw new ApiError('invalid_input', `The package holds “${shownPath(name)}”, which its manifest does not list; it may have been changed. Nothing was imported.`);
    }
  }
  let total = 0;
  for (const e of manifest.entries) {
    const zipEntry = byName.get(e.path) as ZipEntry;
    if (zipEntry.size !== e.size) throw damaged(e.path, 'is not the size its manifest says');
    total += e.size;
  }
  if (total > PACKAGE_LIMITS.maxTotalBytes) throw new ApiError('invalid_input', 'This package unpacks to more than 4 GB; Attune does not open it.');

  const files = new Map<string, Buffer>();
  for (const e of manifest.entries) {
    const data = unpackOrDamaged(zip, byName.get(e.path) as ZipEntry);
    if (data.length !== e.size) throw damaged(e.path, 'is not the size its manifest says');
    if (sha256Hex(data) !== e.sha256) throw damaged(e.path, 'does not match its checksum');
    files.set(e.path, data);
  }

  const contentPath = manifest.format === FEEDBACK_FORMAT ? SESSION_PATH : REPLY_PATH;
  const content = files.get(contentPath);
  if (!content) throw new ApiError('invalid_input', `The package is incomplete: “${contentPath}” is missing. Nothing was imported.`);
  if (content.length > PACKAGE_LIMITS.maxJsonBytes) throw damaged(contentPath, 'is larger than Attune reads');
  const json = parseJson(content, contentPath);

  if (manifest.format === REPLY_FORMAT) {
    const parsed = replySchema.safeParse(json);
    if (!parsed.success) throw new ApiError('invalid_input', `The reply file is not readable (${describeIssue(parsed.error)}). Nothing was imported.`);
    if (parsed.data.packageId !== manifest.packageId) throw new ApiError('invalid_input', 'The reply file is not readable (its parts name different packages). Nothing was imported.');
    return { kind: 'reply', manifest, reply: parsed.data, encrypted };
  }
  const parsed = packageSessionSchema.safeParse(json);
  if (!parsed.success) throw new ApiError('invalid_input', `The package’s session is not readable (${describeIssue(parsed.error)}). Nothing was imported.`);
  const problem = packageSessionProblem(parsed.data, new Set(listed.keys()));
  if (problem) throw new ApiError('invalid_input', `The package’s session is not readable: ${problem}. Nothing was imported.`);
  return { kind: 'feedback', manifest, session: parsed.data, files, encrypted };
}

function unpackOrDamaged(zip: Buffer, entry: ZipEntry): Buffer {
  try {
    return unpackEntry(zip, entry);
  } catch (error) {
    if (error instanceof ZipFormatError) {
      if (entry.name === MANIFEST_PATH) throw new ApiError('invalid_input', NOT_A_PACKAGE);
      throw damaged(entry.name, 'cannot be unpacked');
    }
    throw error;
  }
}

function describeIssue(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0];
  if (!issue) return 'unknown problem';
  const where = issue.path.map(String).join('.');
  return where ? `${where}: ${issue.message}` : issue.message;
}
