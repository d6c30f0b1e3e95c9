import { describe, expect, it } from 'vitest';
import { formatCommitMessage, parseCommitHeader, type CommitMessage } from '../../src/engines/message.js';

const base: CommitMessage = {
  type: 'feat',
  scope: 'parser',
  subject: 'add parseConfig and loadDefaults',
  breaking: false,
};

describe('formatCommitMessage', () => {
  it.each([
    ['conventional', base, 'feat(parser): add parseConfig and loadDefaults'],
    ['conventional', { ...base, scope: undefined }, 'feat: add parseConfig and loadDefaults'],
    ['conventional', { ...base, breaking: true }, 'feat(parser)!: add parseConfig and loadDefaults'],
    ['conventional', { ...base, subject: 'Add parseConfig.' }, 'feat(parser): add parseConfig'],
    ['conventional', { ...base, subject: 'README tweaks' }, 'feat(parser): README tweaks'],
    ['plain', base, 'Add parseConfig and loadDefaults'],
    ['plain', { ...base, type: 'fix', breaking: true }, 'Add parseConfig and loadDefaults'],
    ['gitmoji', base, '✨ feat(parser): add parseConfig and loadDefaults'],
    ['gitmoji', { ...base, type: 'fix', scope: undefined }, '🐛 fix: add parseConfig and loadDefaults'],
    ['gitmoji', { ...base, type: 'docs' }, '📝 docs(parser): add parseConfig and loadDefaults'],
  ] as const)('%s style renders %j', (style, message, expected) => {
    expect(formatCommitMessage(message, { style, maxLength: 72 })).toBe(expected);
  });

  it.each([
    ['conventional', { capitalised: true }, base, 'feat(parser): Add parseConfig and loadDefaults'],
    [
      'conventional',
      { capitalised: true },
      { ...base, subject: 'useQuery gains a flag' },
      'feat(parser): useQuery gains a flag',
    ],
    ['plain', { capitalised: false }, base, 'add parseConfig and loadDefaults'],
    ['plain', {}, { ...base, subject: 'useQuery gains a flag' }, 'useQuery gains a flag'],
    ['gitmoji', { bareGitmoji: true }, base, '✨ Add parseConfig and loadDefaults'],
    [
      'gitmoji',
      { bareGitmoji: true, capitalised: false },
      { ...base, type: 'fix' },
      '🐛 add parseConfig and loadDefaults',
    ],
    ['gitmoji', { capitalised: true }, base, '✨ feat(parser): Add parseConfig and loadDefaults'],
  ] as const)('%s style in the form %j renders %j', (style, form, message, expected) => {
    expect(formatCommitMessage(message, { style, maxLength: 72, form })).toBe(expected);
  });

  it('puts the body after one blank line', () => {
    const text = formatCommitMessage(
      { ...base, body: '- update tests for parser\n' },
      { style: 'conventional', maxLength: 72 },
    );
    expect(text).toBe('feat(parser): add parseConfig and loadDefaults\n\n- update tests for parser');
  });

  it.each([
    [40, 'feat(parser): add parseConfig and'],
    [30, 'feat: add parseConfig and'],
    [20, 'feat: add'],
  ])('cuts the subject at a word boundary and drops dangling words within %i', (maxLength, expected) => {
    const header = formatCommitMessage(
      { ...base, subject: 'add parseConfig and the loadDefaults helper' },
      { style: 'conventional', maxLength },
    );
    expect(header).toBe(expected.replace(/ and$/, ''));
    expect([...header].length).toBeLessThanOrEqual(maxLength);
  });

  it('drops the scope before the subject shrinks to nothing', () => {
    const message: CommitMessage = {
      type: 'fix',
      scope: 'a-very-long-package-scope-name',
      subject: 'handle empty input in renderSlot',
      breaking: false,
    };
    expect(formatCommitMessage(message, { style: 'conventional', maxLength: 45 })).toBe(
      'fix: handle empty input in renderSlot',
    );
  });

  it.each([10, 16, 24, 33, 50, 72])('never exceeds maxLength %i in any style', (maxLength) => {
    const message: CommitMessage = {
      type: 'refactor',
      scope: 'compiler-sfc',
      subject: 'extract resolveTypeReference and inferRuntimeType from compileScript',
      breaking: true,
    };
    for (const style of ['conventional', 'plain', 'gitmoji'] as const) {
      const header = formatCommitMessage(message, { style, maxLength }).split('\n')[0] ?? '';
      expect([...header].length).toBeLessThanOrEqual(maxLength);
    }
  });
});

describe('parseCommitHeader', () => {
  it.each([
    ['feat(parser): add x', { type: 'feat', scope: 'parser', breaking: false, subject: 'add x' }],
    ['fix: handle empty input', { type: 'fix', breaking: false, subject: 'handle empty input' }],
    ['refactor(core)!: drop node 16', { type: 'refactor', scope: 'core', breaking: true, subject: 'drop node 16' }],
    ['chore!: drop support', { type: 'chore', breaking: true, subject: 'drop support' }],
    ['Fix(UI): Button colour', { type: 'fix', scope: 'UI', breaking: false, subject: 'Button colour' }],
    [
      'build(deps-dev): bump vite from 5.0.1 to 5.0.2 (#12)',
      { type: 'build', scope: 'deps-dev', breaking: false, subject: 'bump vite from 5.0.1 to 5.0.2 (#12)' },
    ],
    ['fix(): empty scope', { type: 'fix', breaking: false, subject: 'empty scope' }],
    ['✨ feat(ui): add button', { type: 'feat', scope: 'ui', breaking: false, subject: 'add button' }],
    [':bug: fix: crash', { type: 'fix', breaking: false, subject: 'crash' }],
  ])('reads %j', (line, expected) => {
    expect(parseCommitHeader(line)).toEqual(expected);
  });

  it.each(['release: v3.4.17', 'Merge branch main', 'wip', 'feat add x', 'feat:', 'feat(scope: x'])(
    'rejects %j',
    (line) => {
      expect(parseCommitHeader(line)).toBeUndefined();
    },
  );
});
