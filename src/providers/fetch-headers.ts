// A `Headers` of git-ai's own (the Fetch standard's, https://fetch.spec.whatwg.org/#headers-class, without guards):
// the AI SDK builds one for every request (`new Headers(...)`, `instanceof Headers` in provider-utils' header
// helpers), and the first touch of Node's global `Headers` loads and runs all of Node's bundled undici, ~30-40 ms of
// CPU on Node 20 and ~50-100 ms on Node 24 before the first request, for classes git-ai's node:http fetch never uses.

type HeadersInput = Iterable<readonly [string, string] | readonly string[]> | Record<string, string | undefined>;

// A field name is an RFC 9110 token; a value has no NUL, CR or LF and is trimmed of HTTP whitespace.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const INVALID_VALUE = /[\0\r\n]/;
const EDGE_WHITESPACE = /^[\t\n\r ]+|[\t\n\r ]+$/g;

function nameOf(name: string): string {
  const text = String(name);
  if (!TOKEN.test(text)) throw new TypeError(`Headers: invalid header name '${text}'`);
  return text.toLowerCase();
}

function valueOf(value: string): string {
  const text = String(value).replace(EDGE_WHITESPACE, '');
  if (INVALID_VALUE.test(text)) throw new TypeError(`Headers: invalid header value '${text}'`);
  return text;
}

export class FetchHeaders implements Iterable<[string, string]> {
  /** Lower-case name -> its values in the order appended (kept apart for set-cookie, joined for the others). */
  readonly #fields = new Map<string, string[]>();

  constructor(init?: HeadersInput | null) {
    if (init === undefined || init === null) return;
    if (typeof (init as Iterable<unknown>)[Symbol.iterator] === 'function') {
      for (const pair of init as Iterable<readonly string[]>) {
        if (pair.length !== 2) throw new TypeError('Headers: each header pair must be [name, value]');
        this.append(pair[0]!, pair[1]!);
      }
    } else {
      for (const [name, value] of Object.entries(init)) if (value !== undefined) this.append(name, value);
    }
  }

  append(name: string, value: string): void {
    const key = nameOf(name);
    const values = this.#fields.get(key);
    if (values === undefined) this.#fields.set(key, [valueOf(value)]);
    else values.push(valueOf(value));
  }

  set(name: string, value: string): void {
    this.#fields.set(nameOf(name), [valueOf(value)]);
  }

  delete(name: string): void {
    this.#fields.delete(nameOf(name));
  }

  has(name: string): boolean {
    return this.#fields.has(nameOf(name));
  }

  get(name: string): string | null {
    return this.#fields.get(nameOf(name))?.join(', ') ?? null;
  }

  getSetCookie(): string[] {
    return [...(this.#fields.get('set-cookie') ?? [])];
  }

  /** Sorted by name, each set-cookie apart, the other names' values joined: the standard's "sort and combine". */
  *entries(): IterableIterator<[string, string]> {
    for (const name of [...this.#fields.keys()].sort()) {
      const values = this.#fields.get(name)!;
      if (name === 'set-cookie') for (const value of values) yield [name, value];
      else yield [name, values.join(', ')];
    }
  }

  *keys(): IterableIterator<string> {
    for (const [name] of this.entries()) yield name;
  }

  *values(): IterableIterator<string> {
    for (const [, value] of this.entries()) yield value;
  }

  forEach(callback: (value: string, name: string, headers: FetchHeaders) => void, thisArg?: unknown): void {
    for (const [name, value] of this.entries()) callback.call(thisArg, value, name, this);
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }

  get [Symbol.toStringTag](): string {
    return 'Headers';
  }
}

/** Whether Node has loaded its bundled undici, and so may have handed out its own Headers. */
export function nodeUndiciLoaded(): boolean {
  const loaded = (process as { moduleLoadList?: readonly string[] }).moduleLoadList;
  return loaded?.some((name) => name.endsWith('internal/deps/undici/undici')) ?? false;
}

let installed = false;

/**
 * Makes FetchHeaders the process's (or the thread's) global `Headers` while Node's undici is still unloaded, which
 * means nothing in it holds one of Node's: the SDK's header helpers then run on it. Once something has loaded
 * undici, Node's stays, as it costs nothing more. The global is neither read nor redefined in place: on Node 24
 * either loads undici (it is a lazy data property there, a lazy accessor on Node 20); deleting it does not.
 */
export function useFetchHeaders(): void {
  if (installed || nodeUndiciLoaded()) return;
  installed = true;
  delete (globalThis as { Headers?: unknown }).Headers;
  Object.defineProperty(globalThis, 'Headers', {
    value: FetchHeaders,
    writable: true,
    configurable: true,
    enumerable: false,
  });
}
