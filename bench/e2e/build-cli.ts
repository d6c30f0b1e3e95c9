// The CLI to measure: built from the current sources into .bench-tmp/e2e/cli (dist/ left alone), or a copy of dist/.
import { buildCli, snapshotDist } from '../build-operation.js';
import { CLI_DIR } from './paths.js';

export function buildE2eCli(): Promise<string> {
  return buildCli(CLI_DIR, '0.0.0-bench-e2e');
}

/** A copy of dist/, so that a rebuild of dist/ during the run (tsup cleans it) breaks no sample. */
export function copyDist(): string {
  return snapshotDist(CLI_DIR);
}
