import { describe, expect, it } from 'vitest';
import { describeFile } from '../../../src/engines/local/changes.js';
import { makeDiff } from './make-diff.js';

describe('describeFile', () => {
  it('separates added, removed and touched symbols', () => {
    const change = describeFile(
      makeDiff('src/a.ts', [], {
        hunks: [
          { section: 'export function keep(x: number) {', lines: ['   const y = x', '-  return y', '+  return y + 1'] },
          { lines: ['-export function oldName() {}', '+export function newName() {}', '+export const LIMIT = 3'] },
        ],
      }),
    );
    expect(change.added.map((symbol) => symbol.name)).toEqual(['newName', 'LIMIT']);
    expect(change.removed.map((symbol) => symbol.name)).toEqual(['oldName']);
    expect(change.touched[0]).toBe('keep');
  });

  it.each([
    [['+export { parseConfig, loadDefaults } from "./config"'], ['parseConfig', 'loadDefaults']],
    [['+export type { Options as ConfigOptions } from "./types"'], ['ConfigOptions']],
    [[' export {', '   a,', '+  b,', ' } from "./x"'], ['b']],
    [['-export { a } from "./x"', '+export { a, b } from "./x"'], ['b']],
    [['+export * as helpers from "./helpers"'], ['helpers']],
  ])('finds re-exports in %j', (lines, expected) => {
    expect(describeFile(makeDiff('src/index.ts', lines)).reexported).toEqual(expected);
  });

  it.each([
    ['re-wrapped code', ['-call(a, b)', '+call(', '+  a,', '+  b,', '+)'], { formatOnly: true, commentOnly: false }],
    ['quote style', ["-import x from 'y'", '+import x from "y";'], { formatOnly: true, commentOnly: false }],
    [
      'self-closing tags',
      ['-<link rel="icon" href="a.png">', '+<link rel="icon" href="a.png" />'],
      { formatOnly: true, commentOnly: false },
    ],
    ['a real change', ['-call(a, b)', '+call(a, c)'], { formatOnly: false, commentOnly: false }],
    ['comments', ['-// old note', '+// new note', '+/* block */'], { formatOnly: false, commentOnly: true }],
  ])('%s', (_label, lines, expected) => {
    expect(describeFile(makeDiff('src/a.ts', lines))).toMatchObject(expected);
  });

  it.each([
    ['src/types.ts', [' export interface Props {', '-  a: string', '+  a?: string', ' }'], true],
    ['src/a.ts', [' export function f() {', '-  return 1', '+  return 2', ' }'], false],
    ['types/index.d.ts', ['+declare const x: number'], true],
  ])('typeLevel of %s', (path, lines, expected) => {
    expect(describeFile(makeDiff(path, lines)).typeLevel).toBe(expected);
  });

  it.each([
    [
      'a docstring edited inside its quotes',
      [
        '     def shift(self, n):',
        '         """',
        '-        Shift the values.',
        '+        Shift the values by n.',
        '         """',
      ],
      true,
    ],
    [
      'a doctest example added, the hunk inside a long docstring',
      [
        '     Examples',
        '     --------',
        '+    >>> df.with_columns(pl.col("a").shift(1))',
        '+    Shift every column by one row.',
      ],
      true,
    ],
    [
      'a one-line docstring added',
      ['     def len(self):', '+        """Return the number of rows."""', '         return 1'],
      true,
    ],
    [
      'code after a docstring',
      ['         """Return the number of rows."""', '-        return 0', '+        return 1'],
      false,
    ],
    ['a return changed in a hunk without quotes', ['     x = compute()', '-    return x', '+    return y'], false],
    [
      'dataclass fields added',
      [
        '     name: str',
        '     retries: int',
        '+    timeout: float',
        '+    verbose: bool  # log more',
        '     host: str',
      ],
      false,
    ],
    ['annotated fields alone', ['+    yield_ratio: float', '+    parent: "Node" | None'], false],
    [
      "a Google-style docstring's arguments, no quotes in the hunk",
      ['     Args:', '-        timeout: seconds to wait.', '+        timeout: Seconds to wait before giving up.'],
      true,
    ],
    [
      'a numpy-style parameter retyped',
      ['     Parameters', '     ----------', '-    n : int', '+    n : int | None'],
      true,
    ],
  ])('%s in Python is comment only: %s', (_label, lines, expected) => {
    expect(describeFile(makeDiff('py-polars/polars/frame.py', lines)).commentOnly).toBe(expected);
  });
});
