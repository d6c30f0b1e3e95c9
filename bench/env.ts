// Where the benchmark keeps its files, and the isolated environment every git and git-ai run of it gets.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const PROJECT_ROOT = resolve(import.meta.dirname, '..');
export const BENCH_TMP = join(PROJECT_ROOT, '.bench-tmp');
export const BENCH_HOME = join(BENCH_TMP, 'home');
export const REPOS_DIR = join(BENCH_TMP, 'repos');

// Variables that would point git elsewhere than the generated repository, or change its output.
const DROPPED = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_INDEX_FILE',
  'GIT_OBJECT_DIRECTORY',
  'GIT_CONFIG',
  'GIT_CONFIG_GLOBAL',
  'GIT_CONFIG_PARAMETERS',
  'GIT_CONFIG_COUNT',
  'GIT_EXTERNAL_DIFF',
  'GIT_PAGER',
  'GIT_AI_POOL',
];

/** The user's config (git's and git-ai's) kept out: HOME is a directory of the benchmark's own. */
export function isolatedEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  mkdirSync(BENCH_HOME, { recursive: true });
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of DROPPED) delete env[key];
  return {
    ...env,
    HOME: BENCH_HOME,
    XDG_CONFIG_HOME: join(BENCH_HOME, '.config'),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Bench',
    GIT_AUTHOR_EMAIL: 'bench@example.com',
    GIT_AUTHOR_DATE: '2024-01-01T00:00:00Z',
    GIT_COMMITTER_NAME: 'Bench',
    GIT_COMMITTER_EMAIL: 'bench@example.com',
    GIT_COMMITTER_DATE: '2024-01-01T00:00:00Z',
    ...extra,
  };
}
