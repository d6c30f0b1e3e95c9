// NODE_EXTRA_CA_CERTS through the installed hook, which starts Node without it (Node 20 parses the bundle at start-up)
// and hands it to git-ai under another name: a provider behind a real TLS server on 127.0.0.1 with a self-signed
// certificate is trusted exactly when the variable names that certificate, the default roots stay trusted beside it,
// through a proxy too; an unreadable file is one `git-ai:` line; and every process after the hook sees the variable.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { commitResponder } from '../support/commit-responder.js';
import { startHttpProxy, type HttpProxy } from '../support/http-proxy.js';
import { startProviderServer, type ProviderServer } from '../support/provider-server.js';
import { remoteEnv } from '../support/remote-env.js';
import {
  CONVENTIONAL_HEADER,
  MATH_WITH_MULTIPLY,
  createMathRepo,
  runCli,
  runCliAsync,
  runProcess,
  type TempRepo,
} from '../support/temp-repo.js';
import { makeSelfSignedCertificate, startTlsServer, type Certificate, type TlsServer } from '../support/tls-server.js';

const REMOTE_SUBJECT = 'feat(widgets): add the widget registry';
const FALLBACK = /^git-ai: .*; the offline engine wrote this message$/;

let server: ProviderServer;
let certDir: string;
let certs: { a: Certificate; b: Certificate };
/** TLS servers in front of the provider: one with certificate a, one with b. */
let front: { a: TlsServer; b: TlsServer };
let repo: TempRepo;
let proxy: HttpProxy | undefined;

beforeAll(async () => {
  server = await startProviderServer({ apiKey: 'test-key', models: ['test-model'], respond: commitResponder() });
  const providerPort = Number(new URL(server.baseUrls.openai).port);
  certDir = mkdtempSync(join(tmpdir(), 'git-ai-certs-'));
  certs = { a: makeSelfSignedCertificate(certDir, 'a'), b: makeSelfSignedCertificate(certDir, 'b') };
  front = {
    a: await startTlsServer({ certificate: certs.a, forwardTo: providerPort }),
    b: await startTlsServer({ certificate: certs.b, forwardTo: providerPort }),
  };
});
afterAll(async () => {
  await Promise.all([server.close(), front.a.close(), front.b.close()]);
  rmSync(certDir, { recursive: true, force: true });
});
afterEach(async () => {
  repo?.cleanup();
  await proxy?.close();
  proxy = undefined;
});

/** A repository with git-ai's hook, a staged change, and a commit-msg hook that notes what git-ai's variables are then. */
function seed(): TempRepo {
  repo = createMathRepo();
  expect(runCli(['hook', 'install'], { cwd: repo.dir, env: repo.env })).toMatchObject({ code: 0, stderr: '' });
  writeFileSync(
    join(repo.dir, '.git/hooks/commit-msg'),
    '#!/bin/sh\nprintf \'%s|%s\\n\' "${NODE_EXTRA_CA_CERTS-unset}" "${GIT_AI_NODE_EXTRA_CA_CERTS-unset}" > "$HOME/seen-env"\n',
    { mode: 0o755 },
  );
  repo.write('src/math.ts', MATH_WITH_MULTIPLY);
  repo.git('add', '.');
  return repo;
}

/** The environment of a remote run against `origin`, NODE_EXTRA_CA_CERTS as given (undefined: unset). */
function envFor(origin: string, extraCa: string | undefined, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...repo.env };
  delete env.NODE_EXTRA_CA_CERTS;
  delete env.NODE_OPTIONS;
  return remoteEnv(`${origin}/v1`, env, {
    ...(extraCa === undefined ? {} : { NODE_EXTRA_CA_CERTS: extraCa }),
    ...extra,
  });
}

/** A plain `git commit` (the hook writes the message); its stderr lines and the message's subject. */
async function commit(env: NodeJS.ProcessEnv): Promise<{ lines: string[]; subject: string | undefined }> {
  const result = await runProcess('git', ['commit', '-q'], { cwd: repo.dir, env });
  expect(result.code).toBe(0);
  const subject = repo.git('log', '-1', '--format=%s').trim();
  return { lines: result.stderr.split('\n').filter(Boolean), subject };
}

const seenEnv = () => readFileSync(join(repo.home, 'seen-env'), 'utf8').trim();

describe('the hook with NODE_EXTRA_CA_CERTS', () => {
  it("trusts the certificate the variable names: the provider's message arrives, and git still sees the variable", async () => {
    seed();
    expect(await commit(envFor(front.a.origin, certs.a.certFile))).toEqual({ lines: [], subject: REMOTE_SUBJECT });
    expect(seenEnv()).toBe(`${certs.a.certFile}|unset`);
  });

  it('without the variable the certificate is not trusted: the offline engine writes the message, one line says why', async () => {
    seed();
    const { lines, subject } = await commit(envFor(front.a.origin, undefined));
    expect(subject).toMatch(CONVENTIONAL_HEADER);
    expect(subject).not.toBe(REMOTE_SUBJECT);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(FALLBACK);
  });

  it('trusts no certificate the file does not name', async () => {
    seed();
    const { lines, subject } = await commit(envFor(front.b.origin, certs.a.certFile));
    expect(subject).not.toBe(REMOTE_SUBJECT);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(FALLBACK);
  });

  it("keeps Node's default roots beside the file's (here OpenSSL's, by --use-openssl-ca and SSL_CERT_FILE)", async () => {
    seed();
    const defaults = { NODE_OPTIONS: '--use-openssl-ca', SSL_CERT_FILE: certs.b.certFile };
    expect(await commit(envFor(front.b.origin, certs.a.certFile, defaults))).toEqual({
      lines: [],
      subject: REMOTE_SUBJECT,
    });
    repo.write('src/math.ts', `${MATH_WITH_MULTIPLY}// again\n`);
    repo.git('add', '.');
    expect(await commit(envFor(front.a.origin, certs.a.certFile, defaults))).toEqual({
      lines: [],
      subject: REMOTE_SUBJECT,
    });
  });

  it('trusts it through HTTPS_PROXY too', async () => {
    seed();
    proxy = await startHttpProxy();
    const env = envFor(front.a.origin, certs.a.certFile, { HTTPS_PROXY: proxy.url });
    expect(await commit(env)).toEqual({ lines: [], subject: REMOTE_SUBJECT });
    expect(proxy.seen).toContain(`CONNECT 127.0.0.1:${front.a.port}`);
  });

  it("an unreadable file: one `git-ai:` line as Node's warning, no warning of Node's, and the commit goes on", async () => {
    seed();
    const missing = join(repo.home, 'no-such-bundle.pem');
    const { lines, subject } = await commit(envFor(front.a.origin, missing));
    expect(subject).toMatch(CONVENTIONAL_HEADER);
    expect(lines).toEqual([
      `git-ai: ignoring extra certs from \`${missing}\` (NODE_EXTRA_CA_CERTS), load failed: ENOENT: no such file or directory`,
      expect.stringMatching(FALLBACK),
    ]);
    expect(seenEnv()).toBe(`${missing}|unset`);
  });
});

describe('git-ai handed NODE_EXTRA_CA_CERTS under its other name', () => {
  it('puts it back for the processes it starts, and trusts the file', async () => {
    seed();
    const env = envFor(front.a.origin, undefined, { GIT_AI_NODE_EXTRA_CA_CERTS: certs.a.certFile });
    const result = await runCliAsync(['commit', '-y'], { cwd: repo.dir, env });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(repo.git('log', '-1', '--format=%s').trim()).toBe(REMOTE_SUBJECT);
    expect(seenEnv()).toBe(`${certs.a.certFile}|unset`);
  });
});
