// What git-ai's fetch answers: the part of a Fetch `Response` the AI SDK reads (status, ok, headers, and the body
// through `body.getReader()`, `text()` or `json()`), over node:http's IncomingMessage. Node's own `Response` would
// load undici and, for its body, the web streams (~8 ms more): a JSON answer needs neither. A streamed answer gets
// its web stream from the SDK itself, which wraps this body's reader in one.
import type { IncomingMessage } from 'node:http';
import { FetchHeaders } from './fetch-headers.js';

type ReadResult = { done: false; value: Uint8Array } | { done: true; value: undefined };

/** A body's reader, as a ReadableStream's default reader has it (read, cancel, releaseLock). */
export interface BodyReader {
  read(): Promise<ReadResult>;
  cancel(reason?: unknown): Promise<void>;
  releaseLock(): void;
}

export interface FetchBody {
  readonly locked: boolean;
  getReader(): BodyReader;
  cancel(reason?: unknown): Promise<void>;
}

export interface FetchResponse {
  readonly status: number;
  readonly statusText: string;
  readonly ok: boolean;
  readonly url: string;
  readonly redirected: false;
  readonly type: 'basic';
  readonly headers: FetchHeaders;
  /** null for a status without a body (204, 304), as in fetch. */
  readonly body: FetchBody | null;
  readonly bodyUsed: boolean;
  text(): Promise<string>;
  json(): Promise<unknown>;
  arrayBuffer(): Promise<ArrayBuffer>;
}

interface Source {
  next(): Promise<Uint8Array | undefined>;
  cancel(reason?: unknown): Promise<void>;
}

/** A body read from `source`: once, by one reader (a second reader, or text() after one, is a TypeError). */
function makeBody(source: Source): { body: FetchBody; used: () => boolean } {
  let locked = false;
  let used = false;
  const take = (): void => {
    if (locked || used) throw new TypeError('Response body is already used or locked');
    locked = true;
    used = true;
  };
  const body: FetchBody = {
    get locked() {
      return locked;
    },
    getReader() {
      take();
      return {
        read: async () => {
          const value = await source.next();
          return value === undefined ? { done: true, value: undefined } : { done: false, value };
        },
        cancel: (reason) => source.cancel(reason),
        releaseLock: () => void (locked = false),
      };
    },
    cancel: (reason) => source.cancel(reason),
  };
  return { body, used: () => used };
}

async function readAll(reader: BodyReader): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for (let read = await reader.read(); !read.done; read = await reader.read()) chunks.push(read.value);
  reader.releaseLock();
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

function makeResponse(options: {
  status: number;
  statusText: string;
  url: string;
  headers: FetchHeaders;
  source: Source | undefined;
}): FetchResponse {
  const made = options.source === undefined ? undefined : makeBody(options.source);
  const bytes = (): Promise<Uint8Array> =>
    made === undefined ? Promise.resolve(new Uint8Array(0)) : readAll(made.body.getReader());
  // As fetch's UTF-8 decode: one leading byte order mark is dropped (Buffer's toString keeps it as U+FEFF).
  const text = async (): Promise<string> =>
    Buffer.from(await bytes())
      .toString('utf8')
      .replace(/^\uFEFF/, '');
  return {
    status: options.status,
    statusText: options.statusText,
    ok: options.status >= 200 && options.status <= 299,
    url: options.url,
    redirected: false,
    type: 'basic',
    headers: options.headers,
    body: made?.body ?? null,
    get bodyUsed() {
      return made?.used() ?? false;
    },
    text,
    json: async () => JSON.parse(await text()) as unknown,
    arrayBuffer: async () => {
      const view = await bytes();
      return view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength) as ArrayBuffer;
    },
  };
}

/**
 * The body as the server meant it: fetch undoes a `Content-Encoding` (gzip, deflate, br) and so must this; a server
 * or proxy may compress unasked. zlib is loaded only then (as CommonJS, not its ESM facade).
 */
function decodedBody(message: IncomingMessage, headers: FetchHeaders): NodeJS.ReadableStream {
  const encoding = (headers.get('content-encoding') ?? '').trim().toLowerCase();
  if (!/^(?:x-)?gzip$|^deflate$|^br$/.test(encoding)) return message;
  const zlib = process.getBuiltinModule('node:zlib');
  const decoder =
    encoding === 'br'
      ? zlib.createBrotliDecompress()
      : encoding === 'deflate'
        ? zlib.createInflate()
        : zlib.createGunzip();
  headers.delete('content-encoding');
  headers.delete('content-length');
  message.on('error', (error) => decoder.destroy(error));
  return message.pipe(decoder);
}

/**
 * The most of a body read (after decoding): a JSON answer of 8 candidates of a reasoning model's longest output is
 * ~3 MB, a streamed one ~20 MB with its events' framing. A server that sends more (an endless body, a gzip bomb) is
 * cut off there, so it cannot fill memory before the deadline (2.7 GB in 10 s before).
 */
export const MAX_ANSWER_BYTES = 8 * 1024 * 1024;
export const MAX_STREAM_BYTES = 64 * 1024 * 1024;

/** The read failed because the body ran past its limit; `code` is what engines/remote/failure.ts looks for. */
export class AnswerTooLargeError extends Error {
  override readonly name = 'AnswerTooLargeError';
  readonly code = 'GIT_AI_ANSWER_TOO_LARGE';
  constructor(readonly limit: number) {
    super(`the answer ran past ${limit / (1024 * 1024)} MiB`);
  }
}

/** The answer node:http received for `url`, its body read as it arrives. */
export function responseOf(message: IncomingMessage, url: string): FetchResponse {
  const headers = new FetchHeaders();
  const raw = message.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  const status = message.statusCode ?? 500;
  const nullBody = status === 204 || status === 304;
  if (nullBody) message.resume();
  const decoded = decodedBody(message, headers);
  let chunks: AsyncIterator<Buffer> | undefined;
  const limit = /event-stream/i.test(headers.get('content-type') ?? '') ? MAX_STREAM_BYTES : MAX_ANSWER_BYTES;
  let received = 0;
  const source: Source = {
    next: async () => {
      chunks ??= decoded[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
      const next = await chunks.next();
      if (next.done === true) return undefined;
      received += next.value.byteLength;
      if (received > limit) {
        const error = new AnswerTooLargeError(limit);
        message.destroy(error);
        await chunks.return?.().catch(() => undefined);
        throw error;
      }
      return next.value;
    },
    cancel: async () => {
      // An answer read to its end keeps its keep-alive connection; one cut short closes it.
      if (!message.complete) message.destroy();
      await chunks?.return?.();
    },
  };
  return makeResponse({
    status,
    statusText: message.statusMessage ?? '',
    url,
    headers,
    source: nullBody ? undefined : source,
  });
}

/** An answer made of `text` (an answer already read, handed on to the SDK). */
export function textResponse(
  text: string,
  init: { status: number; statusText: string; url: string; headers: Iterable<[string, string]> },
): FetchResponse {
  let sent = false;
  const source: Source = {
    next: () => {
      if (sent) return Promise.resolve(undefined);
      sent = true;
      return Promise.resolve(Buffer.from(text, 'utf8'));
    },
    cancel: () => Promise.resolve(),
  };
  return makeResponse({ ...init, headers: new FetchHeaders(init.headers), source });
}
