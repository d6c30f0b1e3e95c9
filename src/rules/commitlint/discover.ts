// Finds the commitlint configuration the way commitlint's own loader does (cosmiconfig, search strategy
// "global"): the same file names from the working directory up to the home directory, then the user's
// config directory. Only file names and package.json are read, so a repository without one pays ~0.1 ms.
import { readdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** commitlint's search places, in its order (@commitlint/load, utils/load-config.js). */
export const COMMITLINT_SEARCH_PLACES = [
  'package.json',
  'package.yaml',
  '.commitlintrc',
  '.commitlintrc.json',
  '.commitlintrc.yaml',
  '.commitlintrc.yml',
  '.commitlintrc.js',
  '.commitlintrc.cjs',
  '.commitlintrc.mjs',
  'commitlint.config.js',
  'commitlint.config.cjs',
  'commitlint.config.mjs',
  '.commitlintrc.ts',
  '.commitlintrc.cts',
  '.commitlintrc.mts',
  'commitlint.config.ts',
  'commitlint.config.cts',
  'commitlint.config.mts',
] as const;

/** cosmiconfig's places in the global config directory (`$XDG_CONFIG_HOME/commitlint`). */
const GLOBAL_PLACES = [
  'config',
  'config.json',
  'config.yaml',
  'config.yml',
  'config.js',
  'config.ts',
  'config.cjs',
  'config.mjs',
];

export interface DiscoverOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** The directories commitlint searches, nearest first: from cwd up to home (or the filesystem root outside it). */
function searchDirs(cwd: string, env: NodeJS.ProcessEnv): string[] {
  const stop = resolve(env.HOME || homedir());
  const dirs: string[] = [];
  let current = resolve(cwd);
  for (;;) {
    dirs.push(current);
    const parent = dirname(current);
    if (current === stop || parent === current) break;
    current = parent;
  }
  return dirs;
}

async function hasPackageKey(path: string): Promise<boolean> {
  const text = await readFile(path, 'utf8').catch(() => '');
  if (path.endsWith('.json')) {
    try {
      const parsed = JSON.parse(text) as { commitlint?: unknown } | null;
      return parsed !== null && typeof parsed === 'object' && parsed.commitlint != null;
    } catch {
      return false; // commitlint would fail on it too; git-ai carries on without rules
    }
  }
  return /^commitlint\s*:/m.test(text); // package.yaml: a top-level key
}

async function isNonEmpty(path: string): Promise<boolean> {
  const text = await readFile(path, 'utf8').catch(() => '');
  return text.trim() !== ''; // cosmiconfig skips empty search places
}

/** The configuration file commitlint would use, or undefined when there is none. */
export async function findCommitlintConfig(options: DiscoverOptions): Promise<string | undefined> {
  for (const dir of searchDirs(options.cwd, options.env)) {
    const names = new Set(await readdir(dir).catch(() => [] as string[]));
    for (const place of COMMITLINT_SEARCH_PLACES) {
      if (!names.has(place)) continue;
      const path = join(dir, place);
      if (place.startsWith('package.') ? await hasPackageKey(path) : await isNonEmpty(path)) return path;
    }
  }
  const globalDir = join(options.env.XDG_CONFIG_HOME || join(options.env.HOME || homedir(), '.config'), 'commitlint');
  const names = new Set(await readdir(globalDir).catch(() => [] as string[]));
  for (const place of GLOBAL_PLACES) {
    if (names.has(place) && (await isNonEmpty(join(globalDir, place)))) return join(globalDir, place);
  }
  return undefined;
}
