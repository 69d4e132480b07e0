/**
 * Entry point. It is kept small on purpose: it starts the requests the first view needs (app info,
 * then the library list or the session and its peaks) and only then loads React and the views, so
 * the network and the script loading overlap.
 */
import { loadAppInfo } from './app/app-info';
import { parseRoute } from './app/router';
import { ensureLibraryLoaded } from './library/library-store';
import { prefetchSession } from './session/prefetch';
import './styles/app.css';

void loadAppInfo();
const route = parseRoute(location.hash);
if (route.name === 'library') ensureLibraryLoaded();
else if (route.name === 'session') prefetchSession(route.id);

void import('./render');
