/** A one-line progress bar on stderr for long work; plain lines when stderr is not a terminal. */

export class ProgressBar {
  private lastLine = '';
  private lastPrinted = 0;
  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {}

  update(label: string, percent: number): void {
    const pct = Math.max(0, Math.min(100, percent));
    if (this.stream.isTTY) {
      const width = 24;
      const filled = Math.round((pct / 100) * width);
      const line = `${label.slice(0, 40).padEnd(40)} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${pct.toFixed(0).padStart(3)}%`;
      if (line !== this.lastLine) this.stream.write(`\r${line}`);
      this.lastLine = line;
      return;
    }
    // Not a terminal (a log file, CI): a line every 10 %.
    const step = Math.floor(pct / 10) * 10;
    if (step > this.lastPrinted || this.lastLine !== label) {
      this.stream.write(`${label}: ${step}%\n`);
      this.lastPrinted = step;
      this.lastLine = label;
    }
  }

  done(): void {
    if (this.stream.isTTY && this.lastLine) this.stream.write('\r' + ' '.repeat(this.lastLine.length) + '\r');
    this.lastLine = '';
    this.lastPrinted = 0;
  }
}
