/**
 * Opens a file the user chose: a feedback package becomes (or updates) the trainee's read-only copy;
 * a reply file is merged into the supervisor's session. Everything is checked before anything is
 * written (read-package.ts); a refused file leaves the library as it was.
 */
import path from 'node:path';
import type { PackageOpenOutcome } from '../../../../shared/package/feedback-view';
import type { Services } from '../../services';
import { mergeReply } from './feedback-replies';
import { parsePackage, readPackageBytes } from './read-package';
import { storeReceivedCopy } from './received-copy';

export async function openPackageFile(services: Services, file: string, passphrase: string | null): Promise<PackageOpenOutcome> {
  const bytes = await readPackageBytes(path.resolve(file));
  const parsed = await parsePackage(bytes, passphrase);
  if (parsed.kind === 'reply') return mergeReply(services, parsed.manifest, parsed.reply);
  const stored = await storeReceivedCopy(services, parsed.manifest, parsed.session, parsed.files);
  return { kind: 'feedback', sessionId: stored.sessionId, title: parsed.session.session.title, updated: stored.updated };
}
