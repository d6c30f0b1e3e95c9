// A config or cache directory that can never be made (under /proc, where mkdir says ENOENT though the parent is
// there): Node 20's recursive mkdir retried it for ever, so `config set`, a dry run and the hook itself never ended.
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { BUILT_CLI, MATH_WITH_MULTIPLY, createMathRepo, type TempRepo } from '../support/temp-repo.js';

let repo: TempRepo;
afterEach(() => repo?.cleanup());

// Each run is given 20 s: without the fix it is killed by the timeout (signal SIGTERM).
function run(args: string[], env: NodeJS.ProcessEnv) {
  return spawnSync(process.execPath, [BUILT_CLI, ...args], { cwd: repo.dir, env, encoding: 'utf8', timeout: 20_000 });
}

describe.skipIf(process.platform !== 'linux')('a directory that cannot be made', () => {
  it('config set under an XDG_CONFIG_HOME in /proc ends in one line and exit 1, the config untouched', () => {
    repo = createMathRepo();
    const result = run(['config', 'set', 'model', 'gpt-4o'], { ...repo.env, XDG_CONFIG_HOME: '/proc/git-ai-test' });
    expect(result.signal).toBeNull();
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /^git-ai: Could not save the config file \/proc\/git-ai-test\/git-ai\/config\.ini: no directory can be made there \(\/proc\)\. .*XDG_CONFIG_HOME.*\n$/,
    );
    expect(result.stderr.split('\n')).toHaveLength(2);
  });

  it('a cache in /proc only goes unwritten: the dry run prints its message and the hook commits', () => {
    repo = createMathRepo();
    repo.write('src/math.ts', MATH_WITH_MULTIPLY);
    repo.git('add', '.');
    const env = { ...repo.env, XDG_CACHE_HOME: '/proc/git-ai-test' };
    const dry = run(['commit', '--dry-run'], env);
    expect(dry.signal).toBeNull();
    expect(dry.status).toBe(0);
    expect(dry.stdout).toMatch(/multiply/);
    expect(run(['hook', 'install'], repo.env).status).toBe(0);
    const commit = spawnSync('git', ['commit', '-q'], { cwd: repo.dir, env, encoding: 'utf8', timeout: 20_000 });
    expect(commit.signal).toBeNull();
    expect(commit.status).toBe(0);
    expect(repo.git('log', '-1', '--format=%s').trim()).toMatch(/multiply/);
  });
});
