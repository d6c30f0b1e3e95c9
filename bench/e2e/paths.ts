// Where the end-to-end benchmark keeps its files (all under the git-ignored .bench-tmp/e2e).
import { join } from 'node:path';
import { BENCH_TMP } from '../env.js';

export const E2E_DIR = join(BENCH_TMP, 'e2e');
export const RESULTS_FILE = join(E2E_DIR, 'results.json');
export const CLI_DIR = join(E2E_DIR, 'cli');
/** Per-run cache homes (XDG_CACHE_HOME), removed after each case. */
export const CACHE_HOMES_DIR = join(E2E_DIR, 'cache-homes');
