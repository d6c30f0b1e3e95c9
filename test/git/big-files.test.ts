// Files above the big-file threshold (made small here through GIT_AI_BIG_FILE_BYTES): git does not read them in the
// staged diff; a minified one stands as its blob's head, one of ordinary lines is diffed after all, a binary stays so.
import { afterEach, describe, expect, it } from 'vitest';
import { cutLength, ENGINE_LINE_LENGTH } from '../../src/diff/long-lines.js';
import { parseUnifiedDiff } from '../../src/diff/parse.js';
import { BIG_FILE_BYTES, bigFileThreshold } from '../../src/git/big-files.js';
import { STAGED_DIFF_ARGS, startStagedDiff } from '../../src/git/staged-diff.js';
import { collectDiff } from '../../src/prepare/collect.js';
import { createTempRepo, type TempRepo } from '../support/temp-repo.js';

const THRESHOLD = 64 * 1024;
let repo: TempRepo;
afterEach(() => repo?.cleanup());

function bigRepo(): TempRepo {
  repo = createTempRepo();
  repo.env.GIT_AI_BIG_FILE_BYTES = String(THRESHOLD);
  repo.write('src/small.ts', 'export const small = 1;\n');
  repo.git('add', '.');
  repo.git('commit', '-q', '-m', 'chore: start');
  return repo;
}

/** A minified bundle: one line of `bytes` bytes. */
const bundle = (bytes: number) => 'var a=function(b){return b*2};'.repeat(Math.ceil(bytes / 30)).slice(0, bytes);
/** A lockfile of ordinary lines, `entries` packages. */
const lockfile = (entries: number, bumped = -1) =>
  Array.from(
    { length: entries },
    (_, i) => `"node_modules/pkg-${i}": { "version": "1.${i === bumped ? 1 : 0}.0", "integrity": "sha512-${i}" },`,
  ).join('\n') + '\n';

/** The stream as the offline engine reads it (64 Ki units of a line held), and the notes it sent. */
async function read(): Promise<{ lines: string[]; notes: string[] }> {
  const diff = startStagedDiff({ cwd: repo.dir, env: repo.env });
  const notes: string[] = [];
  diff.onNote((line) => notes.push(line));
  diff.holdLines(ENGINE_LINE_LENGTH);
  const lines: string[] = [];
  for await (const batch of diff.lines) lines.push(...batch);
  return { lines, notes };
}

/** git's own staged diff, the threshold left at git's default (512 MiB): what a reader would get without it. */
const plainDiff = () =>
  repo
    .git(...STAGED_DIFF_ARGS, '--full-index')
    .split('\n')
    .slice(0, -1);

describe('the big-file threshold', () => {
  it('is 16 MiB unless GIT_AI_BIG_FILE_BYTES gives a positive whole number', () => {
    expect(BIG_FILE_BYTES).toBe(16 * 1024 * 1024);
    expect(bigFileThreshold({})).toBe(BIG_FILE_BYTES);
    expect(bigFileThreshold({ GIT_AI_BIG_FILE_BYTES: '4096' })).toBe(4096);
    expect(bigFileThreshold({ GIT_AI_BIG_FILE_BYTES: 'lots' })).toBe(BIG_FILE_BYTES);
    expect(bigFileThreshold({ GIT_AI_BIG_FILE_BYTES: '-1' })).toBe(BIG_FILE_BYTES);
  });
});

describe('a staged file above the threshold', () => {
  it('stands as the head of its blob when it is a minified line, with one git-ai line saying so', async () => {
    bigRepo();
    const content = `${bundle(300_000)}\n`;
    repo.write('web/app.bundle.js', content);
    repo.git('add', '.');
    const { lines, notes } = await read();
    expect(lines.some((line) => line.startsWith('Binary files'))).toBe(false);
    const [file] = parseUnifiedDiff(lines.join('\n'));
    expect(file).toMatchObject({ path: 'web/app.bundle.js', status: 'added', binary: false, additions: 1 });
    const [line] = file!.hunks[0]!.lines;
    const head = line!.slice(1, line!.indexOf(' [git-ai: line cut'));
    expect(content.startsWith(head)).toBe(true);
    expect(head.length).toBeGreaterThanOrEqual(64 * 1024);
    expect(head.length + cutLength(line!)).toBe(content.length); // what was read and what was counted
    expect(file!.hunks[0]!.header).toBe('@@ -0,0 +1 @@'); // as git writes a one-line addition
    expect(notes).toEqual([
      'git-ai: web/app.bundle.js is 0.3 MB of long lines, more than any request can use: read as its first 64 KiB, not diffed',
    ]);
  });

  it('keeps the lines before the long one, and stands for a deletion as removed lines', async () => {
    bigRepo();
    const content = `/*! license */\n/* v1 */\n${bundle(200_000)}\n`;
    repo.write('web/app.min.js', content);
    repo.git('add', '.');
    repo.git('commit', '-q', '-m', 'build: bundle');
    repo.git('rm', '-q', 'web/app.min.js');
    const { lines, notes } = await read();
    const [file] = parseUnifiedDiff(lines.join('\n'));
    expect(file).toMatchObject({ path: 'web/app.min.js', status: 'deleted', deletions: 3, additions: 0 });
    expect(file!.hunks[0]!.header).toBe('@@ -1,3 +0,0 @@');
    expect(file!.hunks[0]!.lines.slice(0, 2)).toEqual(['-/*! license */', '-/* v1 */']);
    expect(notes).toHaveLength(1);
  });

  it('changed, with long lines, stands as the heads of both sides: the lines they share as context', async () => {
    bigRepo();
    repo.write('web/app.min.js', `/*! license */\n/* v1 */\n${bundle(200_000)}\n`);
    repo.git('add', '.');
    repo.git('commit', '-q', '-m', 'build: bundle');
    repo.write('web/app.min.js', `/*! license */\n/* v2 */\nvar z=1;${bundle(300_000)}\n`);
    repo.git('add', '.');
    expect(repo.git('-c', `core.bigFileThreshold=${THRESHOLD}`, 'diff', '--cached')).toContain(
      'Binary files a/web/app.min.js and b/web/app.min.js differ',
    );
    const { lines, notes } = await read();
    const [file] = parseUnifiedDiff(lines.join('\n'));
    expect(file).toMatchObject({
      path: 'web/app.min.js',
      status: 'modified',
      binary: false,
      additions: 2,
      deletions: 2,
    });
    const hunk = file!.hunks[0]!;
    expect(hunk.header).toBe('@@ -1,3 +1,3 @@');
    expect(hunk.lines.slice(0, 3)).toEqual([' /*! license */', '-/* v1 */', expect.stringMatching(/^-var a=function/)]);
    expect(hunk.lines.slice(3, 5)).toEqual(['+/* v2 */', expect.stringMatching(/^\+var z=1;var a=function/)]);
    expect(cutLength(hunk.lines[2]!)).toBe(200_001 - (64 * 1024 - 24)); // the bytes past each side's head
    expect(cutLength(hunk.lines[4]!)).toBe(300_009 - (64 * 1024 - 24));
    expect(notes).toEqual([
      'git-ai: web/app.min.js is 0.3 MB of long lines, more than any request can use: read as the first 64 KiB of each side, not diffed',
    ]);
  });

  it('of ordinary lines (a lockfile) is diffed after all: the small hunk in it is kept, as git writes it', async () => {
    bigRepo();
    repo.write('package-lock.json', lockfile(2000));
    repo.git('add', '.');
    repo.git('commit', '-q', '-m', 'build: lock');
    repo.write('package-lock.json', lockfile(2000, 1500));
    repo.write('big.txt', lockfile(1500)); // added, ordinary lines: diffed whole too
    repo.git('add', '.');
    // git with the threshold alone shows neither file's lines: they come from the second git.
    const thresholdOnly = repo.git('-c', `core.bigFileThreshold=${THRESHOLD}`, 'diff', '--cached');
    expect(thresholdOnly).toContain('Binary files a/package-lock.json and b/package-lock.json differ');
    expect(thresholdOnly).toContain('Binary files /dev/null and b/big.txt differ');
    const { lines, notes } = await read();
    expect(lines).toEqual(plainDiff());
    expect(lines).toContain('+"node_modules/pkg-1500": { "version": "1.1.0", "integrity": "sha512-1500" },');
    expect(notes).toEqual([]);
  });

  it('that is binary (a NUL byte in its first 8,000) stays as git writes it, as does one below the threshold', async () => {
    bigRepo();
    const binary = Buffer.alloc(200_000, 7);
    binary[100] = 0;
    repo.write('assets/video.bin', binary);
    repo.write('web/small.min.js', bundle(50_000)); // under the threshold: git reads it, the stream cuts it
    repo.git('add', '.');
    const { lines, notes } = await read();
    const plain = plainDiff();
    expect(lines.filter((line) => line.length < 1000)).toEqual(plain.filter((line) => line.length < 1000));
    expect(lines).toContain('Binary files /dev/null and b/assets/video.bin differ');
    expect(notes).toEqual([]);
  });

  it('collects into what the offline engine reads: an added file of one line, its head', async () => {
    bigRepo();
    repo.write('web/app.bundle.js', `${bundle(300_000)}\n`);
    repo.write('src/small.ts', 'export const small = 2;\n');
    repo.git('add', '.');
    const diff = startStagedDiff({ cwd: repo.dir, env: repo.env });
    diff.onNote(() => undefined);
    const files = await collectDiff({ lines: diff.lines, contentBudget: 1, holdLines: diff.holdLines });
    expect(files.map((file) => [file.diff.path, file.diff.status, file.diff.additions])).toEqual([
      ['src/small.ts', 'modified', 1],
      ['web/app.bundle.js', 'added', 1],
    ]);
    expect(files[1]!.diff.hunks[0]!.lines[0]!.length).toBeLessThan(ENGINE_LINE_LENGTH + 60);
  });
});
