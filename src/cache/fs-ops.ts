// Filesystem steps that tolerate concurrent runs: atomic writes, unlinks that lose races quietly, a tree scan.
import { randomBytes } from 'node:crypto';
import { chmod, readdir, rename, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { makeDirs } from '../fs/make-dirs.js';
import { isEntryFileName, isTempFileName, makeTempPath, resolveEntriesRoot } from './paths.js';

export interface ScannedFile {
  path: string;
  size: number;
  mtimeMs: number;
}

export interface ScanResult {
  entries: ScannedFile[];
  temps: ScannedFile[];
}

/** Entries hold messages about private code: only their owner may read them, or list the directories they are in. */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/** Creates `dir` (0700) or narrows an existing one to 0700, as a cache written by an earlier version may be 0755. */
export async function makePrivateDir(dir: string): Promise<void> {
  await makeDirs(dir, PRIVATE_DIR_MODE);
  const info = await stat(dir);
  if ((info.mode & 0o777) !== PRIVATE_DIR_MODE) await chmod(dir, PRIVATE_DIR_MODE);
}

/**
 * Write to a unique temp file beside the target (0600, in directories made 0700), then rename: readers see the old
 * file, the new one or none. With `mtime` the file gets that time (an entry's, for the LRU order); without, the write's.
 */
export async function writeFileAtomic(path: string, body: string, mtime?: Date): Promise<void> {
  await makeDirs(dirname(path), PRIVATE_DIR_MODE);
  const temp = makeTempPath(path, process.pid, randomBytes(6).toString('hex'));
  try {
    await writeFile(temp, body, { flag: 'wx', mode: PRIVATE_FILE_MODE });
    if (mtime !== undefined) await utimes(temp, mtime, mtime);
    await rename(temp, path);
  } catch (error) {
    await unlinkQuietly(temp);
    throw error;
  }
}

/** True when this call removed the file; false when it was already gone or could not be removed. */
export async function unlinkQuietly(path: string): Promise<boolean> {
  try {
    await unlink(path);
    return true;
  } catch {
    return false;
  }
}

async function readdirQuietly(path: string): Promise<string[]> {
  try {
    return await readdir(path);
  } catch {
    return [];
  }
}

async function statQuietly(path: string): Promise<ScannedFile | undefined> {
  try {
    const info = await stat(path);
    return info.isFile() ? { path, size: info.size, mtimeMs: info.mtimeMs } : undefined;
  } catch {
    return undefined;
  }
}

/** Every entry and temp file under the versioned root; files deleted mid-scan by another run are skipped. */
export async function scanCacheTree(dir: string): Promise<ScanResult> {
  const root = resolveEntriesRoot(dir);
  const result: ScanResult = { entries: [], temps: [] };
  for (const shard of await readdirQuietly(root)) {
    const shardPath = join(root, shard);
    const names = await readdirQuietly(shardPath);
    const files = await Promise.all(
      names
        .filter((name) => isEntryFileName(name) || isTempFileName(name))
        .map((name) => statQuietly(join(shardPath, name))),
    );
    for (const file of files) {
      if (file === undefined) continue;
      (isTempFileName(file.path) ? result.temps : result.entries).push(file);
    }
  }
  return result;
}
