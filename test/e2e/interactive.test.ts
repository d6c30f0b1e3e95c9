// The question on a real terminal (tmux): commit, or cancel leaving everything as it was.
import { execFileSync, spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { BUILT_CLI, createTempRepo, type TempRepo } from '../support/temp-repo.js';

const hasTmux = spawnSync('tmux', ['-V']).status === 0;
let repo: TempRepo;
let socket = '';

afterEach(() => {
  if (socket) spawnSync('tmux', ['-L', socket, 'kill-server']);
  repo?.cleanup();
});

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

async function waitForPane(pattern: RegExp, timeoutMs = 15_000): Promise<string> {
  const started = Date.now();
  let screen = '';
  while (Date.now() - started < timeoutMs) {
    screen = execFileSync('tmux', ['-L', socket, 'capture-pane', '-p', '-t', 'git-ai'], { encoding: 'utf8' });
    if (pattern.test(screen)) return screen;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${pattern} on the terminal:\n${screen}`);
}

function startOnTerminal(): void {
  socket = `git-ai-test-${process.pid}-${Date.now()}`;
  const env = Object.entries(repo.env)
    .filter(([key]) => /^(HOME|XDG_\w+|GIT_\w+|PATH|LANG)$/.test(key))
    .map(([key, value]) => `${key}=${shellQuote(value ?? '')}`)
    .join(' ');
  const command = `cd ${shellQuote(repo.dir)} && env ${env} TERM=xterm-256color ${shellQuote(process.execPath)} ${shellQuote(BUILT_CLI)} commit; echo "exit=$?"; sleep 30`;
  execFileSync('tmux', ['-L', socket, 'new-session', '-d', '-s', 'git-ai', '-x', '120', '-y', '40', command]);
}

describe.skipIf(!hasTmux)('git-ai commit on a terminal', () => {
  function seed(): void {
    repo = createTempRepo();
    repo.write('src/a.ts', 'export const a = 1;\n');
    repo.git('add', '.');
    repo.git('commit', '-q', '-m', 'feat: add a');
    repo.write('docs/guide.md', '# Guide\n\nHow to use a.\n');
    repo.git('add', '.');
  }

  it('shows the message and commits it when the answer is Commit', async () => {
    seed();
    startOnTerminal();
    await waitForPane(/Use this message\?/);
    execFileSync('tmux', ['-L', socket, 'send-keys', '-t', 'git-ai', 'Enter']);
    await waitForPane(/exit=0/);
    expect(repo.git('log', '-1', '--format=%s').trim()).toMatch(/^docs/);
  });

  it('opens the editor on the message when the answer is Edit, and commits what was saved', async () => {
    seed();
    repo.env.GIT_EDITOR = "sed -i '1s/$/ (edited)/'";
    startOnTerminal();
    await waitForPane(/Use this message\?/);
    execFileSync('tmux', ['-L', socket, 'send-keys', '-t', 'git-ai', 'Down', 'Enter']);
    await waitForPane(/exit=0/);
    expect(repo.git('log', '-1', '--format=%s').trim()).toMatch(/^docs.* \(edited\)$/);
  });

  it('commits nothing and keeps the staged changes when the answer is Cancel', async () => {
    seed();
    startOnTerminal();
    await waitForPane(/Use this message\?/);
    execFileSync('tmux', ['-L', socket, 'send-keys', '-t', 'git-ai', 'Down', 'Down', 'Enter']);
    const screen = await waitForPane(/exit=\d/);
    expect(screen).toMatch(/Cancelled; nothing was committed/);
    expect(repo.git('rev-list', '--count', 'HEAD').trim()).toBe('1');
    expect(repo.git('diff', '--cached', '--name-only').trim()).toBe('docs/guide.md');
  });
});
