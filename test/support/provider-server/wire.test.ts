// Raw HTTP against the fake provider server: error body shapes, routes and responder results the SDKs hide.

import { afterEach, describe, expect, it } from 'vitest';
import type { ProviderServer, ProviderServerOptions } from '../provider-server.js';
import { startProviderServer } from '../provider-server.js';

const KEY = 'sk-test-0123456789';
const servers: ProviderServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function start(options: ProviderServerOptions = {}): Promise<ProviderServer> {
  const server = await startProviderServer({
    apiKey: KEY,
    models: ['gpt-4o-mini', 'claude-haiku-4-5', 'gemini-2.5-flash'],
    ...options,
  });
  servers.push(server);
  return server;
}

const chat = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] };
const messages = { model: 'claude-haiku-4-5', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] };
const contents = { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] };

async function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string; headers: Headers }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

describe('provider server error shapes', () => {
  it.each([
    [
      'OpenAI without a key',
      '/v1/chat/completions',
      chat,
      {},
      401,
      { error: { type: 'invalid_request_error', param: null } },
    ],
    [
      'OpenAI with a wrong key',
      '/v1/chat/completions',
      chat,
      { authorization: 'Bearer sk-nope-12345678' },
      401,
      { error: { code: 'invalid_api_key' } },
    ],
    [
      'Anthropic without a key',
      '/v1/messages',
      messages,
      { 'anthropic-version': '2023-06-01' },
      401,
      { type: 'error', error: { type: 'authentication_error' } },
    ],
    [
      'Anthropic without anthropic-version',
      '/v1/messages',
      messages,
      { 'x-api-key': KEY },
      400,
      { type: 'error', error: { type: 'invalid_request_error', message: 'anthropic-version: header is required' } },
    ],
    [
      'Anthropic without max_tokens',
      '/v1/messages',
      { ...messages, max_tokens: undefined },
      { 'x-api-key': KEY, 'anthropic-version': '2023-06-01' },
      400,
      { error: { message: 'max_tokens: Field required' } },
    ],
    [
      'Anthropic with an unknown model',
      '/v1/messages',
      { ...messages, model: 'claude-0' },
      { 'x-api-key': KEY, 'anthropic-version': '2023-06-01' },
      404,
      { error: { type: 'not_found_error', message: 'model: claude-0' } },
    ],
    [
      'Gemini without a key',
      '/v1beta/models/gemini-2.5-flash:generateContent',
      contents,
      {},
      403,
      { error: { code: 403, status: 'PERMISSION_DENIED' } },
    ],
    [
      'Gemini with an unknown model',
      '/v1beta/models/gemini-0:generateContent',
      contents,
      { 'x-goog-api-key': KEY },
      404,
      { error: { code: 404, status: 'NOT_FOUND' } },
    ],
    [
      'OpenAI with a body that is not JSON',
      '/v1/chat/completions',
      '{"model":',
      { authorization: `Bearer ${KEY}` },
      400,
      { error: { type: 'invalid_request_error' } },
    ],
  ])('answers %s', async (_name, path, body, headers, status, shape) => {
    const server = await start();
    const response = await post(`${server.url}${path}`, body, headers);
    expect(response.status).toBe(status);
    expect(JSON.parse(response.text)).toMatchObject(shape);
    expect(server.requests[0]?.status).toBe(status);
  });

  it('answers an unknown route with 404 and records it as unknown', async () => {
    const server = await start();
    expect((await post(`${server.url}/v2/everything`, {})).status).toBe(404);
    expect(server.requests[0]?.provider).toBe('unknown');
  });
});

describe('provider server routes', () => {
  it('accepts the Gemini key as a query parameter and redacts it in the record', async () => {
    const server = await start();
    const response = await post(`${server.url}/v1beta/models/gemini-2.5-flash:generateContent?key=${KEY}`, contents);
    expect(JSON.parse(response.text)).toMatchObject({
      candidates: [{ content: { parts: [{ text: 'ok' }], role: 'model' }, finishReason: 'STOP' }],
    });
    expect(server.requests[0]?.path).toBe('/v1beta/models/gemini-2.5-flash:generateContent?key=[redacted]');
  });

  it('streams Gemini as one JSON array without alt=sse', async () => {
    const server = await start({ respond: () => ({ text: 'a fairly long answer that spans several chunks' }) });
    const response = await post(`${server.url}/v1beta/models/gemini-2.5-flash:streamGenerateContent`, contents, {
      'x-goog-api-key': KEY,
    });
    const chunks = JSON.parse(response.text) as { candidates: { content: { parts: { text: string }[] } }[] }[];
    expect(chunks.map((chunk) => chunk.candidates[0]?.content.parts[0]?.text).join('')).toBe(
      'a fairly long answer that spans several chunks',
    );
  });

  it('sends the OpenAI usage chunk only when stream_options.include_usage is set', async () => {
    const server = await start();
    const auth = { authorization: `Bearer ${KEY}` };
    const plain = await post(`${server.url}/v1/chat/completions`, { ...chat, stream: true }, auth);
    const withUsage = await post(
      `${server.url}/v1/chat/completions`,
      { ...chat, stream: true, stream_options: { include_usage: true } },
      auth,
    );
    expect(plain.headers.get('content-type')).toBe('text/event-stream');
    expect(plain.text.trimEnd().endsWith('data: [DONE]')).toBe(true);
    expect(plain.text).not.toContain('"usage"');
    expect(withUsage.text).toContain('"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}');
  });

  it.each([
    [
      'OpenAI',
      '/v1/models',
      { authorization: `Bearer ${KEY}` },
      { object: 'list', data: [{ id: 'gpt-4o-mini', object: 'model' }] },
    ],
    [
      'Anthropic',
      '/v1/models',
      { 'x-api-key': KEY, 'anthropic-version': '2023-06-01' },
      { data: [{ type: 'model', id: 'gpt-4o-mini' }], has_more: false },
    ],
    ['Gemini', '/v1beta/models', { 'x-goog-api-key': KEY }, { models: [{ name: 'models/gpt-4o-mini' }] }],
  ])('lists models the %s way', async (_name, path, headers, shape) => {
    const server = await start({ models: ['gpt-4o-mini'] });
    const response = await fetch(`${server.url}${path}`, { headers });
    expect(await response.json()).toMatchObject(shape);
  });
});

describe('provider server responder results and faults', () => {
  const auth = { authorization: `Bearer ${KEY}` };

  it('sends a raw body verbatim with the given status and headers', async () => {
    const server = await start({
      respond: () => ({ raw: 'not json at all', status: 200, headers: { 'x-extra': 'yes' } }),
    });
    const response = await post(`${server.url}/v1/chat/completions`, chat, auth);
    expect([response.status, response.text, response.headers.get('x-extra')]).toEqual([200, 'not json at all', 'yes']);
  });

  it('wraps a responder error in the provider’s error shape', async () => {
    const server = await start({ respond: () => ({ status: 529, error: 'Overloaded right now' }) });
    const response = await post(`${server.url}/v1/messages`, messages, {
      'x-api-key': KEY,
      'anthropic-version': '2023-06-01',
    });
    expect(response.status).toBe(529);
    expect(JSON.parse(response.text)).toMatchObject({
      type: 'error',
      error: { type: 'overloaded_error', message: 'Overloaded right now' },
    });
  });

  it('applies only the faults whose match accepts the request, with Retry-After and a custom body', async () => {
    const server = await start();
    server.addFault({
      status: 503,
      retryAfter: 7,
      body: '{"error":"busy"}',
      match: (request) => request.messages[0]?.content === 'slow',
    });
    expect((await post(`${server.url}/v1/chat/completions`, chat, auth)).status).toBe(200);
    const slow = await post(
      `${server.url}/v1/chat/completions`,
      { ...chat, messages: [{ role: 'user', content: 'slow' }] },
      auth,
    );
    expect([slow.status, slow.text, slow.headers.get('retry-after')]).toEqual([503, '{"error":"busy"}', '7']);
    expect(server.requests.map((request) => request.fault)).toEqual([false, true]);
  });

  it('forgets requests, maxInFlight and pending faults on reset', async () => {
    const server = await start({ faults: [{ status: 500 }] });
    server.reset();
    expect((await post(`${server.url}/v1/chat/completions`, chat, auth)).status).toBe(200);
    server.reset();
    expect([server.requests.length, server.maxInFlight]).toEqual([0, 0]);
  });

  it('accepts any key and any model when none are configured', async () => {
    const server = await startProviderServer();
    servers.push(server);
    expect((await post(`${server.url}/v1/chat/completions`, { ...chat, model: 'llama3.2' })).status).toBe(200);
  });
});
