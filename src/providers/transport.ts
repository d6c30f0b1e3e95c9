// The provider SDK's `fetch`, over node:http(s): a process's first fetch costs ~40-50 ms of undici compiling its
// WebAssembly parser, where node:http answers in ~10 ms, and its answers are git-ai's own (fetch-response.ts), so
// that none of Node's undici loads. Connections are kept alive and can be opened early (DNS, TCP and TLS while the
// diff is prepared), and HTTPS_PROXY / HTTP_PROXY / NO_PROXY are honoured.
import type { Agent as HttpAgent, ClientRequest, IncomingMessage, RequestOptions } from 'node:http';
import type * as Https from 'node:https';
import { isIP, connect as netConnect, type Socket } from 'node:net';
import type * as Tls from 'node:tls';
import { extraCaOptions } from './extra-ca.js';
import { FetchHeaders } from './fetch-headers.js';
import { responseOf } from './fetch-response.js';
import { urlOf } from './fetch-url.js';
import { proxyAuthorization, proxyFor } from './proxy.js';

// node:http(s) taken as CommonJS modules: an ESM `import` of node:http makes Node 24 build its ESM facade, which reads
// every export, undici's lazy WebSocket, CloseEvent and MessageEvent among them (~50-150 ms of CPU on this machine).
// node:https and node:tls load at the first https origin only (10-25 ms on Node 20, 40-90 ms on Node 24 here): a
// local server (Ollama, LM Studio) is plain http. node:http itself loads at the first request or preconnect: this
// module loads with main's code (tsup.config.ts), on runs that send nothing too.
const httpModule = () => process.getBuiltinModule('node:http');
let secure: { https: typeof Https; tls: typeof Tls } | undefined;
const tlsModules = () =>
  (secure ??= { https: process.getBuiltinModule('node:https'), tls: process.getBuiltinModule('node:tls') });
const tlsConnect = (options: Tls.ConnectionOptions) => tlsModules().tls.connect(options);

export type FetchFunction = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface Transport {
  fetch: FetchFunction;
  /** Opens a connection to the origin of `url` now, so the first request finds it ready. */
  preconnect(url: string): void;
}

/** The TLS server name (SNI) for a host: none for an IP address, which RFC 6066 does not allow (Node warns, DEP0123). */
const serverName = (host: string): string | undefined => (isIP(host) === 0 ? host : undefined);

/** The host to connect to: an IPv6 literal without the URL's brackets (`[::1]` is no name DNS knows). */
const hostOf = (url: URL): string => url.hostname.replace(/^\[|\]$/g, '');

/** `host:port` as a CONNECT request names it, an IPv6 address in brackets (RFC 9110, 9.3.6). */
const authorityOf = (target: { host: string; port: number }): string =>
  `${isIP(target.host) === 6 ? `[${target.host}]` : target.host}:${target.port}`;

/**
 * A failure at the proxy itself carries its host (never its credentials) and, for a refused tunnel, its status, so
 * that the line said names the proxy (engines/remote/failure.ts) rather than the provider.
 */
function atProxy<E extends Error>(error: E, proxy: URL, status?: number): E {
  return Object.assign(error, { proxy: proxy.host, ...(status === undefined ? {} : { proxyStatus: status }) });
}

/** A tunnel through an HTTP proxy (CONNECT host:port), then TLS to the origin over it (`host` without brackets). */
function tunnelThrough(proxy: URL, target: { host: string; port: number }): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const connect = httpModule().request({
      host: hostOf(proxy),
      port: proxy.port || 80,
      method: 'CONNECT',
      path: authorityOf(target),
      headers: { host: authorityOf(target), ...proxyAuthorization(proxy) },
    });
    connect.once('connect', (response, socket) => {
      if (response.statusCode !== 200) {
        socket.destroy();
        const refused = new Error(`the proxy ${proxy.host} refused the tunnel: ${response.statusCode}`);
        reject(atProxy(Object.assign(refused, { code: 'ECONNREFUSED' }), proxy, response.statusCode));
        return;
      }
      const secure = tlsConnect({
        socket,
        host: target.host, // the name the certificate is checked against
        servername: serverName(target.host),
        ALPNProtocols: ['http/1.1'],
        ...extraCaOptions(),
      });
      secure.once('secureConnect', () => resolve(secure));
      secure.once('error', reject);
    });
    connect.once('error', (error) => reject(atProxy(error, proxy)));
    connect.end();
  });
}

/** A keep-alive HTTPS agent whose connections are CONNECT tunnels through the proxy. */
function proxyTunnelAgent(proxy: URL): HttpAgent {
  const agent = new (tlsModules().https.Agent)({ keepAlive: true, ...extraCaOptions() });
  // Agent calls createConnection(options, callback) and waits for the callback when it returns nothing.
  (agent as unknown as { createConnection: unknown }).createConnection = (
    options: RequestOptions,
    done: (error: Error | null, socket?: Socket) => void,
  ) => {
    tunnelThrough(proxy, {
      host: options.host ?? options.hostname ?? 'localhost',
      port: Number(options.port ?? 443),
    }).then(
      (socket) => done(null, socket),
      (error: Error) => done(error),
    );
    return undefined;
  };
  return agent as unknown as HttpAgent;
}

const agents = new Map<string, HttpAgent>();

/** One keep-alive agent per scheme and proxy, for the life of the process. */
function agentFor(url: URL, proxy: URL | undefined): HttpAgent {
  const key = `${url.protocol}|${proxy?.href ?? ''}`;
  let agent = agents.get(key);
  if (agent === undefined) {
    agent =
      proxy !== undefined && url.protocol === 'https:'
        ? proxyTunnelAgent(proxy)
        : url.protocol === 'https:'
          ? (new (tlsModules().https.Agent)({ keepAlive: true, ...extraCaOptions() }) as unknown as HttpAgent)
          : new (httpModule().Agent)({ keepAlive: true });
    agents.set(key, agent);
  }
  return agent;
}

function headersOf(init: RequestInit | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  new FetchHeaders(init?.headers as ConstructorParameters<typeof FetchHeaders>[0]).forEach(
    (value, name) => (headers[name] = value),
  );
  return headers;
}

function bodyOf(init: RequestInit | undefined): string | Uint8Array | undefined {
  const body = init?.body;
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  throw new TypeError('git-ai transport: only string and byte bodies are sent');
}

/** Errors look like undici's (`TypeError: fetch failed` with the socket error as its cause), as the SDK expects. */
function fetchFailed(cause: unknown): TypeError {
  return new TypeError('fetch failed', { cause });
}

/** A connection to the origin of `url` (through the proxy when one applies), ready for a request. */
function openSocket(url: URL, proxy: URL | undefined): Promise<Socket> {
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  if (url.protocol === 'https:' && proxy !== undefined) return tunnelThrough(proxy, { host: hostOf(url), port });
  return new Promise((resolve, reject) => {
    const forward = proxy !== undefined;
    const socket =
      url.protocol === 'https:'
        ? tlsConnect({
            host: hostOf(url),
            port,
            servername: serverName(hostOf(url)),
            ALPNProtocols: ['http/1.1'],
            ...extraCaOptions(),
          })
        : netConnect({
            host: forward ? hostOf(proxy) : hostOf(url),
            port: forward ? Number(proxy.port || 80) : port,
          });
    socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', () => resolve(socket));
    socket.once('error', reject);
  });
}

export function createTransport(env: NodeJS.ProcessEnv): Transport {
  /** Connections opened ahead of the first request, by origin; each serves one request. */
  const warm = new Map<string, Promise<Socket>>();
  const send: FetchFunction = (input, init) =>
    new Promise<Response>((resolve, reject) => {
      const url = urlOf(input);
      const signal = init?.signal ?? undefined;
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const proxy = proxyFor(url, env);
      const headers = headersOf(init);
      const body = bodyOf(init);
      if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
      const forward = proxy !== undefined && url.protocol === 'http:';
      const options: Record<string, unknown> = forward
        ? { host: hostOf(proxy), port: proxy.port || 80, path: url.href, agent: agentFor(proxy, undefined) }
        : {
            host: hostOf(url),
            port: url.port || (url.protocol === 'https:' ? 443 : 80),
            path: `${url.pathname}${url.search}`,
            agent: agentFor(url, proxy),
            servername: serverName(hostOf(url)),
          };
      if (forward) Object.assign(headers, proxyAuthorization(proxy));
      const early = warm.get(url.origin);
      warm.delete(url.origin);
      // An early connection serves this one request on its own (no agent), then closes; later ones use the pool.
      const connection: Record<string, unknown> =
        early === undefined
          ? {}
          : {
              // No agent at all (`false` would make a fresh one): node:http then takes the socket from createConnection.
              agent: undefined,
              createConnection: (_options: unknown, done: (error: Error | null, socket?: Socket) => void) => {
                early.then(
                  (socket) =>
                    socket.destroyed ? done(new Error('early connection closed')) : done(null, socket.ref()),
                  (error: Error) => done(error),
                );
                return undefined;
              },
            };
      const request: ClientRequest = (
        url.protocol === 'https:' && !forward ? tlsModules().https.request : httpModule().request
      )({
        ...options,
        ...connection,
        method: init?.method ?? 'GET',
        headers: { host: url.host, ...headers },
      } as RequestOptions);
      let answer: IncomingMessage | undefined;
      // An abort while the body is read fails the read with the reason, as fetch's body stream does.
      const onAbort = () => {
        const reason = signal?.reason instanceof Error ? signal.reason : new Error('aborted');
        answer?.destroy(reason);
        request.destroy(reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      request.once('response', (message) => {
        answer = message;
        message.once('close', () => signal?.removeEventListener('abort', onAbort));
        resolve(responseOf(message, url.href) as unknown as Response);
      });
      request.once('error', (error) => {
        signal?.removeEventListener('abort', onAbort);
        if (forward) atProxy(error, proxy); // a forwarded request's connection is to the proxy
        reject(signal?.aborted ? signal.reason : fetchFailed(error));
      });
      request.end(body);
    });

  const preconnect = (target: string): void => {
    try {
      const url = new URL(target);
      const key = url.origin;
      if (warm.has(key)) return;
      const socket = openSocket(url, proxyFor(url, env));
      // Unused (an answer from the cache), it must not keep the process alive; the request that takes it refs it.
      socket.then(
        (opened) => opened.unref(),
        () => warm.delete(key),
      );
      warm.set(key, socket);
    } catch {
      // an early connection is only a head start: the request opens its own
    }
  };
  return { fetch: send, preconnect };
}
