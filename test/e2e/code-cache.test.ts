// The V8 code cache of the commands chunk (src/cli/code-cache.ts, scripts/code-cache-plugin.ts), through the built
// CLI: on Node 20 the first run writes it (0600 in a 0700 directory under the user's cache dir), a later run reads
// it, a corrupt file is replaced, and a cache directory that cannot be made changes nothing the user sees; on Node
// 22.1+ too, whose own compile cache (src/cli/entry.ts) the other chunks use.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MATH_WITH_MULTIPLY, createMathRepo, runCli, type TempRepo } from '../support/temp-repo.js';

let repo: TempRepo;
afterEach(() => repo?.cleanup());

/** A repository with a staged change. */
function stagedRepo(): TempRepo {
  const made = createMathRepo();
  made.write('src/math.ts', MATH_WITH_MULTIPLY);
  made.git('add', '.');
  return made;
}

function codeDir(): string {
  return join(repo.env.XDG_CACHE_HOME!, 'git-ai', 'code');
}

function codeFiles(): string[] {
  try {
    return readdirSync(codeDir());
  } catch {
    return [];
  }
}

/** An offline dry run: the commands chunk's code from argv to the message. */
function dryRun(env: NodeJS.ProcessEnv = repo.env) {
  return runCli(['commit', '--dry-run', '-y'], { cwd: repo.dir, env });
}

describe('the code cache of the commands chunk', () => {
  it('is written by the first run, private, and read by the next without rewriting it', () => {
    repo = stagedRepo();
    const first = dryRun();
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const [file, ...others] = codeFiles();
    expect(others).toEqual([]);
    expect(file).toMatch(/^commands-\w+\.cjs-\d+-v\d+\.\d+\.\d+-\w+-[0-9a-f]+\.bin$/);
    const path = join(codeDir(), file!);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(codeDir()).mode & 0o777).toBe(0o700);
    const written = readFileSync(path);
    expect(written.length).toBeGreaterThan(10_000);
    const mtime = statSync(path).mtimeMs;

    const second = dryRun();
    expect(second).toEqual(first);
    expect(codeFiles()).toEqual([file]);
    expect(statSync(path).mtimeMs).toBe(mtime);
  });

  it('ignores a corrupt cache file and replaces it', () => {
    repo = stagedRepo();
    const first = dryRun();
    const [file] = codeFiles();
    const path = join(codeDir(), file!);
    const garbage = Buffer.alloc(4096, 0x5a);
    writeFileSync(path, garbage);

    const second = dryRun();
    expect(second).toEqual(first);
    const replaced = readFileSync(path);
    expect(replaced.equals(garbage)).toBe(false);
    expect(replaced.length).toBeGreaterThan(10_000);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(codeFiles()).toEqual([file]);
  });

  it('runs as without it when the cache directory cannot be made', () => {
    repo = stagedRepo();
    const expected = dryRun();
    // XDG_CACHE_HOME is a file: nothing can be made under it (root ignores a directory's mode, not this).
    const blocked = join(repo.home, 'not-a-dir');
    writeFileSync(blocked, '');
    const run = dryRun({ ...repo.env, XDG_CACHE_HOME: blocked });
    expect(run.stderr).toBe('');
    expect(run).toEqual(expected);
    expect(readFileSync(blocked, 'utf8')).toBe('');
  });
});
