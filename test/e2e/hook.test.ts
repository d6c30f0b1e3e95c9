// `git-ai hook install`, then real `git commit`s: the message is filled only for a plain commit, and a commit never fails.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CONVENTIONAL_HEADER,
  MATH_WITH_MULTIPLY,
  createMathRepo,
  createTempRepo,
  runCli,
  type TempRepo,
} from '../support/temp-repo.js';

let repo: TempRepo;
afterEach(() => repo?.cleanup());

function seed(): TempRepo {
  repo = createMathRepo();
  const installed = runCli(['hook', 'install'], { cwd: repo.dir, env: repo.env });
  expect(installed).toMatchObject({ code: 0, stderr: '' });
  expect(installed.stdout).toBe(
    `Installed the git-ai prepare-commit-msg hook at ${join(repo.dir, '.git/hooks/prepare-commit-msg')}.\n`,
  );
  return repo;
}

function changeMath(): void {
  repo.write('src/math.ts', MATH_WITH_MULTIPLY);
}

/** An editor that keeps a copy of what it was shown and may append a line, as a person typing would. */
function recordingEditor(append?: string): NodeJS.ProcessEnv {
  const script = join(repo.home, 'editor.sh');
  writeFileSync(script, `#!/bin/sh\ncp "$1" "$HOME/seen"\n${append ? `printf '%s\\n' '${append}' >> "$1"\n` : ''}`, {
    mode: 0o755,
  });
  return { ...repo.env, GIT_EDITOR: script };
}

const seen = () => readFileSync(join(repo.home, 'seen'), 'utf8');

function gitCommit(args: string[], env: NodeJS.ProcessEnv = repo.env) {
  const result = spawnSync('git', ['commit', '-q', ...args], { cwd: repo.dir, env, encoding: 'utf8' });
  return { code: result.status, stderr: result.stderr };
}

const lastMessage = () => repo.git('log', '-1', '--format=%B').trim();
const commitCount = () => Number(repo.git('rev-list', '--count', 'HEAD').trim());

describe('the installed prepare-commit-msg hook', () => {
  it("a plain `git commit` gets the offline engine's message for the staged change", () => {
    seed();
    changeMath();
    repo.git('add', '.');
    expect(gitCommit([])).toEqual({ code: 0, stderr: '' });
    const [subject] = lastMessage().split('\n');
    expect(subject).toMatch(CONVENTIONAL_HEADER);
    expect(subject).toContain('multiply');
    expect(commitCount()).toBe(2);
  });

  it('`git commit -m` keeps the given message', () => {
    seed();
    changeMath();
    repo.git('add', '.');
    expect(gitCommit(['-m', 'mine'])).toEqual({ code: 0, stderr: '' });
    expect(lastMessage()).toBe('mine');
  });

  it('`git commit -a` describes the tracked change from the index git prepared (GIT_INDEX_FILE), with nothing staged before', () => {
    seed();
    changeMath();
    expect(repo.git('diff', '--cached', '--name-only')).toBe('');
    expect(gitCommit(['-a'])).toEqual({ code: 0, stderr: '' });
    expect(lastMessage().split('\n')[0]).toMatch(/^feat\(math\): .*multiply/);
    expect(repo.git('status', '--porcelain')).toBe('');
  });

  it('`git commit <path>` describes only that path, from the temporary index git made for it', () => {
    seed();
    changeMath();
    repo.write('docs/guide.md', '# Guide\n\nHow to add numbers.\n');
    repo.git('add', 'docs/guide.md');
    expect(gitCommit(['src/math.ts'])).toEqual({ code: 0, stderr: '' });
    expect(repo.git('show', '--name-only', '--format=', 'HEAD').trim()).toBe('src/math.ts');
    expect(lastMessage()).toContain('multiply');
    expect(lastMessage()).not.toMatch(/guide|docs/i);
  });

  it('`git commit --amend` keeps the message being amended', () => {
    seed();
    changeMath();
    repo.git('add', '.');
    expect(gitCommit(['--amend'])).toEqual({ code: 0, stderr: '' });
    expect(lastMessage()).toBe('feat(math): add add');
    expect(commitCount()).toBe(1);
  });

  it('leaves a commit.template message alone', () => {
    seed();
    writeFileSync(join(repo.home, 'template.txt'), 'Ticket: ABC-1\n\nWhy:\n');
    repo.git('config', 'commit.template', join(repo.home, 'template.txt'));
    changeMath();
    repo.git('add', '.');
    expect(gitCommit([], recordingEditor('typed by hand'))).toEqual({ code: 0, stderr: '' });
    expect(seen().startsWith('Ticket: ABC-1\n\nWhy:\n')).toBe(true);
    expect(seen()).not.toContain('multiply');
    expect(lastMessage()).toBe('Ticket: ABC-1\n\nWhy:\n\ntyped by hand');
  });

  it('`git commit -v -s`: the message goes on top, above the sign-off, the status comments and the diff below the scissors', () => {
    seed();
    changeMath();
    repo.git('add', '.');
    expect(gitCommit(['-v', '-s'], recordingEditor())).toEqual({ code: 0, stderr: '' });
    const shown = seen();
    const message = lastMessage();
    expect(message.split('\n')[0]).toMatch(CONVENTIONAL_HEADER);
    expect(message.endsWith('\n\nSigned-off-by: Test Author <author@example.com>')).toBe(true);
    expect(shown.startsWith(`${message}\n\n# Please enter the commit message`)).toBe(true);
    expect(shown).toMatch(/\n# -{24} >8 -{24}\n[^]*\n\+export function multiply/);
    expect(message).not.toContain('>8');
  });

  it.each([
    [';', ';'],
    ['auto', '#'],
  ])('honours core.commentChar %s', (value, shown) => {
    seed();
    repo.git('config', 'core.commentChar', value);
    changeMath();
    repo.git('add', '.');
    expect(gitCommit([], recordingEditor())).toEqual({ code: 0, stderr: '' });
    expect(seen()).toContain(`\n\n${shown} Please enter the commit message`);
    expect(lastMessage().split('\n')[0]).toMatch(/^feat\(math\): .*multiply/);
  });

  it('a remote engine that cannot be reached falls back to the offline message, and the commit is made', async () => {
    seed();
    const port = await closedPort();
    changeMath();
    repo.git('add', '.');
    const env = {
      ...repo.env,
      GIT_AI_PROVIDER: 'openai-compatible',
      GIT_AI_BASE_URL: `http://127.0.0.1:${port}/v1`,
      GIT_AI_API_KEY: 'k',
      GIT_AI_MODEL: 'm',
      GIT_AI_TIMEOUT: '2',
    };
    expect(gitCommit([], env)).toEqual({
      code: 0,
      stderr: 'git-ai: openai-compatible could not be reached (ECONNREFUSED); the offline engine wrote this message\n',
    });
    expect(lastMessage().split('\n')[0]).toMatch(/^feat\(math\): .*multiply/);
  });

  it('a config that cannot be used says so in one line, and the offline engine writes with the defaults', () => {
    seed();
    changeMath();
    repo.git('add', '.');
    const env = { ...recordingEditor(), GIT_AI_MAX_COMMIT_LENGTH: 'abc' };
    const result = gitCommit([], env);
    expect(result.code).toBe(0);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(
      /^git-ai: .*max-commit-length.*; the offline engine wrote this message with the default settings\n$/,
    );
    expect(seen().split('\n')[0]).toMatch(/^feat\(math\): .*multiply/);
    expect(lastMessage().split('\n')[0]).toMatch(/^feat\(math\): .*multiply/);
  });

  it('a remote engine that fails (no key) still gets the offline message, with one line saying why', () => {
    seed();
    changeMath();
    repo.git('add', '.');
    const result = gitCommit([], { ...repo.env, GIT_AI_ENGINE: 'remote' });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^git-ai: No API key [^\n]*; the offline engine wrote this message\n$/);
    expect(lastMessage().split('\n')[0]).toMatch(/^feat\(math\): .*multiply/);
    expect(commitCount()).toBe(2);
  });

  it('`git commit --allow-empty` with nothing staged says nothing', () => {
    seed();
    expect(gitCommit(['--allow-empty'], recordingEditor('typed by hand'))).toEqual({ code: 0, stderr: '' });
    expect(lastMessage()).toBe('typed by hand');
  });
});

describe('git-ai hook run (what git calls)', () => {
  it.each(['message', 'template', 'merge', 'squash', 'commit'])(
    'with source %s does nothing and says nothing',
    (source) => {
      seed();
      changeMath();
      repo.git('add', '.');
      const file = join(repo.home, 'MSG');
      writeFileSync(file, '\n# comment\n');
      const args = ['hook', 'run', file, source, ...(source === 'commit' ? ['HEAD'] : [])];
      expect(runCli(args, { cwd: repo.dir, env: repo.env })).toEqual({ code: 0, stdout: '', stderr: '' });
      expect(readFileSync(file, 'utf8')).toBe('\n# comment\n');
    },
  );

  it.each([
    ['a subject', 'wip: mine\n# comment\n'],
    ['text under a blank first line', '\nmine\n# comment\n'],
    ['text above the scissors', 'mine\n# ------------------------ >8 ------------------------\ndiff\n'],
  ])('never touches a file that already has %s', (_what, text) => {
    seed();
    changeMath();
    repo.git('add', '.');
    const file = join(repo.home, 'MSG');
    writeFileSync(file, text);
    expect(runCli(['hook', 'run', file], { cwd: repo.dir, env: repo.env })).toEqual({
      code: 0,
      stdout: '',
      stderr: '',
    });
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('puts the message above trailers git wrote (`--trailer`), keeping them', () => {
    seed();
    changeMath();
    repo.git('add', '.');
    expect(gitCommit(['--trailer', 'Reviewed-by: Other <other@example.com>'])).toEqual({ code: 0, stderr: '' });
    expect(lastMessage()).toMatch(/^feat\(math\): .*multiply[^]*\n\nReviewed-by: Other <other@example.com>$/);
  });

  it('with nothing staged exits 0 quietly; without a file, exits 0 with one line; the file untouched', () => {
    seed();
    const file = join(repo.home, 'MSG');
    writeFileSync(file, '\n# comment\n');
    expect(runCli(['hook', 'run', file], { cwd: repo.dir, env: repo.env })).toEqual({
      code: 0,
      stdout: '',
      stderr: '',
    });
    expect(readFileSync(file, 'utf8')).toBe('\n# comment\n');
    const bare = runCli(['hook', 'run'], { cwd: repo.dir, env: repo.env });
    expect(bare).toMatchObject({ code: 0, stdout: '' });
    expect(bare.stderr).toMatch(/^git-ai: `hook run` needs the commit message file.*\n$/);
  });
});

describe('git-ai hook install and uninstall', () => {
  it('refuses a foreign hook in one line; --force chains to it; uninstall restores it', () => {
    repo = createTempRepo();
    const path = join(repo.dir, '.git/hooks/prepare-commit-msg');
    writeFileSync(path, '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    const refused = runCli(['hook', 'install'], { cwd: repo.dir, env: repo.env });
    expect(refused.code).toBe(1);
    expect(refused.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(
      /^git-ai: A prepare-commit-msg hook that is not git-ai's already exists at .*--force/,
    );
    const forced = runCli(['hook', 'install', '--force'], { cwd: repo.dir, env: repo.env });
    expect(forced).toMatchObject({ code: 0, stderr: '' });
    expect(forced.stdout).toBe(
      `Installed the git-ai prepare-commit-msg hook at ${path}; the previous hook, kept at ${path}.git-ai-backup, runs after it.\n`,
    );
    expect(runCli(['hook', 'uninstall'], { cwd: repo.dir, env: repo.env }).stdout).toBe(
      `Removed the git-ai hook and restored the previous one at ${path}.\n`,
    );
    expect(readFileSync(path, 'utf8')).toBe('#!/bin/sh\nexit 0\n');
    expect(runCli(['hook', 'uninstall'], { cwd: repo.dir, env: repo.env }).stdout).toBe(
      `No git-ai hook to remove at ${path} (the hook there is not git-ai's; it was left alone).\n`,
    );
  });

  it('rejects an unknown action with exit 2', () => {
    repo = createTempRepo();
    const result = runCli(['hook', 'frob'], { cwd: repo.dir, env: repo.env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^git-ai: Unknown hook action 'frob'\. Use one of: install, reinstall, uninstall, status\. See `git ai hook --help`\.\n$/,
    );
  });
});

/** A port on 127.0.0.1 that nothing listens on: one the system just handed out and that was closed again. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
