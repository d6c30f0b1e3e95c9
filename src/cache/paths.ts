// Where the cache lives on disk and how an entry's key maps to a file inside it.
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

/** Bumped when the entry format changes; old trees are simply never read again. */
export const LAYOUT_VERSION = 1;

const TEMP_SUFFIX = '.tmp';
const ENTRY_SUFFIX = '.json';
const KEY_PATTERN = /^[0-9a-f]{16,128}$/;

/** `$XDG_CACHE_HOME/git-ai`, else `~/.cache/git-ai` (a relative XDG_CACHE_HOME is ignored, as the XDG spec says). */
export function resolveCacheDir(env: NodeJS.ProcessEnv): string {
  const xdg = env.XDG_CACHE_HOME;
  if (xdg !== undefined && xdg !== '' && isAbsolute(xdg)) return join(xdg, 'git-ai');
  const home = env.HOME !== undefined && env.HOME !== '' ? env.HOME : homedir();
  return join(home, '.cache', 'git-ai');
}

/** The versioned root holding the two-hex-digit shard directories. */
export function resolveEntriesRoot(dir: string): string {
  return join(dir, `v${LAYOUT_VERSION}`);
}

/** Keys are lowercase hex (as `cacheKey` makes them), which also keeps them safe as file names. */
export function isValidKey(key: string): boolean {
  return KEY_PATTERN.test(key);
}

export function resolveEntryPath(dir: string, key: string): string {
  return join(resolveEntriesRoot(dir), key.slice(0, 2), `${key}${ENTRY_SUFFIX}`);
}

/** A temp name unique across processes (pid) and concurrent writes within one (random). */
export function makeTempPath(entryPath: string, pid: number, random: string): string {
  return `${entryPath}.${pid}.${random}${TEMP_SUFFIX}`;
}

export function isEntryFileName(name: string): boolean {
  return name.endsWith(ENTRY_SUFFIX) && isValidKey(name.slice(0, -ENTRY_SUFFIX.length));
}

export function isTempFileName(name: string): boolean {
  return name.endsWith(TEMP_SUFFIX);
}
