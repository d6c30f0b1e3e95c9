// Reads the staged diff as a stream, with the user's pager, diff drivers and prefixes kept out of it.
import { HELD_LINE_LIMIT, heldLineLength, markCut } from '../diff/long-lines.js';
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

/** The staged diff's lines (without '\n') in batches, as git writes them; a line past HELD_LINE_LIMIT is cut to its head. */
export function streamStagedDiffBatches(
  context: GitContext & { signal?: AbortSignal },
  lineLimit: LineLimit = { maxLength: HELD_LINE_LIMIT, mark: markCut },
): AsyncGenerator<string[]> {
  return streamGitLineBatches(STAGED_DIFF_ARGS, {
    cwd: context.cwd,
    env: gitEnv(context),
    signal: context.signal,
    lineLimit,
  });
}

/** A staged diff whose `git` already runs: read `lines` once, or `cancel()` to stop git if it will not be read. */
export interface StagedDiffStream {
  lines: AsyncGenerator<string[]>;
  /** Stops git if it still runs; harmless once the lines are read. */
  cancel(): void;
  /** The reader uses at most `units` of any line: the stream holds no more than heldLineLength(units) from now on. */
  holdLines(units: number): void;
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
  const source = streamStagedDiffBatches({ ...context, signal }, lineLimit);
  const first = source.next(); // runs the generator up to its first read: git is spawned
  first.catch(() => undefined); // a failure is rethrown to the reader; unread (cancelled), it is nobody's
  async function* lines(): AsyncGenerator<string[]> {
    try {
      const step = await first;
      if (step.done) return;
      yield step.value;
      yield* source;
    } finally {
      controller.abort(); // a reader that stops early, even after the first batch, stops git (after the end: a no-op)
    }
  }
  return {
    lines: lines(),
    cancel: () => controller.abort(),
    holdLines: (units) => void (lineLimit.maxLength = Math.min(lineLimit.maxLength, heldLineLength(units))),
  };
}
