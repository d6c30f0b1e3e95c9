// Runs one sample of an operation in a fresh child process and reads its time and peak RSS.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BENCH_TMP } from './env.js';
import type { OperationRequest, OperationResult } from './operation.js';

export const TIME_BIN = '/usr/bin/time';
export const HAS_TIME = existsSync(TIME_BIN);
const OWN_RSS = pathToFileURL(join(import.meta.dirname, 'own-rss.mjs')).href;

export interface Sample {
  ms: number;
  /** Peak RSS of the measured process, KB; undefined when it could not be read. */
  maxRssKB?: number;
  gitMaxRssKB?: number;
  /** CPU time of the measured process (user + system, ms); git's own for the raw git sample under /usr/bin/time. */
  cpuMs?: number;
  gitCpuMs?: number;
  bytes?: number;
  files?: number;
  onPool?: boolean;
  chunks?: number;
  usedTokens?: number;
}

interface Finished {
  code: number | null;
  stdout: string;
  stdoutBytes: number;
  stderr: string;
  ms: number;
}

/** Spawns and waits; stdout is kept only when asked (the CLI's requests can be megabytes: counted, not kept). */
function run(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; keepStdout: boolean },
): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let stdoutBytes = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (options.keepStdout) out.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stdoutBytes,
        stderr: Buffer.concat(err).toString('utf8'),
        ms: performance.now() - started,
      });
    });
  });
}

/** The error's own line (not the stack under it), else the last line of stderr. */
function failure(what: string, finished: Finished): Error {
  const lines = finished.stderr
    .trim()
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const cause =
    lines.find((line) => /error/i.test(line) && !line.startsWith('at ')) ?? lines[lines.length - 1] ?? 'no output';
  return new Error(`${what} exited with ${finished.code}: ${cause.slice(0, 200)}`);
}

/** One sample of a bundled operation: the child times the work itself (its start-up excluded). */
export async function sampleOperation(
  entry: string,
  request: OperationRequest,
  env: NodeJS.ProcessEnv,
): Promise<Sample> {
  const finished = await run(process.execPath, [entry, JSON.stringify(request)], {
    cwd: request.cwd,
    env,
    keepStdout: true,
  });
  if (finished.code !== 0) throw failure(`operation ${request.op}`, finished);
  const line = finished.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as OperationResult;
}

/** git's own peak RSS and CPU time for the staged diff (one extra run of the raw operation under /usr/bin/time). */
export async function sampleGitRss(
  entry: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<{ rssKB?: number; cpuMs?: number } | undefined> {
  if (!HAS_TIME) return undefined;
  const dir = mkdtempSync(join(BENCH_TMP, 'time-'));
  try {
    const sample = await sampleOperation(entry, { op: 'raw', cwd, gitRssFile: join(dir, 'git.txt') }, env);
    return { rssKB: sample.gitMaxRssKB, cpuMs: sample.gitCpuMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * One sample of a whole CLI run, timed from spawn to exit by this process (Node's start-up included, as a
 * user waits for it). Peak RSS is the CLI process's own (git's is the raw git row's), written at its exit by a
 * preloaded module.
 */
export async function sampleCli(options: {
  cli: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** The Node binary that runs the CLI; the one running the bench by default. */
  node?: string;
}): Promise<Sample> {
  const dir = mkdtempSync(join(BENCH_TMP, 'rss-'));
  try {
    const file = join(dir, 'cli.txt');
    const env = { ...options.env, BENCH_RSS_FILE: file };
    const finished = await run(options.node ?? process.execPath, ['--import', OWN_RSS, options.cli, ...options.args], {
      cwd: options.cwd,
      env,
      keepStdout: false,
    });
    if (finished.code !== 0) throw failure(`git-ai ${options.args[0]}`, finished);
    const [rss, cpu] = existsSync(file) ? readFileSync(file, 'utf8').trim().split(' ').map(Number) : [];
    return {
      ms: finished.ms,
      bytes: finished.stdoutBytes,
      maxRssKB: Number.isFinite(rss) ? rss : undefined,
      cpuMs: Number.isFinite(cpu) ? cpu : undefined,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Whether the CLI has a `prompt` command (its help names it). */
export async function probeCli(cli: string, env: NodeJS.ProcessEnv): Promise<{ ok: boolean; note: string }> {
  const finished = await run(process.execPath, [cli, 'prompt', '--help'], { cwd: BENCH_TMP, env, keepStdout: true });
  const named = /\bgit[ -]ai prompt\b/.test(finished.stdout);
  if (finished.code === 0 && named) return { ok: true, note: '' };
  return {
    ok: false,
    note: `\`node ${cli} prompt --help\` ${finished.code === 0 ? 'does not describe a prompt command' : `failed (exit ${finished.code})`}`,
  };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
