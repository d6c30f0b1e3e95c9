// What a generating command starts before its own modules load: git finds the repository and reads git-ai's git
// settings, then begins the staged diff and reads the recent history, so Node compiling the command and the config
// overlap git's work.
import { readHistory, resolveRepository, type RepositoryHistory } from '../git/repo.js';
import { readGitSettings } from '../git/settings.js';
import { startStagedDiff, type StagedDiffStream } from '../git/staged-diff.js';

export interface EarlyStart {
  repo: { root: string; gitDir: string };
  /** readGitSettings's output, read beside the repository's lookup. */
  gitSettings: Promise<string>;
  diff: StagedDiffStream;
  /** The recent history (readHistory), read beside the diff; stopped by settleEarly if nothing used it. */
  history: Promise<RepositoryHistory>;
  stop: () => void;
}

/** Rejects as resolveRepository does (outside a repository); the caller then reports that error. */
export function startEarly(options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<EarlyStart> {
  const gitSettings = readGitSettings(options);
  const started = resolveRepository(options).then((repo) => {
    const stopping = new AbortController();
    const history = readHistory({ cwd: options.cwd, env: options.env, signal: stopping.signal });
    return {
      repo,
      gitSettings,
      diff: startStagedDiff({ cwd: options.cwd, env: options.env }),
      history,
      stop: () => stopping.abort(),
    };
  });
  started.catch(() => undefined); // awaited by the command; unhandled only if the command never starts
  return started;
}

/** Stops the early diff's and history's git if nothing read them (the command failed first). */
export async function settleEarly(early: Promise<EarlyStart> | undefined): Promise<void> {
  const started = await early?.catch(() => undefined);
  started?.diff.cancel();
  started?.stop();
}
