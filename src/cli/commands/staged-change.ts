// What every generating command does first: find the repository, load the config, and check there is a change to describe.
import { loadConfig } from '../../config/load.js';
import { parseConfig } from '../../config/schema.js';
import type { Config, ConfigKey } from '../../config/schema.js';
import { UserError, isUserError } from '../../errors.js';
import { stagePathsInTemporaryIndex, stageTrackedInTemporaryIndex, type TemporaryIndex } from '../../git/commit.js';
import {
  assertNoConflicts,
  readIndexState,
  resolveRepository,
  type GitContext,
  type RepositoryHistory,
} from '../../git/repo.js';
import type { StagedDiffStream } from '../../git/staged-diff.js';
import type { EarlyStart } from '../early-start.js';

export interface StagedChangeOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  flags: Partial<Record<ConfigKey, string | number | boolean>>;
  /** Describe tracked changes too, through a temporary index (the user's index is not touched). */
  all: boolean;
  /** Describe these paths as `git commit <paths>` would commit them, through a temporary index. */
  paths?: readonly string[];
  /** The repository and staged diff started before this module loaded (not with --all, whose index comes later). */
  early?: Promise<EarlyStart>;
  /** The hook's choice: a config that cannot be read or is invalid gives the defaults with the offline engine. */
  configFallback?: boolean;
}

export interface StagedChange {
  root: string;
  gitDir: string;
  config: Config;
  context: GitContext;
  /** The staged diff, already running, when it was started early. */
  diff?: StagedDiffStream;
  /** The recent history, already being read, when it was started early (the user's own index only). */
  history?: Promise<RepositoryHistory>;
  /** git's `format.signOff`, read with the config (absent when the config could not be read). */
  formatSignOff?: boolean;
  /** Why the defaults were used instead of the user's config (only with `configFallback`). */
  configProblem?: UserError;
  dispose(): Promise<void>;
}

export async function openStagedChange(options: StagedChangeOptions): Promise<StagedChange> {
  const ownIndex = options.all || Boolean(options.paths?.length);
  if (ownIndex)
    options.early?.then(
      (started) => started.diff.cancel(),
      () => undefined,
    ); // a temporary index is read
  const early = ownIndex ? undefined : await options.early;
  let temporary: TemporaryIndex | undefined;
  const dispose = async () => {
    early?.diff.cancel();
    await temporary?.dispose();
  };
  try {
    const repo = early?.repo ?? (await resolveRepository({ cwd: options.cwd, env: options.env }));
    let config: Config;
    let configProblem: UserError | undefined;
    let formatSignOff: boolean | undefined;
    try {
      ({ config, formatSignOff } = await loadConfig({
        cwd: options.cwd,
        env: options.env,
        flags: options.flags,
        gitSettings: early?.gitSettings,
      }));
    } catch (error) {
      if (!options.configFallback || !isUserError(error)) throw error;
      configProblem = error;
      config = parseConfig({ engine: 'local' });
    }
    if (options.paths?.length)
      temporary = await stagePathsInTemporaryIndex({ cwd: options.cwd, env: options.env, paths: options.paths });
    else if (options.all)
      temporary = await stageTrackedInTemporaryIndex({ cwd: options.cwd, env: options.env, gitDir: repo.gitDir });
    const context: GitContext = { cwd: options.cwd, env: options.env, indexFile: temporary?.indexFile };
    const { staged, conflicted } = await (temporary
      ? readIndexState(context)
      : (early?.indexState ?? readIndexState(context)));
    assertNoConflicts(conflicted);
    if (!staged) {
      throw new UserError('NOTHING_STAGED', 'Nothing is staged to commit.', {
        hint: options.all
          ? 'There are no changes to tracked files either; stage new files with `git add <path>`.'
          : 'Stage changes with `git add <path>` (or `git add -p`), or pass --all to include every change to tracked files.',
      });
    }
    return {
      root: repo.root,
      gitDir: repo.gitDir,
      config,
      context,
      ...(early ? { diff: early.diff, history: early.history } : {}),
      ...(formatSignOff === undefined ? {} : { formatSignOff }),
      ...(configProblem ? { configProblem } : {}),
      dispose,
    };
  } catch (error) {
    await dispose();
    throw error;
  }
}
