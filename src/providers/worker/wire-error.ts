// An error as it crosses from the provider thread to the main one, and back into an Error there. A structured clone
// keeps an Error's message and little else; the retry, the limiter and the fallback's warning read the SDK's errors
// by shape (providers/errors.ts: name, statusCode, responseHeaders, responseBody, code, cause), so every own property
// that can be cloned is carried, the cause too, and the SDK's markers, so that `APICallError.isInstance` still holds.

export interface WireError {
  name: string;
  message: string;
  stack: string | undefined;
  /** The own properties that could be cloned (statusCode, responseHeaders, responseBody, url, isRetryable, code, ...). */
  fields: Record<string, unknown>;
  cause?: WireError | { value: unknown };
  /** The descriptions of the SDK's `Symbol.for('vercel.ai.error…')` markers the error carried. */
  markers: string[];
}

const MAX_DEPTH = 5;
const MARKER = /^vercel\.ai\.error/;
const OWN = new Set(['name', 'message', 'stack', 'cause']);

function cloneable(value: unknown): { ok: true; value: unknown } | { ok: false } {
  if (typeof value === 'function' || typeof value === 'symbol') return { ok: false };
  if (value === null || typeof value !== 'object') return { ok: true, value };
  try {
    return { ok: true, value: structuredClone(value) };
  } catch {
    return { ok: false };
  }
}

export function toWireError(error: unknown, depth = 0): WireError {
  if (!(error instanceof Error) && (typeof error !== 'object' || error === null))
    return { name: 'Error', message: String(error), stack: undefined, fields: {}, markers: [] };
  const shape = error as Error & Record<string | symbol, unknown>;
  const fields: Record<string, unknown> = {};
  for (const key of Object.getOwnPropertyNames(shape)) {
    if (OWN.has(key)) continue;
    const copy = cloneable(shape[key]);
    if (copy.ok) fields[key] = copy.value;
  }
  const markers = Object.getOwnPropertySymbols(shape).flatMap((symbol) =>
    symbol.description !== undefined && MARKER.test(symbol.description) && shape[symbol] === true
      ? [symbol.description]
      : [],
  );
  const wire: WireError = {
    name: typeof shape.name === 'string' ? shape.name : 'Error',
    message: typeof shape.message === 'string' ? shape.message : String(error),
    stack: typeof shape.stack === 'string' ? shape.stack : undefined,
    fields,
    markers,
  };
  const cause = shape.cause;
  if (cause !== undefined && depth < MAX_DEPTH)
    wire.cause =
      typeof cause === 'object' && cause !== null ? toWireError(cause, depth + 1) : { value: cloneOrString(cause) };
  return wire;
}

function cloneOrString(value: unknown): unknown {
  const copy = cloneable(value);
  return copy.ok ? copy.value : String(value);
}

/** An Error with the name, message, properties, cause and SDK markers the thread's error had. */
export function fromWireError(wire: WireError): Error {
  const error = new Error(wire.message) as Error & Record<string | symbol, unknown>;
  Object.defineProperty(error, 'name', { value: wire.name, writable: true, configurable: true });
  if (wire.stack !== undefined)
    Object.defineProperty(error, 'stack', { value: wire.stack, writable: true, configurable: true });
  Object.assign(error, wire.fields);
  for (const marker of wire.markers) error[Symbol.for(marker)] = true;
  if (wire.cause !== undefined)
    Object.defineProperty(error, 'cause', {
      value: 'markers' in wire.cause ? fromWireError(wire.cause) : wire.cause.value,
      writable: true,
      configurable: true,
    });
  return error;
}
