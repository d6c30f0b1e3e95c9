// The one way git-ai runs git: a spawned `git` (it honours the user's attributes and config), errors made plain.
import { spawn } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import { UserError } from '../errors.js';

export interface RunGitOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  input?: string;
  signal?: AbortSignal;
  /** Exit codes that are answers rather than failures (e.g. 1 for `diff --quiet`). */
  okCodes?: readonly number[];
}

export interface GitResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export class GitError extends Error {
  override readonly name = 'GitError';
  constructor(
    readonly args: readonly string[],
    readonly exitCode: number,
    readonly stderr: string,
  ) {
    super(`git ${args.join(' ')} failed (exit ${exitCode}): ${stderr.trim().split('\n')[0] ?? ''}`);
  }
}

function spawnGit(args: readonly string[], options: RunGitOptions) {
  const child = spawn('git', args, {
    cwd: options.cwd,
    env: { ...(options.env ?? process.env), GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
    stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    signal: options.signal,
  });
  if (options.input !== undefined) child.stdin?.end(options.input);
  // stdout and stderr are always pipes here
  return { child, stdout: child.stdout as Readable, stderr: child.stderr as Readable };
}

function toUserError(error: NodeJS.ErrnoException): Error {
  if (error.code === 'ENOENT') {
    return new UserError('GIT_NOT_FOUND', 'git was not found on PATH.', {
      hint: 'Install git (https://git-scm.com/downloads) and make sure `git --version` works.',
      cause: error,
    });
  }
  return error;
}

/** Runs git to completion and returns its output; a non-zero exit not in `okCodes` throws a GitError. */
export function runGit(args: readonly string[], options: RunGitOptions): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const { child, stdout, stderr } = spawnGit(args, options);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    stdout.on('data', (chunk: Buffer) => out.push(chunk));
    stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => reject(toUserError(error)));
    child.on('close', (code) => {
      const result = {
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        exitCode: code ?? 1,
      };
      if (result.exitCode === 0 || options.okCodes?.includes(result.exitCode)) resolve(result);
      else reject(new GitError(args, result.exitCode, result.stderr));
    });
  });
}

/**
 * Streams git's stdout as batches of lines (without the '\n'), one batch per chunk read, so a large output costs one
 * async step per 64 KiB rather than per line; throws a GitError at the end if git failed.
 */
export async function* streamGitLineBatches(args: readonly string[], options: RunGitOptions): AsyncGenerator<string[]> {
  const { child, stdout, stderr } = spawnGit(args, options);
  const err: Buffer[] = [];
  stderr.on('data', (chunk: Buffer) => err.push(chunk));
  const exited = new Promise<number>((resolve, reject) => {
    child.on('error', (error) => reject(toUserError(error)));
    child.on('close', (code) => resolve(code ?? 1));
  });
  exited.catch(() => undefined);
  try {
    yield* splitLines(stdout);
  } finally {
    if (child.exitCode === null) child.kill();
  }
  const code = await exited;
  if (code !== 0) throw new GitError(args, code, Buffer.concat(err).toString('utf8'));
}

/** Splits a byte stream on '\n' only (a '\r' is content: CRLF files), unlike node:readline; yields a batch per chunk. */
export async function* splitLines(stream: Readable): AsyncGenerator<string[]> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const text = rest + decoder.write(chunk);
    const lines = text.split('\n');
    rest = lines.pop() ?? '';
    if (lines.length > 0) yield lines;
  }
  rest += decoder.end();
  if (rest !== '') yield [rest];
}
