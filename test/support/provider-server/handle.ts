// One request's life: record it, route it, check key and model, apply a fault or the responder, answer.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ProviderAdapter, Reply } from './adapter.js';
import { isReply, jsonReply } from './adapter.js';
import type { FaultQueue } from './faults.js';
import { planLatency } from './latency.js';
import type { SendTarget } from './respond.js';
import {
  MALFORMED_OUTPUT,
  buildOutput,
  respondByDefault,
  sendAfter,
  sendThenDrop,
  sendHeadersThenDrop,
  sendReply,
  sendSuccess,
} from './respond.js';
import type { Route } from './route.js';
import { flattenHeaders, matchRoute } from './route.js';
import type { FaultRule, ProviderServerOptions, RecordedRequest } from './types.js';

export interface ServerState {
  options: ProviderServerOptions;
  faults: FaultQueue;
  requests: RecordedRequest[];
  inFlight: number;
  maxInFlight: number;
}

const SECRET_HEADERS = new Set(['authorization', 'x-api-key', 'x-goog-api-key']);

function redactHeaders(headers: Record<string, string | undefined>): Record<string, string> {
  const entries = Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== undefined);
  return Object.fromEntries(entries.map(([name, value]) => [name, SECRET_HEADERS.has(name) ? '[redacted]' : value]));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function faultReply(adapter: ProviderAdapter, fault: FaultRule): Reply {
  const reply =
    fault.body === undefined ? adapter.errorReply(fault.status) : { status: fault.status, body: fault.body };
  const retryAfter = fault.retryAfter === undefined ? undefined : { 'retry-after': String(fault.retryAfter) };
  return { ...reply, headers: { ...reply.headers, ...retryAfter } };
}

async function answer(req: IncomingMessage, route: Route, target: SendTarget, state: ServerState): Promise<void> {
  const { adapter, context } = route;
  const { options } = state;
  const text = await readBody(req);
  const denied = options.apiKey === undefined ? undefined : adapter.checkAuth(context, options.apiKey);
  if (route.operation === 'list') return sendReply(target, denied ?? adapter.listModels(options.models ?? []));
  const parsed = parseJson(text);
  if (!parsed.ok)
    return sendReply(target, adapter.errorReply(400, 'We could not parse the JSON body of your request.'));
  const body = parsed.value as Record<string, unknown>;
  target.record.body = body;
  target.record.model = context.pathModel ?? (typeof body?.model === 'string' ? body.model : undefined);
  if (denied !== undefined) return sendReply(target, denied);
  const request = adapter.parse(body, context);
  if (isReply(request)) return sendReply(target, request);
  target.record.normalized = request;
  if (options.models !== undefined && !options.models.includes(request.model))
    return sendReply(target, adapter.modelNotFound(request.model));
  const plan = planLatency({ latency: options.latency, scale: options.latencyScale, inputTokens: request.inputTokens });
  const fault = state.faults.take(request);
  if (fault !== undefined) {
    target.record.fault = true;
    if (fault.hang === true) {
      if (target.signal.aborted) return;
      return new Promise((resolve) => target.signal.addEventListener('abort', () => resolve(), { once: true }));
    }
    if (fault.dropAfterHeaders === true)
      return sendHeadersThenDrop(target, adapter.contentType(request.stream, context));
    const answersAsResponder = fault.malformed === true || fault.trickleMs !== undefined;
    if (!answersAsResponder) return sendAfter(target, plan.firstByteMs, faultReply(adapter, fault));
  }
  const responder = options.respond ?? respondByDefault;
  const result = fault?.malformed === true ? { text: MALFORMED_OUTPUT } : await responder(request);
  // Several completions asked for (`n`, `candidateCount`): the responder writes each; a server may ignore the ask.
  const extra = request.stream || options.ignoreChoices === true ? 0 : request.choices - 1;
  const more = await Promise.all(
    Array.from({ length: extra }, async (_unused, index) => {
      const each = { ...request, choice: index + 1 };
      return buildOutput(each, fault?.malformed === true ? { text: MALFORMED_OUTPUT } : await responder(each));
    }),
  );
  if (result.raw !== undefined) {
    const headers = { 'content-type': adapter.contentType(request.stream, context), ...result.headers };
    const reply = { status: result.status ?? 200, body: result.raw, headers };
    return result.dropAfterRaw === true
      ? sendThenDrop(target, plan.firstByteMs, reply)
      : sendAfter(target, plan.firstByteMs, reply);
  }
  if (result.error !== undefined || (result.status !== undefined && result.status >= 400)) {
    const reply = adapter.errorReply(result.status ?? 500, result.error);
    return sendAfter(target, plan.firstByteMs, { ...reply, headers: { ...reply.headers, ...result.headers } });
  }
  return sendSuccess(target, {
    adapter,
    body,
    context,
    request,
    output: buildOutput(request, result),
    more,
    plan,
    headers: result.headers,
    trickleMs: fault?.trickleMs,
    hold: result.hold,
  });
}

export async function handleRequest(req: IncomingMessage, res: ServerResponse, state: ServerState): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const headers = flattenHeaders(req.headers);
  const route = matchRoute(req.method ?? 'GET', url, headers);
  state.inFlight += 1;
  state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
  const record: RecordedRequest = {
    provider: route?.adapter.provider ?? 'unknown',
    method: req.method ?? 'GET',
    path: `${url.pathname}${url.search.replace(/([?&]key=)[^&]*/, '$1[redacted]')}`,
    headers: redactHeaders(headers),
    body: undefined,
    startedAt: Date.now(),
    inFlightAtStart: state.inFlight,
    aborted: false,
    fault: false,
  };
  state.requests.push(record);
  const abort = new AbortController();
  res.on('close', () => {
    record.aborted = !res.writableFinished;
    record.endedAt = Date.now();
    state.inFlight -= 1;
    abort.abort();
  });
  const target: SendTarget = { res, record, signal: abort.signal };
  try {
    if (route === undefined)
      return sendReply(
        target,
        jsonReply(404, {
          error: { message: `Unknown route: ${record.method} ${url.pathname}`, type: 'invalid_request_error' },
        }),
      );
    await answer(req, route, target, state);
  } catch (error) {
    if (!res.headersSent)
      sendReply(
        target,
        jsonReply(500, { error: { message: `provider-server failed: ${String(error)}`, type: 'server_error' } }),
      );
    else res.destroy();
  }
}
