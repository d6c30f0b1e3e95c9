// What a generating command starts before its own modules load: git finds the repository, reads git-ai's git
// settings and what the index holds, reads the recent history, and begins the staged diff, so Node compiling the
// command and the config overlap git's work. The staged files' own history waits for the engine that reads it.
import {
  readHistory,
  readIndexState,
  resolveRepository,
  type IndexState,
  type RepositoryHistory,
} from '../git/repo.js';
import { readGitSettings } from '../git/settings.js';
import { startStagedDiff, type StagedDiffStream } from '../git/staged-diff.js';

export interface EarlyStart {
  repo: { root: string; gitDir: string };
  /** readGitSettings's output, read beside the repository's lookup. */
  gitSettings: Promise<string>;
  /** readIndexState of the user's own index, read beside the repository's lookup. */
  indexState: Promise<IndexState>;
  diff: StagedDiffStream;
  /** The recent history (readHistory), read beside the diff; stopped by settleEarly if nothing used it. */
  history: Promise<RepositoryHistory>;
  stop: () => void;
}

/** Rejects as resolveRepository does (outside a repository); the caller then reports that error. */
export function startEarly(options: {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** readHistory's: the staged files' own subjects, which only the offline engine reads (default true). */
  pathSubjects?: boolean;
}): Promise<EarlyStart> {
  const gitSettings = readGitSettings(options);
  const indexState = readIndexState(options);
  indexState.catch(() => undefined); // awaited by the command once the repository is found
  const started = resolveRepository(options).then((repo) => {
    const stopping = new AbortController();
    const history = readHistory({
      cwd: options.cwd,
      env: options.env,
      signal: stopping.signal,
      staged: indexState,
      pathSubjects: options.pathSubjects,
      deferPathSubjects: true, // started by the engine (see generate) and taken in where the offline one writes
    });
    return {
      repo,
      gitSettings,
      indexState,
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
