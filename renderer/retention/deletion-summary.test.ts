import { describe, expect, it } from 'vitest';
import type { DeletionOutcome, DeletionReport } from '../../shared/domain/library';
import { summariseDeletion } from './deletion-summary';

const sessions = [
  { id: 'a', title: 'First session' },
  { id: 'b', title: 'Second session' },
  { id: 'c', title: 'Third session' },
];
const report = (sessionId: string): DeletionReport => ({ id: 1, deletedAt: 'x', deletedBy: 'Dr. A', sessionId, removed: {}, overwrittenFiles: 2, removedFiles: 3 });
const deleted = (id: string): DeletionOutcome => ({ sessionId: id, status: 'deleted', report: report(id) });
const busy = 'A backup is being made right now; delete the session when it has finished.';

describe('what the Retention screen says after deleting', () => {
  it('all deleted: a notice, and every id leaves the list', () => {
    expect(summariseDeletion(sessions, sessions.map((s) => deleted(s.id)))).toEqual({
      deleted: ['a', 'b', 'c'],
      complete: true,
      message: 'Deleted 3 sessions for good. The deletion log below records it.',
    });
  });

  it('a failure part-way: how many went, which could not and why, and that the rest were not deleted', () => {
    const outcomes: DeletionOutcome[] = [deleted('a'), { sessionId: 'b', status: 'failed', code: 'unavailable', message: busy }, { sessionId: 'c', status: 'notTried' }];
    expect(summariseDeletion(sessions, outcomes)).toEqual({
      deleted: ['a'],
      complete: false,
      message: `Deleted 1 of 3; “Second session” could not be deleted: ${busy} The other session was not deleted.`,
    });
    expect(summariseDeletion(sessions, [deleted('a'), deleted('b'), { sessionId: 'c', status: 'failed', code: 'internal', message: 'Something went wrong.' }]).message).toBe(
      'Deleted 2 of 3; “Third session” could not be deleted: Something went wrong.',
    );
  });
});
