/** The app shell: top bar, the current view (hash-routed), the import queue, drop target and toasts. */
import { useEffect } from 'react';
import { useAppInfoState } from './app/app-info';
import { useRoute } from './app/router';
import { TopBar } from './app/TopBar';
import { DropOverlay } from './import/DropOverlay';
import { ImportChooser } from './import/ImportChooser';
import { startImportSync } from './import/import-queue';
import { ImportQueuePanel } from './import/ImportQueuePanel';
import { startLibrarySync } from './library/library-store';
import { LibraryView } from './library/LibraryView';
import { SessionView } from './session/SessionView';
import { FeedbackView } from './feedback/FeedbackView';
import { ModelsView } from './models/ModelsView';
import { CodebooksView } from './codebooks/CodebooksView';
import { SearchView } from './search/SearchView';
import { ProgressView } from './progress/ProgressView';
import { CohortView } from './progress/CohortView';
import { RetentionView } from './retention/RetentionView';
import { StorageView } from './storage/StorageView';
import { startModelsSync } from './models/models-store';
import { setSessionTitleLookup, startTranscriptionSync } from './transcript/jobs-store';
import { findReceived, findSession, reloadReceived, useReceived } from './library/library-store';
import { feedbackHref } from './app/router';
import { ErrorBoundary } from './ui/ErrorBoundary';
import { AlertIcon } from './ui/icons';
import { ToastRegion } from './ui/ToastRegion';

export function App() {
  const route = useRoute();
  const info = useAppInfoState();

  useEffect(() => {
    const stopLibrary = startLibrarySync();
    const stopImports = startImportSync();
    const stopJobs = startTranscriptionSync();
    const stopModels = startModelsSync();
    setSessionTitleLookup((id) => findSession(id)?.title ?? null);
    return () => {
      stopLibrary();
      stopImports();
      stopJobs();
      stopModels();
    };
  }, []);

  useEffect(() => {
    const titles = {
      session: 'Session',
      feedback: 'Feedback',
      models: 'Models',
      codebooks: 'Codebooks',
      library: 'Library',
      search: 'Search',
      progress: 'Progress',
      cohort: 'Cohort',
      retention: 'Retention',
      storage: 'Storage',
      'not-found': 'Library',
    } as const;
    document.title = `${titles[route.name]} — Attune`;
  }, [route.name]);

  // A received feedback package is read-only: its session address leads to its Feedback view
  // (at once when the received packages are known, else as soon as they are).
  const sessionRouteId = route.name === 'session' ? route.id : null;
  const receivedCopy = useReceived().has(sessionRouteId ?? '');
  useEffect(() => {
    if (sessionRouteId === null) return;
    let live = true;
    void reloadReceived().then(() => {
      if (live && findReceived(sessionRouteId)) location.replace(feedbackHref(sessionRouteId));
    });
    return () => {
      live = false;
    };
  }, [sessionRouteId]);

  return (
    <ImportChooser>
      <div className="app">
        <button type="button" className="skip-link" onClick={() => document.getElementById('main')?.focus()}>
          Skip to content
        </button>
        <TopBar route={route} />
        {info.status === 'error' && (
          <p className="banner banner-error" role="alert">
            <AlertIcon /> {info.message}
          </p>
        )}
        <main id="main" className="app-main" tabIndex={-1}>
          <ErrorBoundary key={route.name === 'session' || route.name === 'feedback' ? `${route.name}:${route.id}` : route.name}>
          {route.name === 'library' && <LibraryView />}
          {route.name === 'session' && !receivedCopy && <SessionView key={route.id} id={route.id} at={route.at ?? null} />}
          {route.name === 'session' && receivedCopy && <FeedbackView key={route.id} id={route.id} />}
          {route.name === 'feedback' && <FeedbackView key={route.id} id={route.id} />}
          {route.name === 'models' && <ModelsView />}
          {route.name === 'codebooks' && <CodebooksView selectedId={route.id} />}
          {route.name === 'search' && <SearchView params={route.params} />}
          {route.name === 'progress' && <ProgressView trainee={route.trainee} />}
          {route.name === 'cohort' && <CohortView cohort={route.cohort} />}
          {route.name === 'retention' && <RetentionView />}
          {route.name === 'storage' && <StorageView />}
          {route.name === 'not-found' && (
            <div className="view-message">
              <h1 tabIndex={-1}>There is nothing at this address</h1>
              <p>
                <a href="#/">Go to the library</a>
              </p>
            </div>
          )}
          </ErrorBoundary>
        </main>
        <ImportQueuePanel />
        <DropOverlay />
        <ToastRegion />
      </div>
    </ImportChooser>
  );
}
