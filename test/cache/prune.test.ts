import { describe, expect, it } from 'vitest';
import type { ScannedFile } from '../../src/cache/fs-ops.js';
import { planEviction } from '../../src/cache/prune.js';

function file(name: string, size: number, mtimeMs: number): ScannedFile {
  return { path: `/c/${name}`, size, mtimeMs };
}

describe('planEviction', () => {
  it.each([
    ['under the cap: nothing', [file('a', 40, 1), file('b', 40, 2)], 100, [], 80],
    ['exactly at the cap: nothing', [file('a', 50, 1), file('b', 50, 2)], 100, [], 100],
    ['over: oldest first down to 80%', [file('new', 40, 9), file('old', 40, 1), file('mid', 40, 5)], 100, ['old'], 80],
    [
      'over by a lot: several go',
      [file('a', 30, 1), file('b', 30, 2), file('c', 30, 3), file('d', 30, 4)],
      50,
      ['a', 'b', 'c'],
      30,
    ],
    ['equal mtimes: path order decides', [file('y', 60, 1), file('x', 60, 1)], 100, ['x'], 60],
    ['one entry larger than the cap goes', [file('huge', 500, 1)], 100, ['huge'], 0],
  ])('%s', (_name, entries, maxBytes, victims, remainingBytes) => {
    const plan = planEviction(entries, maxBytes);
    expect(plan.victims.map((victim) => victim.path.slice(3))).toEqual(victims);
    expect(plan.remainingBytes).toBe(remainingBytes);
  });
});
