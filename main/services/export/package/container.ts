/**
 * The passphrase container around a package's zip bytes:
 *
 *   "ATTUNEPKG1" (10 bytes) | log2 N (1) | r (1) | p (1) | salt (16) | nonce (12) | ciphertext | GCM tag (16)
 *
 * The key is scrypt(passphrase, salt, N = 2^15, r = 8, p = 1) → 32 bytes; the cipher AES-256-GCM with
 * the 29 header bytes as additional data, so a wrong passphrase and any changed byte (header,
 * ciphertext or tag) fail the same authentication and are reported the same way.
 */
import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import { ApiError } from '../../../../shared/api/errors';
import { NOT_A_PACKAGE, WRONG_PASSPHRASE } from '../../../../shared/package/package-format';

export const CONTAINER_MAGIC = Buffer.from('ATTUNEPKG1', 'ascii');
const HEADER_BYTES = CONTAINER_MAGIC.length + 3 + 16 + 12;
const TAG_BYTES = 16;
export const SCRYPT_PARAMS = { logN: 15, r: 8, p: 1 } as const;

export function isEncryptedPackage(bytes: Uint8Array): boolean {
  return bytes.length >= CONTAINER_MAGIC.length && Buffer.from(bytes.buffer, bytes.byteOffset, CONTAINER_MAGIC.length).equals(CONTAINER_MAGIC);
}

function deriveKey(passphrase: string, salt: Buffer, logN: number, r: number, p: number): Promise<Buffer> {
  const N = 2 ** logN;
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFC'), salt, 32, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export async function encryptPackage(zip: Uint8Array, passphrase: string): Promise<Buffer> {
  const salt = randomBytes(16);
  const nonce = randomBytes(12);
  const { logN, r, p } = SCRYPT_PARAMS;
  const header = Buffer.concat([CONTAINER_MAGIC, Buffer.from([logN, r, p]), salt, nonce]);
  const key = await deriveKey(passphrase, salt, logN, r, p);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(header);
  const body = Buffer.concat([cipher.update(zip), cipher.final()]);
  return Buffer.concat([header, body, cipher.getAuthTag()]);
}

/** The zip bytes inside a container. passphrase_required with one message for a wrong passphrase or a changed byte. */
export async function decryptPackage(bytes: Uint8Array, passphrase: string): Promise<Buffer> {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!isEncryptedPackage(data) || data.length < HEADER_BYTES + TAG_BYTES) throw new ApiError('invalid_input', NOT_A_PACKAGE);
  let at = CONTAINER_MAGIC.length;
  const logN = data[at++] ?? 0;
  const r = data[at++] ?? 0;
  const p = data[at++] ?? 0;
  // Only the parameters this format writes: a changed header must not make us spend minutes or gigabytes.
  if (logN !== SCRYPT_PARAMS.logN || r !== SCRYPT_PARAMS.r || p !== SCRYPT_PARAMS.p) throw new ApiError('passphrase_required', WRONG_PASSPHRASE);
  const salt = data.subarray(at, at + 16);
  const nonce = data.subarray(at + 16, at + 28);
  const header = data.subarray(0, HEADER_BYTES);
  const body = data.subarray(HEADER_BYTES, data.length - TAG_BYTES);
  const tag = data.subarray(data.length - TAG_BYTES);
  const key = await deriveKey(passphrase, Buffer.from(salt), logN, r, p);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce);
    decipher.setAAD(header);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]);
  } catch {
    throw new ApiError('passphrase_required', WRONG_PASSPHRASE);
  }
}
