// Readies the code to measure with the project's own tsup config: the operation (worker entry beside it), and the CLI.
import { cpSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build, type Options } from 'tsup';
import cliConfig from '../tsup.config.js';
import { BENCH_TMP, PROJECT_ROOT } from './env.js';

export const OPERATION_BUILD_DIR = join(BENCH_TMP, 'build');

/** Builds bench/operation.ts and the pool's worker into .bench-tmp/build; returns the operation's entry file. */
export async function buildOperation(): Promise<string> {
  await build({
    ...(cliConfig as Options),
    config: false,
    entry: {
      operation: join(PROJECT_ROOT, 'bench/operation.ts'),
      'diff-worker': join(PROJECT_ROOT, 'src/pool/diff-worker.ts'),
    },
    outDir: OPERATION_BUILD_DIR,
    silent: true,
    // The config's onSuccess writes dist/'s extras (man page, notices); this build needs none of them.
    metafile: false,
    onSuccess: undefined,
  });
  return join(OPERATION_BUILD_DIR, 'operation.js');
}

export const CLI_BUILD_DIR = join(BENCH_TMP, 'cli');

/** Builds the CLI from the current sources with the project's own tsup config, into `outDir` (dist/ left alone). */
export async function buildCli(outDir = CLI_BUILD_DIR, version = '0.0.0-bench'): Promise<string> {
  await build({
    ...(cliConfig as Options),
    config: false,
    outDir,
    silent: true,
    define: { ...(cliConfig as Options).define, __VERSION__: JSON.stringify(version) },
    // The config's onSuccess writes the extras and the code cache's CommonJS copy (scripts/code-cache-plugin.ts)
    // into outDir, as into dist/: without the latter the bench measured a CLI that never had a code cache.
  });
  return join(outDir, 'cli.js');
}

export const DIST_SNAPSHOT_DIR = join(BENCH_TMP, 'dist');

/** A copy of dist/ taken at the start, so that a rebuild of dist/ during the run (tsup cleans it) breaks no sample. */
export function snapshotDist(outDir = DIST_SNAPSHOT_DIR): string {
  const dist = join(PROJECT_ROOT, 'dist');
  if (!existsSync(join(dist, 'cli.js'))) throw new Error('dist/cli.js does not exist: build it with `npx tsup` first');
  rmSync(outDir, { recursive: true, force: true });
  cpSync(dist, outDir, { recursive: true });
  return join(outDir, 'cli.js');
}
