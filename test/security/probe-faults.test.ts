// Faults and odd inputs an outside probe tries that the fault table (test/e2e/faults.test.ts) does not: an error
// body under HTTP 200, a gzip answer, a redirect to another host, a huge header; the hook with `-F`, a merge, a
// squash, a message file behind a symlink; a repository path with spaces, Unicode and a newline. Each: the
// documented outcome, one clear line, no stack trace, no lost or blocked commit.
import { lstatSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { commitResponder } from '../support/commit-responder.js';
import { startProviderServer, type ProviderServer, type ProviderServerOptions } from '../support/provider-server.js';
import { remoteEnv } from '../support/remote-env.js';
import {
  CONVENTIONAL_HEADER,
  MATH_WITH_MULTIPLY,
  createMathRepo,
  runCliAsync,
  runProcess,
  type CliResult,
  type TempRepo,
} from '../support/temp-repo.js';

const REMOTE_SUBJECT = 'feat(widgets): add the widget registry';
let repo: TempRepo;
const servers: ProviderServer[] = [];
afterEach(async () => {
  repo?.cleanup();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(options: ProviderServerOptions = {}): Promise<ProviderServer> {
  const server = await startProviderServer({ apiKey: 'test-key', respond: commitResponder(), ...options });
  servers.push(server);
  return server;
}

function stage(): void {
  repo = createMathRepo();
  repo.write('src/math.ts', MATH_WITH_MULTIPLY);
  repo.git('add', '.');
}

const probeEnv = (server: ProviderServer, extra: Parameters<typeof remoteEnv>[2] = {}): NodeJS.ProcessEnv =>
  remoteEnv(server, repo.env, { GIT_AI_CACHE: 'false', GIT_AI_TIMEOUT: '10', ...extra });

/** Exit 0, a conventional subject that is not the provider's, and exactly one `git-ai: ` line saying `why`. */
function expectOffline(result: CliResult, why: RegExp): void {
  expect(result.stderr).not.toMatch(/internal error|\n\s+at |Error:/);
  expect(result.code, result.stderr).toBe(0);
  expect(result.stdout.split('\n')[0]).toMatch(CONVENTIONAL_HEADER);
  expect(result.stdout).not.toContain(REMOTE_SUBJECT);
  expect(result.stderr.split('\n')).toEqual([expect.stringMatching(/^git-ai: /), '']);
  expect(result.stderr).toMatch(why);
}

/** The same fault through the hook: the commit is made, with a message, and one line says why. */
async function expectHookCommits(env: NodeJS.ProcessEnv): Promise<void> {
  expect((await runCliAsync(['hook', 'install'], { cwd: repo.dir, env })).code).toBe(0);
  const commit = await runProcess('git', ['commit', '-q'], { cwd: repo.dir, env });
  expect(commit.stderr).not.toMatch(/internal error|\n\s+at |Error:/);
  expect(commit.code, commit.stderr).toBe(0);
  expect(repo.git('log', '-1', '--format=%s').trim()).toMatch(CONVENTIONAL_HEADER);
  expect(commit.stderr.split('\n')).toEqual([expect.stringMatching(/^git-ai: /), '']);
}

const dryRun = (env: NodeJS.ProcessEnv) => runCliAsync(['commit', '--dry-run'], { cwd: repo.dir, env });

describe('provider faults a probe adds', () => {
  it('HTTP 200 whose body is an error object: the offline message and one line, CLI and hook', async () => {
    const server = await serve({
      respond: () => ({
        raw: JSON.stringify({ error: { message: 'You exceeded your current quota', type: 'insufficient_quota' } }),
      }),
    });
    stage();
    const env = probeEnv(server);
    expectOffline(
      await dryRun(env),
      /^git-ai: openai answered with an error instead of a message: "You exceeded your current quota"; /,
    );
    await expectHookCommits(env);
  });

  it('a gzip-encoded answer is read as the provider meant it', async () => {
    const plain = await serve();
    const body = await (
      await fetch(`${plain.baseUrls.openai}/chat/completions`, {
        method: 'POST',
        headers: { authorization: 'Bearer test-key', 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'test-model', messages: [{ role: 'user', content: 'diff' }] }),
      })
    ).text();
    const server = await serve({
      respond: () => ({ raw: gzipSync(Buffer.from(body)), headers: { 'content-encoding': 'gzip' } }),
    });
    stage();
    const result = await dryRun(probeEnv(server));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe(REMOTE_SUBJECT);
  });

  it('a redirect to another host is not followed: the key goes nowhere else; one line, the offline message', async () => {
    const elsewhere = await serve();
    // localhost, not 127.0.0.1: another host (and origin) by name.
    const target = elsewhere.baseUrls.openai.replace('127.0.0.1', 'localhost');
    const server = await serve({
      respond: () => ({ raw: '', status: 307, headers: { location: `${target}/chat/completions` } }),
    });
    stage();
    for (const provider of ['openai', 'anthropic', 'gemini'] as const) {
      const env = probeEnv(server, { GIT_AI_PROVIDER: provider });
      expectOffline(await dryRun(env), /answered 307 Temporary Redirect to http:\/\/localhost:\d+, not followed/);
    }
    expect(elsewhere.requests).toEqual([]);
    expect(server.requests.length).toBeGreaterThanOrEqual(3);
  });

  it('an answer with a 100 KB header: one line, the offline message, CLI and hook', async () => {
    const server = await serve({
      respond: () => ({ text: REMOTE_SUBJECT, headers: { 'x-padding': 'a'.repeat(100_000) } }),
    });
    stage();
    const env = probeEnv(server);
    const result = await dryRun(env);
    // Either it is read (Node's limit is 16 KB for requests it serves, not answers it reads) or refused in one line.
    expect(result.stderr).not.toMatch(/internal error|\n\s+at |Error:/);
    expect(result.code).toBe(0);
    if (result.stderr !== '') expectOffline(result, /openai/);
    else expect(result.stdout.split('\n')[0]).toBe(REMOTE_SUBJECT);
  });
});

describe('the hook with sources a probe adds', () => {
  const installHook = async () =>
    expect((await runCliAsync(['hook', 'install'], { cwd: repo.dir, env: repo.env })).code).toBe(0);
  const lastMessage = () => repo.git('log', '-1', '--format=%B').trim();

  it('`git commit -F <file>` keeps the file’s message', async () => {
    stage();
    await installHook();
    writeFileSync(join(repo.home, 'message.txt'), 'docs: my own words\n');
    const commit = await runProcess('git', ['commit', '-q', '-F', join(repo.home, 'message.txt')], {
      cwd: repo.dir,
      env: repo.env,
    });
    expect(commit).toMatchObject({ code: 0, stderr: '' });
    expect(lastMessage()).toBe('docs: my own words');
  });

  it('a merge keeps git’s merge message; a squash keeps git’s squash message', async () => {
    stage();
    repo.git('commit', '-q', '-m', 'feat: multiply');
    repo.git('checkout', '-q', '-b', 'topic');
    repo.write('docs/a.md', 'a\n');
    repo.git('add', '.');
    repo.git('commit', '-q', '-m', 'docs: a');
    repo.git('checkout', '-q', 'main');
    repo.write('docs/b.md', 'b\n');
    repo.git('add', '.');
    repo.git('commit', '-q', '-m', 'docs: b');
    await installHook();
    const merged = await runProcess('git', ['merge', '-q', '--no-ff', '--no-edit', 'topic'], {
      cwd: repo.dir,
      env: repo.env,
    });
    expect(merged).toMatchObject({ code: 0, stderr: '' });
    expect(lastMessage()).toBe("Merge branch 'topic'");
    repo.git('reset', '-q', '--hard', 'HEAD~1');
    expect((await runProcess('git', ['merge', '-q', '--squash', 'topic'], { cwd: repo.dir, env: repo.env })).code).toBe(
      0,
    );
    const squashed = await runProcess('git', ['commit', '-q', '--no-edit'], { cwd: repo.dir, env: repo.env });
    expect(squashed).toMatchObject({ code: 0, stderr: '' });
    expect(lastMessage()).toMatch(/^Squashed commit of the following:/);
  });

  it('a message file that is a symlink: the message is written in its place, never through the link', async () => {
    stage();
    await installHook();
    const elsewhere = join(repo.home, 'elsewhere.txt');
    writeFileSync(elsewhere, 'not a message file\n');
    const file = join(repo.dir, '.git', 'COMMIT_EDITMSG');
    rmSync(file, { force: true });
    symlinkSync(elsewhere, file);
    const commit = await runProcess('git', ['commit', '-q'], { cwd: repo.dir, env: repo.env });
    expect(commit).toMatchObject({ code: 0, stderr: '' });
    expect(lastMessage().split('\n')[0]).toMatch(/^feat\(math\): .*multiply/);
    // The hook replaced the link with the message file (an atomic rename): whatever it pointed at got no message.
    expect(lstatSync(file).isSymbolicLink()).toBe(false);
    expect(readFileSync(elsewhere, 'utf8')).not.toMatch(/multiply/);
  });
});

describe('a repository path a probe adds', () => {
  it.each([
    ['spaces', 'my project'],
    ['Unicode', 'projet-été-日本'],
    ['a newline', 'two\nlines'],
  ])('a path with %s: dry run, prompt, commit and the hook work', async (_, name) => {
    stage();
    const moved = join(repo.home, '..', name);
    mkdirSync(join(moved, '..'), { recursive: true });
    renameSync(repo.dir, moved);
    const dir = moved;
    const dry = await runCliAsync(['commit', '--dry-run'], { cwd: dir, env: repo.env });
    expect(dry.stderr).toBe('');
    expect(dry.stdout.split('\n')[0]).toMatch(/^feat\(math\): .*multiply/);
    expect((await runCliAsync(['prompt'], { cwd: dir, env: repo.env })).code).toBe(0);
    expect((await runCliAsync(['hook', 'install'], { cwd: dir, env: repo.env })).code).toBe(0);
    const commit = await runProcess('git', ['commit', '-q'], { cwd: dir, env: repo.env });
    expect(commit).toMatchObject({ code: 0, stderr: '' });
    renameSync(moved, repo.dir); // for cleanup
  });
});
