// The single-step stage (one request over the whole prepared diff), and what every remote stage shares: its context, a traced call, picking.
import type { LanguageModel } from 'ai';
import type { z } from 'zod';
import type { Cache } from '../../cache/disk-cache.js';
import type { Config } from '../../config/schema.js';
import type { PreparedDiff } from '../../diff/prepared.js';
import type { CallEvent, CallResult } from '../../engines/remote/call.js';
import { callStructured } from '../../engines/remote/call.js';
import { buildDirectPrompt } from '../../engines/remote/prompts.js';
import type { Candidate } from '../../engines/remote/schemas.js';
import { candidatesSchema } from '../../engines/remote/schemas.js';
import type { CommitMessage } from '../../engines/message.js';
import type { RankedAnalysis } from '../score.js';
import { rankAnalyses } from '../score.js';
import { CANDIDATES_SCHEMA_NAME } from '../plan.js';
import { selectCandidate } from '../select.js';
import type { Span, TraceAttrs } from '../trace.js';

export interface StageContext {
  prepared: PreparedDiff;
  config: Config;
  history: string[];
  model: LanguageModel;
  cache: Cache;
  signal?: AbortSignal;
  /** Epoch milliseconds by which this stage must be done. */
  deadline: number;
  now: () => number;
  span: Span;
  /** Told how many HTTP requests each call sent (first attempts and retries). */
  countRequests: (count: number) => void;
}

/** The most top-impact files selection checks a candidate's coverage against. */
export const TOP_FILES = 5;

/** Every candidate was invalid: the stage failed, the next one takes over. */
export class NoValidCandidateError extends Error {
  override readonly name = 'NoValidCandidateError';
}

export interface TracedCall<S extends z.ZodType> {
  name: string;
  attrs?: TraceAttrs;
  system: string;
  prompt: string;
  schema: S;
  schemaName: string;
  /** Defaults to the stage's span, signal and deadline. */
  span?: Span;
  signal?: AbortSignal;
  deadline?: number;
  onEvent?: (event: CallEvent) => void;
}

/** Attempts of a failed call: DeadlineError and SchemaMismatchError know them; otherwise one per retry announced, plus the first. */
function attemptsOf(error: unknown, retries: number): number {
  const attempts = (error as { attempts?: unknown } | null)?.attempts;
  return typeof attempts === 'number' ? attempts : retries + 1;
}

/** callStructured with one trace span per request (tokens, latency, attempts) and every attempt counted. */
export async function callTraced<S extends z.ZodType>(ctx: StageContext, call: TracedCall<S>): Promise<CallResult<z.output<S>>> {
  const span = (call.span ?? ctx.span).child(call.name, call.attrs);
  let retries = 0;
  try {
    const result = await callStructured({
      model: ctx.model,
      system: call.system,
      prompt: call.prompt,
      schema: call.schema,
      schemaName: call.schemaName,
      signal: call.signal ?? ctx.signal,
      deadline: call.deadline ?? ctx.deadline,
      now: ctx.now,
      onEvent: (event) => {
        if (event.type === 'retry') retries += 1;
        call.onEvent?.(event);
      },
    });
    ctx.countRequests(result.attempts);
    const { inputTokens, outputTokens } = result.usage;
    span.end({ tokensIn: inputTokens, tokensOut: outputTokens, attempts: result.attempts, latencyMs: Math.round(result.latencyMs) });
    return result;
  } catch (error) {
    const attempts = attemptsOf(error, retries);
    ctx.countRequests(attempts);
    span.end({ attempts, error: error instanceof Error ? error.name : 'error' });
    throw error;
  }
}

/** The best valid candidate, judged against the highest-impact files; throws NoValidCandidateError when none is valid. */
export function pickMessage(ctx: StageContext, candidates: readonly Candidate[], ranked: readonly RankedAnalysis[]): CommitMessage {
  const { config } = ctx;
  const topFiles = ranked.slice(0, TOP_FILES).map(({ path, symbols }) => ({ path, symbols }));
  const span = ctx.span.child('select', { candidates: candidates.length });
  const message = selectCandidate({ candidates, style: config.style, maxLength: config.maxCommitLength, topFiles });
  span.end({ valid: message !== undefined });
  if (message === undefined) throw new NoValidCandidateError(`None of the model's ${candidates.length} candidates was a valid commit message.`);
  if (!config.body) delete message.body;
  return message;
}

/** One request over the whole prepared diff, asking for config.candidates candidates; the fast path is this request. */
export async function runSingleStep(ctx: StageContext): Promise<CommitMessage> {
  const { prepared, config } = ctx;
  const { system, prompt } = buildDirectPrompt({
    prepared,
    style: config.style,
    maxLength: config.maxCommitLength,
    candidates: config.candidates,
    body: config.body,
    history: ctx.history,
  });
  const result = await callTraced(ctx, {
    name: 'generate',
    attrs: { chunks: prepared.chunks.length, diffTokens: prepared.budget.used },
    system,
    prompt,
    schema: candidatesSchema,
    schemaName: CANDIDATES_SCHEMA_NAME,
  });
  return pickMessage(ctx, result.value.candidates, rankAnalyses({ files: prepared.files, analyses: [] }));
}
