/**
 * Saves one code of a codebook, one request at a time. Each edit merges into what is waiting, and
 * every request carries the whole code as stored plus the edits not yet confirmed, so two quick edits
 * of different fields never undo each other. A refused edit is dropped (the row shows the stored
 * value again) and its message is reported with the fields it touched.
 */
import type { Code, Codebook } from '../../shared/domain/annotation';
import { api } from '../api/client';
import { plainMessage } from '../scoring/useReview';
import { applyCodebook } from './codebooks-store';

export type CodeField = keyof Code;

export interface CodeSaverReport {
  /** The code as the row should show it: stored, plus edits on their way. */
  shown: Code;
  saving: boolean;
  problem: { fields: CodeField[]; message: string } | null;
}

export class CodeSaver {
  private confirmed: Code;
  private pending: Partial<Code> = {};
  private inFlight = false;
  private problem: CodeSaverReport['problem'] = null;

  constructor(
    private readonly codebookId: string,
    initial: Code,
    private readonly report: (state: CodeSaverReport) => void,
    private readonly track: <T>(work: Promise<T>) => Promise<T>,
  ) {
    this.confirmed = initial;
  }

  /** The stored code changed elsewhere: taken over when nothing here is waiting. */
  adopt(code: Code): void {
    if (this.inFlight || Object.keys(this.pending).length > 0) return;
    this.confirmed = code;
  }

  edit(patch: Partial<Code>): void {
    this.pending = { ...this.pending, ...patch };
    this.problem = null;
    this.emit();
    this.send();
  }

  private emit(): void {
    this.report({ shown: { ...this.confirmed, ...this.pending }, saving: this.inFlight, problem: this.problem });
  }

  private send(): void {
    if (this.inFlight || Object.keys(this.pending).length === 0) return;
    const patch = this.pending;
    const code = { ...this.confirmed, ...patch };
    this.pending = {};
    this.inFlight = true;
    this.emit();
    this.track(api.invoke('codebooks.saveCode', { codebookId: this.codebookId, code })).then(
      (codebook: Codebook) => {
        this.inFlight = false;
        this.confirmed = codebook.codes.find((c) => c.id === code.id) ?? code;
        applyCodebook(codebook);
        this.emit();
        this.send();
      },
      (error: unknown) => {
        this.inFlight = false;
        this.problem = { fields: Object.keys(patch) as CodeField[], message: plainMessage(error) };
        this.emit();
        this.send();
      },
    );
  }
}
