/** Assembles a package or reply file: its entries plus `manifest.json` listing each with size and SHA-256, zipped (and locked when a passphrase is given). */
import { zipSync, type Zippable } from 'fflate';
import { MANIFEST_PATH, PACKAGE_VERSION, type PackageManifest } from '../../../../shared/package/package-format';
import { encryptPackage } from './container';
import { sha256Hex } from './read-package';

export interface PackageFile {
  path: string;
  data: Uint8Array;
  /** Deflate it (text); media is stored as it is. */
  compress: boolean;
}

export interface PackageHeader {
  format: PackageManifest['format'];
  createdAt: string;
  createdBy: string;
  packageId: string;
  sessionTitle: string;
}

export async function buildPackage(header: PackageHeader, files: readonly PackageFile[], passphrase: string | null): Promise<Uint8Array> {
  const manifest: PackageManifest = {
    format: header.format,
    version: PACKAGE_VERSION,
    createdAt: header.createdAt,
    createdBy: header.createdBy,
    packageId: header.packageId,
    sessionTitle: header.sessionTitle,
    entries: files.map((f) => ({ path: f.path, size: f.data.byteLength, sha256: sha256Hex(f.data) })),
  };
  const zippable: Zippable = { [MANIFEST_PATH]: [new TextEncoder().encode(JSON.stringify(manifest, null, 2)), { level: 6 }] };
  for (const f of files) zippable[f.path] = [f.data, { level: f.compress ? 6 : 0 }];
  const zip = zipSync(zippable, { mtime: header.createdAt });
  return passphrase === null ? zip : encryptPackage(zip, passphrase);
}

export const jsonBytes = (value: unknown): Uint8Array => new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);
