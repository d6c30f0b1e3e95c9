import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS } from '../../src/config/keys.js';
import type { LoadedConfig } from '../../src/config/load.js';
import { renderConfigList, renderConfigTable } from '../../src/config/render.js';
import { parseConfig } from '../../src/config/schema.js';

describe('renderConfigTable', () => {
  const table = renderConfigTable();
  const rows = table.split('\n');
  const row = (key: string) => rows.find((line) => line.startsWith(`| \`${key}\``)) ?? '';

  it('has a header and one row of five cells per key', () => {
    expect(rows[0]).toBe('| Key | Type / values | Default | Environment | Description |');
    expect(rows).toHaveLength(CONFIG_KEYS.length + 2);
    for (const key of CONFIG_KEYS) expect(row(key).split(/(?<!\\)\|/)).toHaveLength(7);
  });

  it.each([
    ['max-commit-length', ['integer 20–1024', '`72`', '`GIT_AI_MAX_COMMIT_LENGTH`', 'subject line']],
    ['provider', ['`openai` \\| `openai-compatible` \\| `anthropic` \\| `gemini`', '(unset)', '`GIT_AI_PROVIDER`']],
    ['api-key', ['(alias `openai-api-key`)', 'secret', '`GIT_AI_API_KEY`, else `OPENAI_API_KEY`']],
    ['base-url', ['(alias `openai-base-url`)', 'http(s) URL', '`OPENAI_BASE_URL`']],
    ['exclude', ['comma-separated', '(empty)', '`GIT_AI_EXCLUDE`']],
    ['enable-multi-step', ['boolean', '`true`']],
    ['timeout', ['`20`', 'seconds']],
    ['style', ['`conventional`', '`gitmoji`']],
  ])('describes %s', (key, parts) => {
    for (const part of parts) expect(row(key)).toContain(part);
  });
});

describe('renderConfigList', () => {
  const keys = CONFIG_KEYS;
  const loaded: LoadedConfig = {
    config: {
      ...parseConfig({}),
      apiKey: 'sk-proj-1234567890abcd',
      model: 'gpt-x',
      exclude: ['*.lock', 'dist/**'],
    },
    formatSignOff: false,
    sources: {
      ...Object.fromEntries(keys.map((key) => [key, 'default'])),
      'api-key': 'env',
      model: 'git',
      exclude: 'user',
    } as LoadedConfig['sources'],
    origins: {
      ...Object.fromEntries(keys.map((key) => [key, 'default'])),
      'api-key': 'OPENAI_API_KEY',
      model: 'git config ai.model',
      exclude: '/c.ini',
    } as LoadedConfig['origins'],
    path: '/c.ini',
    problems: [],
  };
  const lines = renderConfigList(loaded).split('\n');
  const line = (key: string) => lines.find((text) => text.startsWith(`${key} `))?.split(/\s{2,}/);

  it('lists every key with its value and source, in aligned columns', () => {
    expect(lines).toHaveLength(keys.length + 1);
    expect(lines[0]?.split(/\s{2,}/)).toEqual(['KEY', 'VALUE', 'SOURCE']);
    expect(new Set(lines.map((text) => text.indexOf(text.split(/\s{2,}/)[1] ?? '')))).toHaveLength(1);
  });

  it.each([
    ['api-key', ['api-key', 'sk-…abcd', 'env OPENAI_API_KEY']],
    ['model', ['model', 'gpt-x', 'git config ai.model']],
    ['exclude', ['exclude', '*.lock,dist/**', 'user file']],
    ['provider', ['provider', '(unset)', 'default']],
    ['max-commit-length', ['max-commit-length', '72', 'default']],
  ])('%s', (key, cells) => {
    expect(line(key)).toEqual(cells);
  });

  it('never shows a secret in full', () => {
    expect(lines.join('\n')).not.toContain('1234567890');
  });
});
