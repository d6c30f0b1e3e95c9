// Readies the code to measure: the operation bundled as tsup bundles git-ai (worker entry beside it), and the CLI.
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'tsup';
import { BENCH_TMP, PROJECT_ROOT } from './env.js';

export const OPERATION_BUILD_DIR = join(BENCH_TMP, 'build');

/** Builds bench/operation.ts and the pool's worker into .bench-tmp/build; returns the operation's entry file. */
export async function buildOperation(): Promise<string> {
  await build({
    config: false,
    entry: {
      operation: join(PROJECT_ROOT, 'bench/operation.ts'),
      'diff-worker': join(PROJECT_ROOT, 'src/pool/diff-worker.ts'),
    },
    outDir: OPERATION_BUILD_DIR,
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    splitting: true,
    clean: true,
    sourcemap: false,
    silent: true,
  });
  return join(OPERATION_BUILD_DIR, 'operation.js');
}

export const CLI_BUILD_DIR = join(BENCH_TMP, 'cli');

/** Builds the CLI from the current sources into .bench-tmp/cli (as tsup.config.ts does), leaving dist/ alone. */
export async function buildCli(): Promise<string> {
  await build({
    config: false,
    entry: {
      cli: join(PROJECT_ROOT, 'src/cli/main.ts'),
      'diff-worker': join(PROJECT_ROOT, 'src/pool/diff-worker.ts'),
    },
    outDir: CLI_BUILD_DIR,
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    splitting: true,
    clean: true,
    sourcemap: false,
    silent: true,
    define: { __VERSION__: JSON.stringify('0.0.0-bench') },
  });
  return join(CLI_BUILD_DIR, 'cli.js');
}

export const DIST_SNAPSHOT_DIR = join(BENCH_TMP, 'dist');

/** A copy of dist/ taken at the start, so that a rebuild of dist/ during the run (tsup cleans it) breaks no sample. */
export function snapshotDist(): string {
  rmSync(DIST_SNAPSHOT_DIR, { recursive: true, force: true });
  cpSync(join(PROJECT_ROOT, 'dist'), DIST_SNAPSHOT_DIR, { recursive: true });
  return join(DIST_SNAPSHOT_DIR, 'cli.js');
}
