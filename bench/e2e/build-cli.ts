// The CLI to measure: built from the current sources into .bench-tmp/e2e/cli (dist/ left alone), or a copy of dist/.
import { cpSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'tsup';
import { PROJECT_ROOT } from '../env.js';
import { CLI_DIR } from './paths.js';

export async function buildE2eCli(): Promise<string> {
  await build({
    config: false,
    entry: {
      cli: join(PROJECT_ROOT, 'src/cli/main.ts'),
      'diff-worker': join(PROJECT_ROOT, 'src/pool/diff-worker.ts'),
    },
    outDir: CLI_DIR,
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    splitting: true,
    clean: true,
    sourcemap: false,
    silent: true,
    define: { __VERSION__: JSON.stringify('0.0.0-bench-e2e') },
  });
  return join(CLI_DIR, 'cli.js');
}

/** A copy of dist/, so that a rebuild of dist/ during the run (tsup cleans it) breaks no sample. */
export function copyDist(): string {
  const dist = join(PROJECT_ROOT, 'dist');
  if (!existsSync(join(dist, 'cli.js'))) throw new Error('dist/cli.js does not exist: build it with `npx tsup`, or leave out --dist');
  rmSync(CLI_DIR, { recursive: true, force: true });
  cpSync(dist, CLI_DIR, { recursive: true });
  return join(CLI_DIR, 'cli.js');
}
