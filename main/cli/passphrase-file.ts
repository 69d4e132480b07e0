/** `--passphrase-file F`: a passphrase is read from a file (its first line), never taken from the command line. */
import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../shared/api/errors';

export function readPassphraseFile(file: string): string {
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ApiError('file_missing', `The passphrase file ${file} does not exist.`);
    throw new ApiError('file_unreadable', `The passphrase file ${file} cannot be read.`);
  }
  const passphrase = (text.split(/\r?\n/)[0] ?? '').replace(/^\uFEFF/, '');
  if (passphrase === '') throw new ApiError('invalid_input', `The passphrase file ${file} is empty; write the passphrase on its first line.`);
  return passphrase;
}
