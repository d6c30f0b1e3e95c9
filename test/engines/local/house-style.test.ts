import { describe, expect, it } from 'vitest';
import { learnHouseStyle, learnSubjectForm, resolveStyle } from '../../../src/engines/local/house-style.js';

const times = (subject: string, n: number) => Array.from({ length: n }, (_, index) => `${subject} ${index}`);

describe('the repository style', () => {
  it.each([
    ['conventional', times('fix(core): handle a case', 20)],
    ['gitmoji', times('✨ add a thing', 12)],
    ['gitmoji', times(':bug: correct a thing', 12)],
    ['plain', times('Add support for things', 20)],
    ['plain', [...times('Fix the parser', 15), ...times('feat: a', 2)]],
    // Merges and release commits are not the authors' habit; too little history means the default.
    ['conventional', [...times('Merge pull request #1', 30), 'Fix a', 'Add b']],
    ['conventional', []],
  ] as const)('%s', (style, subjects) => {
    expect(learnHouseStyle([...subjects]).style).toBe(style);
  });

  it('lets an explicit style win over the history', () => {
    const plain = times('Add support for things', 20);
    expect(resolveStyle('auto', plain)).toBe('plain');
    expect(resolveStyle('conventional', plain)).toBe('conventional');
  });
});

describe('the form of the subjects within their style', () => {
  it.each([
    ['capitalised after the type', times('feat: Add a thing', 8), { capitalised: true }],
    ['lower-case after the type', times('fix(core): handle a case', 8), { capitalised: false }],
    // Names open many subjects (`useQuery`, `README`): they say nothing of how the authors case a verb.
    [
      'names left out',
      [...times('feat: useQuery gains a flag', 20), ...times('fix: Handle a case', 5)],
      { capitalised: true },
    ],
    ['plain, lower-case', times('add support for things', 8), { capitalised: false }],
    ['gitmoji without a type', times('✨ add a thing', 8), { capitalised: false, bareGitmoji: true }],
    ['gitmoji with a type', times('✨ feat: Add a thing', 8), { capitalised: true }],
    ['too little to say', times('feat: Add a thing', 3), {}],
  ] as const)('%s', (_label, subjects, form) => {
    expect(learnSubjectForm([...subjects])).toEqual(form);
  });
});
