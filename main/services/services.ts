/** The composition root of the Node side: one data dir, its database, and the services over it. */
import path from 'node:path';
import type Database from 'better-sqlite3';
import { dataPaths, prepareDataDir, type DataPaths } from './data-paths';
import { enterLibrary } from './library-presence';
import { openDatabase } from './store/database';
import { SessionStore } from './store/session-store';
import { TranscriptStore } from './transcript/transcript-store';
import { EventBus } from './events/event-bus';
import { ImportQueue } from './media/import-queue';
import { resolveMediaTools, type MediaTools } from './media/media-tools';
import { sweepOrphanFiles } from './media/sweep-orphans';
import { ModelStore } from './models/model-store';
import { Settings } from './models/settings';
import { ModelDownloads } from './models/model-downloads';
import { TranscriptRuns } from './transcription/transcript-runs';
import { TranscriptionQueue } from './transcription/transcription-queue';
import { forkLauncher, workerScriptPath, type WorkerLauncher } from './transcription/worker-launcher';
import { CodebookStore } from './codebooks/codebook-store';
import { AnnotationStore } from './annotations/annotation-store';
import { ReviewStore } from './review/review-store';
import { SearchService } from './search/search-service';
import { ProfileStore } from './profile/profile-store';
import { ExportService } from './export/export-service';
import type { PdfRenderer } from './export/export-formats';
import type { Revealer } from './export/reveal';
import { StorageService } from './storage/storage-service';
import { LibraryService } from './library/library-service';
import { RetentionService } from './retention/retention-service';
import type { DeletionReport } from '../../shared/domain/library';
import { ProgressStore } from './progress/progress-store';
import { ensurePcm } from './storage/pcm-cache';
import { ProgressReports } from './progress/progress-report';

export interface Services {
  paths: DataPaths;
  db: Database.Database;
  sessions: SessionStore;
  transcripts: TranscriptStore;
  imports: ImportQueue;
  events: EventBus;
  tools: MediaTools;
  settings: Settings;
  models: ModelStore;
  modelDownloads: ModelDownloads;
  transcriptRuns: TranscriptRuns;
  transcriptions: TranscriptionQueue;
  profile: ProfileStore;
  codebooks: CodebookStore;
  annotations: AnnotationStore;
  reviews: ReviewStore;
  /** Library-wide full-text search (the index itself is kept current by triggers). */
  search: SearchService;
  /** Exports of a session (reports, standard formats, feedback packages), one at a time. */
  exports: ExportService;
  /** The Storage view: space used, clearing caches, backups, restores and session archives (one job at a time). */
  storage: StorageService;
  /** Trainees' progress across their sessions, and the cohort comparison. */
  progress: ProgressStore;
  /** The per-trainee progress report (PDF). */
  progressReports: ProgressReports;
  /** Saved filters and counts per status. */
  library: LibraryService;
  /** Consent and retention: the Retention screen's lists, deleting sessions for good, the deletion log. */
  retention: RetentionService;
  /**
   * Deletes a session for good (through `retention`): its rows and log entry at once, then its files
   * (the recording overwritten before it is unlinked); the promise settles when the files are gone.
   */
  deleteSession(id: string): Promise<DeletionReport>;
  close(): void;
}

export interface ServiceOptions {
  /** Resume unfinished transcriptions now (the app: yes; one-off CLI commands: no). Default true. */
  resumeTranscriptions?: boolean;
  /** How transcription workers start (Electron passes utilityProcess). Default: child_process.fork. */
  workerLauncher?: WorkerLauncher;
  /** Whisper's temperature fallback step; 0 for random-weight test models. Default: ATTUNE_WHISPER_TEMPERATURE_INC, else whisper.cpp's. */
  temperatureInc?: number | null;
  /** Prints the feedback report to PDF (Electron passes printToPDF). Default: headless Chromium. */
  pdfRenderer?: PdfRenderer;
  /** Shows an exported file in the file manager (Electron passes shell.showItemInFolder). Default: the platform's opener. */
  revealer?: Revealer;
}

export function openServices(dataDir: string, options: ServiceOptions = {}): Services {
  const paths = dataPaths(path.resolve(dataDir));
  // Leftovers of interrupted work are cleared only when no other Attune process (the app, a command)
  // has this library open: its import or transcription may be using them right now.
  const presence = enterLibrary(paths.root);
  let db: Database.Database;
  let sessions: SessionStore;
  try {
    prepareDataDir(paths, !presence.othersAlive);
    db = openDatabase(paths.dbFile);
    sessions = new SessionStore(db);
    if (!presence.othersAlive) sweepOrphanFiles(paths, sessions.referencedFiles());
  } catch (error) {
    presence.release();
    throw error;
  }
  const tools = resolveMediaTools();
  const events = new EventBus();
  const imports = new ImportQueue({ store: sessions, paths, tools });
  imports.onProgress((p) => events.emit('import.progress', p));
  imports.onFinished((f) => {
    events.emit('import.finished', f);
    if (f.outcome.kind === 'imported') events.emit('library.changed', { sessionId: f.outcome.session.id });
  });

  const settings = new Settings(db);
  const profile = new ProfileStore(db, settings);
  const codebooks = new CodebookStore(db, settings);
  codebooks.seedBuiltIn();
  const reviews = new ReviewStore(db, sessions, codebooks);
  const annotations = new AnnotationStore(db, sessions, codebooks, reviews, profile);
  const models = new ModelStore(paths.modelsDir, settings);
  const modelDownloads = new ModelDownloads(paths.modelsDir, events);
  const transcriptRuns = new TranscriptRuns(db);
  const envInc = process.env.ATTUNE_WHISPER_TEMPERATURE_INC;
  const transcriptions = new TranscriptionQueue({
    paths,
    sessions,
    models,
    runs: transcriptRuns,
    events,
    launcher: options.workerLauncher ?? forkLauncher,
    workerScript: workerScriptPath,
    temperatureInc: options.temperatureInc !== undefined ? options.temperatureInc : envInc !== undefined && envInc !== '' ? Number(envInc) : null,
    preparePcm: (media, signal) => ensurePcm(paths, tools, media, signal),
  });
  if (options.resumeTranscriptions ?? true) transcriptions.resumeUnfinished();

  // The export service reads through the whole Services (the feedback package needs them all).
  const exports = new ExportService(() => services, { pdfRenderer: options.pdfRenderer, revealer: options.revealer });
  const retention = new RetentionService(() => services);
  const progress = new ProgressStore(db, codebooks);
  const progressReports = new ProgressReports({ store: progress, settings, profile, pdfRenderer: options.pdfRenderer });
  const services: Services = {
    paths,
    db,
    sessions,
    transcripts: new TranscriptStore(db, sessions, paths),
    imports,
    events,
    tools,
    settings,
    models,
    modelDownloads,
    transcriptRuns,
    transcriptions,
    profile,
    codebooks,
    annotations,
    reviews,
    search: new SearchService(db),
    exports,
    storage: new StorageService(() => services),
    progress,
    progressReports,
    library: new LibraryService(db, sessions),
    retention,
    deleteSession(id) {
      return retention.delete(id);
    },
    close() {
      exports.cancelAll();
      services.storage.cancelAll();
      imports.cancelAll();
      transcriptions.close();
      modelDownloads.cancelAll();
      db.close();
      presence.release();
    },
  };
  return services;
}
