// A proxy that asks for credentials, refuses them or is not there: the line says it was the proxy, never its password.
import { createServer, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { commitResponder } from '../support/commit-responder.js';
import { startHttpProxy, type HttpProxy } from '../support/http-proxy.js';
import { startProviderServer, type ProviderServer } from '../support/provider-server.js';
import { remoteEnv } from '../support/remote-env.js';
import { createRepoWithSources, runCliAsync, type TempRepo } from '../support/temp-repo.js';

let repo: TempRepo;
let server: ProviderServer;
let proxy: HttpProxy | undefined;
afterEach(async () => {
  repo?.cleanup();
  await server?.close();
  await proxy?.close();
  proxy = undefined;
});

const SECRET = 'pr0xy-s3cret';
const withCredentials = (url: string, password = SECRET) => url.replace('http://', `http://alice:${password}@`);

async function setUp(): Promise<void> {
  server = await startProviderServer({ apiKey: 'test-key', respond: commitResponder() });
  repo = createRepoWithSources({ count: 1, lines: 40, pathOf: (index) => `src/widgets/w${index}.ts` });
  repo.git('add', '.');
}

/** A port nothing listens on: one just freed. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

const run = (args: string[], env: NodeJS.ProcessEnv) =>
  runCliAsync(['commit', '--dry-run', ...args], { cwd: repo.dir, env });

describe('through a proxy that asks for credentials', () => {
  it('sends the user and password of its URL, and the provider writes the message', async () => {
    await setUp();
    proxy = await startHttpProxy({ credentials: `alice:${SECRET}` });
    const result = await run([], remoteEnv(server, repo.env, { HTTP_PROXY: withCredentials(proxy.url) }));
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout.trim()).toBe('feat(widgets): add the widget registry');
    expect(proxy.seen).toHaveLength(1);
  });

  it('a 407 is said to be the proxy asking, on stderr and in --json, without the password', async () => {
    await setUp();
    proxy = await startHttpProxy({ credentials: `alice:${SECRET}` });
    const env = remoteEnv(server, repo.env, { HTTP_PROXY: withCredentials(proxy.url, 'wrong-password') });
    const result = await run(['--json'], env);
    expect(result.code).toBe(0);
    const line =
      'git-ai: the proxy asked for credentials (407 Proxy Authentication Required); put its user and password in the proxy URL (http://user:password@host:port); the offline engine wrote this message';
    expect(result.stderr.trimEnd()).toBe(line);
    expect(JSON.parse(result.stdout)).toMatchObject({ engine: 'remote', stage: 'local', warnings: [line] });
    expect(server.requests).toHaveLength(0);
  });

  it('a CONNECT tunnel refused with 407 names the proxy; --engine remote fails with the same reason', async () => {
    await setUp();
    proxy = await startHttpProxy({ credentials: `alice:other` });
    const host = new URL(proxy.url).host;
    // An https origin goes through a CONNECT tunnel; the proxy refuses it before any TLS.
    const env = remoteEnv('https://127.0.0.1:9/v1', repo.env, { HTTPS_PROXY: withCredentials(proxy.url) });
    const result = await run([], env);
    expect(result.code).toBe(0);
    expect(result.stderr.trimEnd()).toBe(
      `git-ai: the proxy ${host} refused the tunnel to openai (407 Proxy Authentication Required); put its user and password in the proxy URL (http://user:password@host:port); the offline engine wrote this message`,
    );
    expect(proxy.seen[0]).toBe('CONNECT 127.0.0.1:9');
    const strict = await run(['--engine', 'remote', '--debug'], env);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain(`The remote engine failed: the proxy ${host} refused the tunnel to openai (407`);
    expect(strict.stderr).not.toContain(SECRET);
  });
});

describe('a proxy that is not there', () => {
  it.each(['HTTP_PROXY', 'HTTPS_PROXY'] as const)(
    '%s refusing: the line names the proxy, not the provider',
    async (name) => {
      await setUp();
      const port = await closedPort();
      const base = name === 'HTTPS_PROXY' ? 'https://127.0.0.1:9/v1' : server;
      const env = remoteEnv(base, repo.env, { [name]: withCredentials(`http://127.0.0.1:${port}`) });
      const result = await run(['--debug'], env);
      expect(result.code).toBe(0);
      expect(result.stderr).toContain(
        `git-ai: the proxy 127.0.0.1:${port} could not be reached (ECONNREFUSED); the offline engine wrote this message`,
      );
      expect(result.stderr).not.toContain(SECRET);
      expect(server.requests).toHaveLength(0);
    },
  );
});

describe('a proxy variable git-ai cannot use', () => {
  it.each([
    [
      'HTTP_PROXY',
      `socks5://alice:${SECRET}@127.0.0.1:1080`,
      'HTTP_PROXY names socks5://127.0.0.1:1080, a proxy git-ai does not speak to: give an http:// one',
    ],
    [
      'https_proxy',
      `https://alice:${SECRET}@127.0.0.1:3129`,
      'https_proxy names https://127.0.0.1:3129, a proxy git-ai does not speak to: give an http:// one',
    ],
    ['HTTPS_PROXY', `http://alice:${SECRET}@[proxy`, 'HTTPS_PROXY is not a URL (http://host:port)'],
    [
      'HTTP_PROXY',
      `http://alice:100%zz${SECRET}@127.0.0.1:3128`,
      'HTTP_PROXY has a % in its user or password that starts no escape: write it as %25',
    ],
  ])('%s=%s: said once, not retried, no request goes out direct', async (name, value, said) => {
    await setUp();
    const base = name === 'HTTP_PROXY' ? server : `https://127.0.0.1:${await closedPort()}/v1`;
    const env = remoteEnv(base, repo.env, { [name]: value });
    const result = await run(['--debug'], env);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`git-ai: ${said}; the offline engine wrote this message`);
    expect(result.stderr).toMatch(/attempts=1 error=ProxyUrlError/);
    expect(result.stderr).not.toContain(SECRET);
    expect(server.requests).toHaveLength(0);
    const strict = await run(['--engine', 'remote'], env);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain(`The remote engine failed: ${said}; no message was written.`);
  });
});
