// What a generating command starts before its own modules load: git finds the repository and begins the
// staged diff, so Node compiling the command, the config and the history all overlap git's work.
import { resolveRepository } from '../git/repo.js';
import { startStagedDiff, type StagedDiffStream } from '../git/staged-diff.js';

export interface EarlyStart {
  repo: { root: string; gitDir: string };
  diff: StagedDiffStream;
}

/** Rejects as resolveRepository does (outside a repository); the caller then reports that error. */
export function startEarly(options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<EarlyStart> {
  const started = resolveRepository(options).then((repo) => ({
    repo,
    diff: startStagedDiff({ cwd: options.cwd, env: options.env }),
  }));
  started.catch(() => undefined); // awaited by the command; unhandled only if the command never starts
  return started;
}

/** Stops the early diff's git if nothing read it (the command failed first). */
export async function settleEarly(early: Promise<EarlyStart> | undefined): Promise<void> {
  const started = await early?.catch(() => undefined);
  started?.diff.cancel();
}
