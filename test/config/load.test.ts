import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig, resolveConfigPath } from '../../src/config/load.js';
import type { ConfigFlags, ConfigSource } from '../../src/config/load.js';
import { UserError } from '../../src/errors.js';
import { createTempRepo } from '../support/temp-repo.js';
import type { TempRepo } from '../support/temp-repo.js';

let repo: TempRepo;
beforeEach(() => {
  repo = createTempRepo();
});
afterEach(() => repo.cleanup());

const userFile = () => join(repo.home, '.config', 'git-ai', 'config.ini');
function writeUserFile(text: string): void {
  mkdirSync(dirname(userFile()), { recursive: true });
  writeFileSync(userFile(), text);
}
const load = (options: { env?: NodeJS.ProcessEnv; flags?: ConfigFlags; cwd?: string } = {}) =>
  loadConfig({ cwd: options.cwd ?? repo.dir, env: { ...repo.env, ...options.env }, flags: options.flags });

async function loadError(options: Parameters<typeof load>[0] = {}): Promise<UserError> {
  const error = await load(options).catch((caught: unknown) => caught);
  if (!(error instanceof UserError)) throw new Error(`expected a UserError, got ${String(error)}`);
  return error;
}

describe('resolveConfigPath', () => {
  it.each([
    [{ HOME: '/home/u', XDG_CONFIG_HOME: '/xdg' }, '/xdg/git-ai/config.ini'],
    [{ HOME: '/home/u' }, '/home/u/.config/git-ai/config.ini'],
    [{ HOME: '/home/u', XDG_CONFIG_HOME: '' }, '/home/u/.config/git-ai/config.ini'],
    [{ HOME: '/home/u', XDG_CONFIG_HOME: 'relative/dir' }, '/home/u/.config/git-ai/config.ini'],
  ])('%j -> %s', (env, path) => {
    expect(resolveConfigPath(env)).toBe(path);
  });
});

describe('loadConfig layers', () => {
  it('gives the defaults when nothing is set', async () => {
    const loaded = await load();
    expect(loaded.path).toBe(userFile());
    expect(loaded.config).toEqual({
      maxTokens: 8000,
      maxCommitLength: 72,
      hookTimeout: 15,
      enableMultiStep: true,
      multiStepMinFiles: 250,
      parallelApiCalls: true,
      concurrency: 8,
      candidates: 1,
      timeout: 20,
      style: 'auto',
      body: 'auto',
      exclude: [],
      cache: true,
      engine: 'auto',
      ticket: 'auto',
    });
    expect(new Set(Object.values(loaded.sources))).toEqual(new Set(['default']));
  });

  it('reads each layer, typed, with its source and origin', async () => {
    writeUserFile(
      '[default]\nmodel = from-file\nenable_multi_step = off\nexclude = *.lock, dist/**\n[other]\nmodel = ignored\n',
    );
    repo.git('config', 'ai.maxCommitLength', '100');
    repo.git('config', 'ai.provider', 'anthropic');
    const loaded = await load({
      env: { GIT_AI_TIMEOUT: '2.5', GIT_AI_BODY: 'no' },
      flags: { candidates: 5, 'parallel-api-calls': false },
    });
    expect(loaded.config).toMatchObject({
      model: 'from-file',
      enableMultiStep: false,
      exclude: ['*.lock', 'dist/**'],
      maxCommitLength: 100,
      provider: 'anthropic',
      timeout: 2.5,
      body: false,
      candidates: 5,
      parallelApiCalls: false,
    });
    expect(loaded.sources).toMatchObject({
      model: 'user',
      'enable-multi-step': 'user',
      'max-commit-length': 'git',
      timeout: 'env',
      candidates: 'flag',
      style: 'default',
    });
    expect(loaded.origins).toMatchObject({
      model: userFile(),
      'max-commit-length': 'git config ai.maxcommitlength',
      timeout: 'GIT_AI_TIMEOUT',
      candidates: '--candidates',
      style: 'default',
    });
  });

  type Layer = 'user' | 'git' | 'env' | 'flag';
  it.each<[Layer[], ConfigSource, number]>([
    [['user'], 'user', 30],
    [['git'], 'git', 40],
    [['env'], 'env', 50],
    [['flag'], 'flag', 60],
    [['user', 'git'], 'git', 40],
    [['user', 'env'], 'env', 50],
    [['git', 'env'], 'env', 50],
    [['user', 'git', 'env'], 'env', 50],
    [['env', 'flag'], 'flag', 60],
    [['user', 'git', 'env', 'flag'], 'flag', 60],
  ])('with %j set, max-commit-length comes from %s', async (layers, source, value) => {
    if (layers.includes('user')) writeUserFile('[default]\nmax-commit-length = 30\n');
    if (layers.includes('git')) repo.git('config', 'ai.max-commit-length', '40');
    const env = layers.includes('env') ? { GIT_AI_MAX_COMMIT_LENGTH: '50' } : {};
    const flags = layers.includes('flag') ? { 'max-commit-length': '60' } : {};
    const loaded = await load({ env, flags });
    expect(loaded.config.maxCommitLength).toBe(value);
    expect(loaded.sources['max-commit-length']).toBe(source);
  });

  it('reads the repository git config over the global one', async () => {
    writeFileSync(join(repo.home, '.gitconfig'), '[ai]\n\tmodel = global-model\n\tstyle = plain\n');
    repo.git('config', 'ai.model', 'x');
    const { config } = await load();
    expect(config).toMatchObject({ model: 'x', style: 'plain' });
  });

  it('reads a bare git boolean as true', async () => {
    writeFileSync(join(repo.dir, '.git', 'config'), '[core]\n\tbare = false\n[ai]\n\tcache = false\n\tcache\n');
    expect((await load()).config.cache).toBe(true);
  });

  it('ignores git config outside a repository and when git is missing', async () => {
    repo.git('config', 'ai.model', 'x');
    const outside = mkdtempSync(join(tmpdir(), 'git-ai-norepo-'));
    try {
      const env = { GIT_CEILING_DIRECTORIES: dirname(outside) };
      expect((await load({ cwd: outside, env })).config.model).toBeUndefined();
      expect((await load({ env: { PATH: join(outside, 'no-bin') } })).config.model).toBeUndefined();
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('treats empty values as not set', async () => {
    writeUserFile('[default]\nmodel =\nconcurrency = 4\n');
    const loaded = await load({ env: { GIT_AI_CONCURRENCY: '', GIT_AI_STYLE: '  ' }, flags: { style: undefined } });
    expect(loaded.config).toMatchObject({ concurrency: 4, style: 'auto' });
    expect(loaded.config.model).toBeUndefined();
    expect(loaded.sources).toMatchObject({ model: 'default', concurrency: 'user', style: 'default' });
  });

  it('takes flags by dashed or camelCase key and ignores other options', async () => {
    const flags = {
      maxCommitLength: 50,
      'max-tokens': '9000',
      body: false,
      dryRun: true,
      '--': [],
    } as unknown as ConfigFlags;
    expect((await load({ flags })).config).toMatchObject({ maxCommitLength: 50, maxTokens: 9000, body: false });
  });
});

describe('provider variables', () => {
  it.each<[string, NodeJS.ProcessEnv, string | undefined, string]>([
    ['OPENAI_API_KEY with no provider', { OPENAI_API_KEY: 'sk-openai' }, 'sk-openai', 'OPENAI_API_KEY'],
    [
      'GIT_AI_API_KEY over OPENAI_API_KEY',
      { OPENAI_API_KEY: 'sk-openai', GIT_AI_API_KEY: 'sk-mine' },
      'sk-mine',
      'GIT_AI_API_KEY',
    ],
    [
      'OPENAI_API_KEY for openai-compatible',
      { GIT_AI_PROVIDER: 'openai-compatible', OPENAI_API_KEY: 'sk-o' },
      'sk-o',
      'OPENAI_API_KEY',
    ],
    [
      'not OPENAI_API_KEY for anthropic',
      { GIT_AI_PROVIDER: 'anthropic', OPENAI_API_KEY: 'sk-openai' },
      'from-file',
      '/config.ini',
    ],
    [
      'ANTHROPIC_API_KEY for anthropic',
      { GIT_AI_PROVIDER: 'anthropic', ANTHROPIC_API_KEY: 'sk-ant' },
      'sk-ant',
      'ANTHROPIC_API_KEY',
    ],
    [
      'GEMINI_API_KEY for gemini',
      { GIT_AI_PROVIDER: 'gemini', GOOGLE_GENERATIVE_AI_API_KEY: 'g1', GEMINI_API_KEY: 'g1' },
      'g1',
      'GEMINI_API_KEY',
    ],
    [
      'GEMINI_API_KEY for gemini, saying that GOOGLE_GENERATIVE_AI_API_KEY holds another key',
      { GIT_AI_PROVIDER: 'gemini', GOOGLE_GENERATIVE_AI_API_KEY: 'g2', GEMINI_API_KEY: 'g1' },
      'g1',
      'GEMINI_API_KEY (GOOGLE_GENERATIVE_AI_API_KEY is set too, to another value, and not used)',
    ],
  ])('%s', async (_case, env, apiKey, origin) => {
    writeUserFile('[default]\napi-key = from-file\n');
    const loaded = await load({ env });
    expect(loaded.config.apiKey).toBe(apiKey);
    expect(loaded.origins['api-key'].endsWith(origin)).toBe(true);
  });

  it('takes OPENAI_BASE_URL below GIT_AI_BASE_URL, and the openai-api-key alias in the file', async () => {
    writeUserFile('[default]\nopenai-api-key = sk-file\nopenai_base_url = http://file.example\n');
    expect((await load()).config).toMatchObject({ apiKey: 'sk-file', baseUrl: 'http://file.example' });
    expect((await load({ env: { OPENAI_BASE_URL: 'http://env.example' } })).config.baseUrl).toBe('http://env.example');
    const both = await load({ env: { OPENAI_BASE_URL: 'http://env.example', GIT_AI_BASE_URL: 'http://mine.example' } });
    expect(both.config.baseUrl).toBe('http://mine.example');
  });
});

describe('loadConfig refuses', () => {
  it.each<[string, () => void, NodeJS.ProcessEnv, ConfigFlags, string]>([
    [
      'a bad value in the user file',
      () => writeUserFile('[default]\ntimeout = x\n'),
      {},
      {},
      "<file>: timeout must be a positive number of seconds, got 'x'.",
    ],
    [
      'a bad value in git config',
      () => repo.git('config', 'ai.timeout', 'x'),
      {},
      {},
      "git config ai.timeout: timeout must be a positive number of seconds, got 'x'.",
    ],
    [
      'a bad value in the environment',
      () => undefined,
      { GIT_AI_TIMEOUT: 'x' },
      {},
      "GIT_AI_TIMEOUT: timeout must be a positive number of seconds, got 'x'.",
    ],
    [
      'a bad provider variable',
      () => undefined,
      { OPENAI_BASE_URL: 'nope' },
      {},
      "OPENAI_BASE_URL: base-url must be an http(s) URL, got 'nope'.",
    ],
    [
      'a bad flag',
      () => undefined,
      {},
      { timeout: 'x' },
      "--timeout: timeout must be a positive number of seconds, got 'x'.",
    ],
    [
      'a bad value even when a higher layer overrides it',
      () => writeUserFile('[default]\nstyle = fancy\n'),
      { GIT_AI_STYLE: 'plain' },
      {},
      "<file>: style must be one of auto, conventional, plain, gitmoji, got 'fancy'.",
    ],
  ])('%s', async (_case, arrange, env, flags, message) => {
    arrange();
    const error = await loadError({ env, flags });
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toBe(message.replace('<file>', userFile()));
  });

  it('an unknown key in the user file, with a suggestion', async () => {
    writeUserFile('[default]\nmodle = x\n');
    const error = await loadError();
    expect(error.code).toBe('CONFIG_UNKNOWN_KEY');
    expect(error.message).toContain(`${userFile()}: unknown config key 'modle' (did you mean 'model'?)`);
  });

  it('a near miss of a key in git config, but not other ai.* settings', async () => {
    repo.git('config', 'ai.other-tool-setting', 'x');
    repo.git('config', 'ai.sub.model', 'x');
    expect((await load()).config.model).toBeUndefined();
    repo.git('config', 'ai.modle', 'x');
    const error = await loadError();
    expect(error.code).toBe('CONFIG_UNKNOWN_KEY');
    expect(error.message).toContain("git config ai.modle: unknown config key 'modle' (did you mean 'model'?)");
  });

  it('a corrupt user file, naming it and the fix', async () => {
    writeUserFile('[default\nmodel = x\n');
    const error = await loadError();
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain(userFile());
    expect(error.hint).toContain('git-ai config reset');
  });
});

describe('loadConfig: a provider key in the environment', () => {
  it.each([
    [{ OPENAI_API_KEY: 'sk-openai-000000' }, 'openai', 'OPENAI_API_KEY is set'],
    [{ ANTHROPIC_API_KEY: 'sk-ant-000000' }, 'anthropic', 'ANTHROPIC_API_KEY is set'],
    [{ GEMINI_API_KEY: 'g-000000' }, 'gemini', 'GEMINI_API_KEY is set'],
    [{ GOOGLE_GENERATIVE_AI_API_KEY: 'g-000000' }, 'gemini', 'GOOGLE_GENERATIVE_AI_API_KEY is set'],
  ])('configures the provider of the one key set: %j', async (env, provider, origin) => {
    const loaded = await load({ env });
    expect(loaded.config.provider).toBe(provider);
    expect(loaded.sources.provider).toBe('env');
    expect(loaded.origins.provider).toBe(origin);
    expect(loaded.config.apiKey).toBe(Object.values(env)[0]);
  });

  it('honours OPENAI_BASE_URL with OPENAI_API_KEY', async () => {
    const { config } = await load({
      env: { OPENAI_API_KEY: 'sk-openai-000000', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' },
    });
    expect(config).toMatchObject({ provider: 'openai', baseUrl: 'http://127.0.0.1:9/v1' });
  });

  it('guesses none when several vendors have keys, and says so where the provider comes from', async () => {
    const loaded = await load({ env: { OPENAI_API_KEY: 'sk-openai-000000', ANTHROPIC_API_KEY: 'sk-ant-000000' } });
    expect(loaded.config.provider).toBeUndefined();
    expect(loaded.origins.provider).toBe('unset: OPENAI_API_KEY, ANTHROPIC_API_KEY are all set, none is guessed');
  });

  it('lets a configured provider win over the keys present', async () => {
    repo.git('config', 'ai.provider', 'anthropic');
    const loaded = await load({ env: { OPENAI_API_KEY: 'sk-openai-000000', ANTHROPIC_API_KEY: 'sk-ant-000000' } });
    expect(loaded.config).toMatchObject({ provider: 'anthropic', apiKey: 'sk-ant-000000' });
    expect(loaded.origins.provider).toBe('git config ai.provider');
  });

  it('takes openai when only api-key is set', async () => {
    const loaded = await load({ env: { GIT_AI_API_KEY: 'sk-any-0000000' } });
    expect(loaded.config.provider).toBe('openai');
    expect(loaded.origins.provider).toBe('default (api-key is set)');
  });

  it('keeps no provider without any key', async () => {
    expect((await load()).config.provider).toBeUndefined();
  });
});

describe("git's format.signOff, read with the ai.* keys", () => {
  /** What `git config --type=bool` itself answers (what rules/trailers.ts asked before), or false where it refuses. */
  function gitSays(): boolean {
    try {
      return repo.git('config', '--type=bool', '--get', 'format.signOff').trim() === 'true';
    } catch {
      return false;
    }
  }

  it.each(['true', 'yes', 'On', '1', '2', '1k', 'false', 'no', 'off', '0', '', 'maybe'])(
    'format.signOff=%j reads as git reads it',
    async (value) => {
      repo.git('config', 'format.signOff', value);
      const { formatSignOff } = await load();
      expect(formatSignOff).toBe(gitSays());
    },
  );

  it('a key without a value is true, the last of several values wins, and unset is false', async () => {
    expect((await load()).formatSignOff).toBe(false);
    writeFileSync(join(repo.dir, '.git', 'config'), '[format]\n\tsignOff\n', { flag: 'a' });
    expect([(await load()).formatSignOff, gitSays()]).toEqual([true, true]);
    writeFileSync(join(repo.dir, '.git', 'config'), '[format]\n\tsignoff = false\n', { flag: 'a' });
    expect([(await load()).formatSignOff, gitSays()]).toEqual([false, false]);
  });
});
