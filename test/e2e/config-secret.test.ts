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

it("config set, get and list hide a base-url's password (and a user part alone, often a token) unless --show-secret", () => {
  repo = createTempRepo();
  const run = (args: string[]) => runCli(args, { cwd: repo.dir, env: repo.env });
  const url = 'https://gateway:Vq7rT2xLm9Pz@llm.example.com/v1';
  expect(run(['config', 'set', 'base-url', url]).stdout).toContain(
    'Set base-url = https://gateway:…@llm.example.com/v1',
  );
  expect(run(['config', 'get', 'base-url'])).toEqual({
    code: 0,
    stdout: 'https://gateway:…@llm.example.com/v1\n',
    stderr: '',
  });
  expect(run(['config', 'list']).stdout).toMatch(/^base-url\s+https:\/\/gateway:…@llm\.example\.com\/v1\s+user file$/m);
  expect(run(['config', 'get', 'base-url', '--show-secret']).stdout).toBe(`${url}\n`);
  expect(run(['config', 'list']).stdout).not.toContain('Vq7rT2xLm9Pz');
  run(['config', 'set', 'base-url', 'https://ghp_Q2w8Er5Ty1Ui3Op7As@llm.example.com/v1']);
  expect(run(['config', 'get', 'base-url']).stdout).toBe('https://…@llm.example.com/v1\n');
  run(['config', 'set', 'base-url', 'http://127.0.0.1:11434/v1']);
  expect(run(['config', 'get', 'base-url']).stdout).toBe('http://127.0.0.1:11434/v1\n');
});
