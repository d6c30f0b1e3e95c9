// Classification of provider failures, Retry-After parsing and the backoff schedule, as tables.
import { describe, expect, it } from 'vitest';
import { APICallError, NoObjectGeneratedError, RetryError } from 'ai';
import * as z from 'zod';
import type { ProviderErrorKind } from '../../src/providers/errors.js';
import {
  DeadlineError,
  SchemaMismatchError,
  backoffDelay,
  classifyProviderError,
  parseRetryAfter,
  retryAfterOf,
} from '../../src/providers/errors.js';

function apiError(
  statusCode: number | undefined,
  responseBody = '',
  message = 'failed',
  cause?: unknown,
): APICallError {
  return new APICallError({
    message,
    url: 'http://127.0.0.1/v1/chat/completions',
    requestBodyValues: {},
    statusCode,
    responseBody,
    cause,
  });
}

const openaiBody = (message: string, code: string | null = null) =>
  JSON.stringify({ error: { message, type: 'invalid_request_error', code } });
const fetchFailed = Object.assign(new TypeError('fetch failed'), {
  cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
});
const noObject = new NoObjectGeneratedError({
  text: '{"files": [',
  response: { id: 'x', timestamp: new Date(0), modelId: 'm' },
  usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 } as never,
  finishReason: 'stop',
});

describe('classifyProviderError', () => {
  it.each<[string, unknown, ProviderErrorKind]>([
    ['401', apiError(401, openaiBody('Incorrect API key provided', 'invalid_api_key')), 'auth'],
    ['403 (Gemini without a key)', apiError(403, '{"error":{"status":"PERMISSION_DENIED"}}'), 'auth'],
    [
      '400 API_KEY_INVALID (Gemini with a wrong key)',
      apiError(400, '{"error":{"message":"API key not valid.","details":[{"reason":"API_KEY_INVALID"}]}}'),
      'auth',
    ],
    [
      '404 model_not_found (OpenAI)',
      apiError(404, openaiBody('The model `gpt-9` does not exist', 'model_not_found')),
      'model',
    ],
    [
      '404 "model: x" (Anthropic)',
      apiError(404, '{"type":"error","error":{"type":"not_found_error","message":"model: claude-0"}}'),
      'model',
    ],
    [
      '404 models/x is not found (Gemini)',
      apiError(404, '{"error":{"message":"models/gemini-0 is not found for API version v1beta"}}'),
      'model',
    ],
    [
      '404 model not found, try pulling it (Ollama)',
      apiError(404, '{"error":"model \\"llama9\\" not found, try pulling it first"}'),
      'model',
    ],
    ['400 model does not exist (vLLM)', apiError(400, openaiBody('The model `x` does not exist.')), 'model'],
    ['404 without a model (wrong base URL)', apiError(404, '404 page not found'), 'other'],
    ['429', apiError(429, openaiBody('Rate limit reached')), 'rate-limit'],
    ['500', apiError(500), 'server'],
    ['503', apiError(503), 'server'],
    ['529 overloaded (Anthropic)', apiError(529), 'server'],
    ['408', apiError(408), 'server'],
    [
      '400 that is not about keys or models',
      apiError(400, openaiBody('max_tokens is too large for this model')),
      'other',
    ],
    [
      'an SDK connection failure',
      apiError(undefined, '', 'Cannot connect to API: connect ECONNREFUSED', fetchFailed.cause),
      'network',
    ],
    ['a raw fetch failure', fetchFailed, 'network'],
    ['a socket reset', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), 'network'],
    [
      'a 200 whose body never came (connection dropped after the headers)',
      apiError(
        200,
        '',
        'Failed to process successful response',
        Object.assign(new TypeError('terminated'), {
          cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
        }),
      ),
      'network',
    ],
    ['NoObjectGeneratedError', noObject, 'schema'],
    ['a ZodError', z.string().safeParse(1).error, 'schema'],
    ['SchemaMismatchError', new SchemaMismatchError('analysis', 2, noObject), 'schema'],
    ['an AbortError', new DOMException('aborted', 'AbortError'), 'abort'],
    ['a TimeoutError', new DOMException('timed out', 'TimeoutError'), 'abort'],
    ['DeadlineError', new DeadlineError(1), 'abort'],
    [
      'a RetryError, by its last error',
      new RetryError({ message: 'x', reason: 'maxRetriesExceeded', errors: [apiError(500), apiError(429)] }),
      'rate-limit',
    ],
    ['a plain Error', new Error('boom'), 'other'],
    ['a string', 'boom', 'other'],
    ['undefined', undefined, 'other'],
  ])('%s → %s', (_name, error, kind) => {
    expect(classifyProviderError(error)).toBe(kind);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.UTC(2025, 0, 1, 12, 0, 0);
  it.each<[string, Record<string, string> | undefined, number | undefined]>([
    ['seconds', { 'retry-after': '2' }, 2000],
    ['fractional seconds', { 'retry-after': '1.5' }, 1500],
    ['zero', { 'retry-after': '0' }, 0],
    ['an HTTP date 3 s ahead', { 'retry-after': 'Wed, 01 Jan 2025 12:00:03 GMT' }, 3000],
    ['an HTTP date in the past', { 'retry-after': 'Wed, 01 Jan 2025 11:00:00 GMT' }, 0],
    ['retry-after-ms, preferred', { 'retry-after-ms': '250', 'retry-after': '9' }, 250],
    ['an upper-case name', { 'Retry-After': '4' }, 4000],
    ['garbage', { 'retry-after': 'soon' }, undefined],
    ['a negative number', { 'retry-after': '-3' }, undefined],
    ['garbage retry-after-ms, then seconds', { 'retry-after-ms': 'x', 'retry-after': '1' }, 1000],
    ['no header', {}, undefined],
    ['no headers at all', undefined, undefined],
  ])('%s', (_name, headers, expected) => {
    expect(parseRetryAfter(headers, now)).toBe(expected);
  });

  it('reads the headers of an SDK error', () => {
    const error = new APICallError({
      message: 'x',
      url: 'u',
      requestBodyValues: {},
      statusCode: 429,
      responseHeaders: { 'retry-after': '7' },
    });
    expect(retryAfterOf(error, 0)).toBe(7000);
    expect(retryAfterOf(new Error('x'), 0)).toBeUndefined();
  });
});

describe('backoffDelay', () => {
  it.each([
    [1, 1, 250],
    [2, 1, 500],
    [3, 1, 1000],
    [6, 1, 8000],
    [12, 1, 8000],
    [3, 0.5, 500],
    [3, 0, 0],
    [3, 1.7, 1000],
  ])('failure %i with random %d waits %i ms', (failures, random, expected) => {
    expect(backoffDelay(failures, () => random)).toBe(expected);
  });
});
