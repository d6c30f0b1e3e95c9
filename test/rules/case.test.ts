import { describe, expect, it } from 'vitest';
import { fitCase, isCase } from '../../src/rules/case.js';

describe('isCase', () => {
  it.each([
    ['Add the login page', 'sentence-case', true],
    ['add the login page', 'sentence-case', false],
    ['README update', 'sentence-case', true],
    ['Add The Login Page', 'start-case', true],
    ['ADD LOGIN', 'upper-case', true],
    ['add login', 'lower-case', true],
    ['LoginPage', 'pascal-case', true],
    ['`Eslint` config', 'lower-case', true],
    ['2fa for admins', 'sentence-case', true],
  ])('%s is %s: %s', (text, target, expected) => {
    expect(isCase(text, target)).toBe(expected);
  });
});

describe('fitCase', () => {
  const conventional = { when: 'never' as const, cases: ['sentence-case', 'start-case', 'pascal-case', 'upper-case'] };
  it.each([
    ['Add the login page', conventional, 'add the login page'],
    ['README: document the flags', conventional, 'readme: document the flags'],
    ['add the login page', conventional, 'add the login page'],
    ['add the login page', { when: 'always' as const, cases: ['sentence-case'] }, 'Add the login page'],
    ['Add the Login page', { when: 'always' as const, cases: ['lower-case'] }, 'add the login page'],
  ])('%s under %o is %s', (text, rule, expected) => {
    expect(fitCase(text, rule)).toBe(expected);
  });
});
