import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDiffStream, parseUnifiedDiff } from '../../src/diff/parse.js';
import type { FileDiff } from '../../src/diff/types.js';
import { createTempRepo, type TempRepo } from '../support/temp-repo.js';

// Real `git diff --cached` output from a temporary repository, one staged change of each kind.
const DIFF_ARGS = ['diff', '--cached', '--no-color', '--no-ext-diff', '--no-textconv'];
const lines = (from: number, to: number, label = 'line') =>
  Array.from({ length: to - from + 1 }, (_, i) => `${label} ${from + i}\n`).join('');
const TAB_QUOTE = 'tab\tand"quote.txt';
const NEWLINE = 'two\nlines.txt';
const UNICODE = 'héllo wörld.txt';

let repo: TempRepo;
let files: FileDiff[];

function stagedDiff(...options: string[]): string {
  return repo.git('-c', 'core.quotePath=true', ...DIFF_ARGS, ...options);
}

const byPath = (path: string): FileDiff => {
  const file = files.find((f) => f.path === path);
  if (file === undefined)
    throw new Error(`no FileDiff for ${JSON.stringify(path)} in ${JSON.stringify(files.map((f) => f.path))}`);
  return file;
};

beforeAll(() => {
  repo = createTempRepo();
  repo.git('config', 'user.name', 'Test Author');
  repo.git('config', 'user.email', 'author@example.com');
  repo.write('modify.txt', lines(1, 20));
  repo.write('delete.txt', lines(100, 130));
  repo.write('rename-src.txt', lines(200, 240));
  repo.write('rename-edit-src.txt', lines(300, 340));
  repo.write('old name.txt', lines(400, 440));
  repo.write('mode.sh', '#!/bin/sh\necho mode\n');
  repo.write('mode-edit.sh', '#!/bin/sh\necho before\n');
  repo.write('data.bin', Buffer.from([1, 0, 2, 0, 3]));
  repo.write('gone.bin', Buffer.from([9, 0, 9]));
  repo.write('my file.txt', lines(1, 5));
  repo.write('noeol.txt', 'a\nb');
  repo.write('tricky.txt', '-- separator\nkeep\n');
  repo.git('add', '-A');
  repo.git('commit', '-q', '-m', 'base');

  repo.write('modify.txt', lines(1, 20).replace('line 5\n', 'line five\n') + 'line 21\n');
  repo.git('rm', '-q', 'delete.txt', 'gone.bin');
  repo.git('mv', 'rename-src.txt', 'renamed.txt');
  repo.git('mv', 'rename-edit-src.txt', 'rename-edit-dst.txt');
  repo.write('rename-edit-dst.txt', lines(300, 340).replace('line 310\n', 'line ten\n'));
  repo.git('mv', 'old name.txt', 'new name.txt');
  repo.write('new name.txt', lines(400, 441));
  repo.write('mode-edit.sh', '#!/bin/sh\necho after\n');
  repo.write('data.bin', Buffer.from([1, 0, 2, 0, 4]));
  repo.write('added.bin', Buffer.from([0, 1, 2]));
  repo.write('my file.txt', lines(1, 6));
  repo.write('dir with space/a b.txt', 'spaced\n');
  repo.write(UNICODE, 'unicode\n');
  repo.write(TAB_QUOTE, 'odd\n');
  repo.write(NEWLINE, 'odder\n');
  repo.write('crlf.txt', 'one\r\ntwo\r\n');
  repo.write('noeol.txt', 'a\nc');
  repo.write('tricky.txt', '++ separator\nkeep\n');
  repo.write('empty.txt', '');
  repo.git('add', '-A');
  repo.git('update-index', '--chmod=+x', 'mode.sh', 'mode-edit.sh');
  repo.git('update-index', '--add', '--cacheinfo', `160000,${'1'.repeat(40)},libs/sub`);
  files = parseUnifiedDiff(stagedDiff('-M'));
});

afterAll(() => repo?.cleanup());

describe('parsing real `git diff --cached -M` output', () => {
  it('finds every staged file once', () => {
    expect(files.map((f) => f.path).sort()).toEqual(
      [
        'added.bin',
        'crlf.txt',
        'data.bin',
        'delete.txt',
        'dir with space/a b.txt',
        'empty.txt',
        'gone.bin',
        UNICODE,
        'libs/sub',
        'mode-edit.sh',
        'mode.sh',
        'modify.txt',
        'my file.txt',
        'new name.txt',
        'noeol.txt',
        'rename-edit-dst.txt',
        'renamed.txt',
        TAB_QUOTE,
        'tricky.txt',
        NEWLINE,
      ].sort(),
    );
  });

  it.each<[string, Partial<FileDiff>]>([
    ['modify.txt', { status: 'modified', additions: 2, deletions: 1, binary: false, category: 'source' }],
    ['delete.txt', { status: 'deleted', oldMode: '100644', additions: 0, deletions: 31 }],
    [
      'renamed.txt',
      { status: 'renamed', oldPath: 'rename-src.txt', similarity: 100, hunks: [], additions: 0, deletions: 0 },
    ],
    ['rename-edit-dst.txt', { status: 'renamed', oldPath: 'rename-edit-src.txt', additions: 1, deletions: 1 }],
    ['new name.txt', { status: 'renamed', oldPath: 'old name.txt', additions: 1, deletions: 0 }],
    ['mode.sh', { status: 'mode-changed', oldMode: '100644', newMode: '100755', hunks: [] }],
    ['mode-edit.sh', { status: 'modified', oldMode: '100644', newMode: '100755', additions: 1, deletions: 1 }],
    ['data.bin', { status: 'modified', binary: true, hunks: [], category: 'binary' }],
    ['added.bin', { status: 'added', binary: true, newMode: '100644' }],
    ['gone.bin', { status: 'deleted', binary: true, oldMode: '100644' }],
    ['my file.txt', { status: 'modified', additions: 1, deletions: 0 }],
    ['dir with space/a b.txt', { status: 'added', additions: 1 }],
    [UNICODE, { status: 'added', additions: 1 }],
    [TAB_QUOTE, { status: 'added', additions: 1 }],
    [NEWLINE, { status: 'added', additions: 1 }],
    ['crlf.txt', { status: 'added', additions: 2 }],
    ['noeol.txt', { status: 'modified', additions: 1, deletions: 1 }],
    ['tricky.txt', { status: 'modified', additions: 1, deletions: 1 }],
    ['empty.txt', { status: 'added', hunks: [], additions: 0 }],
    ['libs/sub', { status: 'added', newMode: '160000', additions: 1 }],
  ])('%j', (path, expected) => {
    expect(byPath(path)).toMatchObject(expected);
  });

  it('keeps hunk lines exactly: CRLF, no newline at EOF, header-like content', () => {
    expect(byPath('crlf.txt').hunks.map((h) => h.lines)).toEqual([['+one\r', '+two\r']]);
    expect(byPath('noeol.txt').hunks[0]?.lines).toEqual([
      ' a',
      '-b',
      '\\ No newline at end of file',
      '+c',
      '\\ No newline at end of file',
    ]);
    expect(byPath('tricky.txt').hunks[0]?.lines).toEqual(['--- separator', '+++ separator', ' keep']);
    expect(byPath('modify.txt').hunks.map((h) => [h.oldStart, h.oldLines, h.newStart, h.newLines])).toEqual([
      [2, 7, 2, 7],
      [18, 3, 18, 4],
    ]);
  });

  it('reads the same with core.quotePath=false (raw UTF-8 names)', () => {
    const raw = repo.git('-c', 'core.quotePath=false', ...DIFF_ARGS, '-M');
    expect(raw).toContain(UNICODE);
    expect(parseUnifiedDiff(raw)).toEqual(files);
  });

  it('parseDiffStream over the real output yields the same files', async () => {
    async function* feed() {
      const text = stagedDiff('-M');
      for (const line of text.split('\n').slice(0, -1)) yield line;
    }
    const streamed: FileDiff[] = [];
    for await (const file of parseDiffStream(feed())) streamed.push(file);
    expect(streamed).toEqual(files);
  });

  it('a submodule commit change parses as modified', () => {
    repo.git('commit', '-q', '-m', 'changes');
    repo.git('update-index', '--cacheinfo', `160000,${'2'.repeat(40)},libs/sub`);
    const [sub] = parseUnifiedDiff(stagedDiff('-M'));
    expect(sub).toMatchObject({ path: 'libs/sub', status: 'modified', additions: 1, deletions: 1 });
    expect(sub?.hunks[0]?.lines).toEqual([
      `-Subproject commit ${'1'.repeat(40)}`,
      `+Subproject commit ${'2'.repeat(40)}`,
    ]);
    repo.git('reset', '-q');
  });

  it('copies (-C --find-copies-harder) parse as copied', () => {
    repo.write(
      'copy of modify.txt',
      lines(1, 20).replace('line 5\n', 'line five\n').replace('line 9\n', 'line nine\n') + 'line 21\n',
    );
    repo.git('add', 'copy of modify.txt');
    const copies = parseUnifiedDiff(stagedDiff('-C', '--find-copies-harder')).filter((f) => f.status === 'copied');
    expect(copies).toMatchObject([{ path: 'copy of modify.txt', oldPath: 'modify.txt', additions: 1, deletions: 1 }]);
  });
});
