// One call against the loopback provider server, for every provider: a structured analysis and a plain-text message;
// round trips, retries, errors, deadline, several completions, streaming (call.test.ts runs them).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LanguageModel } from 'ai';
import { UserError } from '../../src/errors.js';
import type { CallEvent, TextCallOptions } from '../../src/providers/call.js';
import type { Candidate } from '../../src/providers/answer-shapes.js';
import { callStructured, callText } from '../../src/providers/call.js';
import { DeadlineError, SchemaMismatchError, isConnectionRefused } from '../../src/providers/errors.js';
import type { LanguageModelOptions } from '../../src/providers/provider.js';
import { analysisSchema } from '../../src/providers/schemas.js';
import { parsePlainCandidate } from '../../src/engines/remote/plain-message.js';
import type { NormalizedRequest, ProviderServer, ResponderResult } from '../support/provider-server.js';
import { startProviderServer } from '../support/provider-server.js';

const KEY = 'sk-test-0123456789';
const ANALYSIS = {
  files: [{ path: 'src/a.ts', summary: 'Adds a parser.', kind: 'feat', significance: 0.9, symbols: ['parse'] }],
};
const MESSAGE = 'feat(diff): add a unified diff parser\n\nReads hunks.';
const PARSED_MESSAGE = {
  type: 'feat',
  scope: 'diff',
  subject: 'add a unified diff parser',
  body: 'Reads hunks.',
  breaking: false,
};

/** Answers queued by a test come first. */
const queued: unknown[] = [];
/** Held streams: the next streamed answer pauses here until the test releases it. */
let holdNext: ResponderResult['hold'];

/** A queued string is answered as text, anything else as JSON; unqueued, an analysis for a schema, else the message. */
function respond(request: NormalizedRequest): ResponderResult {
  const hold = request.stream ? holdNext : undefined;
  if (hold !== undefined) holdNext = undefined;
  if (queued.length > 0) {
    const next = queued.shift();
    return typeof next === 'string' ? { text: next, hold } : { object: next, hold };
  }
  return request.structured === undefined ? { text: MESSAGE, hold } : { object: ANALYSIS, hold };
}

let server: ProviderServer;

/** Makes the model a test calls, as createLanguageModel does (and with its errors). */
export type ModelFactory = (options: LanguageModelOptions) => Promise<LanguageModel>;

/** Every case below, with models from `makeModel`. */
export function defineCallTests(makeModel: ModelFactory): void {
  beforeAll(async () => {
    server = await startProviderServer({
      apiKey: KEY,
      models: ['gpt-4o-mini', 'llama3.2', 'claude-haiku-4-5', 'gemini-2.5-flash'],
      respond,
    });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.reset();
    queued.length = 0;
    holdNext = undefined;
  });

  const PROVIDERS: Array<[string, () => LanguageModelOptions]> = [
    ['openai', () => ({ provider: 'openai', model: 'gpt-4o-mini', apiKey: KEY, baseUrl: server.baseUrls.openai })],
    [
      'openai-compatible',
      () => ({ provider: 'openai-compatible', model: 'llama3.2', apiKey: KEY, baseUrl: server.baseUrls.openai }),
    ],
    [
      'anthropic',
      () => ({ provider: 'anthropic', model: 'claude-haiku-4-5', apiKey: KEY, baseUrl: server.baseUrls.anthropic }),
    ],
    ['gemini', () => ({ provider: 'gemini', model: 'gemini-2.5-flash', apiKey: KEY, baseUrl: server.baseUrls.gemini })],
  ];

  interface Harness {
    sleeps: number[];
    events: CallEvent[];
    options: {
      deadline: number;
      sleep: (ms: number) => Promise<void>;
      onEvent: (event: CallEvent) => void;
      random: () => number;
    };
  }

  function harness(): Harness {
    const sleeps: number[] = [];
    const events: CallEvent[] = [];
    const sleep = async (ms: number) => void sleeps.push(ms);
    return {
      sleeps,
      events,
      options: { deadline: Date.now() + 20_000, sleep, onEvent: (event) => events.push(event), random: () => 0.5 },
    };
  }

  const analyse = (
    model: LanguageModel,
    extra: Partial<Harness['options']> & { signal?: AbortSignal; onPartial?: (text: string) => void } = {},
  ) =>
    callStructured({
      model,
      system: 'You analyse.',
      prompt: 'Analyse src/a.ts',
      schema: analysisSchema,
      schemaName: 'analysis',
      ...harness().options,
      ...extra,
    });

  /** The message request: plain text, read as one candidate. */
  const write = (model: LanguageModel, extra: Partial<TextCallOptions<Candidate>> = {}) =>
    callText<Candidate>({
      model,
      system: 'You write.',
      prompt: 'Write the message',
      answerName: 'commit message',
      read: parsePlainCandidate,
      deadline: Date.now() + 20_000,
      ...extra,
    });

  /** Whether a raw request body asks for structured output in any provider's terms. */
  function asksForStructure(body: unknown): boolean {
    return /response_format|json_schema|"tools"|tool_choice|output_config|responseSchema|responseJsonSchema|responseMimeType/.test(
      JSON.stringify(body),
    );
  }

  describe.each(PROVIDERS)('callStructured and callText with %s', (_name, settings) => {
    it('round-trips an analysis through its schema and the message as plain text, with no schema sent', async () => {
      const model = await makeModel(settings());
      const analysis = await analyse(model);
      const message = await write(model);
      expect(analysis.value).toEqual(ANALYSIS);
      expect(message.value).toEqual(PARSED_MESSAGE);
      expect([analysis.attempts, message.attempts]).toEqual([1, 1]);
      expect(analysis.usage.inputTokens).toBeGreaterThan(0);
      expect(analysis.usage.outputTokens).toBeGreaterThan(0);
      // billed on the text sent: 42 characters, 11 tokens at the server's 4 characters a token
      expect(message.usage.outputTokens).toBe(Math.ceil(MESSAGE.length / 4));
      expect(server.requests.map((request) => request.normalized?.system)).toEqual(['You analyse.', 'You write.']);
      expect(server.requests[0]?.normalized?.structured?.schema).toBeDefined();
      expect(asksForStructure(server.requests[0]?.body)).toBe(true);
      expect(server.requests[1]?.normalized?.structured).toBeUndefined();
      expect(asksForStructure(server.requests[1]?.body)).toBe(false);
    });

    it.each([
      ['fenced', '```\nfeat(diff): add a unified diff parser\n\nReads hunks.\n```'],
      [
        'wrapped in prose',
        'Here is the commit message:\n\n```text\nfeat(diff): add a unified diff parser\n\nReads hunks.\n```\n\nLet me know if you want changes.',
      ],
      ['quoted, with CRLF', '"feat(diff): add a unified diff parser"\r\n\r\nReads hunks.\r\n'],
      [
        'bold, after a label, with a closing remark',
        '**Commit message:** feat(diff): add a unified diff parser\n\nReads hunks.\n\nThis commit message follows Conventional Commits.',
      ],
    ])('reads a %s message as a model writes it', async (_kind, text) => {
      const model = await makeModel(settings());
      queued.push(text);
      const result = await write(model);
      expect(result.value).toEqual(PARSED_MESSAGE);
      expect(result.attempts).toBe(1);
    });

    it('asks once more when no line of the answer is a commit header, then gives up with SchemaMismatchError', async () => {
      const model = await makeModel(settings());
      queued.push('I would describe this change as a new parser for diffs.', 'fix: read CRLF hunks');
      const second = await write(model);
      expect([server.requests.length, second.attempts]).toEqual([2, 2]);
      expect(second.value).toMatchObject({ type: 'fix', subject: 'read CRLF hunks', body: null });
      server.reset();
      queued.push('Sorry, I cannot help with that.', 'Here is a summary of the diff.');
      const error = await write(model).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(SchemaMismatchError);
      expect(error).toMatchObject({ plainText: true, attempts: 2 });
      expect(server.requests).toHaveLength(2);
    });

    it('waits as long as Retry-After asks after a 429, then succeeds', async () => {
      const model = await makeModel(settings());
      server.addFault({ status: 429, retryAfter: 1.5 });
      const { sleeps, events, options } = harness();
      const result = await analyse(model, options);
      expect(result.value).toEqual(ANALYSIS);
      expect([server.requests.length, result.attempts]).toEqual([2, 2]);
      expect(sleeps).toEqual([1500]);
      expect(events).toEqual([{ type: 'rate-limited' }, { type: 'retry', status: 429, delayMs: 1500, attempt: 1 }]);
    });

    it('retries two 503s with jittered backoff, then succeeds', async () => {
      const model = await makeModel(settings());
      server.addFault({ status: 503, times: 2 });
      const { sleeps, options } = harness();
      const result = await analyse(model, options);
      expect(result.value).toEqual(ANALYSIS);
      expect(server.requests.map((request) => request.status)).toEqual([503, 503, 200]);
      expect(sleeps).toEqual([125, 250]);
    });

    it('asks again once after a malformed answer', async () => {
      const model = await makeModel(settings());
      server.addFault({ status: 200, malformed: true });
      const { sleeps, options } = harness();
      const result = await analyse(model, options);
      expect(result.value).toEqual(ANALYSIS);
      expect([server.requests.length, result.attempts, sleeps]).toEqual([2, 2, []]);
    });

    it('reads the answer with the schema: a wrong shape is asked again, a significance out of range is clamped', async () => {
      const model = await makeModel(settings());
      queued.push({ files: [{ path: 'src/a.ts', summary: 'x', kind: 'feature', significance: 1, symbols: [] }] });
      queued.push({ files: [{ ...ANALYSIS.files[0], significance: 3 }] });
      const result = await analyse(model);
      expect(result.value.files[0]?.significance).toBe(1);
      expect([server.requests.length, result.attempts]).toEqual([2, 2]);
    });

    it('gives up with SchemaMismatchError after two malformed answers', async () => {
      const model = await makeModel(settings());
      server.addFault({ status: 200, malformed: true, times: 2 });
      await expect(analyse(model)).rejects.toBeInstanceOf(SchemaMismatchError);
      expect(server.requests).toHaveLength(2);
    });

    it('stops at once with PROVIDER_AUTH when the key is refused', async () => {
      const model = await makeModel({ ...settings(), apiKey: 'sk-wrong-key-000000' });
      const error = await analyse(model).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(UserError);
      expect(error).toMatchObject({ code: 'PROVIDER_AUTH' });
      expect((error as UserError).hint).toContain('git-ai config set api-key');
      expect(server.requests).toHaveLength(1);
    });

    it('stops at once with PROVIDER_MODEL when the model does not exist', async () => {
      const model = await makeModel({ ...settings(), model: 'no-such-model-7' });
      const error = await analyse(model).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: 'PROVIDER_MODEL' });
      expect((error as UserError).message).toContain("'no-such-model-7'");
      expect((error as UserError).hint).toContain('git-ai config set model');
      expect(server.requests).toHaveLength(1);
    });

    it('aborts a request the server never answers at the deadline', async () => {
      const model = await makeModel(settings());
      server.addFault({ status: 200, hang: true });
      await expect(analyse(model, { deadline: Date.now() + 300 })).rejects.toBeInstanceOf(DeadlineError);
      await expect.poll(() => server.requests[0]?.aborted).toBe(true);
      expect(server.requests).toHaveLength(1);
    });
  });

  describe('callStructured at the deadline after failures', () => {
    it('a retry that the deadline ends reports the failure that caused it, not the deadline', async () => {
      const model = await makeModel({
        provider: 'openai',
        model: 'gpt-4o-mini',
        apiKey: KEY,
        baseUrl: server.baseUrls.openai,
      });
      server.addFault({ status: 500 }); // the first attempt fails
      server.addFault({ status: 200, hang: true }); // the retry never answers
      const error = await analyse(model, { deadline: Date.now() + 1_000 }).catch((caught: unknown) => caught);
      expect(error).not.toBeInstanceOf(DeadlineError);
      expect(error).toMatchObject({ statusCode: 500 });
      expect(server.requests).toHaveLength(2);
    });
  });

  describe('callStructured limits', () => {
    const openai = () =>
      makeModel({ provider: 'openai', model: 'gpt-4o-mini', apiKey: KEY, baseUrl: server.baseUrls.openai });

    it('does not wait when Retry-After ends past the deadline: the 429 is thrown', async () => {
      server.addFault({ status: 429, retryAfter: 30 });
      const { sleeps, options } = harness();
      const error = await analyse(await openai(), { ...options, deadline: Date.now() + 5_000 }).catch(
        (caught: unknown) => caught,
      );
      expect(error).toMatchObject({ statusCode: 429 });
      expect([server.requests.length, sleeps]).toEqual([1, []]);
    });

    it('gives up after five transient failures', async () => {
      server.addFault({ status: 500, times: 10 });
      const { sleeps, options } = harness();
      await expect(analyse(await openai(), options)).rejects.toMatchObject({ statusCode: 500 });
      expect(server.requests).toHaveLength(5);
      expect(sleeps).toEqual([125, 250, 500, 1000]);
    });

    it('retries a refused connection once, not five times: nothing listens there', async () => {
      const probe = createServer();
      await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
      const { port } = probe.address() as AddressInfo;
      await new Promise((resolve) => probe.close(resolve));
      const model = await makeModel({
        provider: 'openai',
        model: 'gpt-4o-mini',
        apiKey: KEY,
        baseUrl: `http://127.0.0.1:${port}/v1`,
      });
      const { sleeps, events, options } = harness();
      const error = await analyse(model, options).catch((caught: unknown) => caught);
      expect(isConnectionRefused(error)).toBe(true);
      expect(sleeps).toEqual([125]);
      expect(events.filter((event) => event.type === 'retry')).toHaveLength(1);
    });

    it('rethrows the caller’s abort instead of retrying', async () => {
      server.addFault({ status: 200, hang: true });
      const controller = new AbortController();
      const pending = analyse(await openai(), { signal: controller.signal });
      await expect.poll(() => server.requests.length).toBe(1);
      controller.abort(new Error('cancelled by the user'));
      await expect(pending).rejects.toThrow('cancelled by the user');
      expect(server.requests).toHaveLength(1);
    });

    it('does not retry a 400 it cannot fix', async () => {
      server.addFault({
        status: 400,
        body: '{"error":{"message":"max_tokens is too large","type":"invalid_request_error"}}',
      });
      await expect(analyse(await openai())).rejects.toMatchObject({ statusCode: 400 });
      expect(server.requests).toHaveLength(1);
    });

    it('turns a 404 from a wrong endpoint into PROVIDER_FAILED naming base-url', async () => {
      const model = await makeModel({
        provider: 'openai-compatible',
        model: 'llama3.2',
        baseUrl: `${server.url}/api`,
      });
      const error = await analyse(model).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: 'PROVIDER_FAILED' });
      expect((error as UserError).hint).toContain('base-url');
    });
  });

  describe.each(PROVIDERS.filter(([name]) => name !== 'anthropic'))(
    'several completions in one %s request',
    (_name, settings) => {
      const ask = (model: LanguageModel) => write(model, { completions: 3 });

      it('reads every choice as one plain-text message and bills the input once', async () => {
        const model = await makeModel(settings());
        queued.push('fix: one', '```\nfix: two\n```', 'Here it is:\nfix: three\n\nWith a body.');
        const result = await ask(model);
        expect(server.requests).toHaveLength(1);
        expect(server.requests[0]?.normalized?.choices).toBe(3);
        expect(result.values.map((value) => value.subject)).toEqual(['one', 'two', 'three']);
        expect(result.values[2]?.body).toBe('With a body.');
        expect(result.value).toEqual(result.values[0]);
        // the server counts the prompt once for the three completions
        expect(result.usage.inputTokens).toBe(server.requests[0]?.normalized?.inputTokens);
      });

      it('keeps the readable choices when the first one holds no commit header, without asking again', async () => {
        const model = await makeModel(settings());
        queued.push('A parser for diffs.', 'fix: two', '{"headers": "not text"}');
        const result = await ask(model);
        expect(server.requests).toHaveLength(1);
        expect(result.values.map((value) => value.subject)).toEqual(['two']);
      });
    },
  );

  describe.each(PROVIDERS)('a streamed call with %s', (_name, settings) => {
    it('gives the text so far as the SSE frames arrive, then the message read from it', async () => {
      const model = await makeModel(settings());
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const answer = 'feat(stream): show the first words at the first token\n\nStreams it.';
      // the server sends the answer's first 32 characters, then waits for the test
      queued.push(answer);
      holdNext = { afterTokens: 8, release: held };
      const partials: unknown[] = [];
      let sawPartWhileHeld = false;
      const result = await write(model, {
        onPartial: (partial, attempt) => {
          partials.push({ partial, attempt });
          const text = typeof partial === 'string' ? partial : '';
          if (text.startsWith('feat(') && !text.includes('token') && server.requests[0]?.endedAt === undefined) {
            sawPartWhileHeld = true;
            release();
          }
        },
      });
      expect(server.requests[0]?.normalized?.stream).toBe(true);
      expect(server.requests[0]?.normalized?.structured).toBeUndefined();
      expect(sawPartWhileHeld).toBe(true);
      expect(partials.length).toBeGreaterThan(2);
      expect(partials.at(-1)).toEqual({ partial: answer, attempt: 1 });
      expect(result.value).toMatchObject({ type: 'feat', scope: 'stream', body: 'Streams it.' });
    });

    it('gives the JSON text of a structured request as it streams, then the validated answer', async () => {
      const model = await makeModel(settings());
      const partials: string[] = [];
      const result = await analyse(model, { onPartial: (text) => partials.push(text) });
      expect(server.requests[0]?.normalized?.stream).toBe(true);
      expect(partials.length).toBeGreaterThan(0);
      expect(JSON.parse(partials.at(-1) ?? '')).toEqual(ANALYSIS);
      expect(result.value).toEqual(ANALYSIS);
    });

    it('reports a failed streamed request as the provider error, and retries it', async () => {
      const model = await makeModel(settings());
      server.addFault({ status: 500, retryAfter: 0 });
      const attempts = new Set<number>();
      const { options } = harness();
      const result = await write(model, { ...options, onPartial: (_partial, attempt) => attempts.add(attempt) });
      expect(result.attempts).toBe(2);
      expect([...attempts]).toEqual([2]);
      expect(result.value).toEqual(PARSED_MESSAGE);
    });
  });

  describe.each(PROVIDERS)('a streamed call with %s that the server never finishes', (_name, settings) => {
    it('ends at the deadline with DeadlineError, the partial answer given so far', async () => {
      const model = await makeModel(settings());
      queued.push(MESSAGE);
      holdNext = { afterTokens: 4, release: new Promise<void>(() => undefined) };
      const partials: unknown[] = [];
      const call = write(model, { deadline: Date.now() + 1_000, onPartial: (partial) => partials.push(partial) });
      await expect(call).rejects.toBeInstanceOf(DeadlineError);
      expect(partials.length).toBeGreaterThan(0);
      // The abort reaches the connection.
      await expect.poll(() => server.requests[0]?.aborted).toBe(true);
    });
  });
}
