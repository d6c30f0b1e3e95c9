// What the collection keeps of the hunks for the offline engine: the first ENGINE_LINE_CAP lines in order, and every
// file's counts whatever it keeps.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
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
    const files = await collectDiff({ lines: batches(all), contentBudget: 0 });
    expect(files.map((file) => file.diff.additions)).toEqual(names.map(() => perFile));
    const kept = files.flatMap((file) => file.diff.hunks.flatMap((hunk) => hunk.lines));
    expect(kept).toEqual(all.filter((line) => /^\+\w\.ts line/.test(line)).slice(0, ENGINE_LINE_CAP));
    expect(files[3]!.diff.hunks).toEqual([]); // nothing of it is left to keep
  });

  it('keeps no text at a content budget of 0, and parses the same files as with a budget for text', async () => {
    const all = ['a.ts', 'b.ts', 'c.ts'].flatMap((name, index) => addedFile(name, 40 + index));
    const none = await collectDiff({ lines: batches(all), contentBudget: 0 });
    const some = await collectDiff({ lines: batches(all), contentBudget: 2000 });
    expect(none.map((file) => file.diff)).toEqual(some.map((file) => file.diff));
    expect(none.map((file) => [file.text, file.fullLength, file.cutLines])).toEqual(none.map(() => ['', 0, 0]));
    expect(some.map((file) => file.text.split('\n').filter((line) => line.startsWith('+a')).length)).toEqual([
      40, 0, 0,
    ]);
  });
});

describe('collectDiff memory', () => {
  it('keeps no batch of the diff alive through the strings it keeps (paths, hunk headers, hunk lines)', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    // Each file's diff arrives as lines sliced from a text of its own (~1.3 MB), as a stream's batch is split into lines.
    const batchCount = 24;
    async function* slicedBatches(): AsyncGenerator<string[]> {
      for (let file = 0; file < batchCount; file++) {
        const name = `src/components/module-${String(file).padStart(4, '0')}.ts`;
        const lines = Array.from({ length: 32_000 }, (_, index) => `+const value${index} = compute(${index}, 'pad');`);
        const text = [...addedFile(name, 0).slice(0, 4), `@@ -0,0 +1,${lines.length} @@`, ...lines].join('\n');
        yield text.split('\n');
      }
    }
    gc();
    const before = process.memoryUsage().heapUsed;
    const files = await collectDiff({ lines: slicedBatches(), contentBudget: 1 });
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    expect(files).toHaveLength(batchCount);
    expect(files[0]!.diff.hunks[0]!.lines.length).toBeGreaterThan(0);
    // The kept strings come to ~3 MB (ENGINE_LINE_CAP lines); the texts they were cut from, ~30 MB.
    expect(grown).toBeLessThan(12 * 1024 * 1024);
  });
});
