// The fast path: a small change needs no per-file analysis, so one request writes the candidates (one round trip).
import type { CommitMessage } from '../message.js';
import type { StageContext } from './single-step.js';
import { runSingleStep } from './single-step.js';
import { countContentFiles } from './plan.js';

/** The single-step request; when it fails the local engine answers, since a multi-step run would cost more for no gain. */
export function runFastPath(ctx: StageContext): Promise<CommitMessage> {
  ctx.span.set({ contentFiles: countContentFiles(ctx.prepared), diffTokens: ctx.prepared.budget.used });
  return runSingleStep(ctx);
}
