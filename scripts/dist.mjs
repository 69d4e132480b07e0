// `npm run dist`: installers with electron-builder. electron-builder rebuilds better-sqlite3 in place
// for Electron; afterwards the Node build is restored, so the CLI and the tests keep working.
import { spawnSync } from 'node:child_process';

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const built = spawnSync(npx, ['electron-builder', '--config', 'electron-builder.yml', ...process.argv.slice(2)], { stdio: 'inherit' });
const restored = spawnSync(npm, ['rebuild', 'better-sqlite3'], { stdio: 'inherit' });
if (restored.status !== 0) console.error('Could not rebuild better-sqlite3 for Node; run "npm rebuild better-sqlite3".');
process.exit(built.status ?? 1);
