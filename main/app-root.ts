/** Locates the installed app's root folder (the one with Attune's package.json) from wherever this code runs. */
import fs from 'node:fs';
import path from 'node:path';

let cached: { root: string; version: string } | null = null;

export function appRoot(): { root: string; version: string } {
  if (cached) return cached;
  let dir = __dirname;
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg)) {
      const json = JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: string; version?: string };
      if (json.name === 'attune') return (cached = { root: dir, version: json.version ?? '0.0.0' });
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('Cannot find Attune’s package.json above ' + __dirname);
    dir = parent;
  }
}

/** The built renderer; `npm run build` writes it. ATTUNE_RENDERER_DIR points elsewhere (a development build). */
export function rendererDir(): string {
  const override = process.env.ATTUNE_RENDERER_DIR;
  if (override) return path.resolve(override);
  return path.join(appRoot().root, 'dist', 'renderer');
}
