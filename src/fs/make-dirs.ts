// `mkdir -p` that ends. Node 20's recursive mkdir never returns where a directory can be neither made nor found
// (/proc, /sys: mkdir says ENOENT though the parent is there, so it tries the parent, then the child, for ever), so
// the missing directories are found by walking up and each is made once, in order; one that cannot be made throws
// mkdir's own error (ENOENT there), which every caller already reports in one line.
import { mkdirSync, statSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

type Errno = NodeJS.ErrnoException;

/** Makes `dir` and its missing parents, each with `mode` (as `mkdir -p -m`), and returns nothing once `dir` exists. */
export async function makeDirs(dir: string, mode?: number): Promise<void> {
  const missing: string[] = [];
  for (let at = resolve(dir); !(await exists(at)); at = dirname(at)) missing.unshift(at);
  for (const at of missing) {
    try {
      await mkdir(at, mode === undefined ? undefined : { mode });
    } catch (error) {
      if ((error as Errno).code !== 'EEXIST' || !(await stat(at)).isDirectory()) throw error; // EEXIST: made meanwhile
    }
  }
}

/** makeDirs for the few writes made synchronously at exit (the code cache). */
export function makeDirsSync(dir: string, mode?: number): void {
  const missing: string[] = [];
  for (let at = resolve(dir); !existsSync(at); at = dirname(at)) missing.unshift(at);
  for (const at of missing) {
    try {
      mkdirSync(at, mode === undefined ? undefined : { mode });
    } catch (error) {
      if ((error as Errno).code !== 'EEXIST' || !statSync(at).isDirectory()) throw error;
    }
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    (error: Errno) => {
      if (error.code === 'ENOENT' && dirname(path) !== path) return false;
      throw error;
    },
  );
}

function existsSync(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch (error) {
    if ((error as Errno).code === 'ENOENT' && dirname(path) !== path) return false;
    throw error;
  }
}
