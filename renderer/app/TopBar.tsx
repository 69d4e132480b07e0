/** The slim bar on top: app name, where you are, and Import. */
import { useChooseImport } from '../import/ImportChooser';
import { useLibrary } from '../library/library-store';
import { ImportIcon, LogoMark } from '../ui/icons';
import { libraryHref, type Route } from './router';

export function TopBar({ route }: { route: Route }) {
  const choose = useChooseImport();
  const library = useLibrary();
  const sessionTitle = route.name === 'session' ? (library.sessions?.find((s) => s.id === route.id)?.title ?? 'Session') : null;
  return (
    <header className="topbar">
      <a className="brand" href={libraryHref} aria-label="Attune — go to the library">
        <LogoMark />
        <span className="brand-name">Attune</span>
      </a>
      <nav className="crumbs" aria-label="Current view">
        <ol>
          <li>
            {route.name === 'library' ? (
              <span aria-current="page">Library</span>
            ) : (
              <a href={libraryHref}>Library</a>
            )}
          </li>
          {sessionTitle !== null && (
            <li>
              <span aria-current="page" title={sessionTitle}>
                {sessionTitle}
              </span>
            </li>
          )}
        </ol>
      </nav>
      <div className="topbar-actions">
        <button type="button" className="btn btn-primary btn-small" onClick={choose} title="Import recordings (Ctrl+O)" aria-keyshortcuts="Control+O Meta+O">
          <ImportIcon /> Import
        </button>
      </div>
    </header>
  );
}
