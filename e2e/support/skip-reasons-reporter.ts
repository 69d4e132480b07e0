/**
 * Prints why tests were skipped (the list reporter shows only that they were), so a run on a machine
 * without the Electron binary says so in plain words.
 */
import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';

export default class SkipReasonsReporter implements Reporter {
  private readonly reasons = new Map<string, number>();

  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.status !== 'skipped') return;
    const reason = [...test.annotations, ...result.annotations].find((a) => a.type === 'skip')?.description ?? 'no reason given';
    const key = `[${test.parent.project()?.name ?? '?'}] ${reason}`;
    this.reasons.set(key, (this.reasons.get(key) ?? 0) + 1);
  }

  onEnd(): void {
    for (const [reason, count] of this.reasons) {
      process.stdout.write(`  skipped ${count} ${count === 1 ? 'test' : 'tests'}: ${reason}\n`);
    }
  }

  printsToStdio(): boolean {
    return true;
  }
}
