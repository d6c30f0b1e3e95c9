// The remote generation under one deadline: fast path, or multi-step then single-step, and the offline engine last.
import type { LanguageModel } from 'ai';
import type { Cache } from '../../cache/disk-cache.js';
import type { Config } from '../../config/schema.js';
import type { PreparedDiff } from '../../diff/prepared.js';
import { UserError, isUserError } from '../../errors.js';
import type { CommitMessage } from '../message.js';
import { planStages, type RemoteStage } from './plan.js';
import { runFastPath } from './fast-path.js';
import { runMultiStep } from './multi-step.js';
import type { StageContext } from './single-step.js';
import { runSingleStep } from './single-step.js';
import type { Span, Trace } from '../../debug/trace.js';
import { createTrace } from '../../debug/trace.js';

export type Stage = RemoteStage | 'local';

export interface GenerateWithFallbackOptions {
  prepared: PreparedDiff;
  config: Config;
  history: string[];
  model: LanguageModel | (() => Promise<LanguageModel>);
  cache: Cache;
  /** The offline engine, always available. */
  local: () => CommitMessage;
  signal?: AbortSignal;
  /** Epoch milliseconds (the deadline is passed on to the requests as such). */
  now?: () => number;
  trace?: Trace;
}

export interface GenerationResult {
  message: CommitMessage;
  stage: Stage;
  /** HTTP requests sent, retries included. */
  requests: number;
}

/** Most of the time left that multi-step may use, so that single-step still has a fair chance after it. */
export const MULTI_STEP_SHARE = 0.65;
/** With less time than this left, a remote stage is not started: the local engine answers. */
export const MIN_STAGE_MS = 150;

const RUNNERS: Record<RemoteStage, (ctx: StageContext) => Promise<CommitMessage>> = {
  'fast-path': runFastPath,
  'multi-step': runMultiStep,
  'single-step': runSingleStep,
};


function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` <- ${error.cause.name}` : '';
  return `${error.name}${cause}`;
}

function cancelled(signal: AbortSignal): UserError {
  return new UserError('CANCELLED', 'Generation was cancelled.', { exitCode: 130, cause: signal.reason });
}

/** The model, or undefined when it could not be made for a reason the user cannot fix (the local engine answers). */
async function resolveModel(model: GenerateWithFallbackOptions['model'], span: Span): Promise<LanguageModel | undefined> {
  if (typeof model !== 'function') return model;
  try {
    return await model();
  } catch (error) {
    if (isUserError(error)) throw error;
    span.set({ modelError: describeError(error) });
    return undefined;
  }
}

interface StageRun {
  options: GenerateWithFallbackOptions;
  model: LanguageModel;
  deadline: number;
  now: () => number;
  root: Span;
  countRequests: (count: number) => void;
}

/** Tries the remote stages in order; the message and its stage, or undefined when the local engine must answer. */
async function runRemoteStages(run: StageRun): Promise<{ message: CommitMessage; stage: RemoteStage } | undefined> {
  const { options, deadline, now, root } = run;
  const stages = planStages(options.prepared, options.config);
  for (const [index, stage] of stages.entries()) {
    const remaining = deadline - now();
    if (remaining < MIN_STAGE_MS) {
      root.child(stage, { skipped: `${Math.round(remaining)}ms left` }).end();
      return undefined;
    }
    // Whole milliseconds, as AbortSignal.timeout (used per request) takes integers only.
    const budgetMs = Math.floor(index === stages.length - 1 ? remaining : MULTI_STEP_SHARE * remaining);
    const span = root.child(stage, { budgetMs });
    const ctx: StageContext = {
      prepared: options.prepared,
      config: options.config,
      history: options.history,
      model: run.model,
      cache: options.cache,
      signal: options.signal,
      deadline: Math.floor(now() + budgetMs),
      now,
      span,
      countRequests: run.countRequests,
    };
    try {
      const message = await RUNNERS[stage](ctx);
      span.end({ outcome: 'ok' });
      return { message, stage };
    } catch (error) {
      span.end({ outcome: 'failed', error: describeError(error) });
      if (isUserError(error)) throw error;
      if (options.signal?.aborted) throw cancelled(options.signal);
    }
  }
  return undefined;
}

export async function generateWithFallback(options: GenerateWithFallbackOptions): Promise<GenerationResult> {
  const { prepared, config, signal } = options;
  const now = options.now ?? Date.now;
  const deadline = Math.floor(now() + config.timeout * 1000);
  const root = (options.trace ?? createTrace()).span('generate', { files: prepared.files.length, chunks: prepared.chunks.length, timeoutMs: config.timeout * 1000 });
  let requests = 0;
  const finish = (message: CommitMessage, stage: Stage): GenerationResult => {
    root.end({ stage, requests });
    return { message, stage, requests };
  };
  try {
    const model = await resolveModel(options.model, root);
    const countRequests = (count: number) => (requests += count);
    const remote = model === undefined ? undefined : await runRemoteStages({ options, model, deadline, now, root, countRequests });
    if (remote !== undefined) return finish(remote.message, remote.stage);
    if (signal?.aborted) throw cancelled(signal);
    const span = root.child('local');
    const message = options.local();
    span.end();
    return finish(message, 'local');
  } catch (error) {
    root.end({ error: describeError(error), requests });
    throw error;
  }
}
