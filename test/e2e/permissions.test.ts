// Permission and disk problems end in one line (what failed, the path, what to do) and a non-zero exit; nothing half-written.
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { commitResponder } from '../support/commit-responder.js';
import { makeReadOnly, runCliRespectingModes, runCliRespectingModesAsync } from '../support/permissions.js';
import { startProviderServer } from '../support/provider-server.js';
import { remoteEnv } from '../support/remote-env.js';
import { MATH_WITH_MULTIPLY, createMathRepo, type TempRepo } from '../support/temp-repo.js';

let repo: TempRepo;
let restore: Array<() => void> = [];
afterEach(() => {
  for (const undo of restore.reverse()) undo();
  restore = [];
  repo?.cleanup();
});

function readOnly(path: string): void {
  restore.push(makeReadOnly(path));
}

/** One stderr line in git-ai's form, no stack trace, and the exit code. */
function expectOneLine(result: { code: number; stdout: string; stderr: string }, pattern: RegExp): void {
  expect(result.code).toBe(1);
  expect(result.stdout).toBe('');
  expect(result.stderr.split('\n')).toEqual([expect.stringMatching(pattern), '']);
  expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
}

describe('permission and file system errors', () => {
  it('hook install with a read-only .git names the hooks directory', () => {
    repo = createMathRepo();
    const hooks = join(repo.dir, '.git/hooks');
    const before = readdirSync(hooks).sort();
    readOnly(join(repo.dir, '.git'));
    const result = runCliRespectingModes(['hook', 'install'], { cwd: repo.dir, env: repo.env });
    expectOneLine(
      result,
      /^git-ai: Could not install the prepare-commit-msg hook at .*\/\.git\/hooks\/prepare-commit-msg: permission denied \(.*\/\.git\/hooks\)\. Check the owner and mode of .*\/\.git\/hooks /,
    );
    expect(readdirSync(hooks).sort()).toEqual(before);
  });

  it('config set in a config directory it may not write leaves the file as it was', () => {
    repo = createMathRepo();
    const dir = join(repo.home, '.config/git-ai');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'config.ini'), '[default]\nmax_commit_length = 50\n');
    readOnly(dir);
    const result = runCliRespectingModes(['config', 'set', 'max-commit-length', '60'], {
      cwd: repo.dir,
      env: repo.env,
    });
    expectOneLine(
      result,
      /^git-ai: Could not save the config file .*\/\.config\/git-ai\/config\.ini: permission denied \(.*\/\.config\/git-ai\)\. /,
    );
    expect(readFileSync(join(dir, 'config.ini'), 'utf8')).toBe('[default]\nmax_commit_length = 50\n');
    expect(readdirSync(dir)).toEqual(['config.ini']);
  });

  it('config set where the config directory cannot be made names its parent', () => {
    repo = createMathRepo();
    const parent = join(repo.home, '.config');
    mkdirSync(parent, { recursive: true });
    readOnly(parent);
    const result = runCliRespectingModes(['config', 'set', 'style', 'plain'], { cwd: repo.dir, env: repo.env });
    expectOneLine(result, /^git-ai: Could not save the config file .*: permission denied \(.*\/home\/\.config\)\. /);
    expect(existsSync(join(parent, 'git-ai'))).toBe(false);
  });

  it('a config file it may not read is one line, for every command that loads the config', () => {
    repo = createMathRepo();
    const file = join(repo.home, '.config/git-ai/config.ini');
    mkdirSync(join(repo.home, '.config/git-ai'), { recursive: true });
    writeFileSync(file, '[default]\nstyle = plain\n');
    chmodSync(file, 0o000);
    restore.push(() => chmodSync(file, 0o600));
    repo.write('src/math.ts', MATH_WITH_MULTIPLY);
    repo.git('add', '.');
    for (const args of [['config', 'list'], ['commit', '--dry-run'], ['prompt']]) {
      const result = runCliRespectingModes(args, { cwd: repo.dir, env: repo.env });
      expectOneLine(
        result,
        /^git-ai: Could not read the config file .*config\.ini: permission denied\. Check the owner and mode of .*config\.ini /,
      );
    }
  });

  it('a directory where the config file should be is one line for set and list', () => {
    repo = createMathRepo();
    mkdirSync(join(repo.home, '.config/git-ai/config.ini'), { recursive: true });
    for (const args of [
      ['config', 'set', 'style', 'plain'],
      ['config', 'list'],
    ]) {
      const result = runCliRespectingModes(args, { cwd: repo.dir, env: repo.env });
      expectOneLine(result, /^git-ai: Could not (save|read) the config file .*config\.ini: a directory is in the way/);
    }
  });

  it('commit --yes with a temporary directory it may not write commits nothing and keeps the index', () => {
    repo = createMathRepo();
    repo.write('src/math.ts', MATH_WITH_MULTIPLY);
    repo.git('add', '.');
    const tmp = join(repo.home, 'tmp');
    mkdirSync(tmp);
    readOnly(tmp);
    const staged = repo.git('diff', '--cached');
    const result = runCliRespectingModes(['commit', '--yes'], { cwd: repo.dir, env: { ...repo.env, TMPDIR: tmp } });
    expectOneLine(
      result,
      /^git-ai: Could not write the message for git commit to a temporary file in .*\/tmp: permission denied\. Check the owner and mode of .*\/tmp /,
    );
    expect(repo.git('rev-list', '--count', 'HEAD').trim()).toBe('1');
    expect(repo.git('diff', '--cached')).toBe(staged);
  });

  it('an unwritable cache directory: the remote engine answers, uncached, and says nothing', async () => {
    repo = createMathRepo();
    repo.write('src/math.ts', MATH_WITH_MULTIPLY);
    repo.git('add', '.');
    const cache = join(repo.home, '.cache');
    mkdirSync(cache, { recursive: true });
    readOnly(cache);
    const server = await startProviderServer({ apiKey: 'test-key', respond: commitResponder() });
    try {
      const env = remoteEnv(server, repo.env);
      for (const round of [1, 2]) {
        const result = await runCliRespectingModesAsync(['commit', '--dry-run'], { cwd: repo.dir, env });
        expect(result).toMatchObject({ code: 0, stderr: '', stdout: 'feat(widgets): add the widget registry\n' });
        expect(server.requests).toHaveLength(round); // nothing was cached: the second run asks again
      }
      expect(readdirSync(cache)).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
