import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../src/security/redact.js';
import {
  isHighEntropy,
  isPlaceholderValue,
  isSecretName,
  SECRET_RULES,
  shannonEntropy,
} from '../../src/security/secret-patterns.js';

describe('shannonEntropy', () => {
  it.each([
    ['', 0],
    ['aaaaaaaa', 0],
    ['abababab', 1],
    ['abcd', 2],
    ['0123456789abcdef', 4],
  ])('gives %j %d bits per character', (value, bits) => {
    expect(shannonEntropy(value)).toBeCloseTo(bits, 10);
  });
});

describe('isHighEntropy', () => {
  it.each([
    ['9f8e7d6c5b4a39281706f5e4d3c2b1a0', true],
    ['Zq8Xv2Lm4Pk7Rt1Wy9Bn3Hd', true],
    ['user_input_value', false],
    ['aaaaaaaaaaaaaaaa1', false],
    ['short1a', false],
    ['abcdefghijklmnopqrstuvwxyz', false],
  ])('%s -> %s', (value, expected) => {
    expect(isHighEntropy(value)).toBe(expected);
  });
});

describe('isSecretName', () => {
  it.each([
    ['password', true],
    ['DB_PASSWORD', true],
    ['dbPass', true],
    ['apiKey', true],
    ['x-api-key', true],
    ['APIKEY', true],
    ['client_secret', true],
    ['clientSecret', true],
    ['aws_secret_access_key', true],
    ['secret_key_base', true],
    ['GITHUB_TOKEN', true],
    ['accessTokenValue', true],
    ['config.db.password', true],
    ['auth', true],
    ['passwordField', false],
    ['tokenUrl', false],
    ['token_type', false],
    ['author', false],
    ['authorization', false],
    ['secretName', false],
    ['key', false],
    ['primaryKey', false],
    ['passThrough', false],
    ['bypass', false],
  ])('%s -> %s', (name, expected) => {
    expect(isSecretName(name)).toBe(expected);
  });
});

describe('isPlaceholderValue', () => {
  it.each([
    '',
    'changeme',
    'CHANGE_ME',
    'xxxxxxxx',
    '********',
    '<your-api-key>',
    '${API_KEY}',
    '{{ .Values.password }}',
    '$DB_PASSWORD',
    'your_token_here',
    'example-secret',
    '[REDACTED:jwt]',
    'null',
    'AKIAIOSFODNN7EXAMPLE',
    'my-Dummy-token',
  ])('%j is a placeholder', (value) => {
    expect(isPlaceholderValue(value)).toBe(true);
  });

  // A placeholder word spelled in mixed case inside a random value (`dUmMY`, `ExAmPlE`) is chance, not a placeholder.
  it.each([
    'hunter2hunter2',
    'p4ssw0rd!2024',
    '9f8e7d6c5b4a39281706f5e4d3c2b1a0',
    'Xk9dUmMYqzLwPA1vBnRt',
    'q7ExAmPlEr2VbN8tLw0Z',
  ])('%j is not', (value) => {
    expect(isPlaceholderValue(value)).toBe(false);
  });
});

describe('SECRET_RULES', () => {
  it('has a pre-filter hint that each rule matches on its own example', () => {
    const examples: Record<string, string> = {
      'secret-assignment': 'DB_PASSWORD=p4ssw0rd!2024',
      'url-password': 'redis://:p4ssw0rd2024@cache:6379',
      'authorization-header': 'Authorization: Basic dXNlcjpwYXNzd29yZA==',
    };
    for (const [kind, line] of Object.entries(examples)) {
      const rule = SECRET_RULES.find((candidate) => candidate.kind === kind);
      expect(rule, kind).toBeDefined();
      expect(new RegExp(rule?.hint ?? '$^', 'i').test(line), kind).toBe(true);
      expect(rule?.find(line), kind).toHaveLength(1);
    }
  });

  it('uses distinct kinds', () => {
    const kinds = SECRET_RULES.map((rule) => rule.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
  });
});

describe('a random value cut into short parts by `-` and `_`', () => {
  // Parts of mixed case (`SBlpH`, `hJS`) are not words, so this is a token, not `words-and-a-suffix`.
  const token = ['AYf', 'SBlpH', 'vHO94-hJS-GFnQYFV8-QKPYGMR6K3W'].join('_');
  it('is redacted under a name that only may be a secret', () => {
    const line = `      "identitytoken": "${token}"`;
    expect(redactSecrets(line).text).not.toContain(token);
  });
  it('while a name of words and a suffix is left alone', () => {
    expect(redactSecrets('      "identitytoken": "docker-desktop_v2"').findings).toEqual([]);
  });
});
