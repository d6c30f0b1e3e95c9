// `git-ai commit`: generate a message for the staged changes, then print it, ask, or commit.
import type { Writable } from 'node:stream';
import { loadConfig } from '../../config/load.js';
import type { ConfigKey } from '../../config/schema.js';
import { UserError } from '../../errors.js';
import { createCommit, stageTrackedInTemporaryIndex, type TemporaryIndex } from '../../git/commit.js';
import { assertNoConflicts, hasStagedChanges, readHistory, resolveRepository, type GitContext } from '../../git/repo.js';
import { readStagedFiles } from '../../git/staged-diff.js';
import { generateCommitMessage } from '../../pipeline/generate.js';
import type { AskDecision } from '../ui.js';

export interface CommitCommandOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: Writable;
  stderr: Writable;
  dryRun: boolean;
  yes: boolean;
  all: boolean;
  /** Config values given as flags (highest precedence). */
  flags: Partial<Record<ConfigKey, string | number | boolean>>;
  /** Arguments after `--`, passed to `git commit`. */
  gitArgs: readonly string[];
  /** Whether a person can answer a question (stdin and stdout are TTYs). */
  interactive: boolean;
  ask?: AskDecision;
  signal?: AbortSignal;
}

export async function runCommitCommand(options: CommitCommandOptions): Promise<void> {
  const repo = await resolveRepository({ cwd: options.cwd, env: options.env });
  const { config } = await loadConfig({ cwd: options.cwd, env: options.env, flags: options.flags });
  let temporary: TemporaryIndex | undefined;
  try {
    if (options.all) temporary = await stageTrackedInTemporaryIndex({ cwd: options.cwd, env: options.env, gitDir: repo.gitDir });
    const context: GitContext = { cwd: options.cwd, env: options.env, indexFile: temporary?.indexFile };
    await assertNoConflicts(context);
    if (!(await hasStagedChanges(context))) {
      throw new UserError('NOTHING_STAGED', 'Nothing is staged to commit.', {
        hint: options.all
          ? 'There are no changes to tracked files either; stage new files with `git add <path>`.'
          : 'Stage changes with `git add <path>` (or `git add -p`), or pass --all to include every change to tracked files.',
      });
    }
    const [files, history] = await Promise.all([readStagedFiles({ ...context, signal: options.signal }), readHistory(context)]);
    const generated = await generateCommitMessage({ files, history, config, signal: options.signal });

    const mode = options.dryRun || (!options.yes && !options.interactive) ? 'print' : options.yes ? 'commit' : 'ask';
    if (mode === 'print') {
      options.stdout.write(`${generated.text}\n`);
      return;
    }
    const decision = mode === 'commit' ? 'commit' : await (options.ask ?? (await import('../ui.js')).askCommitDecision)(generated.text);
    if (decision === 'cancel') {
      options.stderr.write('Cancelled; nothing was committed.\n');
      return;
    }
    const output = await createCommit({
      cwd: options.cwd,
      env: options.env,
      message: generated.text,
      all: options.all,
      edit: decision === 'edit',
      extraArgs: options.gitArgs,
    });
    if (output) options.stdout.write(output);
  } finally {
    await temporary?.dispose();
  }
}
