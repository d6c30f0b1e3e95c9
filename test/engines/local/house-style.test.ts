import { describe, expect, it } from 'vitest';
import { learnHouseStyle, resolveStyle } from '../../../src/engines/local/house-style.js';

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
