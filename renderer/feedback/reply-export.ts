/** Checks of the reply export form, in plain words. Pure. */

/** The server refuses shorter passphrases (see `feedback.exportReply` in shared/api/contract.ts). */
export const MIN_PASSPHRASE = 8;

/** What is wrong with a chosen passphrase and its repetition, or null. */
export function passphraseProblem(passphrase: string, repeat: string): string | null {
  if (passphrase.length === 0) return 'Enter a passphrase, or untick “Protect with a passphrase”.';
  if (passphrase.length < MIN_PASSPHRASE) return `A passphrase needs at least ${MIN_PASSPHRASE} characters.`;
  if (passphrase !== repeat) return 'The two passphrases differ. Type the same passphrase twice.';
  return null;
}
