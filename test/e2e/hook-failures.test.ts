// The hook under failure: a wrong key, an unknown model, a provider that never answers, Ctrl-C. The commit always goes on.
import { spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { commitResponder } from '../support/commit-responder.js';
import { startProviderServer, type ProviderServer } from '../support/provider-server.js';
import type { FaultRule } from '../support/provider-server/types.js';
import { remoteEnv } from '../support/remote-env.js';
import {
  BUILT_CLI,
  MATH_WITH_MULTIPLY,
  createMathRepo,
  runCli,
  runProcess,
  type CliResult,
  type TempRepo,
} from '../support/temp-repo.js';

let repo: TempRepo;
let server: ProviderServer | undefined;
afterEach(async () => {
  repo?.cleanup();
  await server?.close();
  server = undefined;
});

const EMPTY = '\n# Please enter the commit message for your changes.\n';

async function seed(faults: FaultRule[] = []): Promise<{ env: NodeJS.ProcessEnv; file: string }> {
  const started = await startProviderServer({
    apiKey: 'test-key',
    models: ['test-model'],
    respond: commitResponder(),
    faults,
  });
  server = started;
  repo = createMathRepo();
  repo.write('src/math.ts', MATH_WITH_MULTIPLY);
  repo.git('add', '.');
  const file = join(repo.home, 'COMMIT_EDITMSG');
  writeFileSync(file, EMPTY);
  return { env: remoteEnv(started, repo.env), file };
}

/** `hook run` as git starts it, without blocking this process (which serves the provider); `onStart` gets the child. */
function runHook(file: string, env: NodeJS.ProcessEnv, onStart?: (child: ChildProcess) => void): Promise<CliResult> {
  return runProcess(process.execPath, [BUILT_CLI, 'hook', 'run', file], { cwd: repo.dir, env, onStart });
}

function expectOfflineMessage(file: string): void {
  const text = readFileSync(file, 'utf8');
  expect(text.split('\n')[0]).toMatch(/^feat\(math\): .*multiply/);
  expect(text.endsWith(EMPTY.trimStart())).toBe(true);
  expect([...text].filter((char) => char !== '\n' && char !== '\t' && (char < ' ' || char === '\x7f'))).toEqual([]);
}

describe('the hook when the remote engine fails', () => {
  it.each([
    ['a wrong key (401)', { GIT_AI_API_KEY: 'wrong' }, /key/i],
    ['an unknown model (404)', { GIT_AI_MODEL: 'no-such-model' }, /model/i],
  ])('%s: the offline engine writes the message, one line says why, exit 0', async (_what, extra, reason) => {
    const { env, file } = await seed();
    const result = await runHook(file, { ...env, ...extra });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(reason);
    expect(result.stderr).toMatch(/^git-ai: .*; the offline engine wrote this message\n$/);
    expectOfflineMessage(file);
  });

  it('a provider that never answers: past hook-timeout the offline engine writes the message', async () => {
    const { env, file } = await seed([{ status: 200, hang: true, times: 10 }]);
    const result = await runHook(file, { ...env, GIT_AI_HOOK_TIMEOUT: '1', GIT_AI_TIMEOUT: '600' });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('git-ai: no message within hook-timeout (1 s); the offline engine wrote this message\n');
    expect(server?.requests.length).toBeGreaterThan(0);
    expectOfflineMessage(file);
  });

  it('Ctrl-C while it waits: the file is left as it was, one line, exit 0', async () => {
    const { env, file } = await seed([{ status: 200, hang: true, times: 10 }]);
    const result = await runHook(file, { ...env, GIT_AI_TIMEOUT: '600' }, (child) => {
      const poll = setInterval(() => {
        if (!server?.requests.length) return;
        clearInterval(poll);
        child.kill('SIGINT');
      }, 20);
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('git-ai: interrupted (the hook left the commit message as it was)\n');
    expect(readFileSync(file, 'utf8')).toBe(EMPTY);
  });
});

describe('git-ai hook status and reinstall', () => {
  it('names what is installed, what it starts, that a recorded node is missing; reinstall records this one', () => {
    repo = createMathRepo();
    const path = join(repo.dir, '.git/hooks/prepare-commit-msg');
    expect(runCli(['hook', 'status'], { cwd: repo.dir, env: repo.env }).stdout).toBe(
      `hook:    ${path} (none installed)\nfrom:    the repository's hooks folder\nRun \`git-ai hook install\` to install it.\n`,
    );
    expect(runCli(['hook', 'install'], { cwd: repo.dir, env: repo.env }).code).toBe(0);
    const status = runCli(['hook', 'status'], { cwd: repo.dir, env: repo.env });
    expect(status).toMatchObject({ code: 0, stderr: '' });
    expect(status.stdout).toContain(`hook:    ${path} (git-ai's)\n`);
    expect(status.stdout).toContain(`node:    ${process.execPath}\n`);
    expect(status.stdout).toContain(`cli:     ${BUILT_CLI}\n`);
    expect(status.stdout).toContain('chains:  nothing\n');

    const gone = join(repo.home, 'old-node/bin/node');
    writeFileSync(path, readFileSync(path, 'utf8').replace(`node='${process.execPath}'`, `node='${gone}'`));
    expect(runCli(['hook', 'status'], { cwd: repo.dir, env: repo.env }).stdout).toMatch(
      new RegExp(`node: +${gone} \\(missing\\)\n[^]*the node it was installed with \\(${gone}\\) is missing`),
    );
    const committed = spawnGit(['commit', '-q', '--allow-empty'], { ...repo.env, PATH: '/usr/bin:/bin' });
    expect(committed.stderr).toContain(`the node this hook was installed with (${gone}) is missing`);

    expect(runCli(['hook', 'reinstall'], { cwd: repo.dir, env: repo.env }).stdout).toBe(
      `Reinstalled the git-ai prepare-commit-msg hook at ${path}.\n`,
    );
    expect(readFileSync(path, 'utf8')).toContain(`node='${process.execPath}'`);
  });

  it("reinstall where nothing is installed installs (the Rust git-ai's `git-ai hook reinstall`)", () => {
    repo = createMathRepo();
    const result = runCli(['hook', 'reinstall'], { cwd: repo.dir, env: repo.env });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^Installed the git-ai prepare-commit-msg hook at /);
  });

  it('a core.hooksPath from the global config: install says so and needs --global', () => {
    repo = createMathRepo();
    const shared = join(repo.home, 'shared-hooks');
    repo.git('config', '--global', 'core.hooksPath', shared);
    const refused = runCli(['hook', 'install'], { cwd: repo.dir, env: repo.env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      `git-ai: core.hooksPath is set in your global git config (${shared}): a hook there runs in every repository. ` +
        "Run `git-ai hook install --global` to install it there for all of them, or set a repository's own with `git config core.hooksPath .git/hooks`.\n",
    );
    const installed = runCli(['hook', 'install', '--global'], { cwd: repo.dir, env: repo.env });
    expect(installed).toMatchObject({
      code: 0,
      stdout: `Installed the git-ai prepare-commit-msg hook at ${join(shared, 'prepare-commit-msg')}.\n`,
    });
    expect(runCli(['hook', 'status'], { cwd: repo.dir, env: repo.env }).stdout).toContain(
      `core.hooksPath = ${shared} (global config: every repository)`,
    );
  });
});

function spawnGit(args: string[], env: NodeJS.ProcessEnv): { code: number | null; stderr: string } {
  const result = spawnSync('git', args, { cwd: repo.dir, env, encoding: 'utf8' });
  return { code: result.status, stderr: result.stderr };
}
