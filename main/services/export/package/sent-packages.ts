/** Supervisor side: the stable package id of each session a package is made from (table `sent_packages`, schema v4). */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Services } from '../../services';

/** The session's package id, made on its first package: every later package of the session carries the same one. */
export function packageIdFor(db: Database.Database, sessionId: string): string {
  return db.transaction(() => {
    db.prepare('INSERT INTO sent_packages (session_id, package_id) VALUES (?, ?) ON CONFLICT(session_id) DO NOTHING').run(sessionId, randomUUID());
    return (db.prepare<[string], { package_id: string }>('SELECT package_id FROM sent_packages WHERE session_id = ?').get(sessionId) as { package_id: string }).package_id;
  })();
}

/** The session a package id belongs to in this library, or null. */
export function sessionOfPackage(db: Database.Database, packageId: string): string | null {
  return db.prepare<[string], { session_id: string }>('SELECT session_id FROM sent_packages WHERE package_id = ?').get(packageId)?.session_id ?? null;
}

/** After a package is written: the time is recorded and the session's status becomes "feedback sent". */
export function markSent(services: Pick<Services, 'db' | 'sessions' | 'events'>, sessionId: string): void {
  services.db.transaction(() => {
    services.db.prepare('UPDATE sent_packages SET last_sent_at = ? WHERE session_id = ?').run(new Date().toISOString(), sessionId);
    services.sessions.update(sessionId, { status: 'feedback-sent' });
  })();
  services.events.emit('library.changed', { sessionId });
}
