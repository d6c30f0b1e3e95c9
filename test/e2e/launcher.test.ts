// The package's command is a sh launcher (package.json `bin` -> bin/git-ai) that npm links into node_modules/.bin:
// `npm pack`, `npm install` of the tarball into a project, and `git ai` through that link (and a link to the link)
// runs Node on dist/cli.js in the launcher's own process, every argument, stdin and the exit status as they are, with
// NODE_EXTRA_CA_CERTS moved to GIT_AI_NODE_EXTRA_CA_CERTS before Node starts (Node 20 parses the bundle at start-up)
// and trusted all the same: a provider behind a TLS server on 127.0.0.1 with a self-signed certificate.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCommitlintConfig } from '../support/commitlint.js';
import { commitResponder } from '../support/commit-responder.js';
import { startProviderServer, type ProviderServer } from '../support/provider-server.js';
import { remoteEnv } from '../support/remote-env.js';
import { MATH_WITH_MULTIPLY, PROJECT_ROOT, createMathRepo, runCliAsync, type TempRepo } from '../support/temp-repo.js';
import { makeSelfSignedCertificate, startTlsServer, type Certificate, type TlsServer } from '../support/tls-server.js';

const REMOTE_SUBJECT = 'feat(widgets): add the widget registry';
const FALLBACK = /^git-ai: .*; the offline engine wrote this message$/;
const HANDOFF = 'GIT_AI_NODE_EXTRA_CA_CERTS';

let scratch: string;
/** Directories for PATH: one with npm's node_modules/.bin link, one with a link to that link. */
let binDirs: { npm: string; chained: string };
let probe: string;
let server: ProviderServer;
let certificate: Certificate;
let front: TlsServer;
let repo: TempRepo;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'git-ai-launcher-'));
  // dist/ is built by the suite's setup; prepack would rebuild it under the other tests' feet.
  const packed = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', scratch], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
  });
  const [tarball] = JSON.parse(packed) as Array<{ filename: string }>;
  if (!tarball) throw new Error(`npm pack wrote no tarball: ${packed}`);
  const project = join(scratch, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'a-project', private: true }));
  execFileSync(
    'npm',
    ['install', '--prefer-offline', '--no-audit', '--no-fund', '--no-save', join(scratch, tarball.filename)],
    { cwd: project, encoding: 'utf8', stdio: 'pipe' },
  );
  binDirs = { npm: join(project, 'node_modules/.bin'), chained: join(scratch, 'chained bin') };
  mkdirSync(binDirs.chained);
  symlinkSync(join(binDirs.npm, 'git-ai'), join(binDirs.chained, 'git-ai'));
  // Loaded first into the CLI's Node (NODE_OPTIONS): what its process id and CA variables were when Node started.
  probe = join(scratch, 'probe.mjs');
  writeFileSync(
    probe,
    `process.getBuiltinModule('node:fs').writeFileSync(process.env.PROBE_OUT, JSON.stringify({ ppid: process.ppid, ca: process.env.NODE_EXTRA_CA_CERTS ?? null, handoff: process.env.${HANDOFF} ?? null }));\n`,
  );
  server = await startProviderServer({ apiKey: 'test-key', models: ['test-model'], respond: commitResponder() });
  certificate = makeSelfSignedCertificate(scratch, 'front');
  front = await startTlsServer({ certificate, forwardTo: Number(new URL(server.baseUrls.openai).port) });
  repo = createMathRepo();
  repo.write('src/math.ts', MATH_WITH_MULTIPLY);
  repo.git('add', '.');
}, 180_000);

afterAll(async () => {
  await Promise.all([server?.close(), front?.close()]);
  repo?.cleanup();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** The repository's environment with `binDir` first on PATH (then this Node's), no CA variable, and `extra`. */
function envWith(binDir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...repo.env };
  delete env.NODE_EXTRA_CA_CERTS;
  delete env.NODE_OPTIONS;
  return { ...env, PATH: [binDir, dirname(process.execPath), env.PATH].join(delimiter), ...extra };
}

interface Probed {
  result: { code: number | null; stdout: string; stderr: string };
  /** What the probe saw in the CLI's Node: its parent process id, and the two CA variables. */
  seen: { ppid: number; ca: string | null; handoff: string | null };
  /** The process id of the `git` this started. */
  gitPid: number | undefined;
}

/** `git ai <args>` (git finds git-ai on PATH) with the probe loaded and `input` on stdin. */
function gitAi(args: string[], env: NodeJS.ProcessEnv, input = ''): Promise<Probed> {
  const out = join(scratch, `probe-${(probes += 1)}.json`);
  const probed = { ...env, NODE_OPTIONS: `--import=${probe}`, PROBE_OUT: out };
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['ai', ...args], { cwd: repo.dir, env: probed, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdin.end(input);
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        result: { code, stdout, stderr },
        seen: JSON.parse(readFileSync(out, 'utf8')) as Probed['seen'],
        gitPid: child.pid,
      }),
    );
  });
}
let probes = 0;

describe('the installed launcher (node_modules/.bin/git-ai)', () => {
  it('passes every argument as it is, and the exit status, as dist/cli.js run directly does', async () => {
    const name = `it's a "message" with  two spaces, $HOME, * and \\ in it.txt`;
    for (const binDir of [binDirs.npm, binDirs.chained]) {
      const { result } = await gitAi(['lint', name], envWith(binDir));
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`Cannot read the message file ${name} (ENOENT)`);
      expect(result).toEqual(await runCliAsync(['lint', name], { cwd: repo.dir, env: envWith(binDir) }));
    }
  });

  it('reads stdin, and its exit status is the CLI’s: 0 for a good message, 1 for a bad one', async () => {
    writeCommitlintConfig(repo, { rules: { 'type-empty': [2, 'never'] } });
    const good = await gitAi(['lint'], envWith(binDirs.chained), 'feat: add multiply\n');
    expect(good.result).toMatchObject({ code: 0, stderr: '' });
    const bad = await gitAi(['lint'], envWith(binDirs.chained), 'add multiply\n');
    expect(bad.result.code).toBe(1);
    expect(`${bad.result.stdout}${bad.result.stderr}`).toMatch(/type-empty/);
  });

  it('is replaced by Node (exec): the process git started is the CLI’s own', async () => {
    const { result, seen, gitPid } = await gitAi(['--version'], envWith(binDirs.chained));
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^git-ai\/\d/);
    // git starts git-ai as its child: with the launcher's `exec`, Node is that child (signals reach it), no grandchild.
    expect(seen.ppid).toBe(gitPid);
  });
});

describe('NODE_EXTRA_CA_CERTS through the launcher', () => {
  it('starts Node without it, and the certificate it names is trusted: the provider’s message arrives', async () => {
    const env = remoteEnv(`${front.origin}/v1`, envWith(binDirs.npm), { NODE_EXTRA_CA_CERTS: certificate.certFile });
    const { result, seen } = await gitAi(['commit', '--dry-run', '--no-cache'], env);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout.trim()).toBe(REMOTE_SUBJECT);
    expect(seen).toMatchObject({ ca: null, handoff: certificate.certFile });
  });

  it('without it the certificate is not trusted: the offline engine writes the message, one line says why', async () => {
    const env = remoteEnv(`${front.origin}/v1`, envWith(binDirs.npm));
    const { result, seen } = await gitAi(['commit', '--dry-run', '--no-cache'], env);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).not.toBe(REMOTE_SUBJECT);
    expect(result.stderr.trim()).toMatch(FALLBACK);
    expect(seen).toMatchObject({ ca: null, handoff: null });
  });

  it('leaves an already-set hand-off alone, and an empty variable as it is', async () => {
    const both = envWith(binDirs.npm, { NODE_EXTRA_CA_CERTS: certificate.certFile, [HANDOFF]: '/elsewhere.pem' });
    expect((await gitAi(['--version'], both)).seen).toMatchObject({
      ca: certificate.certFile,
      handoff: '/elsewhere.pem',
    });
    const empty = envWith(binDirs.npm, { NODE_EXTRA_CA_CERTS: '' });
    expect((await gitAi(['--version'], empty)).seen).toMatchObject({ ca: '', handoff: null });
  });
});
