// The one-pass pre-filter names, for every line, exactly the rules whose hint (a case-insensitive regex) is in it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createKeywordScanner, keywordsOf } from '../../src/security/keyword-scan.js';
import { SCANNER_HINTS } from '../../src/security/redact.js';
import STORED_KEYWORDS from '../../src/security/secret-keywords.json' with { type: 'json' };
import { SECRET_RULES } from '../../src/security/secret-patterns.js';

const HINTS = SECRET_RULES.map((rule) => rule.hint);

/** What the scanner must find: per line, the rules whose hint matches it, by the regex itself. */
function expected(text: string): { start: number; rules: number[] }[] {
  const lines: { start: number; rules: number[] }[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    const rules = HINTS.flatMap((hint, rule) => (new RegExp(hint, 'i').test(line) ? [rule] : []));
    if (rules.length > 0) lines.push({ start, rules });
    start += line.length + 1;
  }
  return lines;
}

describe('keywordsOf', () => {
  it('expands a hint that stands for a finite set of literals, lower-cased', () => {
    expect(keywordsOf('a3t|AKIA')).toEqual(['a3t', 'akia']);
    expect(keywordsOf('gh[pou]_')).toEqual(['ghp_', 'gho_', 'ghu_']);
    expect(keywordsOf('secret_?key')).toEqual(['secret_key', 'secretkey']);
    expect(keywordsOf('discord(?:app)?\\.com')).toEqual(['discordapp.com', 'discord.com']);
    expect(keywordsOf('fm[1-3]')).toEqual(['fm1', 'fm2', 'fm3']);
    expect(keywordsOf('-us\\d')).toHaveLength(10);
  });

  it('leaves a hint with a repetition, a class shorthand or an empty alternative to its regex', () => {
    for (const hint of ['sk[0-9a-f]{32}', '\\.[\\w-]{6}\\.', '\\s-u', 'a+', 'b*', 'x|', 'a(?=b)', '[^a]', 'a.b'])
      expect(keywordsOf(hint), hint).toBeUndefined();
  });
});

describe('the stored keywords (src/security/secret-keywords.json)', () => {
  // A hint added since the file was written is parsed at the start as before (run scripts/gen-secret-keywords.ts to
  // store it): only a stored entry that keywordsOf no longer gives could change what is scanned for.
  it("are keywordsOf's, each of them, and stand for most of the hints the redactor scans", () => {
    for (const [hint, words] of Object.entries(STORED_KEYWORDS)) expect(words, hint).toEqual(keywordsOf(hint) ?? null);
    const stored = SCANNER_HINTS.filter((hint) => Object.hasOwn(STORED_KEYWORDS, hint));
    expect(stored.length).toBeGreaterThan(SCANNER_HINTS.length / 2);
  });

  it('stand in for parsing a hint: its stored literals are looked for, or with null its regex', () => {
    const stored = createKeywordScanner(['abc', 'd+'], { abc: ['xyz'], 'd+': null });
    expect(stored('abc\nxYz\nddd').map(({ start, rules }) => ({ start, rules }))).toEqual([
      { start: 4, rules: [0] },
      { start: 8, rules: [1] },
    ]);
  });
});

describe('createKeywordScanner', () => {
  const scan = createKeywordScanner(HINTS);

  it('names the rules of each line, for keyword and regex hints alike', () => {
    const text = [
      'const x = 1;',
      'AWS_KEY=AKIAXXXX', // aws-access-key-id and the name rules
      '',
      'twilio SK0123456789abcdef0123456789abcdef', // a regex hint
      'nothing here',
      'curl -u me:pw https://x:y@h', // basic-auth, url-password
    ].join('\n');
    const found = scan(text).map(({ start, end, rules }) => ({ line: text.slice(start, end), rules }));
    expect(found.map((entry) => entry.line)).toEqual([
      'AWS_KEY=AKIAXXXX',
      'twilio SK0123456789abcdef0123456789abcdef',
      'curl -u me:pw https://x:y@h',
    ]);
    expect(scan(text).map(({ start, rules }) => ({ start, rules }))).toEqual(expected(text));
  });

  it('agrees with every hint regex on random text built from the hints own pieces', () => {
    const pieces = [
      ...HINTS.flatMap((hint) => keywordsOf(hint) ?? []),
      ...'abcXYZ09 -_.:=/\n\t',
      'SK0123456789abcdef0123456789abcdef',
      '.abcdef.',
      'Ünï',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 60 }), (parts) => {
        const text = parts.join('');
        expect(scan(text).map(({ start, rules }) => ({ start, rules }))).toEqual(expected(text));
      }),
      { numRuns: 300 },
    );
  });
});
