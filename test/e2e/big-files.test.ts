// Files above the big-file threshold, end to end (the threshold made small with GIT_AI_BIG_FILE_BYTES): a lockfile of
// ordinary lines is still diffed, so the offline engine reads its bump; a minified bundle is said, once, on stderr.
import { afterEach, describe, expect, it } from 'vitest';
import { createTempRepo, runCli, type TempRepo } from '../support/temp-repo.js';

let repo: TempRepo;
afterEach(() => repo?.cleanup());

/** An npm lockfile (v3) of 3,000 packages (~0.7 MB), pkg-1500 at `bumped`. */
function lockfile(bumped: string): string {
  const packages: Record<string, unknown> = { '': { name: 'app', dependencies: { 'pkg-1500': `^${bumped}` } } };
  for (let i = 0; i < 3000; i++) {
    packages[`node_modules/pkg-${i}`] = {
      version: i === 1500 ? bumped : '1.0.0',
      resolved: `https://registry.npmjs.org/pkg-${i}/-/pkg-${i}-1.0.0.tgz`,
      integrity: `sha512-${'a'.repeat(80)}`,
    };
  }
  return `${JSON.stringify({ name: 'app', lockfileVersion: 3, requires: true, packages }, null, 2)}\n`;
}

function start(): TempRepo {
  repo = createTempRepo();
  repo.env.GIT_AI_BIG_FILE_BYTES = String(64 * 1024);
  repo.write('src/a.ts', 'export const a = 1;\n');
  repo.write('package-lock.json', lockfile('1.0.0'));
  repo.git('add', '.');
  repo.git('commit', '-q', '-m', 'build: lock');
  return repo;
}

describe('a file above the big-file threshold', () => {
  it('a lockfile of ordinary lines is diffed after all: the offline engine writes its bump, silently', () => {
    start();
    repo.write('package-lock.json', lockfile('1.1.0'));
    repo.git('add', '.');
    const result = runCli(['commit', '--dry-run'], { cwd: repo.dir, env: repo.env });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/pkg-1500 .*1\.1\.0/);
  });

  it('a minified bundle: git ai prompt says what it withheld, and the offline engine still writes a message', () => {
    start();
    repo.write('web/app.bundle.js', `${'var a=function(b){return b*2};'.repeat(20_000)}\n`);
    repo.git('add', '.');
    const note =
      'git-ai: web/app.bundle.js is 0.6 MB of long lines, more than any request can use: read as its first 64 KiB, not diffed\n';
    const prompt = runCli(['prompt'], { cwd: repo.dir, env: repo.env });
    expect(prompt).toMatchObject({ code: 0, stderr: note });
    expect(prompt.stdout).toContain('A web/app.bundle.js (+1 -0) [1 long line cut]');
    const commit = runCli(['commit', '--dry-run'], { cwd: repo.dir, env: repo.env });
    expect(commit).toMatchObject({ code: 0, stderr: note });
    expect(commit.stdout.split('\n')[0]).toMatch(/^\w+(\([\w-]+\))?: \S/);
  });
});
