import { describe, expect, it } from 'vitest';
import { commonPath, parseLabel, resolvePaths, splitGitLine, type PathSources } from '../../src/diff/paths.js';

describe('parseLabel', () => {
  it.each<[string, string | null]>([
    ['a/src/x.ts', 'a/src/x.ts'],
    ['/dev/null', null],
    ['b/my file.txt\t', 'b/my file.txt'],
    ['"b/h\\303\\251 x.txt"\t', 'b/hé x.txt'],
    ['"b/tab\\there"', 'b/tab\there'],
    ['a/old.c\t2024-01-01 10:00:00.000000000 +0100', 'a/old.c'],
  ])('%j -> %j', (raw, expected) => {
    expect(parseLabel(raw)).toBe(expected);
  });
});

describe('commonPath', () => {
  it.each<[string, string, string | undefined]>([
    ['a/x/y.ts', 'b/x/y.ts', 'x/y.ts'],
    ['a/a/y.ts', 'b/a/y.ts', 'a/y.ts'],
    ['same.ts', 'same.ts', 'same.ts'],
    ['c/f', 'i/f', 'f'],
    ['old/my f', 'new-side/my f', 'my f'],
    ['a/x.ts', 'b/y.ts', undefined],
    ['a/src/x/index.ts', 'b/src/y/index.ts', undefined],
    ['a/', 'b/', undefined],
  ])('%j + %j -> %j', (left, right, expected) => {
    expect(commonPath(left, right)).toBe(expected);
  });
});

describe('splitGitLine', () => {
  it.each<[string, [string, string] | undefined]>([
    ['a/x b/x', ['a/x', 'b/x']],
    ['a/my file b/my file', ['a/my file', 'b/my file']],
    ['a/x b/y b/x b/y', ['a/x b/y', 'b/x b/y']],
    ['"a/t\\tx" "b/t\\tx"', ['a/t\tx', 'b/t\tx']],
    ['a/plain "b/\\303\\251"', ['a/plain', 'b/é']],
    ['"a/\\303\\251" b/plain', ['a/é', 'b/plain']],
    ['a/old name b/new name', ['a/old name', 'b/new name']],
    ['nospace', undefined],
    ['"unterminated', undefined],
  ])('%j', (rest, expected) => {
    expect(splitGitLine(rest)).toEqual(expected);
  });
});

describe('resolvePaths', () => {
  it.each<[string, PathSources, { oldPath: string; newPath: string }]>([
    ['rename lines win', { gitLine: 'a/p q b/r s', from: 'p q', to: 'r s' }, { oldPath: 'p q', newPath: 'r s' }],
    [
      'shared path of the git line',
      { gitLine: 'a/f g b/f g', minus: 'a/f g', plus: 'b/f g' },
      { oldPath: 'f g', newPath: 'f g' },
    ],
    [
      'labels when the git line has no credible split',
      { gitLine: 'xf yf', minus: 'a/f', plus: 'b/f' },
      { oldPath: 'f', newPath: 'f' },
    ],
    ['deleted: the --- label', { gitLine: 'xf yf', minus: 'a/f', plus: null }, { oldPath: 'f', newPath: 'f' }],
    ['nothing else: the git line', { gitLine: 'odd' }, { oldPath: 'odd', newPath: 'odd' }],
  ])('%s', (_name, sources, expected) => {
    expect(resolvePaths(sources)).toEqual(expected);
  });
});
