// Public types of the fake LLM provider server used by tests and the end-to-end benchmark.

export type ProviderName = 'openai' | 'anthropic' | 'gemini';

export interface NormalizedMessage {
  role: 'user' | 'assistant' | 'tool';
  /** Text parts joined; tool calls and results as their JSON. */
  content: string;
}

export interface StructuredRequest {
  /** json_schema: a response schema (OpenAI response_format, Anthropic output_config.format, Gemini responseSchema); tool: a forced tool call. */
  kind: 'json_schema' | 'tool' | 'json_object';
  /** The schema's name, or the forced tool's name. */
  name?: string;
  /** The response schema, or the forced tool's parameters. */
  schema?: unknown;
}

/** One model call, the same shape whichever wire protocol carried it. */
export interface NormalizedRequest {
  provider: ProviderName;
  model: string;
  system: string;
  messages: NormalizedMessage[];
  structured?: StructuredRequest;
  stream: boolean;
  /** Completions asked for in one request: `n` (Chat Completions), `generationConfig.candidateCount` (Gemini); 1 otherwise. */
  choices: number;
  /** Which of those completions the responder is writing (0 for the first). */
  choice: number;
  /** ceil(characters of system + messages / 4). */
  inputTokens: number;
}

export interface ResponderResult {
  /** The answer text; for a forced tool call, the tool's arguments verbatim. */
  text?: string;
  /** Sent as JSON text, or as the tool call's arguments when the request forced a tool. */
  object?: unknown;
  /** Sent verbatim as the body (status defaults to 200), e.g. for malformed-output tests; bytes as they are (a gzip body). */
  raw?: string | Buffer;
  /** With `raw`: the connection is dropped once the body is written, instead of ended (a stream cut mid-event). */
  dropAfterRaw?: boolean;
  /** An error status gets the provider's error body, with `error` as its message. */
  status?: number;
  headers?: Record<string, string>;
  error?: string;
  /**
   * A streamed answer pauses once its frames have carried this many output tokens (pieces of 16 characters, 4
   * tokens each) and sends the rest when `release` resolves: a test holds the stream until it has seen the first part.
   */
  hold?: { afterTokens: number; release: Promise<void> };
}

export type Responder = (request: NormalizedRequest) => ResponderResult | Promise<ResponderResult>;

export interface LatencyModel {
  baseMs: number;
  perInputKTokensMs: number;
  perOutputTokenMs: number;
}

export interface FaultRule {
  match?: (request: NormalizedRequest) => boolean;
  /** How many requests this rule answers before it is used up; default 1. */
  times?: number;
  status: number;
  /** Seconds, sent as Retry-After (fractions allowed: the AI SDK parses them). */
  retryAfter?: number;
  /** Sent verbatim instead of the provider's error body. */
  body?: string;
  /** Never answer: the request stays open until the client aborts or the server closes. */
  hang?: boolean;
  /** Answer 200 with output that is not valid JSON (for a schema or a tool call). */
  malformed?: boolean;
  /** Answer with the responder's answer, after the headers one byte every `trickleMs` milliseconds. */
  trickleMs?: number;
  /** Send the headers of a 200 answer, then drop the connection before any of the body. */
  dropAfterHeaders?: boolean;
}

export interface ProviderServerOptions {
  /** The expected key; without it any key (or none) is accepted. */
  apiKey?: string;
  /** Known model ids; without it any model is accepted. */
  models?: string[];
  respond?: Responder;
  latency?: LatencyModel;
  /** Multiplies every latency; default 1. */
  latencyScale?: number;
  faults?: FaultRule[];
  /** Answer one completion whatever `n` / `candidateCount` asks for, as some OpenAI-compatible servers do. */
  ignoreChoices?: boolean;
}

export interface RecordedRequest {
  provider: ProviderName | 'unknown';
  method: string;
  /** Path and query, with a `key` query parameter redacted. */
  path: string;
  model?: string;
  /** Lower-case names; API keys redacted. */
  headers: Record<string, string>;
  /** The parsed JSON body (undefined for GET or unparseable bodies). */
  body: unknown;
  normalized?: NormalizedRequest;
  /** Epoch milliseconds. */
  startedAt: number;
  endedAt?: number;
  /** Requests open when this one arrived, itself included. */
  inFlightAtStart: number;
  status?: number;
  /** The client went away before the response was complete. */
  aborted: boolean;
  /** A fault rule answered this request. */
  fault: boolean;
}

export interface ProviderServer {
  /** http://127.0.0.1:PORT */
  url: string;
  baseUrls: { openai: string; anthropic: string; gemini: string };
  /** Live list, in arrival order. */
  requests: RecordedRequest[];
  /** The most requests seen open at once. */
  readonly maxInFlight: number;
  addFault(rule: FaultRule): void;
  /** Forgets recorded requests, maxInFlight and pending faults. */
  reset(): void;
  close(): Promise<void>;
}
