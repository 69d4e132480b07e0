/** The slim bar on top: app name, where you are, Models, Codebooks, your profile, and Import. */
import { useChooseImport } from '../import/ImportChooser';
import { ImportIcon, LogoMark } from '../ui/icons';
import { ProfileButton } from '../profile/ProfileDialog';
import { codebooksHref, libraryHref, modelsHref, progressHref, retentionHref, storageHref, type Route } from './router';
import { useViewTitle } from './view-title';

export function TopBar({ route }: { route: Route }) {
  const choose = useChooseImport();
  const viewTitle = useViewTitle();
  const sessionTitle = route.name === 'session' || route.name === 'feedback' ? (viewTitle ?? (route.name === 'feedback' ? 'Feedback' : 'Session')) : null;
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
          {route.name === 'models' && (
            <li>
              <span aria-current="page">Models</span>
            </li>
          )}
          {route.name === 'search' && (
            <li>
              <span aria-current="page">Search</span>
            </li>
          )}
          {(route.name === 'progress' || route.name === 'cohort') && (
            <li>
              <span aria-current="page">{route.name === 'progress' ? (route.trainee ?? 'Progress') : (route.cohort ?? 'Cohort')}</span>
            </li>
          )}
          {route.name === 'retention' && (
            <li>
              <span aria-current="page">Retention</span>
            </li>
          )}
          {route.name === 'storage' && (
            <li>
              <span aria-current="page">Storage and backup</span>
            </li>
          )}
          {route.name === 'codebooks' && (
            <li>
              <span aria-current="page">Codebooks</span>
            </li>
          )}
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
        {(
          [
            ['Progress', progressHref(), route.name === 'progress' || route.name === 'cohort'],
            ['Retention', retentionHref, route.name === 'retention'],
            ['Storage', storageHref, route.name === 'storage'],
          ] as const
        ).map(([label, href, current]) => (
          <a key={label} className={`topbar-link ${current ? 'is-current' : ''}`} href={href} aria-current={current ? 'page' : undefined}>
            {label}
          </a>
        ))}
        <a className={`topbar-link ${route.name === 'models' ? 'is-current' : ''}`} href={modelsHref} aria-current={route.name === 'models' ? 'page' : undefined}>
          Models
        </a>
        <a
          className={`topbar-link ${route.name === 'codebooks' ? 'is-current' : ''}`}
          href={codebooksHref()}
          aria-current={route.name === 'codebooks' ? 'page' : undefined}
        >
          Codebooks
        </a>
        <ProfileButton />
        <button type="button" className="btn btn-primary btn-small" onClick={choose} title="Import recordings (Ctrl+O)" aria-keyshortcuts="Control+O Meta+O">
          <ImportIcon /> Import
        </button>
      </div>
    </header>
  );
}
