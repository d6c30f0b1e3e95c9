// The hook in a repository linted by the real commitlint: twenty plain `git commit`s, every message passes.
import { execFileSync, spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { COMMITLINT_CLI, CONVENTIONAL, installCommitlint, writeCommitlintConfig } from '../support/commitlint.js';
import { createTempRepo, runCli, type TempRepo } from '../support/temp-repo.js';

let repo: TempRepo;
afterEach(() => repo?.cleanup());

const STRICT = {
  ...CONVENTIONAL,
  rules: {
    'header-max-length': [2, 'always', 50],
    'subject-case': [2, 'always', 'sentence-case'],
    'body-max-line-length': [2, 'always', 72],
  },
};

/** The twenty changes: sources added and edited, docs, a dependency, tests, a removal, a rename, CI. */
function makeChange(index: number): void {
  const kind = index % 7;
  if (kind === 0)
    repo.write(
      `src/feature${index}.ts`,
      `export function computeFeature${index}(input: number): number {\n  return input * ${index};\n}\n`,
    );
  if (kind === 1)
    repo.write(
      'src/core.ts',
      `export const LIMIT = ${index};\n\nexport function clampValue(value: number): number {\n  return Math.min(value, LIMIT + ${index});\n}\n`,
    );
  if (kind === 2) repo.write('docs/guide.md', `# Guide\n\n## Section ${index}\n\nHow to use the limit of ${index}.\n`);
  if (kind === 3)
    repo.write(
      'package.json',
      `${JSON.stringify({ name: 'demo', version: `1.0.${index}`, dependencies: { leftpad: `^1.${index}.0` } }, null, 2)}\n`,
    );
  if (kind === 4)
    repo.write(
      `test/feature${index - 4}.test.ts`,
      `import { computeFeature${index - 4} } from '../src/feature${index - 4}';\n\ntest('computes', () => {\n  expect(computeFeature${index - 4}(2)).toBe(${2 * (index - 4)});\n});\n`,
    );
  if (kind === 5)
    repo.write(
      '.github/workflows/ci.yml',
      `name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${index}\n`,
    );
  if (kind === 6) repo.git('mv', `src/feature${index - 6}.ts`, `src/renamed${index}.ts`);
  repo.git('add', '-A');
}

describe('the prepare-commit-msg hook where commitlint checks every message', () => {
  it('20 commits, every message passes commitlint, trailers of -s and --trailer kept once', () => {
    repo = createTempRepo();
    installCommitlint(repo);
    writeCommitlintConfig(repo, STRICT);
    repo.write('README.md', '# demo\n');
    repo.git('add', '.');
    repo.git('commit', '-q', '-m', 'chore: start the demo');
    expect(runCli(['hook', 'install'], { cwd: repo.dir, env: repo.env }).code).toBe(0);
    const start = repo.git('rev-parse', 'HEAD').trim();

    const failed: string[] = [];
    for (let index = 0; index < 20; index++) {
      makeChange(index);
      const extra =
        index % 5 === 1 ? ['-s'] : index % 5 === 2 ? ['--trailer', 'Co-authored-by: Pat Doe <pat@example.com>'] : [];
      try {
        execFileSync('git', ['commit', '-q', ...extra], {
          cwd: repo.dir,
          env: repo.env,
          encoding: 'utf8',
          stdio: 'pipe',
        });
      } catch (error) {
        failed.push(`${index}: ${String((error as { stderr?: string }).stderr ?? error)}`);
      }
    }
    expect(failed).toEqual([]);
    // The real commitlint CLI over the twenty commits at once: the very messages a commit-msg hook running it would
    // have seen (git's clean-up is done before either), in one run instead of twenty.
    const lint = spawnSync(process.execPath, [COMMITLINT_CLI, '--from', start, '--to', 'HEAD'], {
      cwd: repo.dir,
      env: repo.env,
      encoding: 'utf8',
    });
    expect({ code: lint.status, output: `${lint.stdout}${lint.stderr}` }).toEqual({ code: 0, output: '' });
    expect(repo.git('rev-list', '--count', 'HEAD').trim()).toBe('21');
    const messages = repo
      .git('log', '-n20', '--format=%B%x1e')
      .split('\x1e')
      .map((message) => message.trim())
      .filter(Boolean);
    expect(messages).toHaveLength(20);
    for (const message of messages) expect(message.split('\n')[0]!.length).toBeLessThanOrEqual(50);
    const coAuthored = messages.filter((message) => message.includes('Co-authored-by: Pat Doe <pat@example.com>'));
    expect(coAuthored).toHaveLength(4);
    for (const message of coAuthored) expect(message.match(/Co-authored-by:/g)).toHaveLength(1);
    const signed = messages.filter((message) => message.includes('Signed-off-by: Test Author <author@example.com>'));
    expect(signed).toHaveLength(4);
    for (const message of signed) expect(message.match(/Signed-off-by:/g)).toHaveLength(1);
  }, 600_000);
});
