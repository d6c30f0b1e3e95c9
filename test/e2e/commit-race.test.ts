// When `git commit` fails, git-ai says what git said and what is true now: two `commit --yes` racing, a pre-commit hook.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MATH_WITH_MULTIPLY, createMathRepo, runCli, runCliAsync, type TempRepo } from '../support/temp-repo.js';

let repo: TempRepo;
afterEach(() => repo?.cleanup());

const commits = () => Number(repo.git('rev-list', '--count', 'HEAD').trim());

describe('a failed git commit', () => {
  it('two `commit --yes` at once: one commits, the other says what git said and that nothing is left', async () => {
    repo = createMathRepo();
    for (let round = 1; round <= 3; round++) {
      repo.write('src/math.ts', `${MATH_WITH_MULTIPLY}\nexport const round = ${round};\n`);
      repo.git('add', '.');
      const runs = await Promise.all(
        [1, 2].map(() => runCliAsync(['commit', '--yes'], { cwd: repo.dir, env: repo.env })),
      );
      expect(runs.map((run) => run.code).sort()).toEqual([0, 1]);
      expect(commits()).toBe(1 + round);
      expect(repo.git('diff', '--cached', '--name-only')).toBe('');
      const loser = runs.find((run) => run.code === 1)!;
      expect(loser.stdout).toBe('');
      expect(loser.stderr).not.toContain('as they were');
      const head = repo.git('log', '-1', '--format=%h').trim();
      const lines = loser.stderr.split('\n');
      expect(lines).toHaveLength(2);
      // Depending on timing the loser read no staged change, found nothing to commit, met the winner's index.lock, or lost the ref update.
      expect(lines[0]).toMatch(
        new RegExp(
          [
            '^git-ai: Nothing is staged to commit\\.',
            `^git-ai: git commit failed: nothing to commit, working tree clean Nothing was committed by this run, and no change is left to commit: HEAD is now ${head} `,
            "^git-ai: git commit failed: fatal: Unable to create '.*index\\.lock': File exists\\. Another git process was using the index\\. ",
            // Both commits were written; the winner moved HEAD first, so git refused the loser's ref update.
            `^git-ai: git commit failed: fatal: cannot lock ref 'HEAD': .* Nothing was committed by this run, and no change is left to commit: HEAD is now ${head} `,
          ].join('|'),
        ),
      );
    }
  });

  it("a pre-commit hook that refuses: git's words, and the staged changes still there", () => {
    repo = createMathRepo();
    writeFileSync(
      join(repo.dir, '.git/hooks/pre-commit'),
      '#!/bin/sh\necho "lint: 2 problems in src/math.ts" >&2\nexit 1\n',
      { mode: 0o755 },
    );
    repo.write('src/math.ts', MATH_WITH_MULTIPLY);
    repo.git('add', '.');
    const staged = repo.git('diff', '--cached');
    const result = runCli(['commit', '--yes'], { cwd: repo.dir, env: repo.env });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'git-ai: git commit failed: lint: 2 problems in src/math.ts Nothing was committed; the staged changes are still there.\n',
    );
    expect(repo.git('diff', '--cached')).toBe(staged);
    expect(commits()).toBe(1);
  });
});
