import { chmodSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runConfigCommand } from '../../../src/cli/commands/config.js';
import type { ConfigAction } from '../../../src/cli/commands/config.js';
import { findKey, propertyOf } from '../../../src/config/keys.js';
import { loadConfig } from '../../../src/config/load.js';
import { UserError } from '../../../src/errors.js';
import { createTempRepo } from '../../support/temp-repo.js';
import type { TempRepo } from '../../support/temp-repo.js';

let repo: TempRepo;
beforeEach(() => {
  repo = createTempRepo();
});
afterEach(() => repo.cleanup());

const userFile = () => join(repo.home, '.config', 'git-ai', 'config.ini');
const userDir = () => dirname(userFile());
const run = (action: ConfigAction, key?: string, value?: string, env: NodeJS.ProcessEnv = {}) =>
  runConfigCommand({ action, key, value, cwd: repo.dir, env: { ...repo.env, ...env } });

async function runError(action: ConfigAction, key?: string, value?: string): Promise<UserError> {
  const error = await run(action, key, value).catch((caught: unknown) => caught);
  if (!(error instanceof UserError)) throw new Error(`expected a UserError, got ${String(error)}`);
  return error;
}

describe('config path and get', () => {
  it('prints the path under XDG_CONFIG_HOME', async () => {
    expect(await run('path')).toBe(userFile());
    expect(await run('path', undefined, undefined, { XDG_CONFIG_HOME: '/elsewhere' })).toBe(
      '/elsewhere/git-ai/config.ini',
    );
  });

  it.each([
    ['max-commit-length', '72'],
    ['MAX_COMMIT_LENGTH', '72'],
    ['exclude', ''],
    ['provider', ''],
    ['body', 'auto'],
  ])('get %s prints the default %j', async (key, value) => {
    expect(await run('get', key)).toBe(value);
  });

  it('get prints the effective value from any layer, a secret masked as list masks it unless showSecret', async () => {
    repo.git('config', 'ai.model', 'x');
    expect(await run('get', 'model')).toBe('x');
    const env = { ...repo.env, OPENAI_API_KEY: 'sk-proj-1234567890abcd' };
    expect(await run('get', 'api-key', undefined, env)).toBe('sk-…abcd');
    expect(await runConfigCommand({ action: 'get', key: 'api-key', cwd: repo.dir, env, showSecret: true })).toBe(
      'sk-proj-1234567890abcd',
    );
    expect(await runConfigCommand({ action: 'get', key: 'model', cwd: repo.dir, env, showSecret: true })).toBe('x');
    expect(await run('get', 'api-key')).toBe(''); // unset stays empty, not a mask of nothing
  });
});

describe('config set, unset, reset', () => {
  it("takes the Rust git-ai's `config set max-commit-length 1024`", async () => {
    expect(await run('set', 'max-commit-length', '1024')).toBe(`Set max-commit-length = 1024 in ${userFile()}`);
    expect(await run('get', 'max-commit-length')).toBe('1024');
  });

  it('round-trips a value through set, get, unset', async () => {
    expect(await run('set', 'max_commit_length', '100')).toBe(`Set max-commit-length = 100 in ${userFile()}`);
    expect(await run('get', 'max-commit-length')).toBe('100');
    expect(readFileSync(userFile(), 'utf8')).toBe('[default]\nmax-commit-length = 100\n');
    expect(await run('unset', 'MAX-COMMIT-LENGTH')).toBe(`Unset max-commit-length in ${userFile()}`);
    expect(await run('get', 'max-commit-length')).toBe('72');
    expect(await run('unset', 'max-commit-length')).toContain('is not set');
  });

  it.each([
    ['enable-multi-step', 'off', 'false', false],
    ['exclude', ' *.lock , dist/** ', '*.lock,dist/**', ['*.lock', 'dist/**']],
    ['style', 'GITMOJI', 'gitmoji', 'gitmoji'],
    ['timeout', '1.5', '1.5', 1.5],
    ['openai-base-url', 'http://127.0.0.1:8080/v1', 'http://127.0.0.1:8080/v1', 'http://127.0.0.1:8080/v1'],
    ['model', 'a;b#c = d', 'a;b#c = d', 'a;b#c = d'],
  ])('set %s %j stores %j and loads it typed', async (key, value, stored, typed) => {
    await run('set', key, value);
    expect(await run('get', key)).toBe(stored);
    const { config } = await loadConfig({ cwd: repo.dir, env: repo.env });
    expect(config[propertyOf(findKey(key)!)]).toEqual(typed);
  });

  it('writes the file with mode 0600 in a new 0700 directory, and leaves no temp file', async () => {
    await run('set', 'model', 'a');
    await run('set', 'body', 'no');
    expect(statSync(userFile()).mode & 0o777).toBe(0o600);
    expect(statSync(userDir()).mode & 0o777).toBe(0o700);
    expect(readdirSync(userDir())).toEqual(['config.ini']);
  });

  it('keeps other sections, comments and unknown-but-valid lines', async () => {
    mkdirSync(userDir(), { recursive: true });
    writeFileSync(
      userFile(),
      '# my settings\n[default]\n; the model\nmodel = old\n\n[profile.work]\nmodel = other\nx = 1\n',
    );
    await run('set', 'model', 'new');
    await run('set', 'candidates', '2');
    await run('unset', 'candidates');
    expect(readFileSync(userFile(), 'utf8')).toBe(
      '# my settings\n[default]\n; the model\nmodel = new\n\n[profile.work]\nmodel = other\nx = 1\n',
    );
  });

  it.each([
    ['unknown key', ['set', 'max-comit-length', '60'], 'CONFIG_UNKNOWN_KEY', "did you mean 'max-commit-length'?"],
    [
      'bad value',
      ['set', 'max-commit-length', 'abc'],
      'CONFIG_INVALID',
      "max-commit-length must be a whole number from 20 to 1024, got 'abc'.",
    ],
    [
      'bad URL',
      ['set', 'base-url', 'example.com'],
      'CONFIG_INVALID',
      "base-url must be an http(s) URL, got 'example.com'.",
    ],
    ['unknown key to unset', ['unset', 'colour'], 'CONFIG_UNKNOWN_KEY', 'valid keys: provider, model,'],
    ['missing key', ['set'], 'USAGE', 'usage: git-ai config set <key> <value>'],
    ['missing value', ['set', 'model'], 'USAGE', 'usage: git-ai config set <key> <value>'],
    ['missing key to get', ['get'], 'USAGE', 'usage: git-ai config get <key>'],
    ['missing key to unset', ['unset'], 'USAGE', 'usage: git-ai config unset <key>'],
  ] as const)('refuses a %s and leaves the file byte for byte', async (_case, [action, key, value], code, message) => {
    mkdirSync(userDir(), { recursive: true });
    const before = '; hand-written\r\n[default]\r\nmodel = keep   ; note\r\n[other]\r\nx=1';
    writeFileSync(userFile(), before, { mode: 0o644 });
    chmodSync(userFile(), 0o644);
    const error = await runError(action, key, value);
    expect(error.code).toBe(code);
    expect(error.message).toContain(message);
    expect(readFileSync(userFile(), 'utf8')).toBe(before);
    expect(statSync(userFile()).mode & 0o777).toBe(0o644);
    expect(readdirSync(userDir())).toEqual(['config.ini']);
  });

  it('refuses to edit a corrupt file and points to reset, which removes it', async () => {
    mkdirSync(userDir(), { recursive: true });
    writeFileSync(userFile(), '[default\nmodel = x\n');
    const error = await runError('set', 'model', 'y');
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.hint).toContain('git-ai config reset');
    expect(readFileSync(userFile(), 'utf8')).toBe('[default\nmodel = x\n');
    expect(await run('reset')).toContain(`Removed ${userFile()}`);
    expect(existsSync(userFile())).toBe(false);
    expect(await run('get', 'model')).toBe('');
    expect(await run('reset')).toContain('nothing to reset');
  });

  it('says when a higher layer overrides the value just set', async () => {
    repo.git('config', 'ai.model', 'from-git');
    expect(await run('set', 'model', 'mine')).toContain('Note: git config ai.model overrides it here.');
    expect(await run('set', 'style', 'plain', { GIT_AI_STYLE: 'gitmoji' })).toContain(
      'Note: GIT_AI_STYLE overrides it here.',
    );
  });
});

describe('config list', () => {
  it('lists effective values and sources, masking secrets', async () => {
    expect(await run('set', 'api-key', 'sk-proj-1234567890abcd')).toBe(`Set api-key = sk-…abcd in ${userFile()}`);
    repo.git('config', 'ai.model', 'x');
    const list = await run('list', undefined, undefined, { GIT_AI_TIMEOUT: '9' });
    const row = (key: string) =>
      list
        .split('\n')
        .find((line) => line.startsWith(`${key} `))
        ?.split(/\s{2,}/);
    expect(row('api-key')).toEqual(['api-key', 'sk-…abcd', 'user file']);
    expect(row('model')).toEqual(['model', 'x', 'git config ai.model']);
    expect(row('timeout')).toEqual(['timeout', '9', 'env GIT_AI_TIMEOUT']);
    expect(row('style')).toEqual(['style', 'auto', 'default']);
    expect(row('exclude')).toEqual(['exclude', '(none)', 'default']);
    expect(list).not.toContain('1234567890');
    expect(await run('get', 'openai-api-key')).toBe('sk-…abcd');
  });
});
