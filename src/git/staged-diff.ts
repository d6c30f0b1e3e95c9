// Reads the staged diff as a stream, with the user's pager, diff drivers and prefixes kept out of it.
import { HELD_LINE_LIMIT, heldLineLength, markCut } from '../diff/long-lines.js';
import { bigFileThreshold, withBigFiles } from './big-files.js';
import { gitEnv, type GitContext } from './repo.js';
import { streamGitLineBatches, type LineLimit } from './run-git.js';

/** `git diff --cached` in a shape the parser can rely on whatever the user's config says. */
export const STAGED_DIFF_ARGS: readonly string[] = [
  '-c',
  'core.quotePath=true',
  '-c',
  'diff.noprefix=false',
  '-c',
  'diff.mnemonicPrefix=false',
  'diff',
  '--cached',
  '--no-color',
  '--no-ext-diff',
  '--no-textconv',
  '--find-renames',
  '--src-prefix=a/',
  '--dst-prefix=b/',
  '--no-relative',
];

/**
 * Our diffs read the staged side from the object store, never from the work tree. git's diff takes a staged blob from
 * the work-tree file when the index says they match (diff.c, reuse_worktree_file), and for a racily clean entry (the
 * file written in the second `git add` ran) it hashes the file again to be sure; above core.bigFileThreshold that hash
 * deflates the file as if to pack it (index_fd -> index_stream), 0.8-1.2 s for a 50 MB bundle, the very read the
 * threshold is there to avoid. reuse_worktree_file skips any path whose content a clean conversion would change
 * (would_convert_to_git), and core.autocrlf=input makes every path but one marked `-text` or `binary` such a path; no
 * conversion is run (both sides are blobs), so the diff's bytes are the same. The skip is in diff.c since git 2.10
 * (2016), checked on 2.39; an older git ignores it and hashes as before, and a path marked `-text` still reuses its
 * file: slower, never wrong.
 */
const BLOBS_NOT_WORK_TREE: readonly string[] = ['-c', 'core.autocrlf=input'];

/** Where the one `git-ai: ` line about a file the diff did not read goes; stderr unless told. */
export type NoteListener = (line: string) => void;
const toStderr: NoteListener = (line) => void process.stderr.write(`${line}\n`);

/**
 * The staged diff's lines (without '\n') in batches, as git writes them, but for two things: a line past
 * HELD_LINE_LIMIT is cut to its head, and git does not read a blob above the big-file threshold (see big-files.ts):
 * such a file is diffed again alone if it has ordinary lines, or stands as its blob's head.
 */
export function streamStagedDiffBatches(
  context: GitContext & { signal?: AbortSignal },
  lineLimit: LineLimit = { maxLength: HELD_LINE_LIMIT, mark: markCut },
  note: NoteListener = toStderr,
): AsyncGenerator<string[]> {
  const diff = stagedDiffSource(context, lineLimit);
  return diff.withBigFiles(diff.source, note);
}

/** git's diff with the threshold, and what puts the files it left unread back into it. */
function stagedDiffSource(context: GitContext & { signal?: AbortSignal }, lineLimit: LineLimit) {
  const env = gitEnv(context);
  const threshold = bigFileThreshold(env);
  const options = { cwd: context.cwd, env, signal: context.signal, lineLimit };
  const rediff = (paths: readonly string[]) =>
    streamGitLineBatches(
      [
        ...BLOBS_NOT_WORK_TREE,
        ...STAGED_DIFF_ARGS,
        '--full-index',
        '--',
        ...paths.map((path) => `:(top,literal)${path}`),
      ],
      {
        ...options,
        env: { ...env, GIT_LITERAL_PATHSPECS: '0' }, // the pathspec's own magic says literal
      },
    );
  return {
    source: streamGitLineBatches(
      ['-c', `core.bigFileThreshold=${threshold}`, ...BLOBS_NOT_WORK_TREE, ...STAGED_DIFF_ARGS, '--full-index'],
      options,
    ),
    withBigFiles: (lines: AsyncIterable<string[]>, note: NoteListener) =>
      withBigFiles(lines, { ...options, threshold, rediff, warn: note }),
  };
}

/** A staged diff whose `git` already runs: read `lines` once, or `cancel()` to stop git if it will not be read. */
export interface StagedDiffStream {
  lines: AsyncGenerator<string[]>;
  /** Stops git if it still runs; harmless once the lines are read. */
  cancel(): void;
  /** The reader uses at most `units` of any line: the stream holds no more than heldLineLength(units) from now on. */
  holdLines(units: number): void;
  /** Sends the `git-ai: ` line about a big file the diff did not read (see big-files.ts) here rather than to stderr. */
  onNote(listener: NoteListener): void;
}

/**
 * Spawns `git diff --cached` now rather than at the first read. git writes nothing until it has compared
 * the trees and found the renames (~0.25 s on a 100 MB diff), so whatever the caller does before reading
 * (loading modules, the config, the history) overlaps that.
 */
export function startStagedDiff(context: GitContext & { signal?: AbortSignal }): StagedDiffStream {
  const controller = new AbortController();
  const signal = context.signal ? AbortSignal.any([context.signal, controller.signal]) : controller.signal;
  const lineLimit = { maxLength: HELD_LINE_LIMIT, mark: markCut };
  let note = toStderr;
  const diff = stagedDiffSource({ ...context, signal }, lineLimit);
  const { source } = diff;
  const first = source.next(); // runs the generator up to its first read: git is spawned
  first.catch(() => undefined); // a failure is rethrown to the reader; unread (cancelled), it is nobody's
  async function* read(): AsyncGenerator<string[]> {
    const step = await first;
    if (step.done) return;
    yield step.value;
    yield* source;
  }
  // Big files are looked at as the reader reads, once it has said how much of a line it uses (holdLines).
  async function* lines(): AsyncGenerator<string[]> {
    try {
      yield* diff.withBigFiles(read(), (line) => note(line));
    } finally {
      controller.abort(); // a reader that stops early, even after the first batch, stops git (after the end: a no-op)
    }
  }
  return {
    lines: lines(),
    cancel: () => controller.abort(),
    holdLines: (units) => void (lineLimit.maxLength = Math.min(lineLimit.maxLength, heldLineLength(units))),
    onNote: (listener) => void (note = listener),
  };
}
