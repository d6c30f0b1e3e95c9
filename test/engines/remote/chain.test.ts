// The whole remote chain against a real loopback provider server and the real AI SDK: stages, fallbacks, errors.
import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { Cache } from '../../../src/cache/disk-cache.js';
import { disabledCache } from '../../../src/cache/disk-cache.js';
import type { PreparedDiff } from '../../../src/diff/prepared.js';
import { createLanguageModel } from '../../../src/providers/provider.js';
import { UserError } from '../../../src/errors.js';
import { generateWithFallback } from '../../../src/engines/remote/chain.js';
import { createTrace } from '../../../src/debug/trace.js';
import type { ProviderServer } from '../../support/provider-server.js';
import {
  LOCAL_MESSAGE,
  isAnalysisRequest,
  isGenerateRequest,
  largeChange,
  makeConfig,
  respondLikeModel,
  smallChange,
} from './fixtures.js';
import { KEY, useTestResources } from './context.js';

const { start, tempCache } = useTestResources();

interface RunOptions {
  prepared: PreparedDiff;
  config?: Record<string, unknown>;
  cache?: Cache;
  apiKey?: string;
  signal?: AbortSignal;
}

function run(server: ProviderServer, options: RunOptions) {
  const provider = (options.config?.provider ?? 'openai-compatible') as 'openai-compatible' | 'anthropic' | 'gemini';
  const baseUrl = server.baseUrls[provider === 'openai-compatible' ? 'openai' : provider];
  const config = makeConfig({ baseUrl, apiKey: options.apiKey ?? KEY, ...options.config });
  const trace = createTrace();
  const model = () =>
    createLanguageModel({
      provider: config.provider ?? 'openai-compatible',
      model: config.model,
      apiKey: config.apiKey,
      baseUrl: config.baseUrl,
    });
  // Settled with its cache writes, as the pipeline awaits them before it answers.
  const result = generateWithFallback({
    prepared: options.prepared,
    config,
    history: ['feat(core): add the first thing'],
    model,
    cache: options.cache ?? disabledCache,
    local: () => ({ ...LOCAL_MESSAGE }),
    signal: options.signal,
    trace,
  }).then(async (outcome) => {
    await outcome.stored;
    return outcome;
  });
  return { result, trace };
}

const analyses = (server: ProviderServer) => server.requests.filter((request) => isAnalysisRequest(request.normalized));
const generates = (server: ProviderServer) =>
  server.requests.filter((request) => isGenerateRequest(request.normalized));

describe('generateWithFallback: fast path', () => {
  it('answers a small change with exactly one request and picks the candidate naming the top file', async () => {
    const server = await start();
    const { result, trace } = run(server, { prepared: smallChange() });
    const outcome = await result;
    expect(outcome.stage).toBe('fast-path');
    expect(outcome.requests).toBe(1);
    expect(server.requests).toHaveLength(1);
    expect(outcome.message).toMatchObject({ type: 'feat', scope: 'src', subject: 'add runParser to src' });
    expect(trace.render()).toMatch(/^generate .*stage=fast-path/);
  });

  it('falls straight to the local engine when every candidate is invalid', async () => {
    const server = await start({ respond: () => ({ text: 'feat: add a. Fix b.' }) });
    const outcome = await run(server, { prepared: smallChange() }).result;
    expect(outcome).toMatchObject({ stage: 'local', message: LOCAL_MESSAGE, requests: 1 });
  });
});

describe('generateWithFallback: multi-step', () => {
  it('analyses every chunk concurrently, then generates once after all analyses (two waves of round trips)', async () => {
    const server = await start({ latency: { baseMs: 80, perInputKTokensMs: 0, perOutputTokenMs: 0 } });
    const { result, trace } = run(server, { prepared: largeChange(6), config: { concurrency: 4 } });
    const outcome = await result;
    expect(outcome.stage).toBe('multi-step');
    expect(analyses(server)).toHaveLength(3);
    expect(generates(server)).toHaveLength(1);
    expect(outcome.requests).toBe(4);
    expect(server.maxInFlight).toBeGreaterThan(1);
    expect(server.maxInFlight).toBeLessThanOrEqual(4);
    // The generate request is last, and nothing else was open when it arrived.
    expect(server.requests.at(-1)).toMatchObject({ inFlightAtStart: 1 });
    expect(isGenerateRequest(server.requests.at(-1)?.normalized)).toBe(true);
    // part4 leads its chunk (significance 0.9) and is the largest such file.
    expect(outcome.message).toMatchObject({ type: 'feat', scope: 'mod4', subject: 'add runPart4 to mod4' });
    expect(trace.render()).toMatch(/analyse .*chunks=3 .*waves=1/);
  });

  it('skips the analyses when enable-multi-step is off: one single-step request', async () => {
    const server = await start();
    const outcome = await run(server, { prepared: largeChange(6), config: { enableMultiStep: false } }).result;
    expect(outcome).toMatchObject({ stage: 'single-step', requests: 1 });
    expect(generates(server)).toHaveLength(1);
  });

  it('takes one request below multi-step-min-files, multi-step from it', async () => {
    const server = await start();
    const below = await run(server, { prepared: largeChange(6), config: { multiStepMinFiles: 7 } }).result;
    expect(below).toMatchObject({ stage: 'single-step', requests: 1 });
    const from = await run(server, { prepared: largeChange(6), config: { multiStepMinFiles: 6 } }).result;
    expect(from.stage).toBe('multi-step');
  });

  it('renders the run as an indented timing tree: stage, phases, each request', async () => {
    const server = await start();
    const { result, trace } = run(server, { prepared: largeChange(6) });
    await result;
    const lines = trace.render().split('\n');
    expect(lines[0]).toMatch(
      /^generate [\d.]+ms \(\+0\.0ms\) files=6 chunks=3 timeoutMs=20000 stage=multi-step requests=4$/,
    );
    expect(lines.slice(1).map((line) => line.replace(/^( *\S+).*$/, '$1'))).toEqual([
      '  multi-step',
      '    analyse',
      '      chunk',
      '      chunk',
      '      chunk',
      '    score',
      '    generate',
      '    select',
    ]);
    expect(
      lines.filter((line) => /^ {6}chunk \d .*tokensIn=\d+ tokensOut=\d+ attempts=1 latencyMs=\d+/.test(line)),
    ).toHaveLength(3);
  });

  it('answers an identical second run from the cache: analyses and the generate request', async () => {
    const server = await start();
    const cache = await tempCache();
    const first = await run(server, { prepared: largeChange(6), cache }).result;
    server.reset();
    const second = await run(server, { prepared: largeChange(6), cache }).result;
    expect(second).toMatchObject({ stage: 'multi-step', requests: 0, message: first.message });
    expect(server.requests).toHaveLength(0);
  });

  it('sends the generate request again when the analyses it is built from changed', async () => {
    // Summaries that quote the diff, so a changed chunk gets a changed analysis.
    const server = await start({
      respond: (request) => {
        const answer = respondLikeModel(request);
        if (!isAnalysisRequest(request)) return answer;
        const salt = /base\('([^']*)'\)/.exec(request.messages.map((message) => message.content).join('\n'))?.[1] ?? '';
        // `number | kind | significance | summary | symbols`: the summary quotes the salt.
        const text = answer
          .text!.split('\n')
          .map((line) => line.replace(/^((?:[^|]*\|){3}[^|]*?) \|/, `$1 (${salt}) |`));
        return { text: text.join('\n') };
      },
    });
    const cache = await tempCache();
    await run(server, { prepared: largeChange(6), cache }).result;
    server.reset();
    const second = await run(server, { prepared: largeChange(6, { 1: 'v2' }), cache }).result;
    expect(second.stage).toBe('multi-step');
    expect(server.requests.filter((request) => isGenerateRequest(request.normalized))).toHaveLength(1);
  });
});

describe.each([
  ['anthropic', 'claude-haiku-4-5'],
  ['gemini', 'gemini-2.5-flash'],
])('generateWithFallback with the %s protocol', (provider, model) => {
  it('takes the fast path in one request', async () => {
    const server = await start();
    const outcome = await run(server, { prepared: smallChange(), config: { provider, model } }).result;
    expect(outcome).toMatchObject({ stage: 'fast-path', requests: 1, message: { subject: 'add runParser to src' } });
    expect(server.requests.map((request) => request.provider)).toEqual([provider]);
  });

  it('runs multi-step with one request per chunk and one generate', async () => {
    const server = await start();
    const outcome = await run(server, { prepared: largeChange(6), config: { provider, model } }).result;
    expect(outcome).toMatchObject({ stage: 'multi-step', requests: 4, message: { scope: 'mod4' } });
    expect(analyses(server)).toHaveLength(3);
    expect(server.requests.at(-1)).toMatchObject({ inFlightAtStart: 1, model });
  });
});

describe('generateWithFallback: fallbacks', () => {
  it('answers with single-step when every analysis fails with 500', async () => {
    const server = await start({ faults: [{ match: isAnalysisRequest, status: 500, retryAfter: 0, times: 1000 }] });
    const outcome = await run(server, { prepared: largeChange(6) }).result;
    expect(outcome.stage).toBe('single-step');
    expect(generates(server)).toHaveLength(1);
    expect(generates(server)[0]?.normalized?.messages[0]?.content).toContain('<diff>');
  });

  it('falls to single-step when the generate answer is malformed twice', async () => {
    const server = await start({ faults: [{ match: isGenerateRequest, status: 200, malformed: true, times: 2 }] });
    const outcome = await run(server, { prepared: largeChange(6) }).result;
    expect(outcome.stage).toBe('single-step');
    expect(analyses(server)).toHaveLength(3);
    expect(generates(server)).toHaveLength(3);
    expect(outcome.requests).toBe(6);
  });

  it('ends with the local engine when every request fails', async () => {
    const server = await start({ faults: [{ status: 503, retryAfter: 0, times: 1000 }] });
    const outcome = await run(server, { prepared: largeChange(6) }).result;
    expect(outcome).toMatchObject({ stage: 'local', message: LOCAL_MESSAGE });
    expect(outcome.requests).toBe(server.requests.length);
  });

  it('ends with the local engine within the deadline when the server hangs', async () => {
    const server = await start({ faults: [{ status: 200, hang: true, times: 1000 }] });
    const { result, trace } = run(server, { prepared: largeChange(6), config: { timeout: 0.5 } });
    const outcome = await result;
    expect(outcome).toMatchObject({ stage: 'local', message: LOCAL_MESSAGE });
    expect(server.requests.length).toBeGreaterThanOrEqual(4);
    await expect.poll(() => server.requests.every((request) => request.aborted)).toBe(true);
    expect(trace.render()).toMatch(/multi-step .*outcome=failed[\s\S]*single-step .*outcome=failed[\s\S]*local/);
  });

  it('answers locally without a request when the time left is too short for one', async () => {
    const server = await start();
    const { result, trace } = run(server, { prepared: largeChange(6), config: { timeout: 0.1 } });
    expect(await result).toMatchObject({ stage: 'local', requests: 0 });
    expect(server.requests).toHaveLength(0);
    expect(trace.render()).toMatch(/multi-step .*skipped=/);
  });

  it('falls back to local when the fast path request fails (no single-step retry of the same request)', async () => {
    const server = await start({ faults: [{ status: 500, retryAfter: 0, times: 1000 }] });
    const outcome = await run(server, { prepared: smallChange() }).result;
    expect(outcome.stage).toBe('local');
    expect(generates(server).length).toBe(server.requests.length);
  });
});

describe('generateWithFallback: one line for every fallback', () => {
  const OFFLINE = '; the offline engine wrote this message';
  it.each([
    ['a 503', { status: 503, retryAfter: 0, times: 1000 }, {}, 'openai-compatible answered 503 Service Unavailable'],
    [
      'a 429',
      { status: 429, retryAfter: 0, times: 1000 },
      { timeout: 3 },
      'openai-compatible answered 429 Too Many Requests',
    ],
    [
      'an answer with no commit header in it',
      { status: 200, malformed: true, times: 1000 },
      {},
      "openai-compatible's answer held no valid commit message",
    ],
    [
      "a 400 in the provider's own words",
      {
        status: 400,
        times: 1000,
        body: JSON.stringify({ error: { message: "This model's maximum context length is 8192 tokens.\u001b[2J" } }),
      },
      {},
      `openai-compatible answered 400 Bad Request: "This model's maximum context length is 8192 tokens."`,
    ],
    [
      'a 400 whose body is no JSON',
      { status: 400, times: 1000, body: '<html>bad request</html>' },
      {},
      'openai-compatible answered 400 Bad Request',
    ],
    [
      'a hang',
      { status: 200, hang: true, times: 1000 },
      { timeout: 0.5 },
      'openai-compatible did not answer within 0.5 s',
    ],
  ])('says what failed on %s and that the offline engine wrote the message', async (_name, fault, config, reason) => {
    const server = await start({ faults: [fault] });
    const outcome = await run(server, { prepared: smallChange(), config }).result;
    expect(outcome.stage).toBe('local');
    expect(outcome.fallback).toEqual({ from: 'fast-path', to: 'local', reason, line: `git-ai: ${reason}${OFFLINE}` });
  });

  it('says so when the provider cannot be reached', async () => {
    // A port that was just free: nothing listens on it.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const closed = { baseUrls: { openai: `http://127.0.0.1:${port}/v1` } } as ProviderServer;
    const outcome = await run(closed, { prepared: smallChange(), config: { timeout: 3 } }).result;
    expect(outcome.fallback?.line).toBe(`git-ai: openai-compatible could not be reached (ECONNREFUSED)${OFFLINE}`);
    expect(outcome.requests).toBe(2); // a refused connection is tried once more, not five times
  });

  it('says so when the analyses failed and one request over the whole diff wrote the message', async () => {
    const server = await start({ faults: [{ match: isAnalysisRequest, status: 500, retryAfter: 0, times: 1000 }] });
    const outcome = await run(server, { prepared: largeChange(6) }).result;
    expect(outcome.stage).toBe('single-step');
    expect(outcome.fallback?.line).toBe(
      'git-ai: the per-file analysis failed: 3 of 3 chunks could not be analysed (openai-compatible answered 500 Internal Server Error); one request over the whole diff wrote this message',
    );
  });

  it('has no fallback when the first stage answers', async () => {
    const server = await start();
    expect((await run(server, { prepared: smallChange() }).result).fallback).toBeUndefined();
  });

  it('with engine = remote, fails with PROVIDER_FAILED instead of writing an offline message', async () => {
    const server = await start({ faults: [{ status: 503, retryAfter: 0, times: 1000 }] });
    const error = await run(server, { prepared: smallChange(), config: { engine: 'remote' } }).result.catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(UserError);
    expect(error).toMatchObject({
      code: 'PROVIDER_FAILED',
      message: 'The remote engine failed: openai-compatible answered 503 Service Unavailable; no message was written.',
    });
  });
});

describe('generateWithFallback: errors the user must fix', () => {
  it.each([
    ['the fast path', smallChange(), {}],
    ['a sequential multi-step run', largeChange(6), { parallelApiCalls: false }],
  ])('throws PROVIDER_AUTH after one request for a wrong key in %s', async (_name, prepared, config) => {
    const server = await start();
    const error = await run(server, { prepared, config, apiKey: 'sk-wrong-0000000' }).result.catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(UserError);
    expect(error).toMatchObject({ code: 'PROVIDER_AUTH' });
    expect(server.requests).toHaveLength(1);
  });

  it('throws PROVIDER_MODEL for a model the server does not serve, without falling back', async () => {
    const server = await start({ models: ['other-model'] });
    await expect(run(server, { prepared: largeChange(6) }).result).rejects.toMatchObject({ code: 'PROVIDER_MODEL' });
  });

  it('throws CANCELLED when the caller aborts', async () => {
    const server = await start({ faults: [{ status: 200, hang: true, times: 1000 }] });
    const controller = new AbortController();
    const { result } = run(server, { prepared: largeChange(6), signal: controller.signal });
    await expect.poll(() => server.requests.length).toBe(3);
    controller.abort();
    await expect(result).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
