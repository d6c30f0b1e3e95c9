// Provider faults against the loopback server, from the command line and through the hook: the documented outcome (the
// remote message, the offline one with one `git-ai:` line, or one clear error), no stack trace, no lost or blocked commit.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { commitResponder } from '../support/commit-responder.js';
import { remoteEnv } from '../support/remote-env.js';
import { makeSelfSignedCertificate, startTlsServer, type TlsServer } from '../support/tls-server.js';
import {
  startProviderServer,
  type FaultRule,
  type ProviderServer,
  type ProviderServerOptions,
} from '../support/provider-server.js';
import {
  CONVENTIONAL_HEADER,
  MATH_WITH_MULTIPLY,
  createMathRepo,
  runCliAsync,
  runProcess,
  type CliResult,
  type TempRepo,
} from '../support/temp-repo.js';

/** The deadline of the cases that end by it (a hang, a trickle): short, as each waits it out. */
const DEADLINE_SECONDS = 1.5;
/**
 * The deadline of every other case, one it never reaches however loaded the machine: a failure that persists ends
 * when its retries do (5 attempts, at most 3.75 s of backoff), not at a deadline that may cut an attempt short.
 * Below hook-timeout (15 s), so the hook's own deadline never decides either.
 */
const GENEROUS_SECONDS = 10;
const REMOTE_SUBJECT = 'feat(widgets): add the widget registry';
const OFFLINE = 'the offline engine wrote this message';

type Outcome =
  /** The provider's message, nothing on stderr. */
  | { kind: 'remote'; subject?: string }
  /** The offline engine's message and this one stderr line. */
  | { kind: 'offline'; line: RegExp }
  /** On the command line one error line and exit 1; the hook writes the offline message and says why in one line. */
  | { kind: 'error'; line: RegExp };

interface FaultCase {
  name: string;
  /** The loopback server's setup, or where the client is sent when no server should answer. */
  server?: ProviderServerOptions;
  baseUrl?: () => Promise<string>;
  outcome: Outcome;
  /** What the server saw, when it tells the outcome apart (a retry, a client that gave up). */
  requests?: (server: ProviderServer) => void;
  /** The case ends at the deadline (the server hangs or trickles): it gets the short one. */
  endsByDeadline?: true;
  /** With `body = true` the message has a body, its lines broken at 72 columns. */
  wrappedBody?: true;
}

const always = (rule: Omit<FaultRule, 'times'>): FaultRule => ({ times: Infinity, ...rule });
/** The offline engine's message, and the one line saying why: `openai <reason>; the offline engine wrote this message`. */
const offline = (reason: string): Outcome => ({
  kind: 'offline',
  line: new RegExp(`^git-ai: openai${reason.startsWith("'") ? '' : ' '}${reason}; ${OFFLINE}$`),
});

/** A loopback port nothing listens on: bound, then closed. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/**
 * A server whose answer never ends: a 200 with a JSON body it keeps writing as fast as the client reads (a broken
 * gateway, a hostile endpoint). Closed with the other servers.
 */
function endlessAnswer(): Promise<string> {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  const server = createHttpServer((request, response) => {
    request.resume();
    response.writeHead(200, { 'content-type': 'application/json' });
    response.write('{"choices":[{"index":0,"message":{"role":"assistant","content":"');
    const pump = () => {
      while (!response.destroyed && response.write(chunk));
    };
    response.on('drain', pump);
    pump();
  });
  rawServers.push(server);
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`)),
  );
}
const rawServers: HttpServer[] = [];

/** A TLS server whose certificate is self-signed (nothing trusts it), as a provider's https base URL. */
async function untrustedTls(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'git-ai-tls-'));
  tlsDirs.push(dir);
  const server = await startTlsServer({ certificate: makeSelfSignedCertificate(dir, 'untrusted') });
  tlsServers.push(server);
  return `${server.origin}/v1`;
}
const tlsServers: TlsServer[] = [];
const tlsDirs: string[] = [];

/** An https:// base URL at a server that speaks plain HTTP. */
async function httpsAtPlainHttp(): Promise<string> {
  const server = await serve({});
  return `https://127.0.0.1:${new URL(server.url).port}/v1`;
}

const CASES: FaultCase[] = [
  {
    name: '429 with a short Retry-After: waits it out and answers',
    server: { faults: [{ status: 429, retryAfter: 0.5, times: 1 }] },
    outcome: { kind: 'remote' },
    requests: (server) => expect(server.requests.map((request) => request.status)).toEqual([429, 200]),
  },
  {
    name: '429 with a Retry-After past the deadline: does not wait',
    server: { faults: [always({ status: 429, retryAfter: 60 })] },
    outcome: offline('answered 429 Too Many Requests'),
    requests: (server) => expect(server.requests).toHaveLength(1),
  },
  {
    name: 'persistent 429',
    server: { faults: [always({ status: 429 })] },
    outcome: offline('answered 429 Too Many Requests'),
    requests: (server) => expect(server.requests.length).toBeGreaterThan(1),
  },
  {
    name: 'persistent 500',
    server: { faults: [always({ status: 500 })] },
    outcome: offline('answered 500 Internal Server Error'),
  },
  {
    name: 'persistent 503',
    server: { faults: [always({ status: 503 })] },
    outcome: offline('answered 503 Service Unavailable'),
  },
  {
    name: '401: a rejected key',
    server: { apiKey: 'another-key' },
    outcome: { kind: 'error', line: /^git-ai: openai rejected the API key \(HTTP 401\)\. .*api-key/ },
  },
  {
    name: '404: an unknown model',
    server: { models: ['gpt-4o-mini'] },
    outcome: {
      kind: 'error',
      line: /^git-ai: openai does not know the model 'test-model' \(HTTP 404\)\. Choose one it serves with `git-ai config set model /,
    },
  },
  {
    name: '404: no such endpoint',
    baseUrl: async () => `${(await serve({})).url}/not-an-api/v1`,
    outcome: {
      kind: 'error',
      line: /^git-ai: openai answered 404 Not Found at http:\/\/127\.0\.0\.1:\d+\/not-an-api\/v1\/chat\/completions: the endpoint does not exist\. Check base-url /,
    },
  },
  {
    name: 'connection refused',
    baseUrl: async () => `http://127.0.0.1:${await closedPort()}/v1`,
    outcome: offline('could not be reached \\(ECONNREFUSED\\)'),
  },
  {
    name: 'an unresolvable host',
    baseUrl: () => Promise.resolve('http://git-ai-fault-test.invalid/v1'),
    outcome: offline('could not be reached \\((ENOTFOUND|EAI_AGAIN)\\)'),
  },
  {
    name: 'a server that never answers',
    endsByDeadline: true,
    server: { faults: [always({ status: 200, hang: true })] },
    outcome: offline(`did not answer within ${DEADLINE_SECONDS} s`),
    requests: (server) => expect(server.requests.every((request) => request.aborted)).toBe(true),
  },
  {
    name: 'a server that trickles a byte at a time',
    endsByDeadline: true,
    server: { faults: [always({ status: 200, trickleMs: 100 })] },
    outcome: offline(`did not answer within ${DEADLINE_SECONDS} s`),
    requests: (server) =>
      expect(server.requests.every((request) => request.status === 200 && request.aborted)).toBe(true),
  },
  {
    name: 'a server that drops the connection after the headers',
    server: { faults: [always({ status: 200, dropAfterHeaders: true })] },
    outcome: offline('dropped the connection \\((UND_ERR_SOCKET|ECONNRESET|EPIPE)\\)'),
  },
  {
    name: 'an answer that never ends (a body written as fast as it is read)',
    baseUrl: endlessAnswer,
    outcome: offline("'s answer ran past 8 MiB, more than any message needs: not read further"),
  },
  {
    name: 'a certificate nothing trusts (self-signed, a private CA, a proxy that inspects TLS)',
    baseUrl: untrustedTls,
    outcome: offline(
      "'s certificate is not trusted \\(DEPTH_ZERO_SELF_SIGNED_CERT\\); if a private CA or a proxy that inspects TLS signs it, name that CA's certificate file in NODE_EXTRA_CA_CERTS",
    ),
  },
  {
    name: 'an https:// base-url at a server that speaks plain HTTP',
    baseUrl: httpsAtPlainHttp,
    outcome: offline(
      'did not answer in TLS \\((EPROTO|ERR_SSL_\\w+)\\); if its server speaks plain HTTP, give base-url as http://',
    ),
  },
  {
    name: 'an answer with an empty choices list',
    server: {
      faults: [always({ status: 200, body: '{"id":"x","object":"chat.completion","created":1,"choices":[]}' })],
    },
    outcome: offline('answered 200 OK with no answer in it \\(an empty choices list\\)'),
  },
  {
    name: 'an answer with no commit header in it (cut-off JSON)',
    server: { faults: [always({ status: 200, malformed: true })] },
    outcome: offline("'s answer held no valid commit message"),
  },
  {
    name: 'JSON instead of the plain-text message',
    server: { respond: () => ({ object: { headers: 42, body: ['not', 'a', 'string'] } }) },
    outcome: offline("'s answer held no valid commit message"),
  },
  {
    name: 'prose with no commit header',
    server: { respond: () => ({ text: 'Sure! This change adds a multiply function to the math module.' }) },
    outcome: offline("'s answer held no valid commit message"),
  },
  {
    name: 'the message wrapped in prose and a code fence',
    server: {
      respond: () => ({
        text: 'Sure! Here is a commit message for your change:\n\n```\nfeat(math): add multiply\n```\n\nLet me know if you need anything else.',
      }),
    },
    outcome: { kind: 'remote', subject: 'feat(math): add multiply' },
  },
  {
    name: 'escape sequences in the answer',
    server: {
      respond: () => ({
        text: 'feat(math): add \u001b[2J\u001b]0;owned\u0007multiply\u001b[8m\u009b31m\n\nAdds\u001b]52;c;ZXZpbA==\u0007 multiply.',
      }),
    },
    outcome: { kind: 'remote', subject: 'feat(math): add multiply' },
  },
  {
    name: 'a 10 KB answer: a subject of 10 KB',
    server: {
      respond: () => ({ text: `feat(math): add multiply ${'and more '.repeat(1200)}` }),
    },
    outcome: offline("'s answer held no valid commit message"),
  },
  {
    name: 'a 10 KB answer: a body of 10 KB',
    server: {
      respond: () => ({
        text: `feat(math): add multiply\n\nAdds multiply. ${'It multiplies two numbers. '.repeat(380)}`,
      }),
    },
    outcome: { kind: 'remote', subject: 'feat(math): add multiply' },
    wrappedBody: true,
  },
];

// Every case has its own repository and server, so the cases run side by side: most of them wait on a deadline.
const repos: TempRepo[] = [];
const servers: ProviderServer[] = [];
afterAll(async () => {
  for (const repo of repos) repo.cleanup();
  await Promise.all(servers.map((server) => server.close()));
  for (const server of rawServers) server.closeAllConnections();
  await Promise.all(rawServers.map((server) => new Promise((resolve) => server.close(resolve))));
  await Promise.all(tlsServers.map((server) => server.close()));
  for (const dir of tlsDirs) rmSync(dir, { recursive: true, force: true });
});

/** A repository whose staged change adds multiply to src/math.ts. */
function stagedRepo(): TempRepo {
  const repo = createMathRepo();
  repos.push(repo);
  repo.write('src/math.ts', MATH_WITH_MULTIPLY);
  repo.git('add', '.');
  return repo;
}

async function serve(options: ProviderServerOptions): Promise<ProviderServer> {
  const server = await startProviderServer({ apiKey: 'test-key', respond: commitResponder(), ...options });
  servers.push(server);
  return server;
}

interface Setup {
  repo: TempRepo;
  server?: ProviderServer;
  env: NodeJS.ProcessEnv;
  seconds: number;
}

async function setUp(fault: FaultCase): Promise<Setup> {
  const repo = stagedRepo();
  const server = fault.baseUrl ? undefined : await serve(fault.server ?? {});
  const baseUrl = fault.baseUrl ? await fault.baseUrl() : server!.baseUrls.openai;
  const seconds = fault.endsByDeadline ? DEADLINE_SECONDS : GENEROUS_SECONDS;
  const env = remoteEnv(baseUrl, repo.env, {
    GIT_AI_CACHE: 'false',
    GIT_AI_TIMEOUT: String(seconds),
    ...(fault.wrappedBody ? { GIT_AI_BODY: 'true' } : {}),
  });
  return { repo, server, env, seconds };
}

function expectNoTrace(result: CliResult): void {
  expect(result.stderr).not.toMatch(/internal error|\n\s+at |Error:/);
  expect([...result.stdout].filter((char) => char < ' ' && char !== '\n')).toEqual([]); // no escape, bell or CR gets out
}

/** The message's first line, as the outcome wants it: the provider's, or any the offline engine writes. */
function expectSubject(subject: string, outcome: Outcome): void {
  if (outcome.kind === 'remote') expect(subject).toBe(outcome.subject ?? REMOTE_SUBJECT);
  else expect(subject).toMatch(CONVENTIONAL_HEADER);
  if (outcome.kind !== 'remote') expect(subject).not.toBe(REMOTE_SUBJECT);
}

/** The body of a written message has every line within 72 columns (and is there at all). */
function expectWrappedBody(message: string): void {
  const body = message.split('\n').slice(2);
  expect(body.join(' ')).toMatch(/^Adds multiply\. It multiplies two numbers\./);
  expect(body.filter((line) => [...line].length > 72)).toEqual([]);
}

/** `git commit` with the hook installed, run as git runs it for a person (no terminal). */
function gitCommit(repo: TempRepo, env: NodeJS.ProcessEnv): Promise<CliResult> {
  return runProcess('git', ['commit', '-q'], { cwd: repo.dir, env });
}

describe.concurrent.each(CASES)('$name', (fault) => {
  it('from the command line', async () => {
    const { repo, server, env, seconds } = await setUp(fault);
    const result = await runCliAsync(['commit', '--dry-run', '--timeout', String(seconds)], { cwd: repo.dir, env });
    expectNoTrace(result);
    const { outcome } = fault;
    if (outcome.kind === 'error') {
      expect(result).toMatchObject({ code: 1, stdout: '' });
      expect(result.stderr.split('\n')).toEqual([expect.stringMatching(outcome.line), '']);
    } else {
      expect(result.code).toBe(0);
      expectSubject(result.stdout.split('\n')[0]!, outcome);
      if (fault.wrappedBody) expectWrappedBody(result.stdout.trimEnd());
      if (outcome.kind === 'remote') expect(result.stderr).toBe('');
      else expect(result.stderr.split('\n')).toEqual([expect.stringMatching(outcome.line), '']);
    }
    if (server && fault.requests) {
      // The CLI has exited; the server may hear its connections close a moment later.
      await vi.waitFor(() => expect(server.requests.every((request) => request.endedAt !== undefined)).toBe(true));
      fault.requests(server);
    }
  });

  it('through the hook: the commit is made, with a message', async () => {
    const { repo, env } = await setUp(fault);
    const seeded = await runCliAsync(['hook', 'install'], { cwd: repo.dir, env });
    expect(seeded.code).toBe(0);
    const commit = await gitCommit(repo, env);
    expectNoTrace(commit);
    expect(commit.code).toBe(0);
    const subject = repo.git('log', '-1', '--format=%s').trim();
    expectSubject(subject, fault.outcome);
    if (fault.wrappedBody) expectWrappedBody(repo.git('log', '-1', '--format=%B').trimEnd());
    expect(repo.git('show', '--name-only', '--format=', 'HEAD').trim()).toBe('src/math.ts');
    if (fault.outcome.kind === 'remote') expect(commit.stderr).toBe('');
    else
      expect(commit.stderr.split('\n')).toEqual([
        expect.stringMatching(fault.outcome.kind === 'offline' ? fault.outcome.line : /^git-ai: /),
        '',
      ]);
  });
});
