// Creating the commit, and the temporary index that lets `--all` preview without touching the user's index.
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError, withFileAction } from '../errors.js';
import { sanitizeText } from '../security/sanitize.js';
import type { GitContext } from './repo.js';
import { GitError, runGit } from './run-git.js';

export interface TemporaryIndex {
  indexFile: string;
  dispose(): Promise<void>;
}

/** A copy of the index with tracked changes staged (`git add -u`), as `git commit -a` would see it. */
export async function stageTrackedInTemporaryIndex(context: GitContext & { gitDir: string }): Promise<TemporaryIndex> {
  const action = `copy the index to a temporary one in ${tmpdir()} (for --all)`;
  const dir = await withFileAction(action, () => mkdtemp(join(tmpdir(), 'git-ai-index-')));
  const indexFile = join(dir, 'index');
  const dispose = () => rm(dir, { recursive: true, force: true });
  try {
    await withFileAction(action, () =>
      copyFile(join(context.gitDir, 'index'), indexFile).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error; // no index yet: start from an empty one
      }),
    );
    await runGit(['add', '-u'], {
      cwd: context.cwd,
      env: { ...(context.env ?? process.env), GIT_INDEX_FILE: indexFile },
    });
    return { indexFile, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

/**
 * The index `git commit <paths>` commits: HEAD's tree with those paths as they are in the working tree (tracked files,
 * and files staged as new), whatever else is staged. The user's index is not touched.
 */
export async function stagePathsInTemporaryIndex(
  context: GitContext & { paths: readonly string[] },
): Promise<TemporaryIndex> {
  const dir = await mkdtemp(join(tmpdir(), 'git-ai-index-'));
  const indexFile = join(dir, 'index');
  const dispose = () => rm(dir, { recursive: true, force: true });
  const env = { ...(context.env ?? process.env), GIT_INDEX_FILE: indexFile };
  try {
    const added = await runGit(
      ['diff', '--cached', '--name-only', '-z', '--no-renames', '--diff-filter=A', '--', ...context.paths],
      { cwd: context.cwd, env: context.env, okCodes: [1] },
    );
    const head = await runGit(['rev-parse', '--verify', '-q', 'HEAD'], {
      cwd: context.cwd,
      env: context.env,
      okCodes: [1],
    });
    await runGit(head.exitCode === 0 ? ['read-tree', 'HEAD'] : ['read-tree', '--empty'], { cwd: context.cwd, env });
    await runGit(['add', '-u', '--', ...context.paths], { cwd: context.cwd, env });
    const newFiles = added.stdout.split('\0').filter(Boolean);
    if (newFiles.length > 0) {
      const top = (
        await runGit(['rev-parse', '--show-toplevel'], { cwd: context.cwd, env: context.env })
      ).stdout.trim();
      await runGit(['add', '--', ...newFiles], { cwd: top, env }); // names from git diff are relative to the top level
    }
    return { indexFile, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

export interface CreateCommitOptions extends GitContext {
  message: string;
  all: boolean;
  /** Open the user's editor on the message (git's own `-e`, so comment stripping and aborts work as usual). */
  edit: boolean;
  extraArgs: readonly string[];
  /** Commit these paths only, as `git commit <paths>` does. */
  paths?: readonly string[];
}

/** Runs `git commit` with the message from a file; returns git's output (empty when the editor owned the terminal). */
export async function createCommit(options: CreateCommitOptions): Promise<string> {
  const action = `write the message for git commit to a temporary file in ${tmpdir()}`;
  const dir = await withFileAction(action, () => mkdtemp(join(tmpdir(), 'git-ai-msg-')));
  const file = join(dir, 'COMMIT_MSG');
  try {
    const message = sanitizeText(options.message); // nothing reaches the commit object that could drive a terminal
    await withFileAction(action, () => writeFile(file, message.endsWith('\n') ? message : `${message}\n`));
    const args = [
      'commit',
      ...(options.all ? ['-a'] : []),
      ...(options.edit ? ['-e'] : []),
      '-F',
      file,
      ...options.extraArgs,
      ...(options.paths?.length ? ['--', ...options.paths] : []),
    ];
    const env = { ...(options.env ?? process.env), GIT_AI_ACTIVE: '1' };
    if (options.edit) {
      const code = await new Promise<number>((resolve, reject) => {
        const child = spawn('git', args, { cwd: options.cwd, env, stdio: 'inherit' });
        child.on('error', reject);
        child.on('close', (exitCode) => resolve(exitCode ?? 1));
      });
      if (code !== 0) {
        throw new UserError('EDITOR_FAILED', `git commit exited with ${code}; nothing was committed.`, {
          hint: 'An empty message after editing aborts the commit; run git-ai again to start over.',
        });
      }
      return '';
    }
    const result = await runGit(args, { cwd: options.cwd, env, okCodes: [1] }).catch((error: unknown) => {
      if (error instanceof GitError) return { stdout: '', stderr: error.stderr, exitCode: error.exitCode };
      throw error;
    });
    if (result.exitCode !== 0) {
      const reason = reasonOf(result);
      const busy = /index\.lock.*File exists/.test(reason) ? 'Another git process was using the index. ' : '';
      throw new UserError('GIT_FAILED', `git commit failed: ${reason}`, {
        hint: busy + (await stateAfterFailure(options)),
      });
    }
    return result.stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The line of git's output that says why it did not commit: its fatal or error line, "nothing to commit", else the first. */
function reasonOf(result: { stdout: string; stderr: string; exitCode: number }): string {
  const lines = `${result.stderr}\n${result.stdout}`
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return (
    lines.find((line) => /^(fatal|error):/.test(line)) ??
    lines.find((line) => /^(nothing( added)? to commit|no changes added to commit)/.test(line)) ??
    lines[0] ??
    `exit ${result.exitCode}`
  );
}

/**
 * What is true after a failed `git commit`, read from the repository rather than assumed: another run may have
 * committed the changes meanwhile (two `commit --yes` racing), or they are still staged (a pre-commit hook said no).
 */
async function stateAfterFailure(options: CreateCommitOptions): Promise<string> {
  const context = { cwd: options.cwd, env: options.env };
  try {
    // With --all the changes are the tracked files' against HEAD, staged or not.
    const pending = await runGit(options.all ? ['diff', 'HEAD', '--quiet'] : ['diff', '--cached', '--quiet'], {
      ...context,
      okCodes: [1],
    });
    if (pending.exitCode === 1)
      return `Nothing was committed; ${options.all ? 'the changes to tracked files are' : 'the staged changes are'} still there.`;
    const head = (await runGit(['log', '-1', '--format=%h %s'], context)).stdout.trim();
    return `Nothing was committed by this run, and no change is left to commit: HEAD is now ${head} (another commit may have taken the changes).`;
  } catch {
    return 'Nothing was committed by this run.';
  }
}
