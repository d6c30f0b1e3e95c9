// The contract each wire protocol (OpenAI, Anthropic, Gemini) implements, and helpers they share.

import type { NormalizedMessage, NormalizedRequest, ProviderName, StructuredRequest } from './types.js';

/** A complete HTTP answer. */
export interface Reply {
  status: number;
  body: string | Buffer;
  headers?: Record<string, string>;
}

/** What the model "said": text, or one tool call whose arguments are a JSON string (possibly malformed). */
export interface ModelOutput {
  model: string;
  text?: string;
  toolCall?: { name: string; args: string };
  inputTokens: number;
  outputTokens: number;
}

/** One SSE frame (already formatted) and the output tokens it carries, for spreading output latency. */
export interface StreamFrame {
  data: string;
  tokens: number;
}

export interface RequestContext {
  headers: Record<string, string | undefined>;
  query: URLSearchParams;
  /** The model named in the path (Gemini). */
  pathModel?: string;
  stream?: boolean;
}

export interface ProviderAdapter {
  provider: ProviderName;
  /** The provider's error reply when the credentials are missing or wrong, else undefined. */
  checkAuth(context: RequestContext, expectedKey: string): Reply | undefined;
  /** The request in provider-neutral form, or the provider's 400 reply. */
  parse(body: unknown, context: RequestContext): NormalizedRequest | Reply;
  errorReply(status: number, message?: string): Reply;
  modelNotFound(model: string): Reply;
  listModels(models: string[]): Reply;
  /**
   * The success body; `body` is the parsed request, for wire details NormalizedRequest leaves out. `more` are the
   * further completions of a request that asked for several (`n`, `candidateCount`), rendered as further choices.
   */
  renderJson(output: ModelOutput, body: Record<string, unknown>, more?: readonly ModelOutput[]): unknown;
  /** The success body of a streaming request, frame by frame (the first completion only). */
  renderStream(output: ModelOutput, body: Record<string, unknown>, context: RequestContext): StreamFrame[];
  /** Content-Type of a success reply. */
  contentType(stream: boolean, context: RequestContext): string;
}

export function isReply(value: unknown): value is Reply {
  return typeof value === 'object' && value !== null && 'status' in value && 'body' in value;
}

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

export function jsonReply(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return { status, body: JSON.stringify(body), headers };
}

export function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Text of a string, or of an array of `{ text }` parts; other parts as JSON. */
export function flattenContent(content: unknown): string {
  if (typeof content === 'string') return content;
  if (content == null) return '';
  if (!Array.isArray(content)) return JSON.stringify(content);
  return content
    .map((part) => {
      const record = asRecord(part);
      return typeof record.text === 'string' ? record.text : JSON.stringify(part);
    })
    .join('');
}

/** Tool arguments as a JSON value; malformed ones stay a string, which no object schema accepts. */
export function parseArguments(args: string): unknown {
  try {
    return JSON.parse(args) as unknown;
  } catch {
    return args;
  }
}

export function buildRequest(fields: {
  provider: ProviderName;
  model: string;
  system: string;
  messages: NormalizedMessage[];
  structured?: StructuredRequest;
  stream: boolean;
  /** `n` or `candidateCount` as sent; anything but a whole number above 1 is one. */
  choices?: unknown;
}): NormalizedRequest {
  const chars = fields.system.length + fields.messages.reduce((sum, message) => sum + message.content.length, 0);
  const choices =
    typeof fields.choices === 'number' && Number.isInteger(fields.choices) && fields.choices > 1 ? fields.choices : 1;
  return { ...fields, choices, choice: 0, inputTokens: Math.ceil(chars / 4) };
}

/** Splits text into pieces of about four tokens, as a model streams them. */
export function splitIntoChunks(text: string, size = 16): string[] {
  const chunks: string[] = [];
  for (let start = 0; start < text.length; start += size) chunks.push(text.slice(start, start + size));
  return chunks;
}

export function sseFrame(data: unknown, event?: string): string {
  const json = typeof data === 'string' ? data : JSON.stringify(data);
  return `${event === undefined ? '' : `event: ${event}\n`}data: ${json}\n\n`;
}

let counter = 0;
export function nextId(prefix: string): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36)}${counter.toString(36)}`;
}
