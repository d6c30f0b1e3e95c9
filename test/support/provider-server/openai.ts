// OpenAI Chat Completions (also what Ollama, LM Studio, vLLM and OpenRouter speak): POST /v1/chat/completions.

import type { ModelOutput, ProviderAdapter, Reply, RequestContext, StreamFrame } from './adapter.js';
import {
  asArray,
  asRecord,
  buildRequest,
  estimateTokens,
  flattenContent,
  jsonReply,
  nextId,
  splitIntoChunks,
  sseFrame,
} from './adapter.js';
import type { NormalizedMessage, StructuredRequest } from './types.js';

const ERROR_TYPES: Record<number, { type: string; code: string | null }> = {
  400: { type: 'invalid_request_error', code: null },
  401: { type: 'invalid_request_error', code: 'invalid_api_key' },
  403: { type: 'invalid_request_error', code: 'unsupported_country_region_territory' },
  404: { type: 'invalid_request_error', code: 'model_not_found' },
  429: { type: 'requests', code: 'rate_limit_exceeded' },
};

function errorReply(status: number, message?: string): Reply {
  const { type, code } = ERROR_TYPES[status] ?? { type: 'server_error', code: null };
  const text =
    message ??
    (status === 429
      ? 'Rate limit reached for requests. Please try again later.'
      : `The server had an error processing your request (status ${status}).`);
  return jsonReply(status, { error: { message: text, type, param: null, code } });
}

function maskKey(key: string): string {
  return key.length <= 8 ? '*'.repeat(key.length) : `${key.slice(0, 3)}${'*'.repeat(key.length - 7)}${key.slice(-4)}`;
}

function checkAuth(context: RequestContext, expectedKey: string): Reply | undefined {
  const header = context.headers.authorization ?? '';
  const key = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
  if (key === '') {
    return errorReply(
      401,
      "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
    );
  }
  if (key !== expectedKey) {
    return errorReply(
      401,
      `Incorrect API key provided: ${maskKey(key)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
    );
  }
  return undefined;
}

function parseStructured(body: Record<string, unknown>): StructuredRequest | undefined {
  const format = asRecord(body.response_format);
  if (format.type === 'json_schema') {
    const spec = asRecord(format.json_schema);
    return { kind: 'json_schema', name: typeof spec.name === 'string' ? spec.name : undefined, schema: spec.schema };
  }
  if (format.type === 'json_object') return { kind: 'json_object' };
  const tools = asArray(body.tools).map((tool) => asRecord(asRecord(tool).function));
  const choice = body.tool_choice;
  const forcedName = asRecord(asRecord(choice).function).name;
  const forced =
    typeof forcedName === 'string'
      ? tools.find((tool) => tool.name === forcedName)
      : choice === 'required'
        ? tools[0]
        : undefined;
  return forced === undefined ? undefined : { kind: 'tool', name: String(forced.name), schema: forced.parameters };
}

function parse(raw: unknown) {
  const body = asRecord(raw);
  if (typeof body.model !== 'string' || !Array.isArray(body.messages) || body.messages.length === 0) {
    return errorReply(400, "Invalid request: 'model' and a non-empty 'messages' array are required.");
  }
  const system: string[] = [];
  const messages: NormalizedMessage[] = [];
  for (const entry of body.messages) {
    const message = asRecord(entry);
    const content = flattenContent(message.content);
    if (message.role === 'system' || message.role === 'developer') system.push(content);
    else if (message.role === 'assistant') {
      const calls = asArray(message.tool_calls).map((call) => JSON.stringify(asRecord(call).function));
      messages.push({ role: 'assistant', content: [content, ...calls].join('') });
    } else messages.push({ role: message.role === 'tool' ? 'tool' : 'user', content });
  }
  return buildRequest({
    provider: 'openai',
    model: body.model,
    system: system.join('\n'),
    messages,
    structured: parseStructured(body),
    stream: body.stream === true,
    choices: body.n,
  });
}

/** A named tool_choice ends with finish_reason "stop", as OpenAI does; other tool calls with "tool_calls". */
function finishReason(output: ModelOutput, body: Record<string, unknown>): string {
  return output.toolCall && typeof body.tool_choice !== 'object' ? 'tool_calls' : 'stop';
}

function usageOf(output: ModelOutput) {
  return {
    prompt_tokens: output.inputTokens,
    completion_tokens: output.outputTokens,
    total_tokens: output.inputTokens + output.outputTokens,
  };
}

function choiceOf(output: ModelOutput, body: Record<string, unknown>, index: number) {
  const toolCalls = output.toolCall && [
    {
      id: nextId('call_'),
      type: 'function',
      function: { name: output.toolCall.name, arguments: output.toolCall.args },
    },
  ];
  return {
    index,
    message: { role: 'assistant', content: output.text ?? null, tool_calls: toolCalls, refusal: null },
    logprobs: null,
    finish_reason: finishReason(output, body),
  };
}

/** With `n`, one choice per completion; the prompt is billed once, the completions' tokens summed. */
function renderJson(output: ModelOutput, body: Record<string, unknown>, more: readonly ModelOutput[] = []): unknown {
  const outputs = [output, ...more];
  return {
    id: nextId('chatcmpl-'),
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: output.model,
    choices: outputs.map((each, index) => choiceOf(each, body, index)),
    usage: usageOf({ ...output, outputTokens: outputs.reduce((sum, each) => sum + each.outputTokens, 0) }),
    system_fingerprint: null,
  };
}

function renderStream(output: ModelOutput, body: Record<string, unknown>): StreamFrame[] {
  const head = {
    id: nextId('chatcmpl-'),
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model: output.model,
    system_fingerprint: null,
  };
  const chunk = (delta: unknown, finish: string | null = null) =>
    sseFrame({ ...head, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] });
  const frames: StreamFrame[] = [
    { data: chunk({ role: 'assistant', content: output.toolCall ? null : '' }), tokens: 0 },
  ];
  if (output.toolCall) {
    const { name, args } = output.toolCall;
    frames.push({
      data: chunk({
        tool_calls: [{ index: 0, id: nextId('call_'), type: 'function', function: { name, arguments: '' } }],
      }),
      tokens: 0,
    });
    for (const piece of splitIntoChunks(args))
      frames.push({
        data: chunk({ tool_calls: [{ index: 0, function: { arguments: piece } }] }),
        tokens: estimateTokens(piece),
      });
  }
  for (const piece of splitIntoChunks(output.text ?? ''))
    frames.push({ data: chunk({ content: piece }), tokens: estimateTokens(piece) });
  frames.push({ data: chunk({}, finishReason(output, body)), tokens: 0 });
  if (asRecord(body.stream_options).include_usage === true)
    frames.push({ data: sseFrame({ ...head, choices: [], usage: usageOf(output) }), tokens: 0 });
  frames.push({ data: sseFrame('[DONE]'), tokens: 0 });
  return frames;
}

export const openaiAdapter: ProviderAdapter = {
  provider: 'openai',
  checkAuth,
  parse,
  errorReply,
  modelNotFound: (model) => errorReply(404, `The model \`${model}\` does not exist or you do not have access to it.`),
  listModels: (models) =>
    jsonReply(200, {
      object: 'list',
      data: models.map((id) => ({ id, object: 'model', created: 1700000000, owned_by: 'provider-server' })),
    }),
  renderJson,
  renderStream,
  contentType: (stream) => (stream ? 'text/event-stream' : 'application/json'),
};
