// The multi-step stage: analyse every chunk concurrently (cached), score locally, generate once, select locally.
import type { PreparedChunk } from '../../diff/prepared.js';
import { fitAnalysisPrompt } from './stage-prompts.js';
import { isUserError } from '../../errors.js';
import { createLimiter } from '../../providers/limiter.js';
import { buildGeneratePrompt } from './prompts.js';
import type { FileAnalysis } from '../../providers/answer-shapes.js';
import type { CommitMessage } from '../message.js';
import type { RankedAnalysis } from './score.js';
import { rankAnalyses } from './score.js';
import type { StageContext } from './single-step.js';
import { readPlainAnalysis } from './plain-analysis.js';
import { answerKey, callTraced, pickMessage, promptOptionsOf, requestCandidates } from './single-step.js';

/** Share of the stage's time the analyses may use; the rest is the generate request's. */
export const ANALYSIS_SHARE = 0.6;
/** Rate-limited answers (429) seen before the limiter's concurrency is halved, and again after each such many. */
export const RATE_LIMITS_PER_LOWERING = 2;
/** Most file summaries sent to the generate request, however small. */
export const MAX_GENERATE_FILES = 40;

/** More than half of the chunks could not be analysed: too little to write a message from. */
export class AnalysisFailedError extends Error {
  override readonly name = 'AnalysisFailedError';
}

interface ChunkJob {
  chunk: PreparedChunk;
  system: string;
  prompt: string;
  key: string;
}

function estimateTokens(analysis: RankedAnalysis): number {
  return Math.ceil((analysis.path.length + analysis.summary.length + analysis.symbols.join(', ').length + 48) / 4);
}

/** The highest-impact analyses whose summaries fit the content budget (at least one); the listing names the rest. */
export function fitAnalyses(ranked: readonly RankedAnalysis[], budgetTokens: number): RankedAnalysis[] {
  const fitted: RankedAnalysis[] = [];
  let used = 0;
  for (const analysis of ranked.slice(0, MAX_GENERATE_FILES)) {
    used += estimateTokens(analysis);
    if (fitted.length > 0 && used > budgetTokens) break;
    fitted.push(analysis);
  }
  return fitted;
}

async function readCached(ctx: StageContext, key: string): Promise<FileAnalysis[] | undefined> {
  const { analysisSchema } = await import('../../providers/schemas.js'); // zod, off the fast path
  const parsed = analysisSchema.safeParse(await ctx.cache.get<unknown>(key));
  return parsed.success ? parsed.data.files : undefined;
}

/** Each chunk's analysis from the cache or one request (through the limiter); fails only when more than half fail. */
export async function analyseChunks(ctx: StageContext): Promise<FileAnalysis[]> {
  const { prepared, config } = ctx;
  const jobs: ChunkJob[] = await Promise.all(
    prepared.chunks.map(async (chunk) => {
      const { system, prompt } = await fitAnalysisPrompt({ chunk, prepared, config });
      return {
        chunk,
        system,
        prompt,
        // From the very text sent (plain text, no schema): a reworded prompt is a new key by itself.
        key: answerKey(ctx, { kind: 'analysis', system, prompt }),
      };
    }),
  );
  const cached = await Promise.all(jobs.map((job) => readCached(ctx, job.key)));
  const misses = jobs.filter((_job, index) => cached[index] === undefined);
  const concurrency = config.parallelApiCalls ? config.concurrency : 1;
  const span = ctx.span.child('analyse', {
    chunks: jobs.length,
    cacheHits: jobs.length - misses.length,
    concurrency,
    waves: Math.ceil(misses.length / concurrency),
  });
  // A user error (bad key) stops the other requests at once: the run ends with that one error.
  const stop = new AbortController();
  const signal = ctx.signal === undefined ? stop.signal : AbortSignal.any([ctx.signal, stop.signal]);
  const limiter = createLimiter({ concurrency, signal });
  // Whole milliseconds: callStructured turns the time left into an AbortSignal.timeout, which takes integers only.
  const deadline = Math.floor(ctx.now() + ANALYSIS_SHARE * (ctx.deadline - ctx.now()));
  let rateLimited = 0;
  const onEvent = (event: { type: string }): void => {
    if (event.type !== 'rate-limited') return;
    rateLimited += 1;
    if (rateLimited % RATE_LIMITS_PER_LOWERING === 0) limiter.lower();
  };
  // Progress in files: those of chunks answered so far (the cache's first), of every file in a chunk.
  const total = jobs.reduce((sum, job) => sum + job.chunk.files.length, 0);
  const cacheHits = jobs.reduce(
    (sum, job, index) => sum + (cached[index] === undefined ? 0 : job.chunk.files.length),
    0,
  );
  let done = cacheHits;
  ctx.onProgress?.({ type: 'phase', phase: 'analysing', done, total, cacheHits });
  const settled = await Promise.allSettled(
    misses.map(async ({ chunk, system, prompt, key }) => {
      const queuedAt = ctx.now();
      try {
        const result = await limiter.run((runSignal) => {
          const attrs = { id: chunk.id, files: chunk.files.length, queuedMs: Math.round(ctx.now() - queuedAt) };
          const call = {
            name: `chunk ${chunk.id}`,
            attrs,
            span,
            system,
            prompt,
            answer: { answerName: 'file analyses', read: (text: string) => readPlainAnalysis(text, chunk.files) },
          };
          return callTraced(ctx, { ...call, signal: runSignal, deadline, onEvent });
        });
        await ctx.cache.set(key, result.value);
        done += chunk.files.length;
        ctx.onProgress?.({ type: 'phase', phase: 'analysing', done, total, cacheHits });
        return result.value.files;
      } catch (error) {
        if (isUserError(error)) stop.abort(error);
        throw error;
      }
    }),
  );
  const failures = settled.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
  const userError = failures.find(isUserError);
  span.end({ failed: failures.length, rateLimited, finalConcurrency: limiter.limit, maxInFlight: limiter.maxInFlight });
  if (userError !== undefined) throw userError;
  ctx.signal?.throwIfAborted();
  if (failures.length * 2 > jobs.length) {
    throw new AnalysisFailedError(`${failures.length} of ${jobs.length} chunks could not be analysed.`, {
      cause: failures[0],
    });
  }
  const fresh = settled.flatMap((outcome) => (outcome.status === 'fulfilled' ? outcome.value : []));
  return [...cached.flatMap((files) => files ?? []), ...fresh];
}

export async function runMultiStep(ctx: StageContext): Promise<CommitMessage> {
  const { prepared } = ctx;
  const analyses = await analyseChunks(ctx);
  const scoring = ctx.span.child('score', { files: prepared.files.length, analysed: analyses.length });
  const ranked = rankAnalyses({ files: prepared.files, analyses });
  const fitted = fitAnalyses(ranked, prepared.budget.content);
  scoring.end({ sent: fitted.length });
  const { system, prompt } = buildGeneratePrompt({
    analyses: fitted,
    listing: prepared.listing,
    ...promptOptionsOf(ctx),
  });
  const attrs = { files: fitted.length, omitted: ranked.length - fitted.length };
  ctx.onProgress?.({ type: 'phase', phase: 'writing', total: prepared.files.length });
  const candidates = await requestCandidates(ctx, { name: 'generate', attrs, system, prompt });
  return pickMessage(ctx, candidates, ranked);
}
