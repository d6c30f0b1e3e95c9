// An SDK error crosses from the provider thread as a structured clone (what postMessage makes of it) and is read here
// as the retry, the limiter and the fallback read the SDK's own: status, Retry-After, retryable, the provider's words.
import { APICallError } from 'ai';
import { describe, expect, it } from 'vitest';
import {
  bodyOf,
  classifyProviderError,
  isConnectionRefused,
  retryAfterOf,
  statusOf,
} from '../../../src/providers/errors.js';
import { fromWireError, toWireError } from '../../../src/providers/worker/wire-error.js';

/** Through the same clone a message between threads goes through. */
const acrossThreads = (error: unknown): Error => fromWireError(structuredClone(toWireError(error)));

describe('an error from the provider thread', () => {
  it('is still the SDK’s APICallError by shape and by its marker: status, headers, body, retryable', () => {
    const original = new APICallError({
      message: 'Rate limit reached for gpt-4o-mini',
      url: 'https://api.openai.com/v1/chat/completions',
      requestBodyValues: { model: 'gpt-4o-mini' },
      statusCode: 429,
      responseHeaders: { 'retry-after': '7' },
      responseBody: '{"error":{"message":"Rate limit reached for gpt-4o-mini"}}',
      isRetryable: true,
    });
    const error = acrossThreads(original);
    expect(error).toBeInstanceOf(Error);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      name: 'AI_APICallError',
      message: 'Rate limit reached for gpt-4o-mini',
      statusCode: 429,
      isRetryable: true,
      url: 'https://api.openai.com/v1/chat/completions',
    });
    expect([classifyProviderError(error), statusOf(error), bodyOf(error)]).toEqual([
      classifyProviderError(original),
      429,
      original.responseBody,
    ]);
    expect(retryAfterOf(error, 0)).toBe(7_000);
  });

  it('keeps a network failure’s cause chain (fetch failed, then ECONNREFUSED)', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED', port: 9 });
    const error = acrossThreads(new TypeError('fetch failed', { cause: refused }));
    expect(error.name).toBe('TypeError');
    expect(error.cause).toMatchObject({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:9' });
    expect([classifyProviderError(error), isConnectionRefused(error)]).toEqual(['network', true]);
  });

  it('drops what cannot be cloned and keeps the rest', () => {
    const error = acrossThreads(
      Object.assign(new Error('odd'), { retry: () => 1, statusCode: 503, when: new Date(0) }),
    );
    expect(error).toMatchObject({ message: 'odd', statusCode: 503, when: new Date(0) });
    expect('retry' in error).toBe(false);
    expect(classifyProviderError(error)).toBe('server');
  });

  it('turns a thrown non-error into an Error with its text', () => {
    expect(acrossThreads('plain words')).toMatchObject({ name: 'Error', message: 'plain words' });
  });
});
