// The multi-step stage on its own: concurrent cached analyses, partial failures, rate limits, one generate request.
import { describe, expect, it } from 'vitest';
import { isUserError } from '../../../src/errors.js';
import {
  AnalysisFailedError,
  MAX_GENERATE_FILES,
  analyseChunks,
  fitAnalyses,
  runMultiStep,
} from '../../../src/engines/remote/multi-step.js';
import type { RankedAnalysis } from '../../../src/engines/remote/score.js';
import type { ProviderServer } from '../../support/provider-server.js';
import { isAnalysisRequest, isGenerateRequest, largeChange } from './fixtures.js';
import { makeStageContext, useTestResources } from './context.js';

const { start, tempCache } = useTestResources();
const analyses = (server: ProviderServer) => server.requests.filter((request) => isAnalysisRequest(request.normalized));
const generates = (server: ProviderServer) =>
  server.requests.filter((request) => isGenerateRequest(request.normalized));
const slow = (baseMs: number) => ({ latency: { baseMs, perInputKTokensMs: 0, perOutputTokenMs: 0 } });
const inChunk0 = (request: { messages: { content: string }[] }) =>
  request.messages[0]?.content.includes('b/src/mod0/') ?? false;

describe('runMultiStep', () => {
  it('analyses the chunks concurrently and generates once, after every analysis: two round trips', async () => {
    const server = await start(slow(80));
    const { ctx, trace, counted } = await makeStageContext({
      server,
      prepared: largeChange(6),
      config: { concurrency: 4 },
    });
    const message = await runMultiStep(ctx);
    expect(message).toMatchObject({ type: 'feat', scope: 'mod4', subject: 'add runPart4 to mod4' });
    expect(analyses(server)).toHaveLength(3);
    expect(generates(server)).toHaveLength(1);
    expect(counted()).toBe(4);
    expect(server.maxInFlight).toBeGreaterThan(1);
    expect(server.maxInFlight).toBeLessThanOrEqual(4);
    expect(server.requests.at(-1)).toMatchObject({ inFlightAtStart: 1 });
    expect(isGenerateRequest(server.requests.at(-1)?.normalized)).toBe(true);
    expect(trace.render()).toMatch(/analyse .*chunks=3 cacheHits=0 concurrency=4 waves=1/);
  });

  it('keeps at most `concurrency` requests in flight when the chunks need several waves', async () => {
    const server = await start(slow(30));
    const { ctx, trace } = await makeStageContext({ server, prepared: largeChange(10), config: { concurrency: 2 } });
    await runMultiStep(ctx);
    expect(analyses(server)).toHaveLength(5);
    expect(server.maxInFlight).toBeLessThanOrEqual(2);
    expect(server.requests.at(-1)).toMatchObject({ inFlightAtStart: 1 });
    expect(trace.render()).toMatch(/waves=3/);
  });

  it('sends one request at a time when parallel-api-calls is off', async () => {
    const server = await start(slow(20));
    const { ctx } = await makeStageContext({
      server,
      prepared: largeChange(6),
      config: { parallelApiCalls: false, concurrency: 8 },
    });
    await runMultiStep(ctx);
    expect(server.requests).toHaveLength(4);
    expect(server.maxInFlight).toBe(1);
  });

  it('reuses cached analyses and the cached answer to the same generate request: the second run sends nothing', async () => {
    const server = await start();
    const cache = await tempCache();
    const first = await runMultiStep((await makeStageContext({ server, prepared: largeChange(6), cache })).ctx);
    server.reset();
    const { ctx, trace, counted } = await makeStageContext({ server, prepared: largeChange(6), cache });
    expect(await runMultiStep(ctx)).toEqual(first);
    expect(counted()).toBe(0);
    expect(server.requests).toHaveLength(0);
    expect(trace.render()).toMatch(/analyse .*cacheHits=3/);
    expect(trace.render()).toMatch(/generate .*cacheHit=true/);
  });

  it('re-analyses only the chunk whose text changed', async () => {
    const server = await start();
    const cache = await tempCache();
    await runMultiStep((await makeStageContext({ server, prepared: largeChange(6), cache })).ctx);
    server.reset();
    await runMultiStep((await makeStageContext({ server, prepared: largeChange(6, { 1: 'v2' }), cache })).ctx);
    expect(analyses(server)).toHaveLength(1);
    expect(analyses(server)[0]?.normalized?.messages[0]?.content).toContain("base('v2')");
    // this responder's analysis of the changed chunk reads as before, so the generate request is the same one: cached
    expect(generates(server)).toHaveLength(0);
  });

  it('does not reuse analyses made by another model', async () => {
    const server = await start();
    const cache = await tempCache();
    await runMultiStep((await makeStageContext({ server, prepared: largeChange(6), cache })).ctx);
    server.reset();
    await runMultiStep(
      (await makeStageContext({ server, prepared: largeChange(6), cache, config: { model: 'other-model' } })).ctx,
    );
    expect(analyses(server)).toHaveLength(3);
  });

  it('goes on with the analyses that succeeded, describing the failed chunk from its listing', async () => {
    const server = await start({ faults: [{ match: inChunk0, status: 500, retryAfter: 0, times: 100 }] });
    const { ctx } = await makeStageContext({ server, prepared: largeChange(8) });
    await runMultiStep(ctx);
    const prompt = generates(server)[0]?.normalized?.messages[0]?.content ?? '';
    expect(prompt).toContain('src/mod0/part0.ts (modified, +40 -2');
    expect(prompt).toContain('modified source file (+40 -2)');
    expect(prompt).toContain('Symbols: runPart2');
  });

  it('fails when more than half of the chunks cannot be analysed', async () => {
    const server = await start({
      faults: [
        {
          match: (request) => !request.messages[0]?.content.includes('b/src/mod4/'),
          status: 500,
          retryAfter: 0,
          times: 100,
        },
      ],
    });
    const { ctx } = await makeStageContext({ server, prepared: largeChange(6) });
    await expect(runMultiStep(ctx)).rejects.toBeInstanceOf(AnalysisFailedError);
    expect(generates(server)).toHaveLength(0);
  });

  it('halves the concurrency after two rate-limited answers', async () => {
    const server = await start({ faults: [{ match: isAnalysisRequest, status: 429, retryAfter: 0, times: 2 }] });
    const { ctx, trace, counted } = await makeStageContext({
      server,
      prepared: largeChange(16),
      config: { concurrency: 4 },
    });
    await runMultiStep(ctx);
    expect(server.requests.filter((request) => request.status === 429)).toHaveLength(2);
    expect(counted()).toBe(8 + 2 + 1);
    expect(trace.render()).toMatch(/analyse .*rateLimited=2 finalConcurrency=2/);
  });

  it('stops queued analyses after an auth error and rethrows it', async () => {
    const server = await start();
    const { ctx } = await makeStageContext({
      server,
      prepared: largeChange(10),
      config: { concurrency: 2 },
      apiKey: 'sk-wrong-000000',
    });
    const error = await analyseChunks(ctx).catch((caught: unknown) => caught);
    expect(isUserError(error) && error.code).toBe('PROVIDER_AUTH');
    // The two in flight may or may not reach the server before the abort; the three queued never start.
    expect(server.requests.length).toBeLessThanOrEqual(2);
  });
});

function ranked(count: number, summaryLength = 20): RankedAnalysis[] {
  return Array.from({ length: count }, (_, index) => ({
    path: `src/f${index}.ts`,
    summary: 'x'.repeat(summaryLength),
    kind: 'feat' as const,
    significance: 0.5,
    symbols: [],
    impact: 1 - index / 100,
    additions: 1,
    deletions: 0,
    status: 'modified' as const,
  }));
}

describe('fitAnalyses', () => {
  it.each([
    ['all when they fit', ranked(5), 1000, 5],
    ['the top ones within the budget', ranked(10, 100), 100, 2],
    ['at least the top one', ranked(3, 4000), 10, 1],
    [`at most ${MAX_GENERATE_FILES}`, ranked(100), 100_000, MAX_GENERATE_FILES],
    ['none of none', ranked(0), 100, 0],
  ])('keeps %s', (_name, analyses, budget, expected) => {
    const fitted = fitAnalyses(analyses, budget);
    expect(fitted).toHaveLength(expected);
    expect(fitted).toEqual(analyses.slice(0, expected));
  });
});
