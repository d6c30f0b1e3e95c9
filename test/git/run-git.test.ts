// Splitting git's output into lines: '\n' only, batches per chunk, and a line past the limit held as its head; git's
// output read ahead of its reader, within a bound.
import { once } from 'node:events';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { markCut } from '../../src/diff/long-lines.js';
import { readAhead, spawnGit, splitLines } from '../../src/git/run-git.js';
import { createTempRepo, type TempRepo } from '../support/temp-repo.js';

async function split(chunks: string[], maxLength?: number): Promise<string[]> {
  const stream = Readable.from(
    chunks.map((chunk) => Buffer.from(chunk, 'utf8')),
    { objectMode: false },
  );
  const lines: string[] = [];
  for await (const batch of splitLines(stream, maxLength === undefined ? undefined : { maxLength, mark: markCut }))
    lines.push(...batch);
  return lines;
}

describe('splitLines', () => {
  it('splits on \\n only, keeps \\r, and joins lines across chunks', async () => {
    expect(await split(['a\r\nb', 'c\nd', '', 'e\n\nf'])).toEqual(['a\r', 'bc', 'de', '', 'f']);
  });

  it('decodes a character split across chunks', async () => {
    const bytes = Buffer.from('é\n', 'utf8');
    const stream = Readable.from([bytes.subarray(0, 1), bytes.subarray(1)]);
    const lines: string[] = [];
    for await (const batch of splitLines(stream)) lines.push(...batch);
    expect(lines).toEqual(['é']);
  });

  it('holds a line past the limit as its head and counts the rest, across and within chunks', async () => {
    const long = `+${'x'.repeat(99)}`;
    const lines = await split(['head\n+xxxx', 'x'.repeat(50), `${'x'.repeat(45)}\nnext\n${long}\n`, 'tail'], 10);
    expect(lines).toEqual(['head', markCut('+xxxxxxxxx', 90), 'next', markCut(long.slice(0, 10), 90), 'tail']);
  });

  it('cuts a last line with no newline too', async () => {
    expect(await split(['ok\n', 'y'.repeat(30)], 8)).toEqual(['ok', markCut('y'.repeat(8), 22)]);
  });

  it('counts the cut part in UTF-16 units, whether its chunks are ASCII, multi-byte or a character split between them', async () => {
    // '€' is 3 bytes and 1 unit, '😀' 4 bytes and 2 units; a chunk may end inside either.
    const line = `${'a'.repeat(20)}€${'b'.repeat(30)}😀${'c'.repeat(40)}`;
    const bytes = Buffer.from(`${line}\nnext\n`, 'utf8');
    const cuts = [5, 21, 22, 40, 54, 55, 70];
    const chunks = [0, ...cuts].map((start, k) => bytes.subarray(start, cuts[k] ?? bytes.length));
    const lines: string[] = [];
    for await (const batch of splitLines(Readable.from(chunks), { maxLength: 8, mark: markCut })) lines.push(...batch);
    expect(lines).toEqual([markCut('a'.repeat(8), line.length - 8), 'next']);
    // A character cut off by a chunk that cannot continue it is one U+FFFD, as decoding it would make it.
    const broken = [Buffer.from('x'.repeat(10)), Buffer.from([0xe2, 0x82]), Buffer.from('yyyy'), Buffer.from('\n')];
    const cut: string[] = [];
    for await (const batch of splitLines(Readable.from(broken), { maxLength: 4, mark: markCut })) cut.push(...batch);
    expect(cut).toEqual([markCut('xxxx', 6 + 1 + 4)]);
  });

  it('leaves every line whole without a limit', async () => {
    const long = 'z'.repeat(200_000);
    expect(await split([long.slice(0, 70_000), long.slice(70_000), '\n'])).toEqual([long]);
  });
});

describe('readAhead', () => {
  let repo: TempRepo | undefined;
  afterEach(() => repo?.cleanup());

  /** `git cat-file blob` of a staged 1 MiB file of numbered lines (16 times the pipe's 64 KiB), and its text. */
  function catBlob() {
    repo = createTempRepo();
    const text = Array.from({ length: 65_536 }, (_, i) => `line ${String(i).padStart(9, '0')}`).join('\n') + '\n';
    repo.write('big.txt', text);
    repo.git('add', 'big.txt');
    const id = repo.git('rev-parse', ':big.txt').trim();
    const { child, stdout } = spawnGit(['cat-file', 'blob', id], { cwd: repo.dir, env: repo.env });
    return { text, child, stdout, exited: once(child, 'exit'), closed: once(child, 'close') };
  }

  async function rest(chunks: AsyncGenerator<Buffer>, first: IteratorResult<Buffer>): Promise<string> {
    const parts = first.done ? [] : [first.value];
    for await (const chunk of chunks) parts.push(chunk);
    return Buffer.concat(parts).toString('utf8');
  }

  it('lets git write its whole output before the reader takes more than the first chunk', async () => {
    const { text, stdout, exited } = catBlob();
    const chunks = readAhead(stdout, 8 * 1024 * 1024);
    const first = await chunks.next();
    // A stream read only as the reader asks would leave git blocked on the full pipe here, and this wait unanswered.
    await exited;
    expect(await rest(chunks, first)).toBe(text);
  });

  it('reads no further than its bound ahead of the reader: git waits, and every byte still comes', async () => {
    const { text, child, stdout, closed } = catBlob();
    const chunks = readAhead(stdout, 64 * 1024);
    const first = await chunks.next();
    while (!stdout.isPaused()) await new Promise((resolve) => setImmediate(resolve));
    // Paused with 64 KiB queued, git can have written at most that, the stream's and the pipe's buffers: not 1 MiB.
    expect(child.exitCode).toBeNull();
    expect(await rest(chunks, first)).toBe(text);
    await closed;
    expect(child.exitCode).toBe(0);
  });

  it('stops reading when its reader stops: the stream is destroyed', async () => {
    const { stdout } = catBlob();
    const chunks = readAhead(stdout, 8 * 1024 * 1024);
    await chunks.next();
    await chunks.return(undefined);
    expect(stdout.destroyed).toBe(true);
  });
});
