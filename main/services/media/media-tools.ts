/** Where the ffmpeg and ffprobe executables are. Pure Node: no Electron import. */
import { createRequire } from 'node:module';

export interface MediaTools {
  ffmpeg: string;
  ffprobe: string;
}

/**
 * Inside a packaged Electron app the installer packages resolve to a path inside `app.asar`, an
 * archive the OS cannot execute from; electron-builder unpacks them next to it in `app.asar.unpacked`.
 */
export function unpackedAsarPath(p: string): string {
  return p.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}

/**
 * `FFMPEG_PATH` / `FFPROBE_PATH` win; otherwise the binaries shipped by `@ffmpeg-installer/ffmpeg`
 * and `@ffprobe-installer/ffprobe`. The packages are loaded only when needed, because they throw
 * on a platform they have no binary for.
 */
export function resolveMediaTools(env: NodeJS.ProcessEnv = process.env): MediaTools {
  const load = createRequire(__filename);
  const ffmpeg = env.FFMPEG_PATH || (load('@ffmpeg-installer/ffmpeg') as { path: string }).path;
  const ffprobe = env.FFPROBE_PATH || (load('@ffprobe-installer/ffprobe') as { path: string }).path;
  return { ffmpeg: unpackedAsarPath(ffmpeg), ffprobe: unpackedAsarPath(ffprobe) };
}
