/**
 * Which Attune processes have a library open: one file per process in `<library>/open/<pid>`. The app,
 * browser mode and every `attune` command open the same library, possibly at once; clearing the
 * leftovers of interrupted work (the tmp folder, files no row refers to) is safe only when no other
 * live process is in the middle of an import or a transcription, so it runs only then.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface LibraryPresence {
  /** Another live process had this library open when this one arrived. */
  othersAlive: boolean;
  /** This process closes the library. */
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function enterLibrary(root: string): LibraryPresence {
  const dir = path.join(root, 'open');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  let othersAlive = false;
  for (const name of fs.readdirSync(dir)) {
    const pid = Number(name);
    if (!/^\d+$/.test(name) || pid === process.pid) continue;
    if (isAlive(pid)) othersAlive = true;
    else fs.rmSync(path.join(dir, name), { force: true }); // left by a process that died
  }
  const own = path.join(dir, String(process.pid));
  fs.writeFileSync(own, '', { mode: 0o600 });
  return {
    othersAlive,
    release() {
      fs.rmSync(own, { force: true });
    },
  };
}
