import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiffParser, parseDiffStream, parseUnifiedDiff } from '../../src/diff/parse.js';
import type { FileDiff } from '../../src/diff/types.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/diffs');
const diff = (...lines: string[]): string => `${lines.join('\n')}\n`;
const only = (text: string): FileDiff => {
  const files = parseUnifiedDiff(text);
  expect(files).toHaveLength(1);
  return files[0] as FileDiff;
};

describe('parseUnifiedDiff: statuses', () => {
  it.each<[string, string, Partial<FileDiff>]>([
    [
      'added',
      diff(
        'diff --git a/new.ts b/new.ts',
        'new file mode 100644',
        'index 0000000..3b18e51',
        '--- /dev/null',
        '+++ b/new.ts',
        '@@ -0,0 +1,2 @@',
        '+one',
        '+two',
      ),
      { path: 'new.ts', status: 'added', newMode: '100644', additions: 2, deletions: 0, binary: false },
    ],
    [
      'added, empty file (no hunks)',
      diff('diff --git a/empty.txt b/empty.txt', 'new file mode 100644', 'index 0000000..e69de29'),
      { path: 'empty.txt', status: 'added', hunks: [], additions: 0 },
    ],
    [
      'deleted',
      diff(
        'diff --git a/old.ts b/old.ts',
        'deleted file mode 100644',
        'index 3b18e51..0000000',
        '--- a/old.ts',
        '+++ /dev/null',
        '@@ -1,2 +0,0 @@',
        '-one',
        '-two',
      ),
      { path: 'old.ts', status: 'deleted', oldMode: '100644', additions: 0, deletions: 2 },
    ],
    [
      'modified',
      diff(
        'diff --git a/m.ts b/m.ts',
        'index 1111111..2222222 100644',
        '--- a/m.ts',
        '+++ b/m.ts',
        '@@ -1,3 +1,3 @@',
        ' a',
        '-b',
        '+B',
        ' c',
      ),
      { path: 'm.ts', status: 'modified', additions: 1, deletions: 1 },
    ],
    [
      'pure rename (no hunks)',
      diff('diff --git a/src/a.ts b/lib/a.ts', 'similarity index 100%', 'rename from src/a.ts', 'rename to lib/a.ts'),
      {
        path: 'lib/a.ts',
        oldPath: 'src/a.ts',
        status: 'renamed',
        similarity: 100,
        hunks: [],
        additions: 0,
        deletions: 0,
      },
    ],
    [
      'rename with edits',
      diff(
        'diff --git a/src/a.ts b/lib/b.ts',
        'similarity index 87%',
        'rename from src/a.ts',
        'rename to lib/b.ts',
        'index 1111111..2222222 100644',
        '--- a/src/a.ts',
        '+++ b/lib/b.ts',
        '@@ -1,2 +1,2 @@',
        ' keep',
        '-old',
        '+new',
      ),
      { path: 'lib/b.ts', oldPath: 'src/a.ts', status: 'renamed', similarity: 87, additions: 1, deletions: 1 },
    ],
    [
      'copy',
      diff(
        'diff --git a/a.ts b/a-copy.ts',
        'similarity index 95%',
        'copy from a.ts',
        'copy to a-copy.ts',
        'index 1..2 100644',
        '--- a/a.ts',
        '+++ b/a-copy.ts',
        '@@ -1 +1 @@',
        '-x',
        '+y',
      ),
      { path: 'a-copy.ts', oldPath: 'a.ts', status: 'copied', similarity: 95, additions: 1, deletions: 1 },
    ],
    [
      'mode change only',
      diff('diff --git a/run.sh b/run.sh', 'old mode 100644', 'new mode 100755'),
      { path: 'run.sh', status: 'mode-changed', oldMode: '100644', newMode: '100755', hunks: [] },
    ],
    [
      'mode change with edits is modified',
      diff(
        'diff --git a/run.sh b/run.sh',
        'old mode 100644',
        'new mode 100755',
        'index 1..2',
        '--- a/run.sh',
        '+++ b/run.sh',
        '@@ -1 +1 @@',
        '-a',
        '+b',
      ),
      { path: 'run.sh', status: 'modified', oldMode: '100644', newMode: '100755', additions: 1, deletions: 1 },
    ],
    [
      'rename with a mode change stays renamed',
      diff(
        'diff --git a/a.sh b/b.sh',
        'old mode 100644',
        'new mode 100755',
        'similarity index 100%',
        'rename from a.sh',
        'rename to b.sh',
      ),
      { path: 'b.sh', oldPath: 'a.sh', status: 'renamed', oldMode: '100644', newMode: '100755' },
    ],
    [
      'binary modified',
      diff(
        'diff --git a/img.bin b/img.bin',
        'index 1111111..2222222 100644',
        'Binary files a/img.bin and b/img.bin differ',
      ),
      { path: 'img.bin', status: 'modified', binary: true, category: 'binary', hunks: [] },
    ],
    [
      'binary added',
      diff(
        'diff --git a/img.bin b/img.bin',
        'new file mode 100644',
        'index 0000000..2222222',
        'Binary files /dev/null and b/img.bin differ',
      ),
      { path: 'img.bin', status: 'added', binary: true },
    ],
    [
      'binary deleted',
      diff(
        'diff --git a/img.bin b/img.bin',
        'deleted file mode 100644',
        'index 1111111..0000000',
        'Binary files a/img.bin and /dev/null differ',
      ),
      { path: 'img.bin', status: 'deleted', binary: true },
    ],
    [
      'binary sides alone decide added/deleted',
      diff('diff --git a/x.bin b/x.bin', 'Binary files /dev/null and b/x.bin differ'),
      { path: 'x.bin', status: 'added', binary: true },
    ],
    [
      'binary asset keeps its asset category',
      diff('diff --git a/logo.png b/logo.png', 'index 1..2 100644', 'Binary files a/logo.png and b/logo.png differ'),
      { path: 'logo.png', binary: true, category: 'asset' },
    ],
    [
      'GIT binary patch (diff --binary) is binary, its data ignored',
      diff(
        'diff --git a/x.bin b/x.bin',
        'index 1..2 100644',
        'GIT binary patch',
        'literal 3',
        'KcmZQzXJ7yX00aO4',
        '',
        'literal 3',
        'KcmZQzXJ7yX00aO4',
        '',
      ),
      { path: 'x.bin', status: 'modified', binary: true, hunks: [], additions: 0 },
    ],
    [
      'submodule commit change parses as modified',
      diff(
        'diff --git a/libs/sub b/libs/sub',
        'index 1111111..2222222 160000',
        '--- a/libs/sub',
        '+++ b/libs/sub',
        '@@ -1 +1 @@',
        '-Subproject commit 1111111111111111111111111111111111111111',
        '+Subproject commit 2222222222222222222222222222222222222222',
      ),
      { path: 'libs/sub', status: 'modified', additions: 1, deletions: 1 },
    ],
    [
      'submodule added',
      diff(
        'diff --git a/sub b/sub',
        'new file mode 160000',
        'index 0000000..2222222',
        '--- /dev/null',
        '+++ b/sub',
        '@@ -0,0 +1 @@',
        '+Subproject commit 2222222222222222222222222222222222222222',
      ),
      { path: 'sub', status: 'added', newMode: '160000', additions: 1 },
    ],
  ])('%s', (_name, text, expected) => {
    expect(only(text)).toMatchObject(expected);
  });
});

describe('parseUnifiedDiff: paths', () => {
  const added = (gitLine: string, plusLine: string) =>
    diff(
      `diff --git ${gitLine}`,
      'new file mode 100644',
      'index 0000000..1111111',
      '--- /dev/null',
      `+++ ${plusLine}`,
      '@@ -0,0 +1 @@',
      '+x',
    );
  const binary = (gitLine: string) => diff(`diff --git ${gitLine}`, 'index 1..2 100644', 'Binary files differ');
  it.each<[string, string, { path: string; oldPath?: string }]>([
    [
      'spaces, trailing tab on the +++ label',
      added('a/my file.txt b/my file.txt', 'b/my file.txt\t'),
      { path: 'my file.txt' },
    ],
    [
      'spaces, no labels (binary): middle split',
      binary('a/dir with space/a b.bin b/dir with space/a b.bin'),
      { path: 'dir with space/a b.bin' },
    ],
    ['a name containing " b/"', binary('a/x b/y.bin b/x b/y.bin'), { path: 'x b/y.bin' }],
    ['a folder named a', binary('a/a/b.bin b/a/b.bin'), { path: 'a/b.bin' }],
    [
      'unicode, octal escapes',
      added(
        '"a/h\\303\\251llo w\\303\\266rld.txt" "b/h\\303\\251llo w\\303\\266rld.txt"',
        '"b/h\\303\\251llo w\\303\\266rld.txt"\t',
      ),
      { path: 'héllo wörld.txt' },
    ],
    [
      'tab and quote in the name',
      added('"a/tab\\tand\\"quote.txt" "b/tab\\tand\\"quote.txt"', '"b/tab\\tand\\"quote.txt"'),
      { path: 'tab\tand"quote.txt' },
    ],
    [
      'newline in the name',
      added('"a/two\\nlines.txt" "b/two\\nlines.txt"', '"b/two\\nlines.txt"'),
      { path: 'two\nlines.txt' },
    ],
    ['quoted, no labels', binary('"a/\\303\\251 x.bin" "b/\\303\\251 x.bin"'), { path: 'é x.bin' }],
    ['--no-prefix', added('dir/f.txt dir/f.txt', 'dir/f.txt'), { path: 'dir/f.txt' }],
    ['--no-prefix with a folder named a', binary('a/f.bin a/f.bin'), { path: 'a/f.bin' }],
    ['mnemonic prefixes (c/ i/)', added('c/src/f.ts i/src/f.ts', 'i/src/f.ts'), { path: 'src/f.ts' }],
    [
      'custom prefixes of different lengths',
      added('old/my f.txt new-side/my f.txt', 'new-side/my f.txt\t'),
      { path: 'my f.txt' },
    ],
    ['custom prefixes of different lengths, no labels', binary('old/my f.bin new-side/my f.bin'), { path: 'my f.bin' }],
    [
      'rename with spaces on both sides (ambiguous git line)',
      diff(
        'diff --git a/old name.txt b/new name.txt',
        'similarity index 100%',
        'rename from old name.txt',
        'rename to new name.txt',
      ),
      { path: 'new name.txt', oldPath: 'old name.txt' },
    ],
    [
      'rename from a plain to a quoted name',
      diff(
        'diff --git a/plain.txt "b/\\303\\251.txt"',
        'similarity index 100%',
        'rename from plain.txt',
        'rename to "\\303\\251.txt"',
      ),
      { path: 'é.txt', oldPath: 'plain.txt' },
    ],
    [
      'deleted: path from the --- label',
      diff(
        'diff --git a/gone file.txt b/gone file.txt',
        'deleted file mode 100644',
        'index 1..0',
        '--- a/gone file.txt\t',
        '+++ /dev/null',
        '@@ -1 +0,0 @@',
        '-x',
      ),
      { path: 'gone file.txt' },
    ],
  ])('%s', (_name, text, expected) => {
    const file = only(text);
    expect(file.path).toBe(expected.path);
    expect(file.oldPath).toBe(expected.oldPath);
  });
});

describe('parseUnifiedDiff: hunks', () => {
  const modified = (...body: string[]) =>
    diff('diff --git a/f b/f', 'index 1..2 100644', '--- a/f', '+++ b/f', ...body);

  it.each<[string, { oldStart: number; oldLines: number; newStart: number; newLines: number; section: string }]>([
    ['@@ -1,3 +1,4 @@', { oldStart: 1, oldLines: 3, newStart: 1, newLines: 4, section: '' }],
    ['@@ -1 +1 @@', { oldStart: 1, oldLines: 1, newStart: 1, newLines: 1, section: '' }],
    ['@@ -0,0 +1,3 @@', { oldStart: 0, oldLines: 0, newStart: 1, newLines: 3, section: '' }],
    [
      '@@ -10,7 +12 @@ export function parse(text: string) {',
      { oldStart: 10, oldLines: 7, newStart: 12, newLines: 1, section: 'export function parse(text: string) {' },
    ],
    [
      '@@ -5,2 +5,0 @@   spaced section  ',
      { oldStart: 5, oldLines: 2, newStart: 5, newLines: 0, section: 'spaced section' },
    ],
  ])('header %s', (header, expected) => {
    const body = Array.from({ length: Math.max(expected.oldLines, expected.newLines) }, (_, i) =>
      i < Math.min(expected.oldLines, expected.newLines)
        ? ' same'
        : expected.oldLines > expected.newLines
          ? '-old'
          : '+new',
    );
    const [hunk] = only(modified(header, ...body)).hunks;
    expect(hunk).toMatchObject({ header, ...expected, lines: body });
  });

  it.each<[string, string[], { additions: number; deletions: number; lines: string[] }]>([
    [
      'removed "-- x" reads "--- x"',
      ['@@ -1,2 +1,2 @@', '--- x', '+++ y', ' keep'],
      { additions: 1, deletions: 1, lines: ['--- x', '+++ y', ' keep'] },
    ],
    [
      'hunk starting with "+++ " and "--- "',
      ['@@ -1 +1,2 @@', '--- a/f', '+++ b/f', '+@@ -1 +1 @@'],
      { additions: 2, deletions: 1, lines: ['--- a/f', '+++ b/f', '+@@ -1 +1 @@'] },
    ],
    [
      'a diff as content',
      ['@@ -0,0 +1,2 @@', '+diff --git a/x b/x', '+index 1..2'],
      { additions: 2, deletions: 0, lines: ['+diff --git a/x b/x', '+index 1..2'] },
    ],
    [
      'no newline at end of file, both sides: kept, not counted',
      ['@@ -1 +1 @@', '-a', '\\ No newline at end of file', '+b', '\\ No newline at end of file'],
      {
        additions: 1,
        deletions: 1,
        lines: ['-a', '\\ No newline at end of file', '+b', '\\ No newline at end of file'],
      },
    ],
    [
      'an empty line is an empty context line',
      ['@@ -1,3 +1,3 @@', ' a', '', '-b', '+c'],
      { additions: 1, deletions: 1, lines: [' a', ' ', '-b', '+c'] },
    ],
    [
      'two hunks',
      ['@@ -1 +1 @@', '-a', '+b', '@@ -9,2 +9,3 @@ fn', ' x', '+y', ' z'],
      { additions: 2, deletions: 1, lines: ['-a', '+b', ' x', '+y', ' z'] },
    ],
    [
      'a truncated hunk ends at the next header',
      ['@@ -1,5 +1,5 @@', ' a', '-b'],
      { additions: 0, deletions: 1, lines: [' a', '-b'] },
    ],
  ])('%s', (_name, body, expected) => {
    const file = only(modified(...body));
    expect({ additions: file.additions, deletions: file.deletions, lines: file.hunks.flatMap((h) => h.lines) }).toEqual(
      expected,
    );
  });

  it('a truncated hunk does not swallow the next file', () => {
    const files = parseUnifiedDiff(modified('@@ -1,5 +1,5 @@', ' a') + modified('@@ -1 +1 @@', '-x', '+y'));
    expect(files.map((f) => [f.path, f.additions, f.deletions])).toEqual([
      ['f', 0, 0],
      ['f', 1, 1],
    ]);
  });
});

describe('parseUnifiedDiff: input shapes', () => {
  const twoFiles = diff(
    'diff --git a/a b/a',
    'index 1..2 100644',
    '--- a/a',
    '+++ b/a',
    '@@ -1 +1 @@',
    '-1',
    '+2',
    'diff --git a/b b/b',
    'index 1..2 100644',
    '--- a/b',
    '+++ b/b',
    '@@ -1 +1 @@',
    '-1',
    '+2',
  );

  it('empty input gives no files', () => {
    expect(parseUnifiedDiff('')).toEqual([]);
    expect(parseUnifiedDiff('\n')).toEqual([]);
  });

  it('a diff without its trailing newline parses the same', () => {
    expect(parseUnifiedDiff(twoFiles.slice(0, -1))).toEqual(parseUnifiedDiff(twoFiles));
  });

  it('lines before the first diff --git (a commit header) and combined diffs are skipped', () => {
    const text =
      diff(
        'commit abc',
        'Author: x',
        '',
        '    message',
        'diff --cc conflicted.txt',
        '@@@ -1,1 -1,1 +1,1 @@@',
        '- a',
        ' -b',
        '++c',
      ) + twoFiles;
    expect(parseUnifiedDiff(text).map((f) => f.path)).toEqual(['a', 'b']);
  });

  it('keeps a carriage return ending a content line (CRLF files)', () => {
    const file = only(
      diff(
        'diff --git a/w.txt b/w.txt',
        'index 1..2 100644',
        '--- a/w.txt',
        '+++ b/w.txt',
        '@@ -1,2 +1,2 @@',
        ' one\r',
        '-two\r',
        '+TWO\r',
      ),
    );
    expect(file.hunks[0]?.lines).toEqual([' one\r', '-two\r', '+TWO\r']);
    expect([file.additions, file.deletions]).toEqual([1, 1]);
  });

  it('reads a diff whose every line was converted to CRLF', () => {
    const crlf = twoFiles.replaceAll('\n', '\r\n');
    expect(parseUnifiedDiff(crlf).map((f) => [f.path, f.status, f.additions, f.deletions, f.hunks[0]?.header])).toEqual(
      [
        ['a', 'modified', 1, 1, '@@ -1 +1 @@'],
        ['b', 'modified', 1, 1, '@@ -1 +1 @@'],
      ],
    );
  });

  it('sets the category from the path and binary flag', () => {
    const files = parseUnifiedDiff(
      diff(
        'diff --git a/yarn.lock b/yarn.lock',
        'index 1..2 100644',
        '--- a/yarn.lock',
        '+++ b/yarn.lock',
        '@@ -1 +1 @@',
        '-a',
        '+b',
      ) +
        diff('diff --git a/blob.dat b/blob.dat', 'index 1..2 100644', 'Binary files a/blob.dat and b/blob.dat differ'),
    );
    expect(files.map((f) => f.category)).toEqual(['lockfile', 'binary']);
  });
});

describe('DiffParser', () => {
  const lines = (text: string) => text.split('\n').slice(0, -1);
  const sample = diff(
    'diff --git a/a.ts b/a.ts',
    'index 1..2 100644',
    '--- a/a.ts',
    '+++ b/a.ts',
    '@@ -1 +1 @@',
    '-x',
    '+y',
    'diff --git a/b.ts b/b.ts',
    'new file mode 100644',
    'index 0..1',
    '--- /dev/null',
    '+++ b/b.ts',
    '@@ -0,0 +1 @@',
    '+z',
  );

  it('returns each file from the line that completes it, and the last from end()', () => {
    const parser = new DiffParser();
    const completedAt: Array<[number, string]> = [];
    lines(sample).forEach((line, index) => {
      for (const file of parser.push(line)) completedAt.push([index, file.path]);
    });
    expect(completedAt).toEqual([[7, 'a.ts']]);
    expect(parser.end().map((f) => f.path)).toEqual(['b.ts']);
    expect(parser.end()).toEqual([]);
  });

  it('keepLines: false keeps hunk headers and exact counts but no lines', () => {
    const files = parseUnifiedDiff(sample, { keepLines: false });
    expect(files.map((f) => [f.additions, f.deletions, f.hunks.length, f.hunks[0]?.header, f.hunks[0]?.lines])).toEqual(
      [
        [1, 1, 1, '@@ -1 +1 @@', []],
        [1, 0, 1, '@@ -0,0 +1 @@', []],
      ],
    );
  });

  it('a huge hunk: exact counts, and with keepLines: false no lines held', () => {
    const half = 100_000;
    const body = [`@@ -1,${half} +1,${half} @@ big`];
    for (let i = 0; i < half; i++) body.push(`-old ${i}`, `+new ${i}`);
    const head = diff('diff --git a/big.txt b/big.txt', 'index 1..2 100644', '--- a/big.txt', '+++ b/big.txt');
    const text = head + diff(body.join('\n'), 'diff --git a/next.txt b/next.txt', 'old mode 100644', 'new mode 100755');

    const kept = parseUnifiedDiff(text);
    expect(kept.map((f) => [f.path, f.additions, f.deletions])).toEqual([
      ['big.txt', half, half],
      ['next.txt', 0, 0],
    ]);
    expect(kept[0]?.hunks[0]?.lines).toHaveLength(2 * half);

    const parser = new DiffParser({ keepLines: false });
    const files: FileDiff[] = [];
    for (const line of lines(text)) files.push(...parser.push(line));
    files.push(...parser.end());
    expect(files.map((f) => [f.path, f.status, f.additions, f.deletions])).toEqual([
      ['big.txt', 'modified', half, half],
      ['next.txt', 'mode-changed', 0, 0],
    ]);
    expect(files[0]?.hunks).toEqual([
      { header: body[0], oldStart: 1, oldLines: half, newStart: 1, newLines: half, section: 'big', lines: [] },
    ]);
  });
});

describe('parseDiffStream', () => {
  it('yields files as their lines arrive', async () => {
    const text = readFileSync(join(FIXTURES, 'mixed.diff'), 'utf8');
    const pulled: number[] = [];
    let fed = 0;
    async function* feed() {
      for (const line of text.split('\n').slice(0, -1)) {
        fed++;
        yield line;
      }
    }
    const streamed: FileDiff[] = [];
    for await (const file of parseDiffStream(feed())) {
      streamed.push(file);
      pulled.push(fed);
    }
    expect(streamed).toEqual(parseUnifiedDiff(text));
    // Each file but the last comes out before the whole input has been read.
    expect(pulled.slice(0, -1).every((count) => count < fed)).toBe(true);
    expect(new Set(pulled).size).toBe(pulled.length);
  });
});

describe('fixtures: one real change set, every prefix and quoting style', () => {
  const summary = (file: FileDiff) =>
    [
      file.path,
      file.oldPath ?? '',
      file.status,
      file.binary,
      file.oldMode ?? '',
      file.newMode ?? '',
      file.similarity ?? '',
      file.additions,
      file.deletions,
      file.category,
    ].join(' | ');
  const expected = [
    '.gitkeep |  | added | false |  | 100644 |  | 0 | 0 | config',
    'assets.bin |  | added | true |  | 100644 |  | 0 | 0 | binary',
    'build.sh |  | mode-changed | false | 100644 | 100755 |  | 0 | 0 | build',
    'deploy.sh |  | modified | false | 100644 | 100755 |  | 1 | 1 | source',
    'dir with space/new name.txt | dir with space/old name.txt | renamed | false |  |  | 90 | 1 | 0 | source',
    'docs/guide été.md |  | added | false |  | 100644 |  | 3 | 0 | docs',
    'docs/logo.png |  | modified | true |  |  |  | 0 | 0 | asset',
    'eol.txt |  | modified | false |  |  |  | 1 | 1 | source',
    'libs/sub |  | modified | false |  |  |  | 1 | 1 | source',
    'notes.txt |  | modified | false |  |  |  | 1 | 1 | source',
    'odd\tname "q".txt |  | added | false |  | 100644 |  | 1 | 0 | source',
    'package.json |  | modified | false |  |  |  | 1 | 1 | build',
    'src/app.ts |  | modified | false |  |  |  | 2 | 1 | source',
    'src/helper-fns.ts | src/helpers.ts | renamed | false |  |  | 94 | 1 | 1 | source',
    'src/legacy.ts |  | deleted | false | 100644 |  |  | 0 | 12 | source',
    'src/utils.ts | src/util.ts | renamed | false |  |  | 100 | 0 | 0 | source',
  ];

  it.each([
    'mixed.diff',
    'mixed-no-prefix.diff',
    'mixed-mnemonic-prefix.diff',
    'mixed-custom-prefix.diff',
    'mixed-quotepath-false.diff',
  ])('%s', (name) => {
    const files = parseUnifiedDiff(readFileSync(join(FIXTURES, name), 'utf8'));
    expect(files.map(summary)).toEqual(expected);
    const notes = files.find((f) => f.path === 'notes.txt');
    expect(notes?.hunks[0]?.lines).toEqual(['--- separator', '+++ separator', ' keep']);
  });

  it('copies.diff (diff.renames=copies / -C)', () => {
    const files = parseUnifiedDiff(readFileSync(join(FIXTURES, 'copies.diff'), 'utf8'));
    expect(files.filter((f) => f.status === 'copied').map(summary)).toEqual([
      'src/app2.ts | src/app.ts | copied | false |  |  | 100 | 0 | 0 | source',
      'src/utils-copy.ts | src/utils.ts | copied | false |  |  | 95 | 1 | 1 | source',
    ]);
  });
});
