// Splitting git's output into lines: '\n' only, batches per chunk, and a line past the limit held as its head.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { markCut } from '../../src/diff/long-lines.js';
import { splitLines } from '../../src/git/run-git.js';

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
