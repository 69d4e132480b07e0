/** The composition root of the Node side: one data dir, its database, and the services over it. */
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { dataPaths, prepareDataDir, type DataPaths } from './data-paths';
import { openDatabase } from './store/database';
import { SessionStore } from './store/session-store';
import { EventBus } from './events/event-bus';
import { ImportQueue } from './media/import-queue';
import { resolveMediaTools, type MediaTools } from './media/media-tools';
import { sweepOrphanFiles } from './media/sweep-orphans';
import type { MediaInfo } from '../../shared/domain/session';

export interface Services {
  paths: DataPaths;
  db: Database.Database;
  sessions: SessionStore;
  imports: ImportQueue;
  events: EventBus;
  tools: MediaTools;
  /** Deletes a session and its stored files. */
  deleteSession(id: string): void;
  close(): void;
}

export function openServices(dataDir: string): Services {
  const paths = dataPaths(path.resolve(dataDir));
  prepareDataDir(paths);
  const db = openDatabase(paths.dbFile);
  const sessions = new SessionStore(db);
  sweepOrphanFiles(paths, sessions.referencedFiles());
  const tools = resolveMediaTools();
  const events = new EventBus();
  const imports = new ImportQueue({ store: sessions, paths, tools });
  imports.onProgress((p) => events.emit('import.progress', p));
  imports.onFinished((f) => {
    events.emit('import.finished', f);
    if (f.outcome.kind === 'imported') events.emit('library.changed', { sessionId: f.outcome.session.id });
  });

  const removeStoredFiles = (media: MediaInfo): void => {
    for (const file of [
      path.join(paths.mediaDir, media.fileName),
      path.join(paths.peaksDir, media.peaksFileName),
      path.join(paths.pcmDir, `${media.sha256}.pcm`),
    ]) {
      fs.rmSync(file, { force: true });
    }
  };

  return {
    paths,
    db,
    sessions,
    imports,
    events,
    tools,
    deleteSession(id) {
      const media = sessions.delete(id);
      removeStoredFiles(media);
      events.emit('library.changed', { sessionId: id });
    },
    close() {
      imports.cancelAll();
      db.close();
    },
  };
}
