// The SDK's fetch over node:http: answers, errors and aborts as fetch has them, proxies honoured, early connections used.
import { connect, createServer, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { bypassesProxy, proxyAuthorization, proxyFor, ProxyUrlError } from '../../src/providers/proxy.js';
import { createTransport } from '../../src/providers/transport.js';
import { startHttpProxy, type HttpProxy } from '../support/http-proxy.js';
import { startProviderServer, type ProviderServer } from '../support/provider-server.js';

let server: ProviderServer | undefined;
let proxy: HttpProxy | undefined;
afterEach(async () => {
  await server?.close();
  await proxy?.close();
  server = proxy = undefined;
});

const chat = { model: 'm', messages: [{ role: 'user', content: 'hi' }] };
const post = (body: unknown, signal?: AbortSignal): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: 'Bearer k' },
  body: JSON.stringify(body),
  signal,
});

/** A TCP relay listening on [::1] to a server on 127.0.0.1. */
async function relayOnIpv6(target: URL): Promise<{ port: number; close(): void }> {
  const relay = createServer((client) => {
    const socket = connect(Number(target.port), target.hostname, () => {
      client.pipe(socket);
      socket.pipe(client);
    });
    client.once('error', () => socket.destroy());
    socket.once('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => relay.listen(0, '::1', resolve));
  return { port: (relay.address() as AddressInfo).port, close: () => relay.close() };
}

describe('proxyFor', () => {
  it.each([
    ['https://api.openai.com/v1', { HTTPS_PROXY: 'http://proxy:3128' }, 'http://proxy:3128/'],
    ['https://api.openai.com/v1', { https_proxy: 'proxy:3128' }, 'http://proxy:3128/'],
    ['https://api.openai.com/v1', { HTTP_PROXY: 'http://p:1' }, 'http://p:1/'],
    ['http://127.0.0.1:9/v1', { HTTPS_PROXY: 'http://p:1' }, undefined],
    ['http://127.0.0.1:9/v1', { HTTP_PROXY: 'http://p:1' }, 'http://p:1/'],
    ['https://api.openai.com/v1', { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'openai.com' }, undefined],
    ['https://api.openai.com/v1', { HTTPS_PROXY: 'http://p:1', no_proxy: '.openai.com' }, undefined],
    ['https://api.openai.com/v1', { HTTPS_PROXY: 'http://p:1', NO_PROXY: '*' }, undefined],
    ['https://api.openai.com/v1', { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'ai.com' }, 'http://p:1/'],
    ['http://localhost:8080/v1', { HTTP_PROXY: 'http://p:1', NO_PROXY: 'localhost:8080' }, undefined],
    ['http://localhost:8081/v1', { HTTP_PROXY: 'http://p:1', NO_PROXY: 'localhost:8080' }, 'http://p:1/'],
  ])('%s with %j -> %s', (url, env, expected) => {
    expect(proxyFor(new URL(url), env)?.href).toBe(expected);
  });

  it.each([
    ['http://[::1]:8080/v1', '::1', true],
    ['http://[::1]:8080/v1', '[::1]', true],
    ['http://[::1]:8080/v1', '[::1]:8080', true],
    ['http://[::1]:8080/v1', '[::1]:8081', false],
    ['http://[::1]:8080/v1', '0:0:0:0:0:0:0:1', true],
    ['http://[fd00::5]/v1', 'fd00::/8', true],
    ['http://[fe80::5]/v1', 'fd00::/8', false],
    ['http://10.1.2.3:11434/v1', '10.0.0.0/8', true],
    ['http://10.1.2.3:11434/v1', '10.0.0.0/8:11434', true],
    ['http://192.168.1.9/v1', '10.0.0.0/8', false],
    ['http://192.168.1.9/v1', '192.168.1.0/33', false],
    ['https://internal.example/v1', '10.0.0.0/8', false],
  ])('NO_PROXY covers %s with %s: %s (IPv6 and CIDR as curl reads them)', (url, noProxy, expected) => {
    expect(bypassesProxy(new URL(url), noProxy)).toBe(expected);
  });

  it("sends the proxy URL's user and password percent-decoded, and names one that cannot be decoded", () => {
    const basic = (credentials: string) => ({
      'proxy-authorization': `Basic ${Buffer.from(credentials).toString('base64')}`,
    });
    expect(proxyAuthorization(new URL('http://a%40corp:p%25w%3A@proxy:3128'))).toEqual(basic('a@corp:p%w:'));
    expect(proxyAuthorization(new URL('http://proxy:3128'))).toEqual({});
    expect(() => proxyFor(new URL('http://x.test/'), { http_proxy: 'http://a:100%zz-secret@proxy:3128' })).toThrow(
      new ProxyUrlError('http_proxy has a % in its user or password that starts no escape: write it as %25'),
    );
  });

  it('reads NO_PROXY lists separated by commas or spaces', () => {
    expect(bypassesProxy(new URL('http://b.example:80/'), 'a.example, b.example')).toBe(true);
    expect(bypassesProxy(new URL('http://b.example:80/'), 'a.example c.example')).toBe(false);
  });
});

describe('createTransport', () => {
  it('sends a request and reads the answer as fetch does', async () => {
    server = await startProviderServer({ apiKey: 'k', respond: () => ({ text: 'hello' }) });
    const response = await createTransport({}).fetch(`${server.baseUrls.openai}/chat/completions`, post(chat));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/json/);
    expect(
      ((await response.json()) as { choices: { message: { content: string } }[] }).choices[0]?.message.content,
    ).toBe('hello');
  });

  it('goes through HTTP_PROXY, and around it for a host NO_PROXY names', async () => {
    server = await startProviderServer({ apiKey: 'k', respond: () => ({ text: 'via proxy' }) });
    proxy = await startHttpProxy();
    const url = `${server.baseUrls.openai}/chat/completions`;
    const proxied = await createTransport({ HTTP_PROXY: proxy.url }).fetch(url, post(chat));
    expect(proxied.status).toBe(200);
    expect(proxy.seen).toEqual([`POST ${url}`]);
    expect(server.requests).toHaveLength(1);
    const direct = await createTransport({ HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' }).fetch(url, post(chat));
    expect(direct.status).toBe(200);
    expect(proxy.seen).toHaveLength(1);
    expect(server.requests).toHaveLength(2);
  });

  it('goes around HTTP_PROXY for a loopback server a CIDR block in no_proxy covers', async () => {
    server = await startProviderServer({ apiKey: 'k', respond: () => ({ text: 'direct' }) });
    proxy = await startHttpProxy();
    const url = `${server.baseUrls.openai}/chat/completions`;
    const env = { HTTP_PROXY: proxy.url, no_proxy: 'internal.example,127.0.0.0/8' };
    expect((await createTransport(env).fetch(url, post(chat))).status).toBe(200);
    expect(proxy.seen).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it('asks HTTPS_PROXY for a CONNECT tunnel to an https origin', async () => {
    proxy = await startHttpProxy();
    // A plain TCP server: the tunnel opens, then TLS fails on it, which is enough to see the tunnel asked for.
    const target = createServer((socket) => socket.end('not tls'));
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    const { port } = target.address() as AddressInfo;
    const failure = await createTransport({ HTTPS_PROXY: proxy.url })
      .fetch(`https://127.0.0.1:${port}/v1/chat/completions`, post(chat))
      .catch((error: unknown) => error);
    target.close();
    expect(proxy.seen).toEqual([`CONNECT 127.0.0.1:${port}`]);
    expect(failure).toMatchObject({ name: 'TypeError', message: 'fetch failed' });
  });

  it('reaches an IPv6 literal ([::1]): directly, through an HTTP proxy there, and CONNECT names it in brackets', async () => {
    server = await startProviderServer({ apiKey: 'k', respond: () => ({ text: 'over ipv6' }) });
    proxy = await startHttpProxy();
    const provider = await relayOnIpv6(new URL(server.url));
    const proxyOnIpv6 = await relayOnIpv6(new URL(proxy.url));
    try {
      const url = `http://[::1]:${provider.port}/v1/chat/completions`;
      expect((await createTransport({}).fetch(url, post(chat))).status).toBe(200);
      const env = { HTTP_PROXY: `http://[::1]:${proxyOnIpv6.port}` };
      expect((await createTransport(env).fetch(url, post(chat))).status).toBe(200);
      expect(proxy.seen).toEqual([`POST ${url}`]);
      expect(server.requests).toHaveLength(2);
      // An https origin at [::1]: the tunnel asks for it in brackets (TLS then fails on the plain server).
      const tunnel = createTransport({ HTTPS_PROXY: proxy.url });
      await tunnel.fetch(`https://[::1]:${provider.port}/v1/chat/completions`, post(chat)).catch(() => undefined);
      expect(proxy.seen.at(-1)).toBe(`CONNECT [::1]:${provider.port}`);
    } finally {
      provider.close();
      proxyOnIpv6.close();
    }
  });

  it('fails like fetch when nothing listens, with the socket error as the cause', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const failure = await createTransport({})
      .fetch(`http://127.0.0.1:${port}/v1/chat/completions`, post(chat))
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ name: 'TypeError', message: 'fetch failed', cause: { code: 'ECONNREFUSED' } });
  });

  it('rejects with the signal reason when aborted, and the server sees the request closed', async () => {
    server = await startProviderServer({
      apiKey: 'k',
      respond: () => ({ text: 'late' }),
      faults: [{ status: 200, hang: true }],
    });
    const controller = new AbortController();
    const pending = createTransport({}).fetch(
      `${server.baseUrls.openai}/chat/completions`,
      post(chat, controller.signal),
    );
    await expect.poll(() => server?.requests.length).toBe(1);
    controller.abort(new DOMException('stop', 'AbortError'));
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    await expect.poll(() => server?.requests[0]?.aborted).toBe(true);
  });

  it('answers without Node’s fetch classes: headers as fetch has them, the body read chunk by chunk', async () => {
    server = await startProviderServer({
      apiKey: 'k',
      respond: () => ({ text: 'slowly' }),
      faults: [{ status: 200, trickleMs: 1 }],
    });
    const response = await createTransport({}).fetch(`${server.baseUrls.openai}/chat/completions`, post(chat));
    expect(response).not.toBeInstanceOf(Response);
    expect([response.ok, response.status, response.statusText]).toEqual([true, 200, 'OK']);
    expect(Object.fromEntries(response.headers)['content-type']).toMatch(/json/);
    const reader = response.body!.getReader();
    const chunks: Uint8Array[] = [];
    for (let read = await reader.read(); !read.done; read = await reader.read()) chunks.push(read.value);
    reader.releaseLock();
    expect(chunks.length).toBeGreaterThan(1);
    const text = Buffer.concat(chunks).toString('utf8');
    expect((JSON.parse(text) as { choices: { message: { content: string } }[] }).choices[0]?.message.content).toBe(
      'slowly',
    );
    expect(response.bodyUsed).toBe(true);
    await expect(response.text()).rejects.toThrow(TypeError);
  });

  it('gives a 204 no body, as fetch does', async () => {
    server = await startProviderServer({ apiKey: 'k', respond: () => ({ raw: '', status: 204 }) });
    const response = await createTransport({}).fetch(`${server.baseUrls.openai}/chat/completions`, post(chat));
    expect([response.status, response.ok, response.body]).toEqual([204, true, null]);
    expect(await response.text()).toBe('');
  });

  it('fails the body’s read when the connection drops after the headers', async () => {
    server = await startProviderServer({ apiKey: 'k', faults: [{ status: 200, dropAfterHeaders: true }] });
    const response = await createTransport({}).fetch(`${server.baseUrls.openai}/chat/completions`, post(chat));
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
  });

  it('fails the body’s read with the signal reason when aborted while the answer arrives', async () => {
    server = await startProviderServer({
      apiKey: 'k',
      respond: () => ({ text: 'a long answer '.repeat(50) }),
      faults: [{ status: 200, trickleMs: 5 }],
    });
    const controller = new AbortController();
    const response = await createTransport({}).fetch(
      `${server.baseUrls.openai}/chat/completions`,
      post(chat, controller.signal),
    );
    const reader = response.body!.getReader();
    expect((await reader.read()).done).toBe(false);
    const reason = new DOMException('stop', 'AbortError');
    controller.abort(reason);
    await expect(
      (async () => {
        for (;;) if ((await reader.read()).done) return 'ended';
      })(),
    ).rejects.toBe(reason);
  });

  it('sends the first request over the connection opened early', async () => {
    server = await startProviderServer({ apiKey: 'k', respond: () => ({ text: 'early' }) });
    const transport = createTransport({});
    let accepted = 0;
    const counting = createServer((client) => {
      accepted += 1;
      // Counts connections, then relays each to the provider server.
      const upstream = new URL(server?.url ?? '');
      const socket = connect(Number(upstream.port), upstream.hostname, () => {
        client.pipe(socket);
        socket.pipe(client);
      });
      client.once('error', () => socket.destroy());
      socket.once('error', () => client.destroy());
    });
    await new Promise<void>((resolve) => counting.listen(0, '127.0.0.1', resolve));
    const { port } = counting.address() as AddressInfo;
    transport.preconnect(`http://127.0.0.1:${port}/v1`);
    await expect.poll(() => accepted).toBe(1);
    const response = await transport.fetch(`http://127.0.0.1:${port}/v1/chat/completions`, post(chat));
    expect(response.status).toBe(200);
    await response.text();
    expect(accepted).toBe(1);
    expect(server.requests).toHaveLength(1);
    counting.close();
  });
});
