// A reader that tells the staged-diff stream how much of a line it uses gets the same result from a stream that then
// holds only that much (and a little more) of a minified line, instead of HELD_LINE_LIMIT units of it.
import { afterAll, describe, expect, it } from 'vitest';
import { HELD_LINE_LIMIT, heldLineLength } from '../../src/diff/long-lines.js';
import { startStagedDiff } from '../../src/git/staged-diff.js';
import { collectDiff } from '../../src/prepare/collect.js';
import { createTempRepo } from '../support/temp-repo.js';

const repo = createTempRepo();
afterAll(() => repo.cleanup());
// One 2.4 MB line of words and a key-like run at the budget's cut, then an ordinary line.
const bundle = `${'var a=function(b){return b*2};'.repeat(40_000)}${'k'.repeat(200)}${'x;'.repeat(500_000)}`;
repo.write('web/app.js', `${bundle}\nexport const done = true;\n`);
repo.write('src/small.ts', 'export const small = 1;\n');
repo.git('add', '.');

const start = () => startStagedDiff({ cwd: repo.dir, env: repo.env });

describe('a stream told how much of a line its reader uses', () => {
  it('holds at most that much (and a word boundary past it) of a long line', async () => {
    const diff = start();
    diff.holdLines(16_000);
    let longest = 0;
    for await (const batch of diff.lines) for (const line of batch) longest = Math.max(longest, line.length);
    expect(heldLineLength(16_000)).toBeLessThan(HELD_LINE_LIMIT);
    expect(longest).toBeLessThan(heldLineLength(16_000) + 60); // the head and the note of the cut
    expect(longest).toBeGreaterThan(16_000);
  });

  it.each([
    ['a remote budget of 8,000 tokens', 8000, 1],
    ['the offline engine (both lines cut to 2 units of text)', 1, 2],
    ['a budget of 1M tokens (HELD_LINE_LIMIT units of a line, not 2M)', 1_000_000, 1],
  ])(
    'collects the same text and hunks for %s as a stream that holds HELD_LINE_LIMIT',
    async (_, contentBudget, cutLines) => {
      const whole = await collectDiff({ lines: start().lines, contentBudget });
      const diff = start();
      const held = await collectDiff({ lines: diff.lines, contentBudget, holdLines: diff.holdLines });
      expect(held).toEqual(whole);
      const app = held.find((file) => file.diff.path === 'web/app.js')!;
      expect(app.cutLines).toBe(cutLines);
      expect(app.diff.hunks[0]!.lines[0]).toMatch(/ \[git-ai: line cut, \d+ more characters\]$/);
    },
  );

  it('keeps at most HELD_LINE_LIMIT units of one line whatever the budget: a 1M budget keeps no more of it', async () => {
    const diff = start();
    const files = await collectDiff({ lines: diff.lines, contentBudget: 1_000_000, holdLines: diff.holdLines });
    const text = files.find((file) => file.diff.path === 'web/app.js')!.text;
    const line = text.split('\n').find((row) => row.startsWith('+var a='))!;
    const head = line.replace(/ \[git-ai: line cut, (\d+) more characters\]$/, '');
    const dropped = Number(/(\d+) more characters\]$/.exec(line)![1]);
    expect(head.length).toBeLessThanOrEqual(HELD_LINE_LIMIT);
    expect(head.length).toBeGreaterThan(HELD_LINE_LIMIT - 100);
    expect(head.length + dropped).toBe(bundle.length + 1); // the added line's + and the whole bundle
  });
});
