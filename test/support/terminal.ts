// A real terminal for interactive flows: the built CLI run in a tmux session, its screen read, keys sent to it.
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILT_CLI } from './temp-repo.js';

const found = spawnSync('tmux', ['-V']);
/** Fails loudly where tmux is missing (CI installs it): an interactive test that cannot run is no pass. */
export function requireTmux(): void {
  if (found.status !== 0) throw new Error('tmux is not installed: `apt-get install tmux` (.ci/run does it)');
}

const quote = (value: string): string => `'${value.replace(/'/g, `'\\''`)}'`;

export interface Terminal {
  screen(): string;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  keys(...keys: string[]): void;
  /** Types text literally. */
  type(text: string): void;
  /** The pane's title, as an OSC 0 or 2 sequence would have set it. */
  title(): string;
  /** The CLI's exit code, once it has exited. */
  exitCode(timeoutMs?: number): Promise<number>;
  close(): void;
}

/** Runs `git-ai <args>` in `cwd` on a 120x40 terminal, with `env` only (plus TERM), under bash. */
export function startTerminal(options: {
  cwd: string;
  env: NodeJS.ProcessEnv;
  args: string[];
  scriptDir: string;
  /** A file that receives every byte the pane is sent (tmux pipe-pane), escape sequences included. */
  record?: string;
}): Terminal {
  requireTmux();
  const socket = `git-ai-test-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const exports = Object.entries({ ...options.env, TERM: 'xterm-256color' })
    .filter(([key, value]) => value !== undefined && /^[A-Za-z_][A-Za-z0-9_]*$/.test(key))
    .map(([key, value]) => `export ${key}=${quote(value ?? '')}`);
  const script = join(options.scriptDir, `terminal-${socket}.sh`);
  // bash waits for a child that handles Ctrl-C itself and goes on: the exit line is printed after it.
  const cli = [process.execPath, BUILT_CLI, ...options.args].map(quote).join(' ');
  writeFileSync(
    script,
    [
      '#!/bin/bash',
      ...exports,
      `cd ${quote(options.cwd)}`,
      // A recorded run starts once the recording has: the CLI's first bytes are in it too.
      ...(options.record === undefined
        ? []
        : [`until [ -e ${quote(`${options.record}.ready`)} ]; do sleep 0.02; done`]),
      cli,
      'echo "exit=$?"',
      'sleep 60',
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
  // The tmux server's environment is what the pane's shell inherits: only `env`, not the test runner's (CI=true...).
  const terminalEnv = { ...options.env, TERM: 'xterm-256color' };
  execFileSync(
    'tmux',
    [
      '-L',
      socket,
      '-f',
      '/dev/null',
      'new-session',
      '-d',
      '-s',
      'git-ai',
      '-x',
      '120',
      '-y',
      '40',
      `bash ${quote(script)}`,
    ],
    { env: terminalEnv },
  );
  const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  if (options.record !== undefined) {
    tmux('pipe-pane', '-o', '-t', 'git-ai', `cat >> ${quote(options.record)}`);
    writeFileSync(`${options.record}.ready`, '');
  }
  const screen = () => tmux('capture-pane', '-p', '-t', 'git-ai');
  const waitFor = async (pattern: RegExp, timeoutMs = 20_000) => {
    const started = Date.now();
    let shown = '';
    while (Date.now() - started < timeoutMs) {
      shown = screen();
      if (pattern.test(shown)) return shown;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`timed out waiting for ${pattern} on the terminal:\n${shown}`);
  };
  return {
    screen,
    waitFor,
    keys: (...keys) => void tmux('send-keys', '-t', 'git-ai', ...keys),
    type: (text) => void tmux('send-keys', '-t', 'git-ai', '-l', text),
    title: () => tmux('display-message', '-p', '-t', 'git-ai', '#{pane_title}').trim(),
    exitCode: async (timeoutMs) => Number(/exit=(\d+)/.exec(await waitFor(/exit=\d+/, timeoutMs))?.[1]),
    close: () => void spawnSync('tmux', ['-L', socket, 'kill-server']),
  };
}
