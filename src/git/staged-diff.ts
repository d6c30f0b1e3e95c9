// Reads the staged diff as a stream, with the user's pager, diff drivers and prefixes kept out of it.
import { gitEnv, type GitContext } from './repo.js';
import { streamGitLineBatches } from './run-git.js';

/** `git diff --cached` in a shape the parser can rely on whatever the user's config says. */
export const STAGED_DIFF_ARGS: readonly string[] = [
  '-c', 'core.quotePath=true',
  '-c', 'diff.noprefix=false',
  '-c', 'diff.mnemonicPrefix=false',
  'diff', '--cached',
  '--no-color', '--no-ext-diff', '--no-textconv',
  '--find-renames', '--src-prefix=a/', '--dst-prefix=b/', '--no-relative',
];

/** The staged diff's lines (without '\n') in batches, as git writes them. */
export function streamStagedDiffBatches(context: GitContext & { signal?: AbortSignal }): AsyncGenerator<string[]> {
  return streamGitLineBatches(STAGED_DIFF_ARGS, { cwd: context.cwd, env: gitEnv(context), signal: context.signal });
}
