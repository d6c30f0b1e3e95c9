// Creating the commit, and the temporary index that lets `--all` preview without touching the user's index.
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError, withFileAction } from '../errors.js';
import { sanitizeText } from '../security/sanitize.js';
import type { GitContext } from './repo.js';
import { runGit } from './run-git.js';

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
    await runGit(['add', '-u'], { cwd: context.cwd, env: { ...(context.env ?? process.env), GIT_INDEX_FILE: indexFile } });
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
}

/** Runs `git commit` with the message from a file; returns git's output (empty when the editor owned the terminal). */
export async function createCommit(options: CreateCommitOptions): Promise<string> {
  const action = `write the message for git commit to a temporary file in ${tmpdir()}`;
  const dir = await withFileAction(action, () => mkdtemp(join(tmpdir(), 'git-ai-msg-')));
  const file = join(dir, 'COMMIT_MSG');
  try {
    const message = sanitizeText(options.message); // nothing reaches the commit object that could drive a terminal
    await withFileAction(action, () => writeFile(file, message.endsWith('\n') ? message : `${message}\n`));
    const args = ['commit', ...(options.all ? ['-a'] : []), ...(options.edit ? ['-e'] : []), '-F', file, ...options.extraArgs];
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
    const result = await runGit(args, { cwd: options.cwd, env, okCodes: [1] });
    if (result.exitCode !== 0) {
      const reason = (result.stderr.trim() || result.stdout.trim()).split('\n')[0] ?? '';
      throw new UserError('GIT_FAILED', `git commit failed: ${reason}`, {
        hint: 'Nothing was committed; your staged changes are as they were.',
      });
    }
    return result.stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
