// The AI SDK's errors (@ai-sdk/provider) for git-ai's own requests (openai-chat.ts): the same names, fields and
// markers (`APICallError.isInstance` holds for them), so that providers/errors.ts and engines/remote/failure.ts read
// them as they read the SDK's, without loading the SDK.

/** Sets the SDK's markers: `vercel.ai.error` and `vercel.ai.error.<name>`. */
function mark(error: Error, name: string): void {
  Object.assign(error, { [Symbol.for('vercel.ai.error')]: true, [Symbol.for(`vercel.ai.error.${name}`)]: true });
}

export class ApiCallError extends Error {
  override readonly name = 'AI_APICallError';
  readonly url: string;
  readonly requestBodyValues: unknown;
  readonly statusCode: number | undefined;
  readonly responseHeaders: Record<string, string> | undefined;
  readonly responseBody: string | undefined;
  /** As the SDK decides it: 408, 409, 429 and 5xx, or a failed connection. */
  readonly isRetryable: boolean;
  readonly data: unknown;

  constructor(options: {
    message: string;
    url: string;
    requestBodyValues: unknown;
    statusCode?: number;
    responseHeaders?: Record<string, string>;
    responseBody?: string;
    cause?: unknown;
    isRetryable?: boolean;
    data?: unknown;
  }) {
    super(options.message, { cause: options.cause });
    const status = options.statusCode;
    this.url = options.url;
    this.requestBodyValues = options.requestBodyValues;
    this.statusCode = status;
    this.responseHeaders = options.responseHeaders;
    this.responseBody = options.responseBody;
    this.isRetryable =
      options.isRetryable ??
      (status !== undefined && (status === 408 || status === 409 || status === 429 || status >= 500));
    this.data = options.data;
    mark(this, this.name);
  }
}

const messageOf = (cause: unknown): string => (cause instanceof Error ? cause.message : String(cause));

export class JsonParseError extends Error {
  override readonly name = 'AI_JSONParseError';
  readonly text: string;

  constructor(text: string, cause: unknown) {
    super(`JSON parsing failed: Text: ${text}.\nError message: ${messageOf(cause)}`, { cause });
    this.text = text;
    mark(this, this.name);
  }
}

export class TypeValidationError extends Error {
  override readonly name = 'AI_TypeValidationError';
  readonly value: unknown;

  constructor(value: unknown) {
    super(`Type validation failed: Value: ${JSON.stringify(value)}.\nError message: not a chat completion`);
    this.value = value;
    mark(this, this.name);
  }
}

export class InvalidResponseDataError extends Error {
  override readonly name = 'AI_InvalidResponseDataError';
  readonly data: unknown;

  constructor(data: unknown, message: string) {
    super(message);
    this.data = data;
    mark(this, this.name);
  }
}
