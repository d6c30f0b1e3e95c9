// `git-ai config get api-key` through the built CLI: masked as `config list` shows it, in clear only with --show-secret.
import { afterEach, expect, it } from 'vitest';
import { createTempRepo, runCli, type TempRepo } from '../support/temp-repo.js';

let repo: TempRepo;
afterEach(() => repo?.cleanup());

it('config get masks the API key unless --show-secret is given', () => {
  repo = createTempRepo();
  const key = 'sk-proj-Zq81mVx0Lr4Tn2Wc7Yb5Ud9Ke3Hf6Jg';
  expect(runCli(['config', 'set', 'api-key', key], { cwd: repo.dir, env: repo.env }).code).toBe(0);
  const masked = runCli(['config', 'get', 'api-key'], { cwd: repo.dir, env: repo.env });
  expect(masked).toEqual({ code: 0, stdout: 'sk-…f6Jg\n', stderr: '' });
  const list = runCli(['config', 'list'], { cwd: repo.dir, env: repo.env });
  expect(list.stdout).toMatch(/^api-key\s+sk-…f6Jg\s+user file$/m);
  expect(runCli(['config', 'get', 'api-key', '--show-secret'], { cwd: repo.dir, env: repo.env })).toEqual({
    code: 0,
    stdout: `${key}\n`,
    stderr: '',
  });
  expect(runCli(['config', 'get', 'model', '--show-secret'], { cwd: repo.dir, env: repo.env })).toEqual({
    code: 0,
    stdout: '',
    stderr: '',
  });
});
