import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import {
  CONFIG_KEYS,
  envVarOf,
  findKey,
  formatConfigValue,
  maskSecret,
  parseConfigValue,
  propertyOf,
  resolveKey,
  suggestKey,
} from '../../src/config/keys.js';
import type { ConfigKey, RawValue } from '../../src/config/keys.js';

function thrown(run: () => unknown): UserError {
  try {
    run();
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a UserError');
}

describe('findKey', () => {
  it.each([
    ['max-commit-length', 'max-commit-length'],
    ['max_commit_length', 'max-commit-length'],
    ['MAX_COMMIT_LENGTH', 'max-commit-length'],
    ['Max-Commit-Length', 'max-commit-length'],
    ['maxCommitLength', 'max-commit-length'],
    ['maxcommitlength', 'max-commit-length'],
    [' model ', 'model'],
    ['openai-api-key', 'api-key'],
    ['OPENAI_API_KEY', 'api-key'],
    ['openai_base_url', 'base-url'],
    ['enable_multi_step', 'enable-multi-step'],
    ['modle', undefined],
    ['', undefined],
    ['max-commit-length.x', undefined],
  ])('%j -> %j', (name, key) => {
    expect(findKey(name)).toBe(key);
  });
});

describe('suggestKey', () => {
  it.each([
    ['max-comit-length', 'max-commit-length'],
    ['modle', 'model'],
    ['MAX_COMMIT_LENGHT', 'max-commit-length'],
    ['timout', 'timeout'],
    ['openai-api-ky', 'api-key'],
    ['colour', undefined],
    ['something-else', undefined],
  ])('%j -> %j', (name, key) => {
    expect(suggestKey(name)).toBe(key);
  });
});

describe('resolveKey', () => {
  it('returns the canonical key', () => {
    expect(resolveKey('MAX_TOKENS')).toBe('max-tokens');
  });

  it('refuses an unknown key with a suggestion and the list of keys, on one line', () => {
    const error = thrown(() => resolveKey('max-comit-length'));
    expect(error.code).toBe('CONFIG_UNKNOWN_KEY');
    expect(error.message).toContain("'max-comit-length' (did you mean 'max-commit-length'?)");
    for (const key of CONFIG_KEYS) expect(error.message).toContain(key);
    expect(error.message).not.toContain('\n');
  });

  it('names the layer and leaves out the suggestion when nothing is close', () => {
    const error = thrown(() => resolveKey('colour', '/home/u/.config/git-ai/config.ini'));
    expect(error.message).toMatch(
      /^\/home\/u\/\.config\/git-ai\/config\.ini: unknown config key 'colour'; valid keys: provider, /,
    );
    expect(error.message).not.toContain('did you mean');
  });
});

describe('parseConfigValue accepts', () => {
  it.each<[ConfigKey, RawValue, unknown]>([
    ['provider', 'anthropic', 'anthropic'],
    ['provider', ' OpenAI-Compatible ', 'openai-compatible'],
    ['model', ' gpt-4o-mini ', 'gpt-4o-mini'],
    ['api-key', 'sk-123', 'sk-123'],
    ['base-url', 'http://127.0.0.1:11434/v1', 'http://127.0.0.1:11434/v1'],
    ['base-url', 'https://api.example.com', 'https://api.example.com'],
    ['max-tokens', '12000', 12000],
    ['max-tokens', 4096, 4096],
    ['context-window', '128000', 128000],
    ['max-commit-length', '20', 20],
    ['max-commit-length', '1024', 1024],
    ['max-commit-length', ' 72 ', 72],
    ['concurrency', '1', 1],
    ['concurrency', '64', 64],
    ['candidates', '8', 8],
    ['timeout', '2.5', 2.5],
    ['timeout', 30, 30],
    ['style', 'GITMOJI', 'gitmoji'],
    ['engine', 'local', 'local'],
    ['exclude', '*.lock, dist/** ,,', ['*.lock', 'dist/**']],
    ['exclude', ['a', ' b '], ['a', 'b']],
    ['exclude', '', []],
    ...(['true', 'yes', 'on', '1', 'TRUE', 'Yes', true, 1] as const).map((raw): [ConfigKey, RawValue, unknown] => [
      'body',
      raw,
      true,
    ]),
    ...(['false', 'no', 'off', '0', 'OFF', false, 0] as const).map((raw): [ConfigKey, RawValue, unknown] => [
      'cache',
      raw,
      false,
    ]),
  ])('%s = %j -> %j', (key, raw, value) => {
    expect(parseConfigValue(key, raw)).toEqual(value);
  });
});

describe('parseConfigValue refuses', () => {
  it.each<[ConfigKey, RawValue, string]>([
    ['max-commit-length', 'abc', "max-commit-length must be a whole number from 20 to 1024, got 'abc'."],
    ['max-commit-length', '19', "max-commit-length must be a whole number from 20 to 1024, got '19'."],
    ['max-commit-length', '1025', "max-commit-length must be a whole number from 20 to 1024, got '1025'."],
    ['max-commit-length', '72.5', "max-commit-length must be a whole number from 20 to 1024, got '72.5'."],
    ['max-commit-length', '0x48', "max-commit-length must be a whole number from 20 to 1024, got '0x48'."],
    ['max-tokens', '0', "max-tokens must be a positive whole number, got '0'."],
    ['max-tokens', '', "max-tokens must be a positive whole number, got ''."],
    ['context-window', '-1', "context-window must be a positive whole number, got '-1'."],
    ['concurrency', '65', "concurrency must be a whole number from 1 to 64, got '65'."],
    ['candidates', '0', "candidates must be a whole number from 1 to 8, got '0'."],
    ['timeout', 'x', "timeout must be a positive number of seconds, got 'x'."],
    ['timeout', '0', "timeout must be a positive number of seconds, got '0'."],
    ['timeout', '3000000', "timeout must be a positive number of seconds up to 2147483, got '3000000'."],
    ['provider', 'openia', "provider must be one of openai, openai-compatible, anthropic, gemini, got 'openia'."],
    ['style', 'fancy', "style must be one of auto, conventional, plain, gitmoji, got 'fancy'."],
    ['engine', 'cloud', "engine must be one of auto, local, remote, got 'cloud'."],
    ['base-url', 'ftp://example.com', "base-url must be an http(s) URL, got 'ftp://example.com'."],
    ['base-url', 'localhost:8080', "base-url must be an http(s) URL, got 'localhost:8080'."],
    ['body', 'maybe', "body must be auto, true or false (also yes/no, on/off, 1/0), got 'maybe'."],
    ['body', 2, "body must be auto, true or false (also yes/no, on/off, 1/0), got '2'."],
    ['model', '  ', "model must be a model name, got '  '."],
  ])('%s = %j', (key, raw, message) => {
    const error = thrown(() => parseConfigValue(key, raw));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toBe(message);
  });

  it('names the layer', () => {
    expect(thrown(() => parseConfigValue('timeout', 'x', 'GIT_AI_TIMEOUT')).message).toBe(
      "GIT_AI_TIMEOUT: timeout must be a positive number of seconds, got 'x'.",
    );
  });
});

describe('names and formatting', () => {
  it.each<[ConfigKey, string, string]>([
    ['max-commit-length', 'maxCommitLength', 'GIT_AI_MAX_COMMIT_LENGTH'],
    ['api-key', 'apiKey', 'GIT_AI_API_KEY'],
    ['enable-multi-step', 'enableMultiStep', 'GIT_AI_ENABLE_MULTI_STEP'],
    ['model', 'model', 'GIT_AI_MODEL'],
  ])('%s is config.%s and %s', (key, property, variable) => {
    expect(propertyOf(key)).toBe(property);
    expect(envVarOf(key)).toBe(variable);
  });

  it.each([
    [undefined, ''],
    [72, '72'],
    [false, 'false'],
    [['*.lock', 'dist/**'], '*.lock,dist/**'],
    [[], ''],
  ])('formats %j as %j', (value, text) => {
    expect(formatConfigValue(value)).toBe(text);
  });

  it.each([
    ['sk-proj-abcdefghijklmnopabcd', 'sk-…abcd'],
    ['sk-123456789', 'sk-…6789'],
    ['short-key12', '…'],
    ['', '…'],
  ])('masks %j as %j', (secret, masked) => {
    expect(maskSecret(secret)).toBe(masked);
  });
});

describe('a bad value names where it came from and the fix that works there', () => {
  it.each([
    [
      'git config ai.timeout',
      'Fix it with `git config ai.timeout <value>`, or remove it with `git config --unset ai.timeout`.',
    ],
    ['GIT_AI_TIMEOUT', 'Fix or unset the GIT_AI_TIMEOUT environment variable.'],
    ['--timeout', 'Pass --timeout a valid value.'],
    ['/home/u/.config/git-ai/config.ini', 'Run `git-ai config set timeout <value>` with a valid value.'],
  ])('%s', (where, hint) => {
    const error = (() => {
      try {
        parseConfigValue('timeout', 'abc', where);
      } catch (caught) {
        return caught as UserError;
      }
      throw new Error('abc was taken for a timeout');
    })();
    expect(error.message).toBe(`${where}: timeout must be a positive number of seconds, got 'abc'.`);
    expect(error.hint).toBe(hint);
  });
});
