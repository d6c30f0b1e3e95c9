import { describe, expect, it } from 'vitest';
import { unquoteGitPath } from '../../src/diff/unquote.js';

describe('unquoteGitPath', () => {
  it.each([
    ['plain', 'src/app.ts', 'src/app.ts'],
    ['plain with spaces (git does not quote spaces)', 'my file.txt', 'my file.txt'],
    ['quoted, nothing escaped', '"a b.txt"', 'a b.txt'],
    ['escaped quote and backslash', '"say \\"hi\\" \\\\ bye"', 'say "hi" \\ bye'],
    ['tab, newline, carriage return', '"a\\tb\\nc\\rd"', 'a\tb\nc\rd'],
    ['bell, backspace, form feed, vertical tab', '"\\a\\b\\f\\v"', '\x07\b\f\v'],
    ['octal UTF-8 bytes of a two-byte character', '"h\\303\\251llo"', 'héllo'],
    ['octal UTF-8 bytes, several characters', '"h\\303\\251llo w\\303\\266rld.txt"', 'héllo wörld.txt'],
    ['a four-byte character (emoji)', '"\\360\\237\\230\\200.md"', '😀.md'],
    ['raw UTF-8 next to escapes (core.quotePath=false)', '"été\\t\\303\\251"', 'été\té'],
    ['escapes next to each other', '"\\"\\303\\251\\""', '"é"'],
    ['unknown escape kept literally', '"a\\qb"', 'a\\qb'],
    ['non-UTF-8 byte decodes to U+FFFD', '"\\377x"', '\uFFFDx'],
    ['only an opening quote: not quoted', '"abc', '"abc'],
    ['lone quote character', '"', '"'],
    ['empty quoted', '""', ''],
  ])('%s', (_name, raw, expected) => {
    expect(unquoteGitPath(raw)).toBe(expected);
  });
});
