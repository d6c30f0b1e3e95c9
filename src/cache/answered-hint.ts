// A hint, never an answer: whether the last remote answer was for the index exactly as it is now. A run that the
// cache will likely answer then leaves the AI SDK unloaded (~1.3 MB of JavaScript) instead of loading it beside git's
// work; a wrong guess costs only that overlap, since the cache itself decides whether a request is made.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { makePrivateDir, writeFileAtomic } from './fs-ops.js'; // loaded with the cache on every remote path anyway

const HINT_FILE = 'last-answered';

/** The index file's identity (path, inode, size, mtime): any `git add`, reset or checkout changes it. */
export async function indexFingerprint(options: { gitDir: string; indexFile?: string }): Promise<string | undefined> {
  const path = options.indexFile ?? join(options.gitDir, 'index');
  try {
    const info = await stat(path, { bigint: true });
    return `${path}\0${info.ino}\0${info.size}\0${info.mtimeNs}`;
  } catch {
    return undefined;
  }
}

export async function wasLastAnswered(cacheDir: string, fingerprint: string | undefined): Promise<boolean> {
  if (fingerprint === undefined) return false;
  return readFile(join(cacheDir, HINT_FILE), 'utf8').then(
    (text) => text === fingerprint,
    () => false,
  );
}

/** Records the index an answer was cached for; a failure to write (a read-only cache) only loses the hint. */
export async function noteAnswered(cacheDir: string, fingerprint: string | undefined): Promise<void> {
  if (fingerprint === undefined) return;
  try {
    await makePrivateDir(cacheDir);
    await writeFileAtomic(join(cacheDir, HINT_FILE), fingerprint);
  } catch {
    // the hint is only a hint
  }
}
