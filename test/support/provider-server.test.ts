// Drives the fake provider server with the real AI SDK clients, one block per wire protocol.

import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import type { LanguageModel } from 'ai';
import { APICallError, NoObjectGeneratedError, Output, generateText, streamText, tool } from 'ai';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import type { ProviderName, ProviderServer, ProviderServerOptions } from './provider-server.js';
import { startProviderServer } from './provider-server.js';

const KEY = 'sk-test-0123456789';
const MODELS: Record<ProviderName, string> = {
  openai: 'gpt-4o-mini',
  anthropic: 'claude-haiku-4-5',
  gemini: 'gemini-2.5-flash',
};
const LATENCY = { baseMs: 2, perInputKTokensMs: 1, perOutputTokenMs: 0.05 };
const commitSchema = z.object({
  type: z.enum(['feat', 'fix']),
  subject: z.string().min(1),
  files: z.array(z.string()),
});
const commit = { type: 'fix', subject: 'handle empty diffs', files: ['src/diff/parse.ts'] } as const;

const servers: ProviderServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function start(options: ProviderServerOptions = {}): Promise<ProviderServer> {
  const server = await startProviderServer({
    apiKey: KEY,
    models: Object.values(MODELS),
    latency: LATENCY,
    ...options,
  });
  servers.push(server);
  return server;
}

function modelFor(
  server: ProviderServer,
  provider: ProviderName,
  options: { apiKey?: string; modelId?: string } = {},
): LanguageModel {
  const { apiKey = KEY, modelId = MODELS[provider] } = options;
  if (provider === 'openai') return createOpenAI({ baseURL: server.baseUrls.openai, apiKey }).chat(modelId);
  if (provider === 'anthropic') return createAnthropic({ baseURL: server.baseUrls.anthropic, apiKey })(modelId);
  return createGoogleGenerativeAI({ baseURL: server.baseUrls.gemini, apiKey })(modelId);
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected the call to fail'),
    (error: unknown) => error,
  );
}

describe.each(['openai', 'anthropic', 'gemini'] as const)('provider server speaking %s', (provider) => {
  it('answers generateText with the responder text and records the normalized request', async () => {
    const server = await start({ respond: (request) => ({ text: `echo: ${request.messages[0]?.content ?? ''}` }) });
    const result = await generateText({
      model: modelFor(server, provider),
      system: 'Be brief.',
      prompt: 'Describe the diff',
      maxRetries: 0,
    });
    expect(result.text).toBe('echo: Describe the diff');
    const [record] = server.requests;
    expect(record).toMatchObject({
      provider,
      model: MODELS[provider],
      status: 200,
      aborted: false,
      inFlightAtStart: 1,
    });
    expect(record?.normalized).toMatchObject({
      provider,
      system: 'Be brief.',
      stream: false,
      messages: [{ role: 'user', content: 'Describe the diff' }],
    });
    expect(result.usage.inputTokens).toBe(record?.normalized?.inputTokens);
    expect(result.usage.outputTokens).toBe(Math.ceil('echo: Describe the diff'.length / 4));
    expect(JSON.stringify(record?.headers)).not.toContain(KEY);
  });

  it('returns a structured object requested with a JSON schema (Output.object)', async () => {
    const server = await start({ respond: () => ({ object: commit }) });
    const result = await generateText({
      model: modelFor(server, provider),
      prompt: 'commit?',
      output: Output.object({ schema: commitSchema }),
      maxRetries: 0,
    });
    expect(result.output).toEqual(commit);
    expect(server.requests[0]?.normalized?.structured).toMatchObject({ kind: 'json_schema' });
  });

  it('invents a minimal valid object for the schema when no responder is given', async () => {
    const server = await start();
    const result = await generateText({
      model: modelFor(server, provider),
      prompt: 'commit?',
      output: Output.object({ schema: commitSchema }),
      maxRetries: 0,
    });
    expect(result.output).toEqual({ type: 'feat', subject: 'x', files: ['x'] });
  });

  it('answers a forced tool call with the object as the tool arguments', async () => {
    const server = await start({ respond: () => ({ object: commit }) });
    const result = await generateText({
      model: modelFor(server, provider),
      prompt: 'commit?',
      tools: { write_commit: tool({ description: 'Write the commit message.', inputSchema: commitSchema }) },
      toolChoice: { type: 'tool', toolName: 'write_commit' },
      maxRetries: 0,
    });
    expect(result.toolCalls.map((call) => [call.toolName, call.input])).toEqual([['write_commit', commit]]);
    expect(server.requests[0]?.normalized?.structured).toMatchObject({ kind: 'tool', name: 'write_commit' });
  });

  it('streams text in several chunks that add up to the full answer', async () => {
    const text = 'feat(diff): split hunks by function so large files stay within the budget';
    const server = await start({ respond: () => ({ text }) });
    const result = streamText({ model: modelFor(server, provider), prompt: 'commit?', maxRetries: 0 });
    const chunks: string[] = [];
    for await (const chunk of result.textStream) chunks.push(chunk);
    expect(chunks.join('')).toBe(text);
    expect(chunks.length).toBeGreaterThan(1);
    expect((await result.usage).outputTokens).toBe(Math.ceil(text.length / 4));
    expect(server.requests[0]?.normalized?.stream).toBe(true);
  });

  it('streams a structured object', async () => {
    const server = await start({ respond: () => ({ object: commit }) });
    const result = streamText({
      model: modelFor(server, provider),
      prompt: 'commit?',
      output: Output.object({ schema: commitSchema }),
      maxRetries: 0,
    });
    expect(await result.output).toEqual(commit);
  });

  it('rejects a wrong key with the provider’s auth error', async () => {
    const server = await start();
    const error = await rejectionOf(
      generateText({ model: modelFor(server, provider, { apiKey: 'sk-wrong-key-000' }), prompt: 'hi', maxRetries: 0 }),
    );
    expect(APICallError.isInstance(error)).toBe(true);
    const { statusCode, responseBody } = error as APICallError;
    // Gemini really answers a bad key with 400 API_KEY_INVALID, not 401.
    expect(statusCode).toBe(provider === 'gemini' ? 400 : 401);
    expect(responseBody).toMatch(provider === 'gemini' ? /API_KEY_INVALID/ : /invalid_api_key|authentication_error/);
    expect(responseBody).not.toContain('sk-wrong-key-000');
  });

  it('rejects an unknown model with 404', async () => {
    const server = await start();
    const error = await rejectionOf(
      generateText({ model: modelFor(server, provider, { modelId: 'no-such-model' }), prompt: 'hi', maxRetries: 0 }),
    );
    expect(APICallError.isInstance(error) && error.statusCode).toBe(404);
    expect(server.requests[0]?.model).toBe('no-such-model');
  });

  it('lets the SDK retry a 429 that carries Retry-After, then succeeds', async () => {
    const server = await start({ faults: [{ status: 429, retryAfter: 0.01 }] });
    const result = await generateText({ model: modelFor(server, provider), prompt: 'hi', maxRetries: 2 });
    expect(result.text).toBe('ok');
    expect(server.requests.map((request) => [request.status, request.fault])).toEqual([
      [429, true],
      [200, false],
    ]);
  });

  it('counts concurrent requests in maxInFlight', async () => {
    let arrived = 0;
    let releaseAll: () => void = () => undefined;
    const allArrived = new Promise<void>((resolve) => (releaseAll = resolve));
    const server = await start({
      respond: async () => {
        arrived += 1;
        if (arrived === 5) releaseAll();
        await allArrived;
        return { text: 'ok' };
      },
    });
    const calls = Array.from({ length: 5 }, (_, index) =>
      generateText({ model: modelFor(server, provider), prompt: `call ${index}`, maxRetries: 0 }),
    );
    expect((await Promise.all(calls)).map((result) => result.text)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
    expect(server.maxInFlight).toBe(5);
    expect(Math.max(...server.requests.map((request) => request.inFlightAtStart))).toBe(5);
  });

  it('hangs until the client aborts', async () => {
    const server = await start({ faults: [{ status: 200, hang: true }] });
    const controller = new AbortController();
    const call = generateText({
      model: modelFor(server, provider),
      prompt: 'hi',
      abortSignal: controller.signal,
      maxRetries: 0,
    });
    await vi.waitFor(() => expect(server.requests[0]?.fault).toBe(true));
    controller.abort();
    expect(await rejectionOf(call)).toMatchObject({ name: 'AbortError' });
    await vi.waitFor(() => expect(server.requests[0]?.aborted).toBe(true));
    expect(server.requests[0]?.status).toBeUndefined();
  });

  it('sends malformed output that fails schema validation', async () => {
    const server = await start({ faults: [{ status: 200, malformed: true }] });
    const error = await rejectionOf(
      generateText({
        model: modelFor(server, provider),
        prompt: 'hi',
        output: Output.object({ schema: commitSchema }),
        maxRetries: 0,
      }),
    );
    expect(NoObjectGeneratedError.isInstance(error)).toBe(true);
  });

  it('trickles the answer a byte at a time after the headers', async () => {
    const server = await start({ faults: [{ status: 200, trickleMs: 1 }], respond: () => ({ object: commit }) });
    const result = await generateText({
      model: modelFor(server, provider),
      prompt: 'hi',
      output: Output.object({ schema: commitSchema }),
      maxRetries: 0,
    });
    expect(result.output).toEqual(commit);
    expect(server.requests[0]).toMatchObject({ fault: true, status: 200, aborted: false });
    expect(server.requests[0]!.endedAt! - server.requests[0]!.startedAt).toBeGreaterThanOrEqual(
      JSON.stringify(commit).length,
    );
  });

  it('drops the connection after the headers', async () => {
    const server = await start({ faults: [{ status: 200, dropAfterHeaders: true }] });
    const error = await rejectionOf(generateText({ model: modelFor(server, provider), prompt: 'hi', maxRetries: 0 }));
    const causes: string[] = [];
    for (let at: unknown = error; at instanceof Error; at = at.cause) causes.push(at.message);
    expect(causes.join(' <- ')).toMatch(/terminated|other side closed/i);
    expect(server.requests[0]).toMatchObject({ fault: true, status: 200 });
  });
});

describe('provider-specific structured output', () => {
  it('answers Anthropic’s JSON tool mode (tool "json" forced with tool_choice any)', async () => {
    const server = await start({ respond: () => ({ object: commit }) });
    const result = await generateText({
      model: modelFor(server, 'anthropic'),
      prompt: 'commit?',
      output: Output.object({ schema: commitSchema }),
      providerOptions: { anthropic: { structuredOutputMode: 'jsonTool' } },
      maxRetries: 0,
    });
    expect(result.output).toEqual(commit);
    expect(server.requests[0]?.normalized?.structured).toMatchObject({ kind: 'tool', name: 'json' });
  });

  it('answers OpenAI JSON mode (response_format json_object) from Output.json()', async () => {
    const server = await start({ respond: () => ({ object: { ok: true } }) });
    const result = await generateText({
      model: modelFor(server, 'openai'),
      prompt: 'json please',
      output: Output.json(),
      maxRetries: 0,
    });
    expect(result.output).toEqual({ ok: true });
    expect(server.requests[0]?.normalized?.structured).toEqual({ kind: 'json_object' });
  });
});
