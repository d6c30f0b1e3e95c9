// The one way git-ai runs git: a spawned `git` (it honours the user's attributes and config), errors made plain.
import { isAscii } from 'node:buffer';
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

/** Spawns git with the environment every git-ai run of git has (no prompts, the C locale); stdout and stderr are pipes. */
export function spawnGit(args: readonly string[], options: RunGitOptions) {
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

/** How a line stream treats lines longer than it will hold. */
export interface LineLimit {
  /** Most UTF-16 units of one line held; the rest of the line is only counted. Read at every chunk: a reader that
   * learns it needs less (its budget) lowers it for the rest of the stream. */
  maxLength: number;
  /** The line as yielded: its held head and the count of units left out. */
  mark(head: string, dropped: number): string;
}

/**
 * Streams git's stdout as batches of lines (without the '\n'), one batch per chunk read, so a large output costs one
 * async step per 64 KiB rather than per line; throws a GitError at the end if git failed.
 */
export async function* streamGitLineBatches(
  args: readonly string[],
  options: RunGitOptions & { lineLimit?: LineLimit },
): AsyncGenerator<string[]> {
  const { child, stdout, stderr } = spawnGit(args, options);
  const err: Buffer[] = [];
  stderr.on('data', (chunk: Buffer) => err.push(chunk));
  const exited = new Promise<number>((resolve, reject) => {
    child.on('error', (error) => reject(toUserError(error)));
    child.on('close', (code) => resolve(code ?? 1));
  });
  exited.catch(() => undefined);
  try {
    yield* splitLines(readAhead(stdout, READ_AHEAD_BYTES), options.lineLimit);
  } finally {
    if (child.exitCode === null) child.kill();
  }
  const code = await exited;
  if (code !== 0) throw new GitError(args, code, Buffer.concat(err).toString('utf8'));
}

/** Most bytes of git's output read ahead of its reader (see readAhead); a diff up to this size is read whole at once. */
export const READ_AHEAD_BYTES = 8 * 1024 * 1024;

/**
 * The stream's chunks, read as git writes them up to `maxBytes` ahead of the reader rather than the 16 KiB a stream
 * holds: git writes its whole output while this thread does other work (loading modules), where it would wait on a
 * full pipe for the reader, then for the scheduler at every 64 KiB the reader takes (165 files, warm: 386 -> 301 ms).
 */
export async function* readAhead(stream: Readable, maxBytes: number): AsyncGenerator<Buffer> {
  const queue: Buffer[] = [];
  let queued = 0;
  let ended = false;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const settle = () => {
    wake?.();
    wake = undefined;
  };
  const onData = (chunk: Buffer) => {
    queue.push(chunk);
    queued += chunk.length;
    if (queued >= maxBytes) stream.pause();
    settle();
  };
  const onEnd = () => {
    ended = true;
    settle();
  };
  const onError = (error: Error) => {
    failure = error;
    settle();
  };
  stream.on('data', onData).on('end', onEnd).on('close', onEnd).on('error', onError);
  try {
    for (;;) {
      const chunk = queue.shift();
      if (chunk !== undefined) {
        queued -= chunk.length;
        if (queued < maxBytes && stream.isPaused()) stream.resume();
        yield chunk;
      } else if (failure !== undefined) throw failure;
      else if (ended) return;
      else await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    stream.off('data', onData).off('end', onEnd).off('close', onEnd).off('error', onError);
    stream.destroy(); // a reader that stops early: git gets EPIPE rather than a pipe nobody reads
  }
}

/**
 * Splits a byte stream on '\n' only (a '\r' is content: CRLF files), unlike node:readline; yields a batch per chunk.
 * A line longer than `limit.maxLength` is held as its head only, however long it runs: the rest is counted, never
 * joined, so a 100 MB line costs one scan for its end, not a 100 MB string rebuilt at every chunk.
 */
export async function* splitLines(stream: AsyncIterable<Buffer>, limit?: LineLimit): AsyncGenerator<string[]> {
  const decoder = new StringDecoder('utf8');
  let maxLength = limit?.maxLength ?? Infinity;
  // The line not yet ended: its held parts, their length, and what was counted past the limit.
  let parts: string[] = [];
  let held = 0;
  let dropped = 0;
  const hold = (text: string) => {
    const room = maxLength - held;
    if (text.length <= room) {
      if (text !== '') parts.push(text);
      held += text.length;
    } else {
      if (room > 0) parts.push(text.slice(0, room));
      held += Math.max(0, room);
      dropped += text.length - Math.max(0, room);
    }
  };
  const end = (): string => {
    const head = parts.length === 1 ? parts[0]! : parts.join('');
    const line = dropped > 0 && limit ? limit.mark(head, dropped) : head;
    parts = [];
    held = 0;
    dropped = 0;
    return line;
  };
  for await (const chunk of stream) {
    maxLength = limit?.maxLength ?? Infinity;
    // Past the limit an ASCII chunk without a line end is only counted, never decoded: 50 MB of a minified line in
    // 64 KiB chunks takes 5 ms so, 10-14 ms decoded (and 50 MB of strings for the GC to collect).
    if (held >= maxLength && chunk.indexOf(10) === -1 && isAscii(chunk)) {
      dropped += decoder.end().length + chunk.length; // end(): bytes of a character cut before it are U+FFFD, as write() makes them
      continue;
    }
    const text = decoder.write(chunk);
    const first = text.indexOf('\n');
    if (first === -1) {
      hold(text);
      continue;
    }
    hold(text.slice(0, first));
    const lines = [end()];
    const last = text.lastIndexOf('\n');
    if (last > first) {
      for (const line of text.slice(first + 1, last).split('\n')) {
        if (line.length <= maxLength) lines.push(line);
        else {
          hold(line);
          lines.push(end());
        }
      }
    }
    hold(text.slice(last + 1));
    yield lines;
  }
  hold(decoder.end());
  if (held > 0 || dropped > 0) yield [end()];
}
