// The built CLI in real temporary repositories, as a user runs it.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  BUILT_CLI,
  CONVENTIONAL_HEADER,
  MATH_WITH_MULTIPLY,
  createMathRepo,
  createTempRepo,
  runCli,
  type TempRepo,
} from '../support/temp-repo.js';

let repo: TempRepo;
afterEach(() => repo?.cleanup());

function seed(): TempRepo {
  repo = createMathRepo();
  return repo;
}

describe('git-ai commit', () => {
  it('prints a Conventional Commit for the staged change with --dry-run and commits nothing', () => {
    seed();
    repo.write('src/math.ts', MATH_WITH_MULTIPLY);
    repo.git('add', '.');
    const result = runCli(['commit', '--dry-run'], { cwd: repo.dir, env: repo.env });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const [subject] = result.stdout.split('\n');
    expect(subject).toMatch(CONVENTIONAL_HEADER);
    expect(subject).toContain('multiply');
    expect(subject!.length).toBeLessThanOrEqual(72);
    expect(repo.git('rev-list', '--count', 'HEAD').trim()).toBe('1');
    expect(repo.git('diff', '--cached', '--name-only').trim()).toBe('src/math.ts');
  });

  it('describes the whole staged change from a subdirectory, as from the top', () => {
    seed();
    repo.write('src/math.ts', MATH_WITH_MULTIPLY);
    repo.write('docs/usage.md', '# Usage\n\nCall add and multiply.\n');
    repo.git('add', '.');
    const top = runCli(['commit', '--dry-run'], { cwd: repo.dir, env: repo.env });
    const inDocs = runCli(['commit', '--dry-run'], { cwd: join(repo.dir, 'docs'), env: repo.env });
    expect(top.code).toBe(0);
    expect(inDocs).toEqual(top);
    const prompt = runCli(['prompt'], { cwd: join(repo.dir, 'docs'), env: repo.env });
    expect(prompt.code).toBe(0);
    const files = (JSON.parse(prompt.stdout) as { files: Array<{ path: string }> }).files.map((file) => file.path);
    expect(files.sort()).toEqual(['docs/usage.md', 'src/math.ts']);
  });

  it('behaves like --dry-run without a terminal and without --yes', () => {
    seed();
    repo.write('README.md', '# Math\n\nAdds numbers.\n');
    repo.git('add', '.');
    const result = runCli(['commit'], { cwd: repo.dir, env: repo.env });
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toMatch(/^docs/);
    expect(repo.git('rev-list', '--count', 'HEAD').trim()).toBe('1');
  });

  it('commits with --yes, passing arguments after -- to git commit', () => {
    seed();
    repo.write(
      'test/math.test.ts',
      "import { add } from '../src/math';\ntest('adds', () => expect(add(1, 2)).toBe(3));\n",
    );
    repo.git('add', '.');
    const result = runCli(['commit', '--yes', '--', '--author', 'Other Person <other@example.com>'], {
      cwd: repo.dir,
      env: repo.env,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(repo.git('log', '-1', '--format=%an|%s').trim()).toMatch(/^Other Person\|test/);
    expect(repo.git('diff', '--cached', '--name-only').trim()).toBe('');
  });

  it('with --all describes tracked changes without touching the index until it commits', () => {
    seed();
    repo.write(
      'src/math.ts',
      'export function add(a: number, b: number): number {\n  if (Number.isNaN(a)) return b;\n  return a + b;\n}\n',
    );
    const dry = runCli(['commit', '--all', '--dry-run'], { cwd: repo.dir, env: repo.env });
    expect(dry.code).toBe(0);
    expect(dry.stdout.split('\n')[0]).toMatch(CONVENTIONAL_HEADER);
    expect(repo.git('diff', '--cached', '--name-only').trim()).toBe('');
    const real = runCli(['commit', '-a', '-y'], { cwd: repo.dir, env: repo.env });
    expect(real.code).toBe(0);
    expect(repo.git('status', '--porcelain').trim()).toBe('');
    expect(repo.git('log', '-1', '--format=%s').trim()).toBe(dry.stdout.split('\n')[0]);
  });

  it('works in a repository with no commits yet', () => {
    repo = createTempRepo();
    repo.write('package.json', '{ "name": "demo", "version": "1.0.0" }\n');
    repo.write('index.js', 'export const greet = (name) => `hello ${name}`;\n');
    repo.git('add', '.');
    const result = runCli(['commit', '--dry-run'], { cwd: repo.dir, env: repo.env });
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toMatch(CONVENTIONAL_HEADER);
  });

  it('runs as `git ai` when git-ai is on PATH', () => {
    seed();
    repo.write('docs/guide.md', '# Guide\n');
    repo.git('add', '.');
    const bin = join(repo.home, 'bin');
    mkdirSync(bin);
    symlinkSync(BUILT_CLI, join(bin, 'git-ai'));
    chmodSync(BUILT_CLI, 0o755);
    const env = { ...repo.env, PATH: `${bin}:${process.env.PATH ?? ''}` };
    const text = execFileSync('git', ['ai', 'commit', '--dry-run'], { cwd: repo.dir, env, encoding: 'utf8' });
    expect(text.split('\n')[0]).toMatch(/^docs/);
  });
});

describe('git-ai commit errors', () => {
  it('with nothing staged', () => {
    seed();
    const result = runCli(['commit', '--dry-run'], { cwd: repo.dir, env: repo.env });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^git-ai: Nothing is staged to commit\. .*git add/);
  });

  it('outside a repository', () => {
    repo = createTempRepo({ init: false });
    const result = runCli(['commit'], {
      cwd: repo.dir,
      env: { ...repo.env, GIT_CEILING_DIRECTORIES: join(repo.dir, '..') },
    });
    expect(result.code).toBe(1);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(
      /^git-ai: \S+ is not in a git repository\. Run git-ai inside a git work tree, or create one with `git init`\.\n$/,
    );
  });

  it('without git on PATH', () => {
    seed();
    const result = runCli(['commit'], { cwd: repo.dir, env: { ...repo.env, PATH: join(repo.home, 'empty-bin') } });
    expect(result.code).toBe(1);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/git was not found on PATH/);
  });

  it('with a conflicted index', () => {
    seed();
    repo.git('checkout', '-q', '-b', 'other');
    repo.write('src/math.ts', 'export const x = 1;\n');
    repo.git('commit', '-q', '-am', 'one side');
    repo.git('checkout', '-q', 'main');
    repo.write('src/math.ts', 'export const x = 2;\n');
    repo.git('commit', '-q', '-am', 'other side');
    try {
      repo.git('merge', '-q', 'other');
    } catch {
      // the conflict is the point
    }
    const result = runCli(['commit', '--dry-run'], { cwd: repo.dir, env: repo.env });
    expect(result.code).toBe(1);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/unresolved conflicts \(src\/math\.ts\)/);
  });

  it('asks for the remote engine with no API key: one line naming the fix', () => {
    seed();
    repo.write('a.txt', 'a\n');
    repo.git('add', '.');
    const result = runCli(['commit', '--engine', 'remote'], { cwd: repo.dir, env: repo.env });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^git-ai: .*config set api-key/);
  });

  it('rejects an unknown command and an unknown option with exit 2', () => {
    seed();
    expect(runCli(['frobnicate'], { cwd: repo.dir, env: repo.env })).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/Unknown command 'frobnicate'/),
    });
    expect(runCli(['commit', '--frob'], { cwd: repo.dir, env: repo.env })).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/Unknown option/),
    });
  });
});

describe('git-ai --version and --help', () => {
  it.each([[['--version']], [['--help']], [['commit', '--help']], [['config', '--help']]])(
    '%j exits 0 with output',
    (args) => {
      repo = createTempRepo({ init: false });
      const result = runCli(args, { cwd: repo.dir, env: repo.env });
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(args[0] === '--version' ? /^git-ai\/\d+\.\d+\.\d+/ : /Usage:/);
    },
  );
});
