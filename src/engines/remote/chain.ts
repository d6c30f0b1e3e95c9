// The remote generation under one deadline: fast path, or multi-step then single-step, and the offline engine last.
import type { LanguageModel } from 'ai';
import type { Cache } from '../../cache/disk-cache.js';
import type { ResolvedConfig } from '../../config/schema.js';
import type { PreparedDiff } from '../../diff/prepared.js';
import { UserError, isUserError } from '../../errors.js';
import type { CommitMessage } from '../message.js';
import type { Fallback } from '../../pipeline/events.js';
import type { ProgressListener } from '../../pipeline/progress.js';
import { planStages, type RemoteStage } from './plan.js';
import { runFastPath } from './fast-path.js';
import { runMultiStep } from './multi-step.js';
import type { StageContext } from './single-step.js';
import { runSingleStep } from './single-step.js';
import type { Span, Trace } from '../../debug/trace.js';
import { createTrace } from '../../debug/trace.js';
import { StageSkipped, describeFailure } from './failure.js';
import { writeBehind } from './write-behind.js';

export type Stage = RemoteStage | 'local';

export interface GenerateWithFallbackOptions {
  prepared: PreparedDiff;
  config: ResolvedConfig;
  history: string[];
  /** The repository's rules and instructions for the writer's prompt. */
  guidance?: readonly string[];
  model: LanguageModel | (() => Promise<LanguageModel>);
  cache: Cache;
  /** The offline engine, always available (unless config.engine is 'remote'). */
  local: () => CommitMessage | Promise<CommitMessage>;
  signal?: AbortSignal;
  /** Epoch milliseconds (the deadline is passed on to the requests as such). */
  now?: () => number;
  trace?: Trace;
  /** The provider's name in words ('openai'), for the fallback line. */
  providerName?: string;
  onProgress?: ProgressListener;
  /** Stream the message request, its text sent to onProgress as it comes (for a terminal). */
  streamDraft?: boolean;
}

export interface GenerationResult {
  message: CommitMessage;
  stage: Stage;
  /** HTTP requests sent, retries included. */
  requests: number;
  /** The other valid candidates, best first (several only when config.candidates > 1). */
  alternatives: CommitMessage[];
  /** Set when a stage failed and another one, or the offline engine, wrote the message. */
  fallback?: Fallback;
  /**
   * Settles when the stages' cache writes have (see write-behind.ts): they go on while the caller finishes the
   * message, and the caller awaits this before it returns.
   */
  stored: Promise<void>;
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

/** The model, or the error that kept it from being made for a reason the user cannot fix (the local engine answers). */
async function resolveModel(
  model: GenerateWithFallbackOptions['model'],
  span: Span,
): Promise<LanguageModel | { failed: unknown }> {
  if (typeof model !== 'function') return model;
  try {
    return await model();
  } catch (error) {
    if (isUserError(error)) throw error;
    span.set({ modelError: describeError(error) });
    return { failed: error };
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

interface StagesOutcome {
  answered?: { message: CommitMessage; stage: RemoteStage; alternatives: CommitMessage[] };
  /** Each stage that failed or was skipped, in order. */
  failures: { stage: RemoteStage; error: unknown }[];
}

/** Tries the remote stages in order; the message and its stage, and what failed on the way. */
async function runRemoteStages(run: StageRun): Promise<StagesOutcome> {
  const { options, deadline, now, root } = run;
  const stages = planStages(options.prepared, options.config);
  const failures: StagesOutcome['failures'] = [];
  for (const [index, stage] of stages.entries()) {
    const remaining = deadline - now();
    if (remaining < MIN_STAGE_MS) {
      root.child(stage, { skipped: `${Math.round(remaining)}ms left` }).end();
      failures.push({ stage, error: new StageSkipped(`${Math.round(remaining)} ms left`) });
      return { failures };
    }
    // Whole milliseconds, as AbortSignal.timeout (used per request) takes integers only.
    const budgetMs = Math.floor(index === stages.length - 1 ? remaining : MULTI_STEP_SHARE * remaining);
    const span = root.child(stage, { budgetMs });
    let alternatives: CommitMessage[] = [];
    const ctx: StageContext = {
      prepared: options.prepared,
      config: options.config,
      history: options.history,
      guidance: options.guidance,
      model: run.model,
      cache: options.cache,
      signal: options.signal,
      deadline: Math.floor(now() + budgetMs),
      now,
      span,
      countRequests: run.countRequests,
      onProgress: options.onProgress,
      streamDraft: options.streamDraft,
      keepAlternatives: (list) => (alternatives = list),
    };
    try {
      const message = await RUNNERS[stage](ctx);
      span.end({ outcome: 'ok' });
      return { answered: { message, stage, alternatives }, failures };
    } catch (error) {
      span.end({ outcome: 'failed', error: describeError(error) });
      if (isUserError(error)) throw error;
      if (options.signal?.aborted) throw cancelled(options.signal);
      failures.push({ stage, error });
    }
  }
  return { failures };
}

export async function generateWithFallback(options: GenerateWithFallbackOptions): Promise<GenerationResult> {
  const { prepared, config, signal } = options;
  const now = options.now ?? Date.now;
  const deadline = Math.floor(now() + config.timeout * 1000);
  const root = (options.trace ?? createTrace()).span('generate', {
    files: prepared.files.length,
    chunks: prepared.chunks.length,
    timeoutMs: config.timeout * 1000,
  });
  const words = { provider: options.providerName ?? config.provider ?? 'the provider', timeoutSeconds: config.timeout };
  let requests = 0;
  const behind = writeBehind(options.cache);
  const finish = (result: Omit<GenerationResult, 'requests' | 'stored'>): GenerationResult => {
    root.end({ stage: result.stage, requests, ...(result.fallback ? { fallback: result.fallback.reason } : {}) });
    return { ...result, requests, stored: behind.flushed() };
  };
  try {
    const model = await resolveModel(options.model, root);
    const countRequests = (count: number) => (requests += count);
    const stages = { ...options, cache: behind.cache };
    const outcome: StagesOutcome =
      typeof model === 'object' && 'failed' in model
        ? { failures: [{ stage: 'single-step', error: model.failed }] }
        : await runRemoteStages({ options: stages, model, deadline, now, root, countRequests });
    const first = outcome.failures[0];
    if (outcome.answered !== undefined) {
      const { message, stage, alternatives } = outcome.answered;
      if (first === undefined) return finish({ message, stage, alternatives });
      const reason = describeFailure(first.error, words);
      const line = `git-ai: ${reason}; one request over the whole diff wrote this message`;
      return finish({ message, stage, alternatives, fallback: { from: first.stage, to: stage, reason, line } });
    }
    if (signal?.aborted) throw cancelled(signal);
    const last = outcome.failures.at(-1);
    const reason = last === undefined ? `${words.provider} wrote no message` : describeFailure(last.error, words);
    if (config.engine === 'remote') {
      throw new UserError('PROVIDER_FAILED', `The remote engine failed: ${reason}; no message was written.`, {
        hint: 'engine is remote, so the offline engine does not step in: try again, or use --engine auto to let it.',
        cause: last?.error,
      });
    }
    const span = root.child('local');
    const message = await options.local();
    span.end();
    const line = `git-ai: ${reason}; the offline engine wrote this message`;
    return finish({
      message,
      stage: 'local',
      alternatives: [],
      fallback: { from: last?.stage ?? 'remote', to: 'local', reason, line },
    });
  } catch (error) {
    root.end({ error: describeError(error), requests });
    // What the stages stored before the failure is kept for the next run.
    await behind.flushed();
    throw error;
  }
}
