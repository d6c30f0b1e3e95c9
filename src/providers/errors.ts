// What a failed provider call means (retry, give up, or tell the user), read from the SDK's errors by shape, not by class.

export type ProviderErrorKind = 'auth' | 'model' | 'rate-limit' | 'server' | 'network' | 'schema' | 'abort' | 'other';

/** The model's answer did not match the schema (or, asked for plain text, could not be read), twice. */
export class SchemaMismatchError extends Error {
  override readonly name = 'SchemaMismatchError';
  readonly schemaName: string;
  readonly attempts: number;
  /** The request asked for plain text, not for JSON. */
  readonly plainText: boolean;

  constructor(schemaName: string, attempts: number, cause: unknown, plainText = false) {
    const what = plainText ? `could not be read as a ${schemaName}` : `did not match the ${schemaName} schema`;
    super(`The model's answer ${what} after ${attempts} attempts.`, { cause });
    this.schemaName = schemaName;
    this.attempts = attempts;
    this.plainText = plainText;
  }
}

/** One plain-text answer that its reader could not read (no commit header in it): asked once more, as a schema miss. */
export class UnreadableAnswerError extends Error {
  override readonly name = 'UnreadableAnswerError';
  /** 'length' when the output bound cut the answer off (a reasoning model that spent it thinking). */
  readonly finishReason: string | undefined;

  constructor(name: string, finishReason: string | undefined) {
    super(`The model's plain-text answer held no ${name}.`);
    this.finishReason = finishReason;
  }
}

/** The remote engine's time ran out during an attempt, or before the next one could start. */
export class DeadlineError extends Error {
  override readonly name = 'DeadlineError';
  readonly attempts: number;

  constructor(attempts: number, cause?: unknown) {
    super(`The provider did not answer in time (${attempts} attempt${attempts === 1 ? '' : 's'}).`, { cause });
    this.attempts = attempts;
  }
}

interface ErrorShape {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  cause?: unknown;
  statusCode?: unknown;
  responseBody?: unknown;
  responseHeaders?: unknown;
  lastError?: unknown;
}

const SCHEMA_ERRORS = new Set([
  'AI_NoObjectGeneratedError',
  'AI_NoOutputGeneratedError',
  'AI_TypeValidationError',
  'AI_JSONParseError',
  'ZodError',
  'SchemaMismatchError',
  'UnreadableAnswerError',
]);
const ABORT_ERRORS = new Set(['AbortError', 'TimeoutError', 'ResponseAborted', 'DeadlineError']);
const NETWORK_CODES =
  /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|UND_ERR_\w+)$/;
const MODEL_MISSING =
  /model[_ ]not[_ ]found|\bmodels?\b.{0,80}?\b(not found|does not exist|doesn't exist|is not available|not supported)\b|\b(unknown|invalid|no such) model\b/is;
const KEY_INVALID = /API_KEY_INVALID|API key not valid|invalid[ _-]?api[ _-]?key|incorrect api key|invalid x-api-key/i;

function shapeOf(error: unknown): ErrorShape {
  return typeof error === 'object' && error !== null ? (error as ErrorShape) : {};
}

function isNetworkFailure(error: unknown, depth = 0): boolean {
  const shape = shapeOf(error);
  if (typeof shape.code === 'string' && NETWORK_CODES.test(shape.code)) return true;
  if (shape.name === 'TypeError' && /fetch failed|failed to fetch|terminated/i.test(String(shape.message))) return true;
  return depth < 4 && shape.cause !== undefined && isNetworkFailure(shape.cause, depth + 1);
}

/** Whether the connection was refused (nothing listens there): a retry a moment later finds the same. */
export function isConnectionRefused(error: unknown, depth = 0): boolean {
  const shape = shapeOf(error);
  if (shape.code === 'ECONNREFUSED') return true;
  if (shape.name === 'AI_RetryError') return isConnectionRefused(shape.lastError, depth + 1);
  return depth < 4 && shape.cause !== undefined && isConnectionRefused(shape.cause, depth + 1);
}

/**
 * The HTTP status of a provider's error answer, if the error carries one. A success status is none: a 200 whose body
 * never came (the connection dropped after the headers) failed on the network, not with an answer.
 */
export function statusOf(error: unknown): number | undefined {
  const shape = shapeOf(error);
  if (shape.name === 'AI_RetryError') return statusOf(shape.lastError);
  return typeof shape.statusCode === 'number' && shape.statusCode >= 400 ? shape.statusCode : undefined;
}

/** A redirect the provider answered (git's fetch follows none: the key would go to wherever it points), and where to. */
export function redirectOf(error: unknown): { status: number; location?: string } | undefined {
  const shape = shapeOf(error) as ErrorShape & { responseHeaders?: Record<string, string> };
  if (shape.name === 'AI_RetryError') return redirectOf(shape.lastError);
  const status = shape.statusCode;
  if (typeof status !== 'number' || status < 300 || status > 399) return undefined;
  const location = shape.responseHeaders?.['location'];
  return { status, ...(typeof location === 'string' ? { location } : {}) };
}

/** The error answer's body text ('' if none). */
export function bodyOf(error: unknown): string {
  const shape = shapeOf(error);
  if (shape.name === 'AI_RetryError') return bodyOf(shape.lastError);
  return typeof shape.responseBody === 'string' ? shape.responseBody : '';
}

/** What went wrong with a provider call, from an SDK error, a fetch error or one of ours. */
export function classifyProviderError(error: unknown): ProviderErrorKind {
  const shape = shapeOf(error);
  const name = typeof shape.name === 'string' ? shape.name : '';
  if (name === 'AI_RetryError') return classifyProviderError(shape.lastError);
  if (SCHEMA_ERRORS.has(name)) return 'schema';
  if (ABORT_ERRORS.has(name)) return 'abort';
  if (name === 'AI_LoadAPIKeyError') return 'auth';
  const status = statusOf(error);
  const detail = `${bodyOf(error)}\n${typeof shape.message === 'string' ? shape.message : ''}`;
  if (status === undefined) return isNetworkFailure(error) ? 'network' : 'other';
  if (status === 401 || status === 403 || (status === 400 && KEY_INVALID.test(detail))) return 'auth';
  if (status === 404 && /model/i.test(detail)) return 'model';
  if ((status === 400 || status === 422) && MODEL_MISSING.test(detail)) return 'model';
  if (status === 429) return 'rate-limit';
  if (status === 408 || status === 409 || status >= 500) return 'server';
  return 'other';
}

/** Whether another attempt may succeed after a pause. */
export function isTransient(kind: ProviderErrorKind): boolean {
  return kind === 'rate-limit' || kind === 'server' || kind === 'network';
}

function headerOf(headers: Record<string, string | undefined>, name: string): string | undefined {
  const found = Object.keys(headers).find((key) => key.toLowerCase() === name);
  return found === undefined ? undefined : headers[found]?.trim();
}

/** Milliseconds the server asked us to wait (retry-after-ms, then Retry-After in seconds or as an HTTP date), or undefined. */
export function parseRetryAfter(
  headers: Record<string, string | undefined> | undefined,
  nowMs: number,
): number | undefined {
  if (headers === undefined) return undefined;
  const milliseconds = headerOf(headers, 'retry-after-ms');
  if (milliseconds !== undefined && /^\d+(\.\d+)?$/.test(milliseconds)) return Number(milliseconds);
  const value = headerOf(headers, 'retry-after');
  if (value === undefined || value === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  // An HTTP date names its weekday and month; Date.parse alone would read '-3' as a year.
  const date = /[a-z]{3}/i.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/** The wait a failed call's answer asked for, if any. */
export function retryAfterOf(error: unknown, nowMs: number): number | undefined {
  const shape = shapeOf(error);
  if (shape.name === 'AI_RetryError') return retryAfterOf(shape.lastError, nowMs);
  const headers = shape.responseHeaders;
  return typeof headers === 'object' && headers !== null
    ? parseRetryAfter(headers as Record<string, string>, nowMs)
    : undefined;
}

const BASE_DELAY_MS = 250;
const MAX_DELAY_MS = 8_000;

/** Exponential backoff with full jitter: a random wait up to min(8 s, 250 ms · 2^(failures-1)). */
export function backoffDelay(failures: number, random: () => number): number {
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, failures - 1));
  return Math.floor(Math.min(1, Math.max(0, random())) * ceiling);
}
