// Whether a streamed answer (Server-Sent Events) ended inside an event. The SDK's event parser drops an event the
// body ended in without a word, so a stream cut mid-event reads as one that ended; the SDK's stream then fails with
// this module's error where the body ends, and stream.ts tells the two apart by it.
import type { FetchFunction } from './transport.js';

/** The body of an event stream ended inside an event: the answer is partial. */
export class IncompleteEventStreamError extends Error {
  override readonly name = 'IncompleteEventStreamError';

  constructor() {
    super('The event stream ended inside an event');
  }
}

/** Whether `error`, or a cause of it (the SDK wraps a failed read), is an IncompleteEventStreamError. */
export function endedInsideEvent(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 4; current = current.cause, depth += 1)
    if (current instanceof IncompleteEventStreamError) return true;
  return false;
}

const LF = 0x0a;
const CR = 0x0d;
/** An unterminated `data: [DONE]` (a line end short of a blank line) ends a Chat Completions stream all the same. */
const DONE = /^data: ?\[DONE\]\s*$/;
/** Whether the bytes after the last blank line were part of an event: not whitespace, comments, or the end marker. */
const isPartialEvent = (tail: string): boolean =>
  !DONE.test(tail) && tail.split('\n').some((line) => line.trim() !== '' && !line.startsWith(':'));

interface Reader {
  read(): Promise<{ done: boolean; value?: Uint8Array }>;
}

/** `reader`, whose last read fails when the body ended inside an event. */
function guardedReader<R extends Reader>(reader: R): R {
  let blankSoFar = true; // the current line holds nothing yet
  let tail = ''; // the event's first bytes since the last blank line (64 at most), as latin1
  let lastCR = false;
  const read = reader.read.bind(reader);
  const scan = (bytes: Uint8Array): void => {
    for (const byte of bytes) {
      if (byte === LF && lastCR) {
        lastCR = false;
        continue;
      }
      lastCR = byte === CR;
      if (byte === LF || byte === CR) {
        if (blankSoFar) tail = '';
        else tail += '\n';
        blankSoFar = true;
      } else {
        blankSoFar = false;
        if (tail.length < 64) tail += String.fromCharCode(byte);
      }
    }
  };
  return Object.assign(reader, {
    read: async () => {
      const result = await read();
      if (!result.done && result.value !== undefined) scan(result.value);
      else if (result.done && isPartialEvent(tail)) throw new IncompleteEventStreamError();
      return result;
    },
  });
}

/** `fetch`, with the body of an event-stream answer read through guardedReader. */
export function guardEventStreams(fetch: FetchFunction): FetchFunction {
  return async (input, init) => {
    const response = await fetch(input, init);
    const type = response.headers.get('content-type') ?? '';
    const body = response.body;
    if (body === null || !/^text\/event-stream\b/i.test(type)) return response;
    const getReader = body.getReader.bind(body);
    // The SDK reads the body through one reader (wrapResponseBodyStream); the body is this response's own.
    Object.defineProperty(body, 'getReader', { value: () => guardedReader(getReader()), configurable: true });
    return response;
  };
}
