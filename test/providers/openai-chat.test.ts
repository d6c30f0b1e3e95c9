// git-ai's own plain-text Chat Completions request against the SDK's chat model, side by side on the loopback
// server: the same request on the wire, the same answer read, the same errors; every other call is the SDK's.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { classifyProviderError, isConnectionRefused } from '../../src/providers/errors.js';
import { modelCallOptions, type ModelCallOptions, type ProviderModel } from '../../src/providers/model-call.js';
import { isOpenAIReasoningModel, openAIChatModel } from '../../src/providers/openai-chat.js';
import { LEAST_REASONING } from '../../src/providers/reasoning.js';
import { sdkModel, type SdkSettings } from '../../src/providers/sdk-model.js';
import { createTransport } from '../../src/providers/transport.js';
import type { ProviderServer, ResponderResult } from '../support/provider-server.js';
import { startProviderServer } from '../support/provider-server.js';

const KEY = 'sk-test-0123456789';
const fetch = createTransport(process.env).fetch;
let server: ProviderServer;
/** What the server answers next, once for each of the two models. */
let answer: ResponderResult = { text: 'fix: a' };

beforeAll(async () => {
  server = await startProviderServer({ apiKey: KEY, respond: () => answer });
});
afterAll(() => server.close());
beforeEach(() => {
  server.reset();
  answer = { text: 'fix: a' };
});

const SETTINGS: Array<[string, () => SdkSettings]> = [
  ['openai', () => ({ provider: 'openai', modelId: 'gpt-4o-mini', apiKey: KEY, baseURL: server.baseUrls.openai })],
  [
    'openai-compatible',
    () => ({ provider: 'openai-compatible', modelId: 'llama3.2', apiKey: KEY, baseURL: `${server.baseUrls.openai}/` }),
  ],
];

/** Both models of `settings`, and how many times the direct one handed a call to the SDK's. */
function models(settings: SdkSettings) {
  const sdk = sdkModel(settings, fetch);
  const handed = { count: 0 };
  const direct = openAIChatModel(settings, fetch, () => {
    handed.count += 1;
    return sdk;
  });
  return { sdk, direct, handed };
}

/** What a call came to: the answer's parts git-ai reads, or the error's facts. */
async function outcome(model: ProviderModel, options: ModelCallOptions) {
  try {
    const { content, finishReason, usage } = await model.doGenerate(options);
    return { content, finishReason, usage: { inputTokens: usage.inputTokens, outputTokens: usage.outputTokens } };
  } catch (error) {
    const facts = error as Record<string, unknown> & { cause?: { name?: unknown } };
    return {
      name: facts.name,
      message: facts.message,
      statusCode: facts.statusCode,
      isRetryable: facts.isRetryable,
      responseBody: facts.responseBody,
      cause: facts.cause?.name,
      kind: classifyProviderError(error),
      refused: isConnectionRefused(error),
    };
  }
}

/** Runs the call on the SDK's model and on git-ai's, and returns both outcomes and both requests as received. */
async function sideBySide(settings: SdkSettings, options: (model: ProviderModel) => ModelCallOptions) {
  const { sdk, direct, handed } = models(settings);
  const sdkModelMade = await sdk;
  const expected = await outcome(sdkModelMade, options(sdkModelMade));
  const actual = await outcome(direct, options(direct));
  // Every header but the user-agent, which names git-ai on git-ai's own request (see agents below).
  const [sent, ours] = server.requests.map(({ method, path, headers: { 'user-agent': _agent, ...headers }, body }) => ({
    method,
    path,
    headers,
    body: JSON.stringify(body),
  }));
  const agents = server.requests.map(({ headers }) => headers['user-agent']);
  return { expected, actual, sent, ours, agents, handed: handed.count };
}

const plain = (model: ProviderModel) => modelCallOptions({ model, system: 'You write.', prompt: 'Write the message' });

const envelope = (choice: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ id: 'c1', object: 'chat.completion', created: 1, model: 'm', choices: [choice], ...extra });

describe.each(SETTINGS)('a plain-text call to %s', (_name, settings) => {
  it.each<[string, ResponderResult]>([
    ['a message', { text: 'feat(diff): add a parser\n\nReads hunks.' }],
    [
      'a refusal, cut off, with cached and reasoning tokens counted',
      {
        raw: envelope(
          { index: 0, message: { role: 'assistant', content: null, refusal: 'I cannot.' }, finish_reason: 'stop' },
          {
            usage: {
              prompt_tokens: 40,
              completion_tokens: 9,
              prompt_tokens_details: { cached_tokens: 8, cache_write_tokens: 2 },
              completion_tokens_details: { reasoning_tokens: 3 },
            },
          },
        ),
      },
    ],
    [
      'an answer cut off, without usage',
      { raw: envelope({ index: 0, message: { content: 'fix: a' }, finish_reason: 'length' }) },
    ],
    ['an odd finish reason', { raw: envelope({ index: 0, message: { content: 'fix: a' }, finish_reason: 'eos' }) }],
    [
      'a message after a byte order mark',
      { raw: `\uFEFF${envelope({ index: 0, message: { content: 'fix: a' }, finish_reason: 'stop' })}` },
    ],
    [
      'an audio answer: its transcript',
      { raw: envelope({ index: 0, message: { content: '', audio: { transcript: 'fix: b' } }, finish_reason: 'stop' }) },
    ],
    [
      'an audio answer with content too',
      { raw: envelope({ index: 0, message: { content: 'fix: a', audio: { transcript: 'fix: b' } } }) },
    ],
    ['no choices', { raw: JSON.stringify({ choices: [] }) }],
    ['a body that is not JSON', { raw: '<html>captive portal</html>' }],
    ['JSON of another shape', { raw: JSON.stringify({ object: 'list', data: [] }) }],
    ['a choice without its index', { raw: JSON.stringify({ choices: [{ message: { content: 'fix: a' } }] }) }],
    ['content of the wrong type', { raw: envelope({ index: 0, message: { content: 5 } }) }],
    ['an error in a 200', { raw: JSON.stringify({ error: { message: 'quota exceeded' } }) }],
    ['a 500 with an error body', { status: 500, error: 'the server broke' }],
    ['a 429', { status: 429, error: 'slow down', headers: { 'retry-after': '2' } }],
    ['a 400 naming an unknown model', { status: 400, error: 'The model `x` does not exist' }],
    ['a 502 that is not JSON', { status: 502, raw: 'Bad Gateway' }],
    [
      'a 400 whose error type is a number',
      { status: 400, raw: JSON.stringify({ error: { message: 'The model `x` does not exist', type: 400 } }) },
    ],
    [
      'a 400 whose error code is a number',
      { status: 400, raw: JSON.stringify({ error: { message: 'The model `x` does not exist', code: 400 } }) },
    ],
    ['a 400 whose error is a string', { status: 400, raw: JSON.stringify({ error: 'bad request' }) }],
    ['a 503 with no body', { status: 503, raw: '' }],
    [
      'a 503 whose gzip body is cut short',
      {
        status: 503,
        raw: gzipSync('{"error":{"message":"x"}}').subarray(0, 12),
        headers: { 'content-encoding': 'gzip' },
      },
    ],
    ['a 200 whose gzip body is no gzip', { raw: 'not gzip at all', headers: { 'content-encoding': 'gzip' } }],
    ['a 503 dropped mid-body', { status: 503, raw: '{"error":', dropAfterRaw: true }],
    [
      'a 200 dropped mid-body',
      { raw: envelope({ index: 0, message: { content: 'fix: a' } }).slice(0, 30), dropAfterRaw: true },
    ],
  ])('%s: read as the SDK reads it, from the same request', async (_case, result) => {
    answer = result;
    const { expected, actual, sent, ours, agents, handed } = await sideBySide(settings(), plain);
    expect(actual).toEqual(expected);
    expect(ours).toEqual(sent);
    expect(sent?.path).toBe('/v1/chat/completions');
    expect(Object.keys(sent?.headers ?? {})).toEqual(expect.arrayContaining(['authorization', 'content-type']));
    expect(agents).toEqual([
      expect.stringMatching(/^ai-sdk\/openai\/\S+ ai-sdk\/provider-utils\/\S+ runtime\/node\.js\/v?\d/), // Node 21+ has navigator, whose userAgent the SDK reads: `node.js/24`
      `git-ai runtime/node.js/${process.version}`,
    ]);
    expect(handed).toBe(0);
  });

  it('a refused key: the same 401', async () => {
    const { expected, actual, sent, ours } = await sideBySide({ ...settings(), apiKey: 'sk-wrong-key-000000' }, plain);
    expect(actual).toEqual(expected);
    expect(expected).toMatchObject({ statusCode: 401, kind: 'auth' });
    expect(ours).toEqual(sent);
  });

  it('a refused connection: the same network error, retryable', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const { expected, actual } = await sideBySide({ ...settings(), baseURL: `http://127.0.0.1:${port}/v1` }, plain);
    expect(actual).toEqual(expected);
    expect(expected).toMatchObject({ isRetryable: true, kind: 'network', refused: true });
  });
});

describe('which calls git-ai sends itself', () => {
  const openai = (modelId: string): SdkSettings => ({
    provider: 'openai',
    modelId,
    apiKey: KEY,
    baseURL: server.baseUrls.openai,
  });

  it.each([
    ['gpt-4o-mini', false],
    ['gpt-4.1', false],
    ['gpt-3.5-turbo', false],
    ['gpt-5-chat-latest', false],
    ['gpt-5.1-chat-latest', true],
    ['gpt-5', true],
    ['gpt-5-mini', true],
    ['gpt-5.1', true],
    ['o1', true],
    ['o3-mini', true],
    ['o4-mini', true],
    ['omni-moderation', false],
    ['llama3.2', false],
    ['openai/gpt-oss-20b', false],
  ])('%s: the same body as the SDK; a reasoning model (%s) is the SDK’s to send', async (modelId, reasoning) => {
    const { expected, actual, sent, ours, handed } = await sideBySide(openai(modelId), plain);
    expect(actual).toEqual(expected);
    expect(ours).toEqual(sent);
    expect(isOpenAIReasoningModel(modelId)).toBe(reasoning);
    expect(handed).toBe(reasoning ? 1 : 0);
  });

  it.each<[string, (model: ProviderModel) => ModelCallOptions]>([
    [
      'a response schema',
      (model) => ({
        ...plain(model),
        responseFormat: { type: 'json', schema: { type: 'object', properties: {} }, name: 'analysis' },
      }),
    ],
    ['the least reasoning', (model) => ({ ...plain(model), providerOptions: LEAST_REASONING })],
    ['a sampling setting', (model) => ({ ...plain(model), temperature: 0.2 })],
  ])('%s: the SDK’s request, sent by the SDK', async (_case, options) => {
    answer = { text: '{}' };
    const { sent, ours, handed } = await sideBySide(openai('gpt-4o-mini'), options);
    expect(ours).toEqual(sent);
    expect(handed).toBe(1);
  });

  it('a stream: the SDK’s', async () => {
    const { direct, handed } = models(openai('gpt-4o-mini'));
    const { stream } = await direct.doStream({ ...plain(direct), includeRawChunks: false });
    let text = '';
    for await (const part of stream) if (part.type === 'text-delta') text += part.delta;
    expect(text).toBe('fix: a');
    expect(handed.count).toBe(1);
    expect(server.requests[0]?.normalized?.stream).toBe(true);
  });
});
