// `git ai commit <paths>`, `--dry-run <paths>` and `--json` on the built CLI, in real repositories.
import { afterEach, describe, expect, it } from 'vitest';
import { MATH_WITH_MULTIPLY, createMathRepo, runCli, type TempRepo } from '../support/temp-repo.js';

let repo: TempRepo;
afterEach(() => repo?.cleanup());

function seed(): void {
  repo = createMathRepo();
  repo.write('src/math.ts', MATH_WITH_MULTIPLY);
  repo.write('docs/guide.md', '# Guide\n\nHow to add numbers.\n');
  repo.git('add', 'docs/guide.md'); // staged, but not named below
}

describe('git ai commit <paths>', () => {
  it('--dry-run describes only the named path, as `git commit <path>` would commit it', () => {
    seed();
    const result = runCli(['commit', '--dry-run', 'src/math.ts'], { cwd: repo.dir, env: repo.env });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^feat\(math\): .*multiply/);
    expect(result.stdout).not.toMatch(/guide|docs/i);
    expect(repo.git('diff', '--cached', '--name-only').trim()).toBe('docs/guide.md'); // the index is untouched
  });

  it('-y commits that path only, leaving the other staged change staged', () => {
    seed();
    const result = runCli(['commit', '-y', 'src/math.ts'], { cwd: repo.dir, env: repo.env });
    expect(result.code).toBe(0);
    expect(repo.git('show', '--name-only', '--format=%s', 'HEAD').trim().split('\n')).toEqual([
      expect.stringMatching(/^feat\(math\): .*multiply/),
      '',
      'src/math.ts',
    ]);
    expect(repo.git('diff', '--cached', '--name-only').trim()).toBe('docs/guide.md');
  });

  it('a path with no change is nothing to commit, said in one line', () => {
    seed();
    const result = runCli(['commit', '--dry-run', 'README.none'], { cwd: repo.dir, env: repo.env });
    expect(result.code).not.toBe(0);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});

describe('git ai commit --json', () => {
  it('prints the message, candidates, engine, stage, warnings and timings, and commits nothing', () => {
    seed();
    const result = runCli(['commit', '--json'], { cwd: repo.dir, env: repo.env });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({ engine: 'local', stage: 'local', warnings: [], committed: false });
    expect(report.message).toMatch(/^docs|^feat/);
    expect(report.candidates).toEqual([report.message]);
    expect((report.timings as { totalMs: number }).totalMs).toBeGreaterThan(0);
    expect(repo.git('rev-list', '--count', 'HEAD').trim()).toBe('1');
  });

  it('with --yes it commits, and says so', () => {
    seed();
    const result = runCli(['commit', '--json', '--yes'], { cwd: repo.dir, env: repo.env });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ committed: true });
    expect(repo.git('rev-list', '--count', 'HEAD').trim()).toBe('2');
  });
});

describe('git ai commit --debug with the offline engine', () => {
  it('prints its timing tree on stderr: history, reading the diff, older file history, writing', () => {
    seed();
    const result = runCli(['commit', '--dry-run', '--debug'], { cwd: repo.dir, env: repo.env });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /^run [\d.]+ms .*engine=local stage=local requests=0\n {2}history and rules [\d.]+ms[^\n]*\n {2}read diff [\d.]+ms [^\n]*files=1\n {2}file history [\d.]+ms [^\n]*asked=\d+[^\n]*\n {2}write [\d.]+ms/m,
    );
    // and why the engine wrote its scope, or none
    expect(result.stderr).toMatch(/^scope (none|\S+)( \(best \S+\))?: /m);
  });
});

describe('the offline body', () => {
  it('has no empty item when a .gitkeep is staged with tests', () => {
    repo = createMathRepo();
    repo.write('test/fixtures/.gitkeep', '');
    repo.write(
      'test/math.test.ts',
      "import { add } from '../src/math';\ntest('adds', () => expect(add(1, 2)).toBe(3));\n",
    );
    repo.git('add', '.');
    const result = runCli(['commit', '--dry-run'], { cwd: repo.dir, env: { ...repo.env, GIT_AI_BODY: 'true' } });
    expect(result.code).toBe(0);
    const items = result.stdout.split('\n').filter((line) => line.startsWith('- '));
    expect(items.filter((line) => /\b(for|in|from|to)$/.test(line.trim()))).toEqual([]);
  });
});
