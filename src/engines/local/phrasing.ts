// Behaviour phrases the change itself states: new test titles, new comments and release notes, made imperative.

import type { ChangesetNote } from './changeset.js';
import type { FileChange } from './changes.js';

const VERBS = new Set([
  'accept',
  'add',
  'correct',
  'allow',
  'apply',
  'avoid',
  'call',
  'cache',
  'check',
  'clean',
  'clear',
  'close',
  'collect',
  'convert',
  'copy',
  'create',
  'default',
  'detect',
  'disable',
  'emit',
  'enable',
  'ensure',
  'escape',
  'expose',
  'extract',
  'fall',
  'fallback',
  'forward',
  'generate',
  'handle',
  'hide',
  'honor',
  'honour',
  'ignore',
  'include',
  'infer',
  'inherit',
  'keep',
  'load',
  'make',
  'merge',
  'move',
  'normalize',
  'normalise',
  'omit',
  'parse',
  'pass',
  'preserve',
  'prevent',
  'print',
  'properly',
  'propagate',
  'read',
  'recognize',
  'reject',
  'remove',
  'render',
  'replace',
  'report',
  'reset',
  'resolve',
  'respect',
  'restore',
  'retain',
  'retry',
  'return',
  'reuse',
  'run',
  'set',
  'show',
  'skip',
  'sort',
  'split',
  'strip',
  'support',
  'throw',
  'track',
  'transform',
  'treat',
  'trigger',
  'trim',
  'update',
  'use',
  'validate',
  'warn',
  'work',
  'wrap',
  'write',
  'not',
  'do',
  'correctly',
  'always',
  'only',
  'still',
  'never',
]);
// A fix's subject does not start with "fix": the behaviour corrected is named instead.
const IRREGULAR: Record<string, string> = {
  does: 'do',
  doesn: 'do',
  has: 'have',
  is: 'be',
  passes: 'pass',
  matches: 'match',
  fix: 'correct',
  fixes: 'correct',
  fixed: 'correct',
  caches: 'cache',
};

/** An imperative phrase from a sentence that starts with a verb (`should not throw ...`, `supports x`), else undefined. */
export function toImperative(sentence: string): string | undefined {
  let text = sentence
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/[.:;]+$/, '');
  text = text
    .replace(/^(it|this|that)\s+/i, '')
    .replace(/^should\s+(be\s+able\s+to\s+)?/i, (_m, able) => (able ? '' : 'should '));
  if (/^should not\b/i.test(text)) text = text.replace(/^should not/i, 'do not');
  else if (/^shouldn't\b/i.test(text)) text = text.replace(/^shouldn't/i, 'do not');
  else text = text.replace(/^should\s+/i, '');
  const [first = '', ...rest] = text.split(' ');
  const lower = first.toLowerCase().replace(/'t$/, '');
  const base = IRREGULAR[lower] ?? (VERBS.has(lower) ? lower : singular(lower));
  if (!base || !VERBS.has(base) || rest.length === 0) return undefined;
  const words = [base === 'doesn' ? 'do' : base, ...rest];
  if (first.toLowerCase().endsWith("n't")) words.splice(1, 0, 'not');
  return words.join(' ');
}

function singular(word: string): string | undefined {
  if (/(ss|sh|ch|x|z)es$/.test(word)) return word.slice(0, -2);
  if (/ies$/.test(word)) return `${word.slice(0, -3)}y`;
  if (/[^s]s$/.test(word)) return word.slice(0, -1);
  return undefined;
}

const TEST_TITLE = /\b(?:it|test|specify)(?:\.\w+)?\s*\(\s*(['"`])(.+?)\1/;
const COMMENT = /^\s*(?:\/\/+|#+|\/\*+|\*)\s*(.+?)\s*(?:\*\/)?$/;

/** Titles of test cases that are new in this change (not merely moved). */
export function newTestTitles(changes: FileChange[]): string[] {
  const titles: string[] = [];
  for (const change of changes) {
    if (change.role !== 'test') continue;
    const before = new Set(change.removedLines.map((line) => TEST_TITLE.exec(line)?.[2]));
    for (const line of change.addedLines) {
      const title = TEST_TITLE.exec(line)?.[2];
      if (title && !before.has(title)) titles.push(title);
    }
  }
  return titles;
}

/** The behaviour the change states about itself, best source first: a release note, a new test, a new comment. */
export function statedBehaviour(
  changes: FileChange[],
  changeset: ChangesetNote | undefined,
  room: number,
): string | undefined {
  const fits = (text: string | undefined) =>
    text && text.length <= room && text.split(' ').length >= 3 ? text : undefined;
  const note = changeset?.summary ? toImperative(changeset.summary.replace(/^(added|adds)\s+/i, 'add ')) : undefined;
  if (fits(note)) return note;
  for (const title of newTestTitles(changes).slice(0, 6)) {
    const phrase = fits(toImperative(title));
    if (phrase) return phrase;
  }
  for (const change of changes) {
    if (change.role !== 'source') continue;
    const before = new Set(change.removedLines.map((line) => line.trim()));
    for (const line of change.addedLines) {
      if (before.has(line.trim())) continue;
      const text = COMMENT.exec(line)?.[1];
      if (!text || /^(eslint|@ts-|prettier|noqa|type:|TODO|FIXME|XXX|SAFETY)/i.test(text)) continue;
      // A comment's first clause says what is done; the rest (`: fetching them was slow`) says why.
      const clause = text.split(/[:;]\s|\s[-\u2014]\s/)[0] ?? text;
      const phrase = fits(toImperative(clause)) ?? fits(toImperative(text));
      if (phrase) return phrase;
    }
  }
  return undefined;
}
