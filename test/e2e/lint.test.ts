// `git-ai lint` on the built CLI, in repositories with real commitlint installed.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CONVENTIONAL, installCommitlint, runCommitlint, writeCommitlintConfig } from '../support/commitlint.js';
import { createTempRepo, runCli, type TempRepo } from '../support/temp-repo.js';

let repo: TempRepo;
afterEach(() => repo?.cleanup());

function seed(config?: object): TempRepo {
  repo = createTempRepo();
  installCommitlint(repo);
  if (config) writeCommitlintConfig(repo, config);
  return repo;
}

describe('git-ai lint', () => {
  it('checks the message on stdin with the repository rules and exits 1 naming each broken rule', () => {
    seed({ ...CONVENTIONAL, rules: { 'header-max-length': [2, 'always', 50] } });
    const bad = runCli(['lint'], {
      cwd: repo.dir,
      env: repo.env,
      input: 'Feat: Add the login page and the session store for the API.\n',
    });
    expect(bad.code).toBe(1);
    for (const rule of ['type-case', 'subject-case', 'subject-full-stop', 'header-max-length'])
      expect(bad.stdout).toContain(`[${rule}]`);
    const good = runCli(['lint'], { cwd: repo.dir, env: repo.env, input: 'feat(auth): add the login page\n' });
    expect(good).toMatchObject({ code: 0, stderr: '' });
    expect(runCommitlint(repo, 'feat(auth): add the login page').code).toBe(0);
  });

  it("reads the hook's message file as git does: comments and the -v diff below the scissors are not the message", () => {
    seed(CONVENTIONAL);
    const file = join(repo.dir, '.git/COMMIT_EDITMSG');
    writeFileSync(
      file,
      'fix(api): handle an empty body\n\n# Please enter the commit message\n# ------------------------ >8 ------------------------\ndiff --git a/x b/x\n',
    );
    expect(runCli(['lint', '.git/COMMIT_EDITMSG'], { cwd: repo.dir, env: repo.env })).toMatchObject({ code: 0 });
    writeFileSync(file, 'Fix the API.\n# Please enter the commit message\n');
    const result = runCli(['lint', file], { cwd: repo.dir, env: repo.env });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('[type-empty]');
  });

  it('says there is nothing to check without a configuration, and exits 0', () => {
    seed();
    const result = runCli(['lint'], { cwd: repo.dir, env: repo.env, input: 'anything\n' });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^git-ai: no commitlint configuration here .*nothing to check\.\n$/);
  });

  it('is one clear line, exit 2, for a file that cannot be read or an empty message', () => {
    seed(CONVENTIONAL);
    const missing = runCli(['lint', 'nope.txt'], { cwd: repo.dir, env: repo.env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^git-ai: Cannot read the message file nope\.txt \(ENOENT\)\. .*\n$/);
    const empty = runCli(['lint'], { cwd: repo.dir, env: repo.env, input: '# only a comment\n' });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/^git-ai: The commit message is empty\./);
  });

  it('reports a configuration commitlint cannot load in one line', () => {
    repo = createTempRepo();
    writeCommitlintConfig(repo, { extends: ['commitlint-config-nobody-installed'] });
    const result = runCli(['lint'], { cwd: repo.dir, env: repo.env, input: 'feat: x\n' });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^git-ai: commitlint could not load .*commitlint\.config\.mjs/);
  });
});
