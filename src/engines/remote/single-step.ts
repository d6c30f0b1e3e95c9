// The single-step stage (one request over the whole prepared diff), and what every remote stage shares: its context, a traced call, picking.
import type { LanguageModel } from 'ai';
import type * as z from 'zod';
import type { Cache } from '../../cache/disk-cache.js';
import { cacheKey } from '../../cache/key.js';
import type { ResolvedConfig } from '../../config/schema.js';
import type { ProgressListener } from '../../pipeline/progress.js';
import type { PreparedDiff } from '../../diff/prepared.js';
import type { CallEvent, CallResult } from '../../providers/call.js';
import { callStructured, callText } from '../../providers/call.js';
import type { MessageOptions } from './prompts.js';
import { schemaText } from './request-fit.js';
import { fitDirectPrompt } from './stage-prompts.js';
import { providerOfModel } from '../../providers/provider.js';
import { readCachedCandidates, type Candidate } from '../../providers/answer-shapes.js';
import { hasNativeChoices } from '../../providers/choices.js';
import { streamDraft } from './draft.js';
import { parsePlainCandidate } from './plain-message.js';
import type { CommitMessage } from '../message.js';
import type { RankedAnalysis } from './score.js';
import { rankAnalyses } from './score.js';
import { rankCandidates } from './select.js';
import type { Span, TraceAttrs } from '../../debug/trace.js';

export interface StageContext {
  prepared: PreparedDiff;
  config: ResolvedConfig;
  history: string[];
  /** The repository's rules and instructions for the writer's prompt. */
  guidance?: readonly string[];
  model: LanguageModel;
  cache: Cache;
  signal?: AbortSignal;
  /** Epoch milliseconds by which this stage must be done. */
  deadline: number;
  now: () => number;
  span: Span;
  /** Told how many HTTP requests each call sent (first attempts and retries). */
  countRequests: (count: number) => void;
  /** Phases and the message's text as it streams, for the caller. */
  onProgress?: ProgressListener;
  /** Stream the message request and send its text to onProgress as it comes (a terminal shows it). */
  streamDraft?: boolean;
  /** Given the other valid candidates, best first, when a message is picked. */
  keepAlternatives?: (alternatives: CommitMessage[]) => void;
}

/** The most top-impact files selection checks a candidate's coverage against. */
export const TOP_FILES = 5;

/** Every candidate was invalid: the stage failed, the next one takes over. */
export class NoValidCandidateError extends Error {
  override readonly name = 'NoValidCandidateError';
}

/** How a traced call's answer is asked for: a schema's JSON object, or plain text and its reader. */
export type AnswerSpec<T> =
  { schema: z.ZodType<T>; schemaName: string } | { answerName: string; read: (text: string) => T | undefined };

export interface TracedCall<T> {
  name: string;
  attrs?: TraceAttrs;
  system: string;
  prompt: string;
  answer: AnswerSpec<T>;
  /** Defaults to the stage's span, signal and deadline. */
  span?: Span;
  signal?: AbortSignal;
  deadline?: number;
  /** Completions in this one request, where the provider decodes several side by side (see providers/choices.ts). */
  completions?: number;
  /** Streams the answer: each partial answer (the text so far, or the partial object) as it arrives, with its attempt. */
  onPartial?: (partial: unknown, attempt: number) => void;
  onEvent?: (event: CallEvent) => void;
}

/** Attempts of a failed call: DeadlineError and SchemaMismatchError know them; otherwise one per retry announced, plus the first. */
function attemptsOf(error: unknown, retries: number): number {
  const attempts = (error as { attempts?: unknown } | null)?.attempts;
  return typeof attempts === 'number' ? attempts : retries + 1;
}

/** One model call with one trace span per request (tokens, latency, attempts) and every attempt counted. */
export async function callTraced<T>(ctx: StageContext, call: TracedCall<T>): Promise<CallResult<T>> {
  const span = (call.span ?? ctx.span).child(call.name, call.attrs);
  let retries = 0;
  try {
    const common = {
      model: ctx.model,
      system: call.system,
      prompt: call.prompt,
      signal: call.signal ?? ctx.signal,
      deadline: call.deadline ?? ctx.deadline,
      contextWindow: ctx.config.contextWindow,
      completions: call.completions,
      onPartial: call.onPartial,
      now: ctx.now,
      onEvent: (event: CallEvent) => {
        if (event.type === 'retry') retries += 1;
        call.onEvent?.(event);
      },
    };
    const { answer } = call;
    const result =
      'schema' in answer ? await callStructured({ ...common, ...answer }) : await callText({ ...common, ...answer });
    ctx.countRequests(result.attempts);
    const { inputTokens, outputTokens } = result.usage;
    span.end({
      tokensIn: inputTokens,
      tokensOut: outputTokens,
      attempts: result.attempts,
      latencyMs: Math.round(result.latencyMs),
    });
    return result;
  } catch (error) {
    const attempts = attemptsOf(error, retries);
    ctx.countRequests(attempts);
    span.end({ attempts, error: error instanceof Error ? error.name : 'error' });
    throw error;
  }
}

/** The message request's answer: plain text, read as one candidate (no JSON to decode: fewer output tokens). */
export const MESSAGE_ANSWER: AnswerSpec<Candidate> = { answerName: 'commit message', read: parsePlainCandidate };

/**
 * The cache key of an answer: everything the model receives (provider, model, system, prompt, the schema with its
 * descriptions or that it is plain text, the number of completions), so any change to a prompt's wording is a new
 * key by itself.
 */
export function answerKey(
  ctx: StageContext,
  call: { kind: string; system: string; prompt: string; schema?: z.ZodType; completions?: number },
): string {
  const identity = providerOfModel(ctx.model);
  return cacheKey({
    kind: call.kind,
    provider: ctx.config.provider ?? identity.provider ?? 'unknown',
    model: identity.modelId,
    system: call.system,
    prompt: call.prompt,
    schema: call.schema === undefined ? 'plain text' : schemaText(call.schema),
    completions: call.completions ?? 1,
  });
}

/**
 * The message request, answered from the cache when the very same request was answered before: identical staged
 * changes make no request. `--no-cache` skips it. Each completion is one plain-text message.
 */
export async function requestCandidates(
  ctx: StageContext,
  call: { name: string; attrs?: TraceAttrs; system: string; prompt: string },
): Promise<Candidate[]> {
  const completions = Math.max(1, ctx.config.candidates);
  const key = answerKey(ctx, { kind: 'message', system: call.system, prompt: call.prompt, completions });
  const cached = readCachedCandidates(await ctx.cache.get<unknown>(key)); // a corrupt or older entry is a miss
  if (cached !== undefined) {
    ctx.span.child(call.name, { ...call.attrs, cacheHit: true }).end();
    return cached;
  }
  const request = { ...call, answer: MESSAGE_ANSWER };
  if (completions === 1) {
    const { onProgress } = ctx;
    const onPartial =
      ctx.streamDraft && onProgress ? streamDraft({ withBody: ctx.config.body, emit: onProgress }) : undefined;
    const result = await callTraced(ctx, { ...request, onPartial });
    const candidates = [result.value];
    await ctx.cache.set(key, { candidates });
    return candidates;
  }
  // Several candidates are decoded side by side, so they cost the time of one: as the completions of one request
  // (`n`, `candidateCount`: the input billed once), else as concurrent requests.
  const answers: Candidate[] = [];
  if (hasNativeChoices(providerOfModel(ctx.model).provider)) {
    const result = await callTraced(ctx, { ...request, attrs: { ...call.attrs, choices: completions }, completions });
    answers.push(...result.values.slice(0, completions));
    // A server that ignores `n` (some OpenAI-compatible ones) answers one: the rest are asked for side by side.
    if (answers.length < completions)
      ctx.span.child('choices', { asked: completions, answered: answers.length, rest: 'concurrent requests' }).end();
  }
  const rest = completions - answers.length;
  const settled = await Promise.allSettled(
    Array.from({ length: rest }, (_unused, index) =>
      callTraced(ctx, { ...request, name: `${call.name} ${answers.length + index + 1}/${completions}` }),
    ),
  );
  answers.push(...settled.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value.value] : [])));
  if (answers.length === 0) throw (settled[0] as PromiseRejectedResult).reason;
  if (answers.length === completions) await ctx.cache.set(key, { candidates: answers });
  return answers;
}

/** The best valid candidate, judged against the highest-impact files; throws NoValidCandidateError when none is valid. */
export function pickMessage(
  ctx: StageContext,
  candidates: readonly Candidate[],
  ranked: readonly RankedAnalysis[],
): CommitMessage {
  const { config } = ctx;
  const topFiles = ranked.slice(0, TOP_FILES).map(({ path, symbols }) => ({ path, symbols }));
  const span = ctx.span.child('select', { candidates: candidates.length });
  const valid = rankCandidates({ candidates, style: config.style, maxLength: config.maxCommitLength, topFiles });
  if (!config.body) for (const message of valid) delete message.body;
  const [message, ...alternatives] = valid;
  span.end({ valid: valid.length });
  if (message === undefined)
    throw new NoValidCandidateError(`None of the model's ${candidates.length} candidates was a valid commit message.`);
  ctx.keepAlternatives?.(alternatives);
  return message;
}

/** The writing prompt's options from the config and the repository, the same for every remote stage. */
export function promptOptionsOf(ctx: StageContext): MessageOptions {
  const { config } = ctx;
  return {
    style: config.style,
    maxLength: config.maxCommitLength,
    body: config.body,
    history: ctx.history,
    guidance: ctx.guidance,
    language: config.language,
    instruction: config.instruction,
  };
}

/** One request over the whole prepared diff, asking for config.candidates plain-text messages; the fast path is this request. */
export async function runSingleStep(ctx: StageContext): Promise<CommitMessage> {
  const { prepared, config } = ctx;
  const { system, prompt } = await fitDirectPrompt({ ...promptOptionsOf(ctx), prepared }, config);
  ctx.onProgress?.({ type: 'phase', phase: 'writing', total: prepared.files.length });
  const candidates = await requestCandidates(ctx, {
    name: 'generate',
    attrs: { chunks: prepared.chunks.length, diffTokens: prepared.budget.used },
    system,
    prompt,
  });
  return pickMessage(ctx, candidates, rankAnalyses({ files: prepared.files, analyses: [] }));
}
