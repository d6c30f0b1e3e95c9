// git-ai's hook under the hook managers people use, each the real tool in a real repository: husky 9, lefthook, pre-commit.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  BUILT_CLI,
  MATH_WITH_MULTIPLY,
  PROJECT_ROOT,
  createMathRepo,
  runCli,
  type TempRepo,
} from '../support/temp-repo.js';

let repo: TempRepo;
afterEach(() => repo?.cleanup());

/** The math repository with `git-ai` on PATH, as an installed package puts it there. */
function seed(): NodeJS.ProcessEnv {
  repo = createMathRepo();
  const bin = join(repo.home, 'bin');
  mkdirSync(bin);
  symlinkSync(BUILT_CLI, join(bin, 'git-ai'));
  repo.env.PATH = `${bin}:${process.env.PATH ?? ''}`;
  return repo.env;
}

function commit(args: string[] = []) {
  const result = spawnSync('git', ['commit', '-q', ...args], { cwd: repo.dir, env: repo.env, encoding: 'utf8' });
  return { code: result.status, stderr: result.stderr, subject: repo.git('log', '-1', '--format=%s').trim() };
}

function stageMath(): void {
  repo.write('src/math.ts', MATH_WITH_MULTIPLY);
  repo.git('add', 'src/math.ts');
}

/** A tool from node_modules/.bin (a devDependency); a missing one fails the test, it is never skipped. */
function tool(name: string): string {
  const path = join(PROJECT_ROOT, 'node_modules/.bin', name);
  if (!existsSync(path)) throw new Error(`${name} is not installed: run \`npm ci\` (it is a devDependency)`);
  return path;
}

describe('husky 9', () => {
  it('install writes .husky/prepare-commit-msg, which husky runs and keeps when it regenerates .husky/_', () => {
    seed();
    execFileSync(tool('husky'), [], { cwd: repo.dir, env: repo.env });
    expect(repo.git('config', 'core.hooksPath').trim()).toBe('.husky/_');
    const installed = runCli(['hook', 'install'], { cwd: repo.dir, env: repo.env });
    expect(installed).toMatchObject({ code: 0, stderr: '' });
    expect(installed.stdout).toContain(join(repo.dir, '.husky/prepare-commit-msg'));
    expect(existsSync(join(repo.dir, '.husky/_/prepare-commit-msg.git-ai-backup'))).toBe(false);
    expect(runCli(['hook', 'status'], { cwd: repo.dir, env: repo.env }).stdout).toMatch(
      /^from: +husky \(core\.hooksPath = \.husky\/_/m,
    );

    execFileSync(tool('husky'), [], { cwd: repo.dir, env: repo.env }); // what the next `npm install` does
    stageMath();
    expect(commit()).toMatchObject({
      code: 0,
      stderr: '',
      subject: expect.stringMatching(/^feat\(math\): .*multiply/),
    });
    expect(commit(['--allow-empty', '-m', 'by hand'])).toMatchObject({ code: 0, subject: 'by hand' });

    expect(runCli(['hook', 'uninstall'], { cwd: repo.dir, env: repo.env }).stdout).toContain('Removed the git-ai hook');
    expect(existsSync(join(repo.dir, '.husky/prepare-commit-msg'))).toBe(false);
  });

  it('--force keeps a husky prepare-commit-msg script (not executable, as husky allows) and runs it after git-ai', () => {
    seed();
    execFileSync(tool('husky'), [], { cwd: repo.dir, env: repo.env });
    writeFileSync(
      join(repo.dir, '.husky/prepare-commit-msg'),
      'printf "[ABC-1] %s" "$(cat "$1")" > "$1.new" && mv "$1.new" "$1"\n',
      { mode: 0o644 },
    );
    expect(runCli(['hook', 'install'], { cwd: repo.dir, env: repo.env }).code).toBe(1);
    expect(runCli(['hook', 'install', '--force'], { cwd: repo.dir, env: repo.env }).code).toBe(0);
    stageMath();
    expect(commit()).toMatchObject({ code: 0, subject: expect.stringMatching(/^\[ABC-1\] feat\(math\): .*multiply/) });
  });
});

describe('lefthook', () => {
  it('the README line `run: git-ai hook run {0}` fills in a plain commit and leaves -m alone', () => {
    seed();
    writeFileSync(
      join(repo.dir, 'lefthook.yml'),
      'prepare-commit-msg:\n  commands:\n    git-ai:\n      run: git-ai hook run {0}\n',
    );
    execFileSync(tool('lefthook'), ['install'], { cwd: repo.dir, env: repo.env });
    expect(readFileSync(join(repo.dir, '.git/hooks/prepare-commit-msg'), 'utf8')).toContain('lefthook');
    stageMath();
    expect(commit()).toMatchObject({ code: 0, subject: expect.stringMatching(/^feat\(math\): .*multiply/) });
    repo.write('src/other.ts', 'export const other = 1;\n');
    repo.git('add', '.');
    expect(commit(['-m', 'by hand'])).toMatchObject({ code: 0, subject: 'by hand' });
  });
});

describe('pre-commit', () => {
  it('the README hook (stage prepare-commit-msg, source from PRE_COMMIT_COMMIT_MSG_SOURCE) fills in a plain commit only', () => {
    seed();
    const found = spawnSync('pre-commit', ['--version'], { env: repo.env, encoding: 'utf8' });
    if (found.status !== 0)
      throw new Error('pre-commit is not installed: `apt-get install pre-commit` (.ci/run does it)');
    writeFileSync(
      join(repo.dir, '.pre-commit-config.yaml'),
      'repos:\n  - repo: local\n    hooks:\n' +
        '      - { id: git-ai, name: git-ai, entry: git-ai hook run, language: system, stages: [prepare-commit-msg], always_run: true }\n',
    );
    repo.git('add', '.pre-commit-config.yaml');
    repo.git('commit', '-q', '-m', 'chore: pre-commit');
    execFileSync('pre-commit', ['install', '--hook-type', 'prepare-commit-msg'], { cwd: repo.dir, env: repo.env });
    stageMath();
    expect(commit()).toMatchObject({ code: 0, subject: expect.stringMatching(/^feat\(math\): .*multiply/) });
    repo.write('src/other.ts', 'export const other = 1;\n');
    repo.git('add', '.');
    expect(commit(['-m', 'by hand'])).toMatchObject({ code: 0, subject: 'by hand' });
  });
});
