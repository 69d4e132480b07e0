/** Keeps only the last few kilobytes a child process wrote, so a chatty or broken tool cannot fill memory. */
export class OutputTail {
  private text = '';

  constructor(private readonly maxChars = 4096) {}

  push(chunk: Buffer | string): void {
    this.text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    if (this.text.length > this.maxChars) this.text = this.text.slice(-this.maxChars);
  }

  toString(): string {
    return this.text;
  }

  /** The last few non-empty lines on one line, for a log entry. */
  summary(maxLines = 3): string {
    return this.text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean)
      .slice(-maxLines)
      .join(' | ');
  }
}
