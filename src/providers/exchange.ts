// What one call may do to the wire exchange the SDK makes through git-ai's fetch: reshape the JSON body before it is
// sent (`n`, `candidateCount`), read the raw answer the SDK parses only in part (every choice), or keep the request in
// the process (`git ai prompt` shows what would be sent). Scoped per call with AsyncLocalStorage, so the SDK's
// fetch needs no parameters and concurrent calls do not see each other's hooks.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Provider } from '../config/schema.js';
import { askForChoices } from './choices.js';
import { textResponse } from './fetch-response.js';
import { urlOf } from './fetch-url.js';
import type { FetchFunction } from './transport.js';

export interface OutgoingRequest {
  url: string;
  method: string;
  /** The parsed JSON body, as it would be sent. */
  body: unknown;
}

/** Several completions asked for in one request, as data. */
export interface ExchangeChoices {
  provider: Provider | undefined;
  count: number;
}

export interface ExchangeHooks {
  /** Asks for this many completions in the JSON body before it is sent (see choices.ts). */
  choices?: ExchangeChoices;
  /** Given the text of a 200 answer that is not a stream (the SDK reads the same text after). */
  answered?: (text: string) => void;
  /** Given the request instead of sending it; whatever it throws is what the SDK sees. */
  intercept?: (request: OutgoingRequest) => never;
}

const scope = new AsyncLocalStorage<ExchangeHooks>();

/** Runs `call` with `hooks` applied to every request the SDK makes inside it. */
export function withExchange<T>(hooks: ExchangeHooks, call: () => Promise<T>): Promise<T> {
  return scope.run(hooks, call);
}

/** The hooks of the call running now, if any. */
export function currentExchange(): ExchangeHooks | undefined {
  return scope.getStore();
}

function parseBody(body: RequestInit['body']): Record<string, unknown> | undefined {
  if (typeof body !== 'string') return undefined;
  try {
    const value = JSON.parse(body) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** `fetch` with the current call's hooks applied; without hooks it is `fetch` itself. */
export function hookedFetch(fetch: FetchFunction): FetchFunction {
  return async (input, init) => {
    const hooks = scope.getStore();
    if (hooks === undefined) return fetch(input, init);
    const url = urlOf(input);
    let body = parseBody(init?.body);
    if (body !== undefined && hooks.choices !== undefined) {
      body = askForChoices(hooks.choices.provider, body, hooks.choices.count);
      init = { ...init, body: JSON.stringify(body) };
    }
    if (hooks.intercept !== undefined)
      hooks.intercept({ url: url.href, method: init?.method ?? 'GET', body: body ?? init?.body });
    const response = await fetch(input, init);
    const type = response.headers.get('content-type') ?? '';
    if (hooks.answered === undefined || response.status !== 200 || !type.includes('json')) return response;
    const text = await response.text();
    hooks.answered(text);
    const { status, statusText, headers } = response;
    return textResponse(text, { status, statusText, url: url.href, headers }) as unknown as Response;
  };
}
