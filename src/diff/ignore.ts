// The user's own exclusions: `.gitaiignore` at the repository root (gitignore syntax) plus the `exclude` setting.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ignore from 'ignore';

export const IGNORE_FILE = '.gitaiignore';

export interface IgnoreOptions {
  root: string;
  /** Gitignore patterns from the `exclude` setting. */
  exclude?: readonly string[];
}

/** Returns a predicate that is true for paths whose content must not be sent; undefined when nothing is excluded. */
export async function loadIgnoreMatcher(options: IgnoreOptions): Promise<((path: string) => boolean) | undefined> {
  const patterns: string[] = [];
  const file = await readFile(join(options.root, IGNORE_FILE), 'utf8').catch(() => '');
  if (file.trim() !== '') patterns.push(file);
  patterns.push(...(options.exclude ?? []).filter((pattern) => pattern.trim() !== ''));
  if (patterns.length === 0) return undefined;
  const matcher = ignore().add(patterns);
  return (path) => matcher.ignores(path);
}
