/** A one-line progress bar on stderr for long work. Drawn only on a terminal: logs and pipes stay clean. */

export class ProgressBar {
  private lastLine = '';
  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {}

  update(label: string, percent: number): void {
    if (!this.stream.isTTY) return;
    const pct = Math.max(0, Math.min(100, percent));
    const width = 24;
    const filled = Math.round((pct / 100) * width);
    const line = `${label.slice(0, 40).padEnd(40)} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${pct.toFixed(0).padStart(3)}%`;
    if (line !== this.lastLine) this.stream.write(`\r${line}`);
    this.lastLine = line;
  }

  done(): void {
    if (this.stream.isTTY && this.lastLine) this.stream.write('\r' + ' '.repeat(this.lastLine.length) + '\r');
    this.lastLine = '';
  }
}
