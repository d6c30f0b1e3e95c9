// Seeded text for the end-to-end repositories beyond source files: tests, docs, and edits with hunks of real size.
import { codeLine, pick, type Random } from '../source-text.js';

const SUBJECTS = [
  'parser',
  'cache',
  'budget',
  'loader',
  'request queue',
  'config file',
  'token counter',
  'session',
  'router',
  'scheduler',
];
const BEHAVIOURS = [
  'returns an empty list',
  'keeps the order',
  'retries once',
  'rejects a bad value',
  'reads the default',
  'stops at the limit',
  'merges both inputs',
  'skips unknown keys',
];
const WORDS = [
  'the',
  'request',
  'is',
  'read',
  'once',
  'and',
  'kept',
  'until',
  'the',
  'cache',
  'expires',
  'so',
  'a',
  'second',
  'call',
  'costs',
  'nothing',
  'when',
  'options',
  'change',
  'every',
  'entry',
  'is',
  'checked',
  'again',
];

function sentence(random: Random, words: number): string {
  const parts = Array.from({ length: words }, () => pick(random, WORDS));
  const text = parts.join(' ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

function testCase(random: Random): string[] {
  const lines = [
    `  it('${pick(random, BEHAVIOURS)} when the ${pick(random, SUBJECTS)} ${pick(random, ['is empty', 'is full', 'changes', 'fails'])}', async () => {`,
  ];
  const size = 3 + Math.floor(random() * 8);
  for (let i = 0; i < size; i++) lines.push(codeLine(random, '    '));
  lines.push(
    `    expect(${pick(random, ['result', 'value', 'state'])}).toEqual(${pick(random, ['[]', '{ ok: true }', '3', "'done'"])});`,
    '  });',
    '',
  );
  return lines;
}

/** A vitest-like test file of about `lineCount` lines. */
export function testFile(random: Random, lineCount: number, subject: string): string[] {
  const lines = [
    "import { describe, expect, it } from 'vitest';",
    `import { ${subject} } from '../../src/index.js';`,
    '',
    `describe('${subject}', () => {`,
  ];
  while (lines.length < lineCount) lines.push(...testCase(random));
  return [...lines, '});'];
}

/** A Markdown page of about `lineCount` lines: headings, paragraphs, a code sample. */
export function docFile(random: Random, lineCount: number, title: string): string[] {
  const lines = [`# ${title}`, ''];
  while (lines.length < lineCount) {
    const r = random();
    if (r < 0.2) lines.push(`## ${sentence(random, 3).slice(0, -1)}`, '');
    else if (r < 0.3) lines.push('```ts', codeLine(random, ''), codeLine(random, ''), '```', '');
    else
      lines.push(sentence(random, 10 + Math.floor(random() * 14)), sentence(random, 8 + Math.floor(random() * 10)), '');
  }
  return lines;
}

/**
 * Edits `lines` at `sites` places spread over the file, each replacing a block of 0-10 lines with 1-14 new ones
 * (or removing a block), as real changes do: hunks of a few to a few dozen lines.
 */
export function editBlocks(
  random: Random,
  lines: readonly string[],
  sites: number,
  makeLine: (random: Random) => string = (r) => codeLine(r),
): string[] {
  const out = [...lines];
  const step = Math.max(4, Math.floor(out.length / (sites + 1)));
  for (let site = sites; site >= 1; site--) {
    const at = Math.min(out.length - 1, site * step + Math.floor(random() * Math.max(1, step / 3)));
    if (at < 0) break;
    const removed = Math.floor(random() * 11);
    const r = random();
    const added = r < 0.15 ? 0 : 1 + Math.floor(random() * 14);
    out.splice(at, removed, ...Array.from({ length: added }, () => makeLine(random)));
  }
  return out;
}

export function docLine(random: Random): string {
  return sentence(random, 8 + Math.floor(random() * 14));
}
