// REVERT_HEAD read in real repositories: none, `git revert --no-commit`, a linked worktree's own, and a broken one.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readRevertState } from '../../src/git/revert-state.js';
import { createMathRepo, type TempRepo } from '../support/temp-repo.js';

let repo: TempRepo;
afterEach(() => repo?.cleanup());

function withCommitToRevert(): string {
  repo = createMathRepo();
  repo.write('src/math.ts', 'export const add = (a: number, b: number) => a + b;\n');
  repo.git('commit', '-q', '-am', 'refactor(math): write add as an arrow\n\nShorter.');
  return repo.git('rev-parse', 'HEAD').trim();
}

describe('readRevertState', () => {
  it('is undefined when no revert is in progress', async () => {
    withCommitToRevert();
    expect(await readRevertState({ gitDir: join(repo.dir, '.git'), cwd: repo.dir, env: repo.env })).toBeUndefined();
  });

  it('names the reverted commit and its subject line during `git revert --no-commit`', async () => {
    const head = withCommitToRevert();
    repo.git('revert', '--no-commit', 'HEAD');
    expect(await readRevertState({ gitDir: join(repo.dir, '.git'), cwd: repo.dir, env: repo.env })).toEqual({
      state: { commit: head, subject: 'refactor(math): write add as an arrow' },
    });
  });

  it("reads a linked worktree's own revert, not the main worktree's", async () => {
    const head = withCommitToRevert();
    const other = join(repo.dir, '..', 'other');
    repo.git('worktree', 'add', '-q', other, '-b', 'other');
    repo.git('-C', other, 'revert', '--no-commit', 'HEAD');
    const gitDir = repo.git('-C', other, 'rev-parse', '--absolute-git-dir').trim();
    expect(await readRevertState({ gitDir, cwd: other, env: repo.env })).toEqual({
      state: { commit: head, subject: 'refactor(math): write add as an arrow' },
    });
    expect(await readRevertState({ gitDir: join(repo.dir, '.git'), cwd: repo.dir, env: repo.env })).toBeUndefined();
  });

  it('says what is wrong with a REVERT_HEAD that names nothing git can read', async () => {
    withCommitToRevert();
    const gitDir = join(repo.dir, '.git');
    writeFileSync(join(gitDir, 'REVERT_HEAD'), 'not a hash\n');
    expect(await readRevertState({ gitDir, cwd: repo.dir, env: repo.env })).toEqual({
      problem: 'REVERT_HEAD does not hold a commit hash; the message was written from the diff',
    });
    writeFileSync(join(gitDir, 'REVERT_HEAD'), `${'0'.repeat(40)}\n`);
    expect(await readRevertState({ gitDir, cwd: repo.dir, env: repo.env })).toEqual({
      problem: 'REVERT_HEAD names 000000000000, which git cannot read; the message was written from the diff',
    });
  });
});
