// Which remote stages a change goes through; pure, and free of the SDK so `git-ai prompt` can show the plan cheaply.
import type { Config } from '../../config/schema.js';
import type { PreparedDiff } from '../../diff/prepared.js';

export type RemoteStage = 'fast-path' | 'multi-step' | 'single-step';

/** Most files whose content is sent for a change to count as small. */
export const FAST_PATH_MAX_FILES = 4;
/**
 * Most diff tokens sent for a change to count as small. `budget.used` is an upper bound (a chunk that fits by bytes
 * is counted in bytes, never tokenized), so this is about 1,500-2,500 real tokens of code.
 */
export const FAST_PATH_MAX_TOKENS = 6000;

/** Files whose content goes into the request (listed-only files, such as lockfiles, cost the model little). */
export function countContentFiles(prepared: PreparedDiff): number {
  return prepared.files.filter((file) => file.omitted === undefined && !file.binary).length;
}

export function isSmallChange(prepared: PreparedDiff): boolean {
  return countContentFiles(prepared) <= FAST_PATH_MAX_FILES && prepared.budget.used <= FAST_PATH_MAX_TOKENS;
}

/**
 * The stages to try in order; single-step is the fast path's own request, so the fast path falls straight to local.
 * Every round trip costs about 0.4 s before the first token, and every output token about 8 ms, so a change below
 * `multi-step-min-files` takes one request: it sees the same budgeted diff, every file listed, in half the time.
 */
export function planStages(prepared: PreparedDiff, config: Config): RemoteStage[] {
  if (isSmallChange(prepared)) return ['fast-path'];
  const useMultiStep = config.enableMultiStep && countContentFiles(prepared) >= config.multiStepMinFiles;
  return useMultiStep ? ['multi-step', 'single-step'] : ['single-step'];
}
