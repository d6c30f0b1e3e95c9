// Whether a revert is being committed (`git revert --no-commit`, or a revert stopped on a conflict): git leaves the
// reverted commit in REVERT_HEAD until the commit is made, and the message is then git's own, `Revert "<subject>"`.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runGit } from './run-git.js';

export interface RevertState {
  /** The reverted commit's full hash. */
  commit: string;
  /** Its subject line, as `git revert` quotes it. */
  subject: string;
}

/** What REVERT_HEAD says; `problem` when it is there but names no commit git can read (one line, for stderr). */
export type RevertReading = { state: RevertState } | { problem: string } | undefined;

/**
 * The revert in progress, read from the git directory (per worktree, as git keeps it): one file read when none is (an
 * ENOENT), and one `git show` of the named commit when one is.
 */
export async function readRevertState(options: {
  gitDir: string;
  cwd: string;
  env?: NodeJS.ProcessEnv;
}): Promise<RevertReading> {
  let named: string;
  try {
    named = (await readFile(join(options.gitDir, 'REVERT_HEAD'), 'utf8')).trim();
  } catch {
    return undefined; // no revert in progress (or a git directory that cannot be read: the diff decides as ever)
  }
  if (!/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(named))
    return { problem: 'REVERT_HEAD does not hold a commit hash; the message was written from the diff' };
  try {
    const { stdout } = await runGit(['show', '-s', '--format=%H%n%B', named, '--'], {
      cwd: options.cwd,
      env: options.env,
    });
    const [commit = '', subject = ''] = stdout.split('\n');
    if (commit !== named) throw new Error('another commit');
    return { state: { commit, subject: subject.trim() } };
  } catch {
    return {
      problem: `REVERT_HEAD names ${named.slice(0, 12)}, which git cannot read; the message was written from the diff`,
    };
  }
}
