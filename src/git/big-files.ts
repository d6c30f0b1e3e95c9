// Files bigger than any request can use: git diffs them without reading them (core.bigFileThreshold), and here each
// is either diffed after all (a big text file of ordinary lines: a lockfile), or stands as the head of its blob, read
// through a bounded read (a minified bundle), with one `git-ai: ` line saying so.
import { spawn } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import { DiffParser } from '../diff/parse.js';
import type { FileDiff } from '../diff/types.js';
import { sanitizeLine } from '../security/sanitize.js';
import { spawnGit, type LineLimit, type RunGitOptions } from './run-git.js';

/**
 * Blobs above this many bytes are not read by the staged diff's git. The largest window a model has is 2M tokens;
 * even at 8 bytes a token (twice what code averages) a request can carry no more than 16 MiB of one file, so every
 * file a request could hold whole is still diffed. Above it, a file of ordinary lines (a lockfile, a generated
 * source) is diffed after all, by a second git on its path alone, so small hunks in it are never lost.
 */
export const BIG_FILE_BYTES = 16 * 1024 * 1024;
/** A big file whose head holds a line this long (UTF-16 units) is taken for a minified one: its head stands for it. */
export const LONG_LINE_UNITS = 16 * 1024;
/** git's own test for binary content: a NUL byte within the first 8,000 bytes. */
const BINARY_PROBE_BYTES = 8000;

/** The threshold: GIT_AI_BIG_FILE_BYTES when it is a positive whole number (tests set a small one), else BIG_FILE_BYTES. */
export function bigFileThreshold(env: NodeJS.ProcessEnv | undefined): number {
  const value = Number(env?.GIT_AI_BIG_FILE_BYTES ?? Number.NaN);
  return Number.isSafeInteger(value) && value > 0 ? value : BIG_FILE_BYTES;
}

export interface BigFileOptions extends RunGitOptions {
  threshold: number;
  /** The stream's limit on one line, read when a file is met: the head read is as long as a line may be. */
  lineLimit: LineLimit;
  /** The staged diff of these paths (repository-relative) without the threshold, as the stream reads it. */
  rediff(paths: readonly string[]): AsyncGenerator<string[]>;
  /** Receives the one `git-ai: ` line for each file that stands as its head. */
  warn(line: string): void;
}

/** Answers blob sizes from one `git cat-file --batch-check`, started at the first question. */
class BlobSizes {
  private child: ReturnType<typeof spawn> | undefined;
  private readonly waiting: Array<(line: string | undefined) => void> = [];
  private rest = '';

  constructor(private readonly options: RunGitOptions) {}

  size(id: string): Promise<number | undefined> {
    const { stdin, stdout } = (this.child ??= this.start());
    if (stdin === null || stdout === null || !stdout.readable) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      this.waiting.push((line) => {
        const match = line === undefined ? null : /^\S+ blob (\d+)$/.exec(line);
        resolve(match ? Number(match[1]) : undefined);
      });
      stdin.write(`${id}\n`);
    });
  }

  close(): void {
    this.child?.stdin?.end();
  }

  private start() {
    // spawnGit's stdin is closed at once; this one stays open for the questions (same environment).
    const started = spawn('git', ['cat-file', '--batch-check'], {
      cwd: this.options.cwd,
      env: { ...(this.options.env ?? process.env), GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
      stdio: ['pipe', 'pipe', 'ignore'],
      signal: this.options.signal,
    });
    started.stdin.on('error', () => undefined); // git gone: every question is answered `undefined` below
    started.on('error', () => undefined);
    started.stdout.on('data', (chunk: Buffer) => {
      const lines = (this.rest + chunk.toString('utf8')).split('\n');
      this.rest = lines.pop() ?? '';
      for (const line of lines) this.waiting.shift()?.(line);
    });
    started.stdout.on('close', () => {
      for (const answer of this.waiting.splice(0)) answer(undefined);
    });
    return started;
  }
}

/**
 * The first `bytes` bytes of a blob (fewer if it is shorter); git is stopped once they are read. Read by events, not
 * by a loop left early, which would build an AbortError (and its stack) to stop the stream.
 */
function readBlobHead(id: string, bytes: number, options: RunGitOptions): Promise<Buffer> {
  const { child, stdout } = spawnGit(['cat-file', 'blob', id], options);
  const parts: Buffer[] = [];
  let read = 0;
  return new Promise((resolve) => {
    const done = () => {
      stdout.removeAllListeners('data');
      if (child.exitCode === null) child.kill();
      resolve(Buffer.concat(parts).subarray(0, bytes));
    };
    stdout.on('data', (chunk: Buffer) => {
      parts.push(chunk);
      read += chunk.length;
      if (read >= bytes) done();
    });
    stdout.on('end', done);
    child.on('error', done); // a failure ends the read with what came so far
  });
}

const INDEX = /^index ([0-9a-f]+)\.\.([0-9a-f]+)/;
const ZERO = /^0+$/;

/** What one file git called binary turns into: git's line kept, the file diffed again, or the head's lines. */
type Outcome = { kind: 'keep' } | { kind: 'rediff'; paths: string[] } | { kind: 'head'; lines: string[] };

/**
 * The staged diff's batches with each file git left unread for its size put back: the threshold's `Binary files ...
 * differ` line is replaced by the file's real diff, or by the head of its blob as its lines. A file git found
 * binary (a NUL byte) stays as git wrote it.
 */
export async function* withBigFiles(
  source: AsyncIterable<string[]>,
  options: BigFileOptions,
): AsyncGenerator<string[]> {
  const sizes = new BlobSizes(options);
  let header: string[] | undefined; // the current file's lines from `diff --git` while no hunk has begun
  try {
    for await (const batch of source) {
      let out: string[] | undefined; // a copy only for a batch that changes
      for (let at = 0; at < batch.length; at++) {
        const line = batch[at]!;
        const first = line.charCodeAt(0);
        if (first === 0x64 && line.startsWith('diff --git ')) header = [line];
        else if (header !== undefined) {
          if (first === 0x42 && line.startsWith('Binary files ') && line.endsWith(' differ')) {
            const outcome = await judge(header, line, sizes, options);
            header = undefined;
            if (outcome.kind === 'head') {
              out ??= batch.slice(0, at);
              out.push(...outcome.lines);
              continue;
            }
            if (outcome.kind === 'rediff') {
              out ??= batch.slice(0, at);
              if (out.length > 0) yield out;
              out = [];
              yield* afterHeader(options.rediff(outcome.paths));
              continue;
            }
          } else if (first === 0x40 || first === 0x2d)
            header = undefined; // a hunk or the labels: not binary
          else header.push(line);
        }
        out?.push(line);
      }
      if (out === undefined) yield batch;
      else if (out.length > 0) yield out;
    }
  } finally {
    sizes.close();
  }
}

/**
 * Decides what a file git called binary is, from its blobs' sizes and heads: binary (a NUL byte, as git tests), to
 * be diffed by git after all (ordinary lines, or a blob the head holds whole), or, for long lines, its heads.
 */
async function judge(
  header: string[],
  binaryLine: string,
  sizes: BlobSizes,
  options: BigFileOptions,
): Promise<Outcome> {
  const ids = header.map((line) => INDEX.exec(line)).find(Boolean);
  if (!ids) return { kind: 'keep' };
  const [, oldId = '', newId = ''] = ids;
  const present = [oldId, newId].filter((id) => !ZERO.test(id));
  const measured = await Promise.all(present.map((id) => sizes.size(id)));
  if (!measured.some((size) => size !== undefined && size > options.threshold)) return { kind: 'keep' };
  const file = parseHeader([...header, binaryLine]);
  if (file === undefined) return { kind: 'keep' };
  const sizeOf = (id: string) => measured[present.indexOf(id)] ?? 0;
  const headBytes = Math.max(BINARY_PROBE_BYTES, Math.floor(options.lineLimit.maxLength));
  const readHead = async (id: string) => {
    const head = await readBlobHead(id, headBytes, options);
    if (head.subarray(0, BINARY_PROBE_BYTES).includes(0)) return 'binary';
    return head.length >= sizeOf(id) ? 'whole' : headLines(head, sizeOf(id), options.lineLimit);
  };
  const rediff: Outcome = {
    kind: 'rediff',
    paths: file.oldPath === undefined ? [file.path] : [file.oldPath, file.path],
  };
  const after = file.status === 'deleted' ? undefined : await readHead(newId);
  if (after === 'binary') return { kind: 'keep' };
  if (after === 'whole' || (after !== undefined && !hasLongLine(after))) return rediff;
  const before = file.status === 'added' ? undefined : await readHead(oldId);
  if (before === 'binary') return { kind: 'keep' };
  if (before === 'whole' || (after === undefined && before !== undefined && !hasLongLine(before))) return rediff;
  const sides = file.status === 'added' || file.status === 'deleted' ? 'its first' : 'the first';
  const each = before !== undefined && after !== undefined ? ' of each side' : '';
  options.warn(
    `git-ai: ${sanitizeLine(file.path)} is ${megabytes(Math.max(...present.map(sizeOf)))} of long lines, more than any request can use: read as ${sides} ${kibibytes(headBytes)}${each}, not diffed`,
  );
  return { kind: 'head', lines: headHunk(binaryLine, file.status, before ?? [], after ?? []) };
}

/** A hunk of the heads: the lines both begin with as context, then the old head's rest removed and the new one's added. */
function headHunk(binaryLine: string, status: string, before: string[], after: string[]): string[] {
  let same = 0;
  while (same < before.length - 1 && same < after.length - 1 && before[same] === after[same]) same++;
  // git's own hunk header: a count of 1 is left out, an empty side starts at 0.
  const range = (count: number) => (count === 0 ? '0,0' : count === 1 ? '1' : `1,${count}`);
  // The labels, where git's binary line gives them whole (one side /dev/null); a changed file's come from its header.
  const labels =
    status === 'added'
      ? ['--- /dev/null', `+++ ${binaryLine.slice('Binary files /dev/null and '.length, -' differ'.length)}`]
      : status === 'deleted'
        ? [`--- ${binaryLine.slice('Binary files '.length, -' and /dev/null differ'.length)}`, '+++ /dev/null']
        : [];
  return [
    ...labels,
    `@@ -${range(before.length)} +${range(after.length)} @@`,
    ...before.slice(0, same).map((line) => ` ${line}`),
    ...before.slice(same).map((line) => `-${line}`),
    ...after.slice(same).map((line) => `+${line}`),
  ];
}

const hasLongLine = (lines: readonly string[]) => lines.some((line) => line.length >= LONG_LINE_UNITS);

/** The head's lines, the last one cut with the count of the bytes the blob holds past the head (counted as characters). */
function headLines(head: Buffer, size: number, limit: LineLimit): string[] {
  const decoder = new StringDecoder('utf8');
  const lines = decoder.write(head).split('\n');
  const last = lines.pop() ?? '';
  lines.push(limit.mark(last, size - head.length + Buffer.byteLength(decoder.end())));
  return lines;
}

/** The file the header lines describe (its paths and status). */
function parseHeader(lines: readonly string[]): FileDiff | undefined {
  const parser = new DiffParser({ keepLines: false });
  for (const line of lines) parser.push(line);
  return parser.end()[0];
}

/** A one-file diff's lines from its `---` label (or first hunk) on: the header before it is already in the stream. */
async function* afterHeader(batches: AsyncGenerator<string[]>): AsyncGenerator<string[]> {
  let inHeader = true;
  for await (const batch of batches) {
    if (!inHeader) {
      yield batch;
      continue;
    }
    const start = batch.findIndex(
      (line) => line.startsWith('--- ') || line.startsWith('@@ ') || line.startsWith('Binary files '),
    );
    if (start === -1) continue;
    inHeader = false;
    yield start === 0 ? batch : batch.slice(start);
  }
}

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const kibibytes = (bytes: number) => `${Math.round(bytes / 1024)} KiB`;
