// Anthropic Messages: POST /v1/messages with x-api-key and anthropic-version headers.

import type { ModelOutput, ProviderAdapter, Reply, RequestContext, StreamFrame } from './adapter.js';
import {
  asArray,
  asRecord,
  buildRequest,
  estimateTokens,
  flattenContent,
  jsonReply,
  parseArguments,
  nextId,
  splitIntoChunks,
  sseFrame,
} from './adapter.js';
import type { NormalizedMessage, StructuredRequest } from './types.js';

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  529: 'overloaded_error',
};

function errorReply(status: number, message?: string): Reply {
  const type = ERROR_TYPES[status] ?? 'api_error';
  const text =
    message ??
    (status === 429
      ? 'Number of request tokens has exceeded your per-minute rate limit'
      : status === 529
        ? 'Overloaded'
        : 'Internal server error');
  return jsonReply(status, { type: 'error', error: { type, message: text }, request_id: nextId('req_') });
}

function checkAuth(context: RequestContext, expectedKey: string): Reply | undefined {
  const bearer = context.headers.authorization?.replace(/^Bearer /, '');
  const key = context.headers['x-api-key'] ?? bearer;
  if (key === undefined || key === '') return errorReply(401, 'x-api-key header is required');
  if (key !== expectedKey) return errorReply(401, 'invalid x-api-key');
  return undefined;
}

/** Text of a content block list; tool_use as its input JSON, tool_result as its content. */
function flattenBlocks(content: unknown): string {
  if (!Array.isArray(content)) return flattenContent(content);
  return content
    .map((entry) => {
      const block = asRecord(entry);
      if (block.type === 'tool_use') return JSON.stringify(block.input);
      if (block.type === 'tool_result') return flattenContent(block.content);
      return flattenContent([block]);
    })
    .join('');
}

function parseStructured(body: Record<string, unknown>): StructuredRequest | undefined {
  const format = asRecord(asRecord(body.output_config).format);
  if (format.type === 'json_schema') return { kind: 'json_schema', schema: format.schema };
  const tools = asArray(body.tools).map(asRecord);
  const choice = asRecord(body.tool_choice);
  const forced =
    choice.type === 'tool'
      ? tools.find((tool) => tool.name === choice.name)
      : choice.type === 'any'
        ? tools[0]
        : undefined;
  return forced === undefined ? undefined : { kind: 'tool', name: String(forced.name), schema: forced.input_schema };
}

function parse(raw: unknown, context: RequestContext) {
  if (context.headers['anthropic-version'] === undefined)
    return errorReply(400, 'anthropic-version: header is required');
  const body = asRecord(raw);
  if (typeof body.model !== 'string') return errorReply(400, 'model: Field required');
  if (typeof body.max_tokens !== 'number') return errorReply(400, 'max_tokens: Field required');
  if (!Array.isArray(body.messages) || body.messages.length === 0)
    return errorReply(400, 'messages: at least one message is required');
  const messages: NormalizedMessage[] = body.messages.map((entry) => {
    const message = asRecord(entry);
    const blocks = asArray(message.content).map(asRecord);
    const isToolResult = blocks.length > 0 && blocks.every((block) => block.type === 'tool_result');
    return {
      role: message.role === 'assistant' ? 'assistant' : isToolResult ? 'tool' : 'user',
      content: flattenBlocks(message.content),
    };
  });
  return buildRequest({
    provider: 'anthropic',
    model: body.model,
    system: flattenBlocks(body.system),
    messages,
    structured: parseStructured(body),
    stream: body.stream === true,
  });
}

function renderJson(output: ModelOutput): unknown {
  const content = output.toolCall
    ? [
        {
          type: 'tool_use',
          id: nextId('toolu_'),
          name: output.toolCall.name,
          input: parseArguments(output.toolCall.args),
        },
      ]
    : [{ type: 'text', text: output.text ?? '' }];
  return {
    id: nextId('msg_'),
    type: 'message',
    role: 'assistant',
    model: output.model,
    content,
    stop_reason: output.toolCall ? 'tool_use' : 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: output.inputTokens, output_tokens: output.outputTokens },
  };
}

function renderStream(output: ModelOutput): StreamFrame[] {
  const event = (type: string, data: Record<string, unknown>, tokens = 0): StreamFrame => ({
    data: sseFrame({ type, ...data }, type),
    tokens,
  });
  const message = {
    id: nextId('msg_'),
    type: 'message',
    role: 'assistant',
    model: output.model,
    content: [],
    stop_reason: null,
    stop_sequence: null,
  };
  const frames = [
    event('message_start', { message: { ...message, usage: { input_tokens: output.inputTokens, output_tokens: 1 } } }),
  ];
  if (output.toolCall) {
    frames.push(
      event('content_block_start', {
        index: 0,
        content_block: { type: 'tool_use', id: nextId('toolu_'), name: output.toolCall.name, input: {} },
      }),
    );
    for (const piece of splitIntoChunks(output.toolCall.args)) {
      frames.push(
        event(
          'content_block_delta',
          { index: 0, delta: { type: 'input_json_delta', partial_json: piece } },
          estimateTokens(piece),
        ),
      );
    }
  } else {
    frames.push(
      event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
      event('ping', {}),
    );
    for (const piece of splitIntoChunks(output.text ?? '')) {
      frames.push(
        event('content_block_delta', { index: 0, delta: { type: 'text_delta', text: piece } }, estimateTokens(piece)),
      );
    }
  }
  const stopReason = output.toolCall ? 'tool_use' : 'end_turn';
  frames.push(
    event('content_block_stop', { index: 0 }),
    event('message_delta', {
      delta: { stop_reason: stopReason, stop_sequence: null },
      usage: { output_tokens: output.outputTokens },
    }),
    event('message_stop', {}),
  );
  return frames;
}

export const anthropicAdapter: ProviderAdapter = {
  provider: 'anthropic',
  checkAuth,
  parse,
  errorReply,
  modelNotFound: (model) => errorReply(404, `model: ${model}`),
  listModels: (models) =>
    jsonReply(200, {
      data: models.map((id) => ({ type: 'model', id, display_name: id, created_at: '2025-01-01T00:00:00Z' })),
      has_more: false,
      first_id: models[0] ?? null,
      last_id: models.at(-1) ?? null,
    }),
  renderJson,
  renderStream,
  contentType: (stream) => (stream ? 'text/event-stream' : 'application/json'),
};
