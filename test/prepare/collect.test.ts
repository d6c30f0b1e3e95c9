// What the collection keeps of the hunks for the offline engine: the first ENGINE_LINE_CAP lines in order, and every
// file's counts whatever it keeps.
import { describe, expect, it } from 'vitest';
import { collectDiff, ENGINE_LINE_CAP } from '../../src/prepare/collect.js';

function addedFile(name: string, lines: number): string[] {
  const body = Array.from({ length: lines }, (_, index) => `+${name} line ${index}`);
  return [
    `diff --git a/${name} b/${name}`,
    'new file mode 100644',
    '--- /dev/null',
    `+++ b/${name}`,
    `@@ -0,0 +1,${lines} @@`,
    ...body,
  ];
}

async function* batches(lines: string[]): AsyncGenerator<string[]> {
  for (let at = 0; at < lines.length; at += 1000) yield lines.slice(at, at + 1000);
}

describe('collectDiff', () => {
  it("keeps the diff's first ENGINE_LINE_CAP hunk lines, in order, and exact counts for every file", async () => {
    const perFile = Math.ceil(ENGINE_LINE_CAP / 2.5);
    const names = ['a.ts', 'b.ts', 'c.ts', 'd.ts'];
    const all = names.flatMap((name) => addedFile(name, perFile));
    const files = await collectDiff({ lines: batches(all), contentBudget: 1 });
    expect(files.map((file) => file.diff.additions)).toEqual(names.map(() => perFile));
    const kept = files.flatMap((file) => file.diff.hunks.flatMap((hunk) => hunk.lines));
    expect(kept).toEqual(all.filter((line) => /^\+\w\.ts line/.test(line)).slice(0, ENGINE_LINE_CAP));
    expect(files[3]!.diff.hunks).toEqual([]); // nothing of it is left to keep
  });
});
