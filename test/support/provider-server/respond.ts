// Turns a responder's result (or a fault) into what goes on the wire, after the simulated latency.

import type { ServerResponse } from 'node:http';
import type { ModelOutput, ProviderAdapter, Reply, RequestContext } from './adapter.js';
import { estimateTokens } from './adapter.js';
import type { LatencyPlan } from './latency.js';
import { sleep, totalLatencyMs } from './latency.js';
import { createSchemaInstance } from './schema-instance.js';
import type { NormalizedRequest, RecordedRequest, ResponderResult } from './types.js';

/** Truncated JSON: valid for no schema and no tool call. */
export const MALFORMED_OUTPUT = '{"subject": "this answer was cut off';

/** A minimal valid object for the requested schema, `{}` for plain JSON mode, else the text 'ok'. */
export function respondByDefault(request: NormalizedRequest): ResponderResult {
  const structured = request.structured;
  if (structured === undefined) return { text: 'ok' };
  return { object: structured.kind === 'json_object' ? {} : createSchemaInstance(structured.schema) };
}

/** A forced tool call carries the answer as its arguments; anything else answers in text. */
export function buildOutput(request: NormalizedRequest, result: ResponderResult): ModelOutput {
  const answer = result.text ?? (result.object === undefined ? '' : JSON.stringify(result.object));
  const usage = { model: request.model, inputTokens: request.inputTokens, outputTokens: estimateTokens(answer) };
  if (request.structured?.kind === 'tool')
    return { ...usage, toolCall: { name: request.structured.name ?? 'json', args: answer } };
  return { ...usage, text: answer };
}

export interface SendTarget {
  res: ServerResponse;
  record: RecordedRequest;
  signal: AbortSignal;
}

export function sendReply(target: SendTarget, reply: Reply): void {
  if (target.signal.aborted) return;
  target.record.status = reply.status;
  target.res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
  target.res.end(reply.body);
}

/** Waits out the latency, then sends a reply; nothing is sent if the client left meanwhile. */
export async function sendAfter(target: SendTarget, ms: number, reply: Reply): Promise<void> {
  if (await sleep(ms, target.signal)) sendReply(target, reply);
}

/** A reply's headers and body, then the connection dropped where a complete answer would end. */
export async function sendThenDrop(target: SendTarget, ms: number, reply: Reply): Promise<void> {
  if (!(await sleep(ms, target.signal))) return;
  target.record.status = reply.status;
  target.res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
  target.res.write(reply.body);
  if (await sleep(20, target.signal)) target.res.socket?.destroy();
}

/** The headers of a 200 answer, then the connection dropped: the client reads a body that never comes. */
export async function sendHeadersThenDrop(target: SendTarget, contentType: string): Promise<void> {
  if (target.signal.aborted) return;
  target.record.status = 200;
  target.res.writeHead(200, { 'content-type': contentType });
  target.res.flushHeaders();
  if (await sleep(20, target.signal)) target.res.socket?.destroy();
}

export interface SuccessOptions {
  adapter: ProviderAdapter;
  body: Record<string, unknown>;
  context: RequestContext;
  request: NormalizedRequest;
  output: ModelOutput;
  /** The further completions of a request that asked for several (rendered in a JSON answer only). */
  more?: readonly ModelOutput[];
  plan: LatencyPlan;
  headers?: Record<string, string>;
  /** Send the body one byte at a time, this many milliseconds apart, right after the headers. */
  trickleMs?: number;
  hold?: ResponderResult['hold'];
}

/** The headers at once, then the body one byte every `intervalMs`: a server (or proxy) that trickles. */
async function sendTrickled(target: SendTarget, reply: Reply, intervalMs: number): Promise<void> {
  if (target.signal.aborted) return;
  target.record.status = reply.status;
  target.res.writeHead(reply.status, reply.headers);
  for (const byte of typeof reply.body === 'string' ? Buffer.from(reply.body, 'utf8') : reply.body) {
    if (!(await sleep(intervalMs, target.signal))) return;
    target.res.write(Buffer.of(byte));
  }
  target.res.end();
}

/** Resolves true when `release` does, false when the client leaves first. */
function released(release: Promise<void>, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => resolve(false);
    signal.addEventListener('abort', onAbort, { once: true });
    void release.then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    });
  });
}

/** A 200 answer: one JSON body after the whole latency, or a stream whose output latency is spread over its frames. */
export async function sendSuccess(target: SendTarget, options: SuccessOptions): Promise<void> {
  const { adapter, body, context, request, output, more, plan, headers, trickleMs, hold } = options;
  const contentType = adapter.contentType(request.stream, context);
  if (trickleMs !== undefined) {
    const text = request.stream
      ? adapter
          .renderStream(output, body, context)
          .map((frame) => frame.data)
          .join('')
      : JSON.stringify(adapter.renderJson(output, body, more));
    return sendTrickled(
      target,
      { status: 200, body: text, headers: { 'content-type': contentType, ...headers } },
      trickleMs,
    );
  }
  if (!request.stream) {
    const reply = {
      status: 200,
      body: JSON.stringify(adapter.renderJson(output, body, more)),
      headers: { 'content-type': contentType, ...headers },
    };
    // Completions are decoded side by side: the longest one sets the time.
    const outputTokens = Math.max(output.outputTokens, ...(more ?? []).map((each) => each.outputTokens));
    return sendAfter(target, totalLatencyMs(plan, outputTokens), reply);
  }
  if (!(await sleep(plan.firstByteMs, target.signal))) return;
  target.record.status = 200;
  target.res.writeHead(200, {
    'content-type': contentType,
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    ...headers,
  });
  // Each frame is due when the tokens sent so far are; timer overshoot is not added up frame after frame.
  let started = performance.now();
  let tokensSent = 0;
  let held = hold;
  for (const frame of adapter.renderStream(output, body, context)) {
    if (held !== undefined && tokensSent >= held.afterTokens && frame.tokens > 0) {
      const release = held.release;
      held = undefined;
      const paused = performance.now();
      if (!(await released(release, target.signal))) return;
      started += performance.now() - paused;
    }
    tokensSent += frame.tokens;
    if (!(await sleep(started + tokensSent * plan.perOutputTokenMs - performance.now(), target.signal))) return;
    target.res.write(frame.data);
  }
  target.res.end();
}
