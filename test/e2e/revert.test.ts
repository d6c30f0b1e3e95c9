// A revert in progress is committed with git's own message, by `git ai commit` and through the installed hook.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMathRepo, runCli, type TempRepo } from '../support/temp-repo.js';

let repo: TempRepo;
afterEach(() => repo?.cleanup());

/** A repository whose last commit (returned) is reverted with `git revert --no-commit`, its inverse staged. */
function revertInProgress(history: string[] = []): string {
  repo = createMathRepo();
  for (const [index, subject] of history.entries()) {
    repo.write(`notes/${index}.md`, `${subject}\n`);
    repo.git('add', '.');
    repo.git('commit', '-q', '-m', subject);
  }
  repo.write(
    'src/math.ts',
    'export function add(a: number, b: number) {\n  if (a < 0) return b;\n  return a + b;\n}\n',
  );
  repo.git('commit', '-q', '-am', 'fix(math): ignore a negative first term\n\nSee #12.');
  const reverted = repo.git('rev-parse', 'HEAD').trim();
  repo.git('revert', '--no-commit', 'HEAD');
  return reverted;
}

/** What git itself would commit: its MERGE_MSG without the comment lines. */
const gitsMessage = () =>
  readFileSync(join(repo.dir, '.git/MERGE_MSG'), 'utf8')
    .split('\n')
    .filter((line) => !line.startsWith('#'))
    .join('\n')
    .trim();

const lastMessage = () => repo.git('log', '-1', '--format=%B').trim();

describe('a revert in progress', () => {
  it("`git ai commit --dry-run` prints git's own message, and `-y` commits it and ends the revert", () => {
    const reverted = revertInProgress();
    const expected = `Revert "fix(math): ignore a negative first term"\n\nThis reverts commit ${reverted}.`;
    expect(gitsMessage()).toBe(expected);
    const dry = runCli(['commit', '--dry-run'], { cwd: repo.dir, env: repo.env });
    expect(dry).toEqual({ code: 0, stdout: `${expected}\n`, stderr: '' });
    const committed = runCli(['commit', '-y'], { cwd: repo.dir, env: repo.env });
    expect(committed.code).toBe(0);
    expect(lastMessage()).toBe(expected);
    expect(spawnSync('git', ['rev-parse', '-q', '--verify', 'REVERT_HEAD'], { cwd: repo.dir }).status).not.toBe(0);
    expect(repo.git('diff', 'HEAD~2', 'HEAD', '--stat').trim()).toBe('');
  });

  it('follows a history that writes `revert: "..."`, and names the reverted commit in --debug', () => {
    const reverted = revertInProgress(['revert: "feat: one"', 'revert: "docs: two"', 'Revert "fix: three"']);
    const dry = runCli(['commit', '--dry-run', '--debug'], { cwd: repo.dir, env: repo.env });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toBe(`revert: "fix(math): ignore a negative first term"\n\nThis reverts commit ${reverted}.\n`);
    expect(dry.stderr).toContain(`type revert: REVERT_HEAD names ${reverted}`);
  });

  it("the hook leaves git's message for `git commit` after `git revert --no-commit` and for `git revert`", () => {
    const reverted = revertInProgress();
    expect(runCli(['hook', 'install'], { cwd: repo.dir, env: repo.env }).code).toBe(0);
    const commit = spawnSync('git', ['commit', '-q', '--no-edit'], { cwd: repo.dir, env: repo.env, encoding: 'utf8' });
    expect({ code: commit.status, stderr: commit.stderr }).toEqual({ code: 0, stderr: '' });
    expect(lastMessage()).toBe(`Revert "fix(math): ignore a negative first term"\n\nThis reverts commit ${reverted}.`);
    const revertOfRevert = repo.git('rev-parse', 'HEAD').trim();
    const again = spawnSync('git', ['revert', '--no-edit', 'HEAD'], { cwd: repo.dir, env: repo.env, encoding: 'utf8' });
    expect(again.status).toBe(0);
    expect(lastMessage()).toBe(
      `Revert "Revert "fix(math): ignore a negative first term""\n\nThis reverts commit ${revertOfRevert}.`,
    );
  });

  it('the hook writes the revert when it is asked to fill an empty message during one (a hook manager, no source)', () => {
    const reverted = revertInProgress();
    const file = join(repo.dir, '.git/COMMIT_EDITMSG');
    writeFileSync(file, '\n# Please enter the commit message for your changes.\n');
    rmSync(join(repo.dir, '.git/MERGE_MSG'));
    const run = runCli(['hook', 'run', file], { cwd: repo.dir, env: repo.env });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(readFileSync(file, 'utf8')).toMatch(
      new RegExp(`^Revert "fix\\(math\\): ignore a negative first term"\\n\\nThis reverts commit ${reverted}\\.\\n`),
    );
  });

  it('writes from the diff, with one line, when REVERT_HEAD names no commit', () => {
    revertInProgress();
    writeFileSync(join(repo.dir, '.git/REVERT_HEAD'), `${'0'.repeat(40)}\n`);
    const dry = runCli(['commit', '--dry-run'], { cwd: repo.dir, env: repo.env });
    expect(dry.code).toBe(0);
    expect(dry.stderr).toBe(
      'git-ai: REVERT_HEAD names 000000000000, which git cannot read; the message was written from the diff\n',
    );
    expect(dry.stdout).toMatch(/^(fix|refactor|chore|revert)(\(math\))?: /);
  });
});
