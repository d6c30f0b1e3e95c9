// File permissions that hold in a test whoever runs it: as root (a container, CI), without the capabilities that override them.
import { spawnSync } from 'node:child_process';
import { chmodSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BUILT_CLI, runProcess, type CliResult } from './temp-repo.js';

// Root reads and writes anything (CAP_DAC_OVERRIDE and friends): setpriv drops them from the bounding set for one command.
const AS_ROOT = process.getuid?.() === 0;
const DROP = ['setpriv', '--bounding-set=-dac_override,-dac_read_search,-fowner,-linux_immutable', '--'];

/** Runs `command` so that file modes apply to it; as root this needs util-linux's setpriv (and fails loudly without it). */
export function runRespectingModes(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; input?: string },
): CliResult {
  const [file, ...rest] = AS_ROOT ? [...DROP, command, ...args] : [command, ...args];
  const result = spawnSync(file!, rest, {
    cwd: options.cwd,
    env: options.env,
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (result.error) throw result.error;
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** The built CLI, run as runRespectingModes runs a command. */
export function runCliRespectingModes(args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): CliResult {
  return runRespectingModes(process.execPath, [BUILT_CLI, ...args], options);
}

/** As runCliRespectingModes, without blocking the event loop: for tests whose own process serves the CLI (a loopback provider). */
export function runCliRespectingModesAsync(
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<CliResult> {
  const [file, ...rest] = AS_ROOT
    ? [...DROP, process.execPath, BUILT_CLI, ...args]
    : [process.execPath, BUILT_CLI, ...args];
  return runProcess(file!, rest, options);
}

/** Takes write permission away from `path` and everything under it (returns a function that gives it back). */
export function makeReadOnly(path: string): () => void {
  const modes = new Map<string, number>();
  const walk = (at: string) => {
    const info = statSync(at);
    modes.set(at, info.mode & 0o7777);
    if (info.isDirectory()) for (const name of readdirSync(at)) walk(join(at, name));
  };
  walk(path);
  for (const [at, mode] of modes) chmodSync(at, mode & ~0o222);
  return () => {
    for (const [at, mode] of [...modes].reverse()) chmodSync(at, mode);
  };
}
