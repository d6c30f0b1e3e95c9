import { describe, expect, it } from 'vitest';
import type { CommitStyle } from '../../../src/engines/message.js';
import type { CandidateInput } from '../../../src/engines/remote/select.js';
import { normaliseCandidate, selectCandidate } from '../../../src/engines/remote/select.js';

const candidate = (subject: string, fields: Partial<CandidateInput> = {}): CandidateInput => ({
  type: 'feat',
  scope: null,
  subject,
  body: null,
  breaking: false,
  ...fields,
});
const topFiles = [
  { path: 'src/diff/parse.ts', symbols: ['parseUnifiedDiff'] },
  { path: 'src/cache/disk-cache.ts', symbols: ['openCache'] },
];
const select = (
  candidates: CandidateInput[],
  options: { style?: CommitStyle; maxLength?: number; files?: typeof topFiles } = {},
) =>
  selectCandidate({
    candidates,
    style: options.style ?? 'conventional',
    maxLength: options.maxLength ?? 72,
    topFiles: options.files ?? topFiles,
  });

describe('normaliseCandidate', () => {
  it.each<[string, CandidateInput, object | undefined]>([
    ['lower-cases the first word', candidate('Add parser'), { subject: 'add parser' }],
    [
      'keeps an acronym or identifier first word',
      candidate('README: explain setup'),
      { subject: 'README: explain setup' },
    ],
    ['trims a trailing period and spaces', candidate('  add  the   parser.  '), { subject: 'add the parser' }],
    ['lower-cases the type', candidate('add parser', { type: 'FEAT' }), { type: 'feat' }],
    [
      'strips a header the model repeated in the subject',
      candidate('fix(diff)!: handle renames'),
      { subject: 'handle renames', scope: 'diff', breaking: true },
    ],
    [
      'keeps the candidate scope over the repeated one',
      candidate('fix(diff): handle renames', { scope: 'parser' }),
      { scope: 'parser' },
    ],
    [
      'moves extra subject lines into the body',
      candidate('add parser\n\nIt reads diffs.', { body: 'More.' }),
      { subject: 'add parser', body: 'It reads diffs.\n\nMore.' },
    ],
    ['rejects an empty subject', candidate('   '), undefined],
    ['rejects a subject of punctuation', candidate('...'), undefined],
    ['rejects an unknown type', candidate('add parser', { type: 'feature' }), undefined],
    ['rejects glued headers in the subject', candidate('add parser fix: handle renames'), undefined],
    ['rejects glued headers on the next line', candidate('add parser\nfix: handle renames'), undefined],
    [
      'rejects glued headers in the body',
      candidate('add parser', { body: 'Details.\n\nfix(diff): handle renames' }),
      undefined,
    ],
    ['rejects several sentences', candidate('Add parser. Fix renames.'), undefined],
  ])('%s', (_name, input, expected) => {
    const message = normaliseCandidate(input);
    if (expected === undefined) expect(message).toBeUndefined();
    else expect(message).toMatchObject(expected);
  });

  it.each([
    ['a scope with spaces', candidate('add parser', { scope: 'the parser' })],
    ['an empty scope', candidate('add parser', { scope: ' ' })],
    ['an empty body', candidate('add parser', { body: '  ' })],
  ])('leaves out %s', (_name, input) => {
    expect(normaliseCandidate(input)).toEqual({ type: 'feat', subject: 'add parser', breaking: false });
  });
});

describe('selectCandidate', () => {
  it.each<[string, CandidateInput[], string | undefined]>([
    [
      'the one covering the top file by symbol',
      [candidate('tidy things up'), candidate('add parseUnifiedDiff for renames')],
      'add parseUnifiedDiff for renames',
    ],
    [
      'the one covering the top file over the second file',
      [candidate('speed up openCache lookups'), candidate('teach the parser renames')],
      'teach the parser renames',
    ],
    ['the imperative one', [candidate('Added parser support'), candidate('add parser support')], 'add parser support'],
    [
      'the one that fits over one that must be cut',
      [
        candidate('add parser support for renamed and copied files with similarity scores above fifty'),
        candidate('add parser support for renames'),
      ],
      'add parser support for renames',
    ],
    ['nothing when all are invalid', [candidate(''), candidate('x', { type: 'nope' })], undefined],
    ['nothing from nothing', [], undefined],
  ])('picks %s', (_name, candidates, subject) => {
    expect(select(candidates)?.subject).toBe(subject);
  });

  it('prefers the scoped candidate when the scope is the only coverage', () => {
    expect(select([candidate('handle renames'), candidate('handle renames', { scope: 'diff' })])).toMatchObject({
      scope: 'diff',
    });
  });

  it('breaks ties by the shorter header, then lexically, whatever the order', () => {
    const files = [{ path: 'src/x.ts', symbols: [] }];
    const tied = [
      candidate('update the readme files now'),
      candidate('update the readme file'),
      candidate('update the readme filf'),
    ];
    expect(select(tied, { files })?.subject).toBe('update the readme file');
    expect(select([...tied].reverse(), { files })?.subject).toBe('update the readme file');
  });

  it('drops a header that cannot be cut to maxLength without losing most of it', () => {
    const long = candidate('add incremental parsing of unified diffs with rename detection');
    expect(select([long], { maxLength: 40 })).toBeUndefined();
    expect(select([long], { maxLength: 66 })?.subject).toBe(long.subject);
  });

  it('drops a subject whose only word must be cut mid-word', () => {
    expect(
      select([candidate('supercalifragilisticexpialidocious', { scope: 'x' })], { maxLength: 24 }),
    ).toBeUndefined();
  });

  it.each<[CommitStyle, number]>([
    ['plain', 30],
    ['gitmoji', 40],
  ])('measures the header as rendered in the %s style', (style, maxLength) => {
    const subject = 'add parser support for all renamed files';
    const fits = 'add parser support for renames';
    expect(select([candidate(subject), candidate(fits)], { style, maxLength })?.subject).toBe(fits);
  });
});
