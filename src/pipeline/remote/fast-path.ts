// The fast path: a small change needs no per-file analysis, so one request writes the candidates (one round trip).
import type { PreparedDiff } from '../../diff/prepared.js';
import type { CommitMessage } from '../../engines/message.js';
import type { StageContext } from './single-step.js';
import { runSingleStep } from './single-step.js';

/** Most files whose content is sent for a change to count as small. */
export const FAST_PATH_MAX_FILES = 4;
/** Most diff tokens sent for a change to count as small. */
export const FAST_PATH_MAX_TOKENS = 3000;

/** Files whose content goes into the request (listed-only files, such as lockfiles, cost the model little). */
export function countContentFiles(prepared: PreparedDiff): number {
  return prepared.files.filter((file) => file.omitted === undefined && !file.binary).length;
}

export function isSmallChange(prepared: PreparedDiff): boolean {
  return countContentFiles(prepared) <= FAST_PATH_MAX_FILES && prepared.budget.used <= FAST_PATH_MAX_TOKENS;
}

/** The single-step request; when it fails the local engine answers, since a multi-step run would cost more for no gain. */
export function runFastPath(ctx: StageContext): Promise<CommitMessage> {
  ctx.span.set({ contentFiles: countContentFiles(ctx.prepared), diffTokens: ctx.prepared.budget.used });
  return runSingleStep(ctx);
}
