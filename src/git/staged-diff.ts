// Reads the staged diff as a stream, with the user's pager, diff drivers and prefixes kept out of it.
import { parseDiffStream } from '../diff/parse.js';
import type { FileDiff } from '../diff/types.js';
import { gitEnv, type GitContext } from './repo.js';
import { streamGitLineBatches, streamGitLines } from './run-git.js';

/** `git diff --cached` in a shape the parser can rely on whatever the user's config says. */
export const STAGED_DIFF_ARGS: readonly string[] = [
  '-c', 'core.quotePath=true',
  '-c', 'diff.noprefix=false',
  '-c', 'diff.mnemonicPrefix=false',
  'diff', '--cached',
  '--no-color', '--no-ext-diff', '--no-textconv',
  '--find-renames', '--src-prefix=a/', '--dst-prefix=b/', '--no-relative',
];

export function streamStagedDiffLines(context: GitContext & { signal?: AbortSignal }): AsyncGenerator<string> {
  return streamGitLines(STAGED_DIFF_ARGS, { cwd: context.cwd, env: gitEnv(context), signal: context.signal });
}

export function streamStagedDiffBatches(context: GitContext & { signal?: AbortSignal }): AsyncGenerator<string[]> {
  return streamGitLineBatches(STAGED_DIFF_ARGS, { cwd: context.cwd, env: gitEnv(context), signal: context.signal });
}

/** Parses the staged diff file by file as git writes it. */
export function streamStagedFiles(context: GitContext & { signal?: AbortSignal }): AsyncGenerator<FileDiff> {
  return parseDiffStream(streamStagedDiffLines(context));
}

export async function readStagedFiles(context: GitContext & { signal?: AbortSignal }): Promise<FileDiff[]> {
  const files: FileDiff[] = [];
  for await (const file of streamStagedFiles(context)) files.push(file);
  return files;
}
