import { describe, expect, it } from 'vitest';
import { applyHeaderLine, createRecord, parseHunkHeader, toFileDiff } from '../../src/diff/header.js';

describe('applyHeaderLine', () => {
  it.each<[string, Record<string, unknown>]>([
    ['old mode 100644', { oldMode: '100644' }],
    ['new mode 100755', { newMode: '100755' }],
    ['new file mode 120000', { created: true, newMode: '120000' }],
    ['deleted file mode 100644', { removed: true, oldMode: '100644' }],
    ['rename from "\\303\\251.txt"', { renameFrom: 'é.txt' }],
    ['rename to b c.txt', { renameTo: 'b c.txt' }],
    ['rename old x', { renameFrom: 'x' }],
    ['copy from x', { copyFrom: 'x' }],
    ['copy to y', { copyTo: 'y' }],
    ['similarity index 87%', { similarity: 87 }],
    ['--- /dev/null', { minus: null }],
    ['+++ b/x y\t', { plus: 'b/x y' }],
    ['Binary files a/x and b/x differ', { binary: true, created: false, removed: false }],
    ['Binary files /dev/null and b/x differ', { binary: true, created: true }],
    ['Binary files a/x and /dev/null differ', { binary: true, removed: true }],
    ['GIT binary patch', { binary: true }],
    ['index 1111111..2222222 100644', { binary: false, created: false }],
    ['dissimilarity index 60%', { binary: false }],
  ])('%j', (line, expected) => {
    const record = createRecord('a/x b/x');
    applyHeaderLine(record, line);
    expect(record).toMatchObject(expected);
  });

  it('ignores the mode of an index line', () => {
    const record = createRecord('a/x b/x');
    applyHeaderLine(record, 'index 1111111..2222222 100755');
    expect(toFileDiff(record)).not.toHaveProperty('oldMode');
  });
});

describe('parseHunkHeader', () => {
  it.each(['@@ -1,2 +1,2', '@@@ -1,1 -1,1 +1,1 @@@', '@@ -a,1 +1 @@', 'diff --git a/x b/x'])('rejects %j', (line) => {
    expect(parseHunkHeader(line)).toBeUndefined();
  });

  it('keeps unusual separators in the section', () => {
    expect(parseHunkHeader('@@ -1 +1 @@ a\u2028b ')?.section).toBe('a\u2028b');
  });
});
