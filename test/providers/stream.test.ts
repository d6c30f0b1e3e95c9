// A streamed Chat Completions answer's end, on the loopback server: a body that ended inside an event is partial
// (UNFINISHED, asked again by call.ts); one that ended between events is whole, with or without a finish reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelCallOptions, UNFINISHED } from '../../src/providers/model-call.js';
import { sdkModel } from '../../src/providers/sdk-model.js';
import { streamAnswer } from '../../src/providers/stream.js';
import { createTransport } from '../../src/providers/transport.js';
import { startProviderServer, type ProviderServer } from '../support/provider-server.js';

let server: ProviderServer;
let body = '';

beforeAll(async () => {
  server = await startProviderServer({ respond: () => ({ raw: body }) });
});
afterAll(() => server.close());

const frame = (delta: object, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
const TEXT = [frame({ role: 'assistant', content: 'fix(diff): ' }), frame({ content: 'read hunks' })].join('');
const STOP = frame({}, 'stop');

describe('a streamed answer ends', () => {
  it.each([
    ['with a finish reason and `data: [DONE]`', `${TEXT}${STOP}data: [DONE]\n\n`, 'stop'],
    ['with a finish reason, without `data: [DONE]`', `${TEXT}${STOP}`, 'stop'],
    ['without a finish reason, with `data: [DONE]`', `${TEXT}data: [DONE]\n\n`, 'other'],
    ['without a finish reason, `data: [DONE]` short of its blank line', `${TEXT}data: [DONE]\n`, 'other'],
    ['without a finish reason, between events, a comment last', `${TEXT}: keep-alive\n`, 'other'],
    ['inside an event, in its JSON', `${TEXT}${STOP.slice(0, 40)}`, UNFINISHED],
    ['inside an event, its line whole but not its blank line', `${TEXT}${STOP.slice(0, -1)}`, UNFINISHED],
    ['inside an event, with CRLF line ends', `${TEXT.replaceAll('\n', '\r\n')}data: {"id"`, UNFINISHED],
  ])('%s', async (_case, raw, reason) => {
    body = raw;
    const model = await sdkModel(
      { provider: 'openai-compatible', modelId: 'llama3.2', apiKey: 'x', baseURL: server.baseUrls.openai },
      createTransport(process.env).fetch,
    );
    const seen: string[] = [];
    const answer = await streamAnswer(model, modelCallOptions({ model, system: 's', prompt: 'p' }), (text) =>
      seen.push(text),
    );
    expect(answer.text).toBe('fix(diff): read hunks');
    expect(answer.finishReason).toBe(reason);
    expect(seen.at(-1)).toBe('fix(diff): read hunks');
  });
});
