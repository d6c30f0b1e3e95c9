// Gemini: POST /v1beta/models/{model}:generateContent and :streamGenerateContent?alt=sse, key in x-goog-api-key or ?key=.

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

const STATUSES: Record<number, { status: string; message: string }> = {
  400: { status: 'INVALID_ARGUMENT', message: 'Request contains an invalid argument.' },
  401: { status: 'UNAUTHENTICATED', message: 'Request had invalid authentication credentials.' },
  403: { status: 'PERMISSION_DENIED', message: 'The caller does not have permission.' },
  404: { status: 'NOT_FOUND', message: 'Requested entity was not found.' },
  429: { status: 'RESOURCE_EXHAUSTED', message: 'Resource has been exhausted (e.g. check quota).' },
  503: { status: 'UNAVAILABLE', message: 'The model is overloaded. Please try again later.' },
};

function errorReply(status: number, message?: string, details?: unknown[]): Reply {
  const known = STATUSES[status] ?? {
    status: 'INTERNAL',
    message:
      'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
  };
  return jsonReply(status, {
    error: { code: status, message: message ?? known.message, status: known.status, ...(details && { details }) },
  });
}

/** Gemini answers a wrong key with 400 API_KEY_INVALID and a missing one with 403, not 401. */
function checkAuth(context: RequestContext, expectedKey: string): Reply | undefined {
  const key = context.headers['x-goog-api-key'] ?? context.query.get('key') ?? '';
  if (key === '') {
    return errorReply(
      403,
      "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
    );
  }
  if (key !== expectedKey) {
    const message = 'API key not valid. Please pass a valid API key.';
    const info = {
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      reason: 'API_KEY_INVALID',
      domain: 'googleapis.com',
      metadata: { service: 'generativelanguage.googleapis.com' },
    };
    return errorReply(400, message, [
      info,
      { '@type': 'type.googleapis.com/google.rpc.LocalizedMessage', locale: 'en-US', message },
    ]);
  }
  return undefined;
}

function flattenParts(parts: unknown): string {
  return asArray(parts)
    .map((entry) => {
      const part = asRecord(entry);
      if (part.functionCall !== undefined) return JSON.stringify(part.functionCall);
      if (part.functionResponse !== undefined) return JSON.stringify(part.functionResponse);
      return flattenContent([part]);
    })
    .join('');
}

function parseStructured(body: Record<string, unknown>): StructuredRequest | undefined {
  const config = asRecord(body.generationConfig);
  const schema = config.responseJsonSchema ?? config.responseSchema;
  if (schema !== undefined) return { kind: 'json_schema', schema };
  if (config.responseMimeType === 'application/json') return { kind: 'json_object' };
  const calling = asRecord(asRecord(body.toolConfig).functionCallingConfig);
  if (calling.mode !== 'ANY') return undefined;
  const declarations = asArray(body.tools)
    .flatMap((tool) => asArray(asRecord(tool).functionDeclarations))
    .map(asRecord);
  const allowed = asArray(calling.allowedFunctionNames);
  const forced =
    allowed.length > 0 ? declarations.find((declaration) => declaration.name === allowed[0]) : declarations[0];
  return forced === undefined
    ? undefined
    : { kind: 'tool', name: String(forced.name), schema: forced.parametersJsonSchema ?? forced.parameters };
}

function parse(raw: unknown, context: RequestContext) {
  const body = asRecord(raw);
  if (!Array.isArray(body.contents) || body.contents.length === 0)
    return errorReply(400, '* GenerateContentRequest.contents: contents is not specified');
  const messages: NormalizedMessage[] = body.contents.map((entry) => {
    const content = asRecord(entry);
    const isResponse = asArray(content.parts).some((part) => asRecord(part).functionResponse !== undefined);
    return {
      role: content.role === 'model' ? 'assistant' : isResponse ? 'tool' : 'user',
      content: flattenParts(content.parts),
    };
  });
  const system = flattenParts(asRecord(body.systemInstruction).parts);
  return buildRequest({
    provider: 'gemini',
    model: context.pathModel ?? '',
    system,
    messages,
    structured: parseStructured(body),
    stream: context.stream === true,
    choices: asRecord(body.generationConfig).candidateCount,
  });
}

function response(
  output: ModelOutput,
  parts: unknown[],
  finishReason: string | undefined,
  outputTokens: number,
): Record<string, unknown> {
  return {
    candidates: [{ content: { parts, role: 'model' }, ...(finishReason && { finishReason }), index: 0 }],
    usageMetadata: {
      promptTokenCount: output.inputTokens,
      candidatesTokenCount: outputTokens,
      totalTokenCount: output.inputTokens + outputTokens,
    },
    modelVersion: output.model,
    responseId: nextId('resp-'),
  };
}

function partOf(output: ModelOutput): unknown {
  return output.toolCall
    ? { functionCall: { name: output.toolCall.name, args: parseArguments(output.toolCall.args) } }
    : { text: output.text ?? '' };
}

/** With `candidateCount`, one candidate per completion; the prompt is counted once, the candidates' tokens summed. */
function renderJson(output: ModelOutput, _body: Record<string, unknown>, more: readonly ModelOutput[] = []): unknown {
  const outputs = [output, ...more];
  const tokens = outputs.reduce((sum, each) => sum + each.outputTokens, 0);
  return {
    ...response(output, [partOf(output)], 'STOP', tokens),
    candidates: outputs.map((each, index) => ({
      content: { parts: [partOf(each)], role: 'model' },
      finishReason: 'STOP',
      index,
    })),
  };
}

/** Gemini streams whole parts: text in pieces, a function call in one chunk. Without alt=sse the body is one JSON array. */
function renderStream(output: ModelOutput, _body: Record<string, unknown>, context: RequestContext): StreamFrame[] {
  const chunks: { body: Record<string, unknown>; tokens: number }[] = [];
  if (output.toolCall) {
    const part = { functionCall: { name: output.toolCall.name, args: parseArguments(output.toolCall.args) } };
    chunks.push({ body: response(output, [part], 'STOP', output.outputTokens), tokens: output.outputTokens });
  } else {
    const pieces = splitIntoChunks(output.text ?? '');
    let sent = 0;
    pieces.forEach((piece, index) => {
      sent += estimateTokens(piece);
      const last = index === pieces.length - 1;
      chunks.push({
        body: response(output, [{ text: piece }], last ? 'STOP' : undefined, sent),
        tokens: estimateTokens(piece),
      });
    });
    if (pieces.length === 0) chunks.push({ body: response(output, [{ text: '' }], 'STOP', 0), tokens: 0 });
  }
  if (context.query.get('alt') === 'sse')
    return chunks.map((chunk) => ({ data: sseFrame(chunk.body).replace(/\n/g, '\r\n'), tokens: chunk.tokens }));
  return chunks.map((chunk, index) => ({
    data: `${index === 0 ? '[' : ',\r\n'}${JSON.stringify(chunk.body)}${index === chunks.length - 1 ? ']' : ''}`,
    tokens: chunk.tokens,
  }));
}

export const geminiAdapter: ProviderAdapter = {
  provider: 'gemini',
  checkAuth,
  parse,
  errorReply: (status, message) => errorReply(status, message),
  modelNotFound: (model) =>
    errorReply(
      404,
      `models/${model} is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.`,
    ),
  listModels: (models) =>
    jsonReply(200, {
      models: models.map((id) => ({
        name: `models/${id}`,
        displayName: id,
        supportedGenerationMethods: ['generateContent', 'countTokens'],
      })),
    }),
  renderJson,
  renderStream,
  contentType: (stream, context) =>
    stream && context.query.get('alt') === 'sse' ? 'text/event-stream' : 'application/json',
};
