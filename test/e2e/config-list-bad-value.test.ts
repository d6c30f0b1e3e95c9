// `git-ai config list` with bad settings: every key is still listed, each bad one marked, and said below with its fix.
import { afterEach, expect, it } from 'vitest';
import { createTempRepo, runCli, type TempRepo } from '../support/temp-repo.js';

let repo: TempRepo;
afterEach(() => repo?.cleanup());

it('lists everything, marks the bad values and says where each is and how to fix it', () => {
  repo = createTempRepo();
  repo.git('config', 'ai.timeout', 'abc');
  expect(runCli(['config', 'set', 'style', 'plain'], { cwd: repo.dir, env: repo.env }).code).toBe(0);
  const env = { ...repo.env, GIT_AI_MAX_TOKENS: 'lots' };
  const list = runCli(['config', 'list'], { cwd: repo.dir, env });
  expect(list.code).toBe(0);
  expect(list.stderr).toBe('');
  const [table = '', notes = ''] = list.stdout.split('\n\n');
  expect(table).toMatch(/^style\s+plain\s+user file$/m);
  expect(table).toMatch(/^timeout\s+20\s+default \(a bad value was ignored, see below\)$/m);
  expect(table).toMatch(/^max-tokens\s+\d+\s+default \(a bad value was ignored, see below\)$/m);
  const ignored = notes.trim().split('\n');
  expect(ignored).toHaveLength(2);
  expect(ignored.find((line) => line.includes('timeout'))).toMatch(
    /^ignored: git config ai\.timeout: timeout must be .*'abc'.*git config/,
  );
  expect(ignored.find((line) => line.includes('max-tokens'))).toMatch(
    /^ignored: GIT_AI_MAX_TOKENS: max-tokens must be .*'lots'/,
  );
  // Everything else still fails on the bad value, naming it.
  const get = runCli(['config', 'get', 'timeout'], { cwd: repo.dir, env });
  expect(get.code).not.toBe(0);
  expect(get.stderr.split('\n')).toHaveLength(2);
});
