// The scans rewritten to be linear in a line's length (a long line of `-`, `\"`, `", '` or `password: ` took seconds to
// minutes) find what they found before: each rewrite against the regex it replaced, and each secret form it catches.
// Their speed on such lines is `npm run bench:redact`'s (timings belong in benchmarks).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createKeywordScanner } from '../../src/security/keyword-scan.js';
import { redactSecrets } from '../../src/security/redact.js';
import { lastField, SECRET_RULES } from '../../src/security/secret-patterns.js';
import { isJoin } from '../../src/security/split-values.js';
import { stringLiterals } from '../../src/security/string-literals.js';
import { linesAt } from '../../src/security/text-lines.js';

const TOKEN = `ghp_${'aB3dE6gH9jK2mN5pQ8sT1vW4yZ7bC0eF3hJ6'.slice(0, 36)}`;
const redacted = (line: string): string => redactSecrets(`+${line}\n`).text;
const chars = (alphabet: string, maxLength = 40) =>
  fc.array(fc.constantFrom(...alphabet), { maxLength }).map((list) => list.join(''));

describe("the secret-argument rule's hint, tried from a run's start", () => {
  const hint = SECRET_RULES.find((rule) => rule.kind === 'secret-argument')!.hint;
  const before = /-[\w.-]*(?:pass|pwd|secret|token|auth|key|cred)/i;

  it('matches the lines the hint matched before, `-` anywhere in a run of name characters', () => {
    fc.assert(
      fc.property(chars('-._a Z:=/pass'), (line) => {
        expect(new RegExp(hint, 'i').test(line)).toBe(before.test(line));
      }),
      { numRuns: 3000 },
    );
  });

  it("is found by the keyword scanner exactly on the lines the hint's regex matches", () => {
    const scan = createKeywordScanner([hint]);
    const words = fc.constantFrom('pass', 'PWD', 'secret', 'tOken', 'auth', 'key', 'cred', 'pa', 'ke');
    const piece = fc.oneof(fc.constantFrom(...'-._aZ9 :=/\nü\t-'), words);
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        const lines: number[] = [];
        let start = 0;
        for (const line of text.split('\n')) {
          if (new RegExp(hint, 'i').test(line)) lines.push(start);
          start += line.length + 1;
        }
        expect(scan(text).map((line) => line.start)).toEqual(lines);
      }),
      { numRuns: 5000 },
    );
  });

  it('still opens the flag rule after a long run of dashes', () => {
    const out = redacted(`${'-'.repeat(3000)} deploy --api-token 9fQ2xK7pLm4ZrT8wVb`);
    expect(out).toContain('--api-token [REDACTED:');
    expect(out).not.toContain('9fQ2xK7pLm4ZrT8wVb');
  });
});

describe('linesAt, the line of each offset', () => {
  it('names the lines a count of the newlines before each offset names, each once, in order', () => {
    fc.assert(
      fc.property(chars('a\n', 60), fc.array(fc.nat(70), { maxLength: 12 }), (text, offsets) => {
        const expected = [...new Set(offsets.map((at) => text.slice(0, at).split('\n').length - 1))].sort(
          (a, b) => a - b,
        );
        expect(linesAt(text, offsets)).toEqual(expected);
      }),
      { numRuns: 3000 },
    );
  });
});

describe("a value's context checks, read on the last field of the text before it", () => {
  const CHECKS = [
    /(?:^[+ -]?|\s)[\w.-]+=[^\s=,;()]+\s+$/,
    /[;&?]\s*$/,
    /(?:^[+ -]?|\s)--?$/,
    /(?:^[+ -]?|\s)--?[A-Za-z][\w-]*[= ]$/,
  ];
  it('match there exactly where they match the whole text', () => {
    fc.assert(
      fc.property(chars(' \t\u00a0\u3000=-+;&?aZ_.,()/:\0', 30), (text) => {
        for (const check of CHECKS) expect(check.test(lastField(text))).toBe(check.test(text));
      }),
      { numRuns: 20000 },
    );
  });
});

describe('isJoin, what stands between joined literals, read in place', () => {
  const JOIN_INLINE = /^\s*(?:(?:\+|\.\.?|&|\|\||\\)\s*)?$/;
  it("answers as the regex it replaced on the text's slice", () => {
    fc.assert(
      fc.property(chars(' \t\u00a0\u2028+.&|\\a\n', 8), fc.nat(8), fc.nat(8), (text, a, b) => {
        const [from, to] = [Math.min(a, b, text.length), Math.min(Math.max(a, b), text.length)];
        expect(isJoin(text, from, to)).toBe(JOIN_INLINE.test(text.slice(from, to)));
      }),
      { numRuns: 20000 },
    );
  });
});

describe('stringLiterals', () => {
  const LITERAL = /(["'`])((?:\\.|(?!\1)[^\\])*)\1/g;
  it('finds the literals the regex found, escapes, unclosed quotes and line terminators included', () => {
    fc.assert(
      fc.property(chars('"\'`\\a \r\u2028', 30), fc.nat(5), (line, from) => {
        LITERAL.lastIndex = from;
        const expected: Array<[number, number]> = [];
        for (let match = LITERAL.exec(line); match !== null; match = LITERAL.exec(line))
          expected.push([match.index, match.index + match[0].length]);
        expect(stringLiterals(line, from)).toEqual(expected);
      }),
      { numRuns: 5000 },
    );
  });

  it('leaves a token split over literals redacted after a long run of unclosed escaped quotes', () => {
    const out = redacted(`x = "${TOKEN.slice(0, 10)}" + "${TOKEN.slice(10)}"; // ${'\\"'.repeat(5000)}`);
    expect(out).not.toContain(TOKEN.slice(10));
  });
});

describe('split values: a run of pieces and the code before it', () => {
  it('joins pieces across lines when the first ends in a join and many blanks', () => {
    const out = redactSecrets(`+token = "${TOKEN.slice(0, 12)}" +${' '.repeat(3000)}\n+  "${TOKEN.slice(12)}"\n`).text;
    expect(out).not.toContain(TOKEN.slice(12));
  });

  it("judges a run's value by the name just before it, however long the line before", () => {
    const out = redacted(`${'", \''.repeat(2000)} password = "hunter" "2hunter2"`);
    expect(out).not.toContain('2hunter2');
  });

  it('finds the two pieces a secret spans among many', () => {
    const pieces = Array.from({ length: 300 }, (_, k) => `"-${k}-"`);
    pieces.splice(150, 0, `"${TOKEN.slice(0, 8)}"`, `"${TOKEN.slice(8)}"`);
    const out = redacted(`x = ${pieces.join(' ')}`);
    expect(out).not.toContain(TOKEN.slice(8));
    expect(out).toContain(`"-149-"`);
    expect(out).toContain(`"-150-"`);
  });
});

describe('lines that end in blanks after their last field', () => {
  it("a name and its value as two fields, the name's line ending in blanks", () => {
    const out = redactSecrets(`+- name: DB_PASSWORD${' '.repeat(2000)}\n+  value: hunter2hunter2\n`).text;
    expect(out).not.toContain('hunter2hunter2');
  });

  it("a key body's lines, ending in a comma and blanks", () => {
    const body = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj';
    const out = redactSecrets(`+"${body}",${' '.repeat(2000)}\n`).text;
    expect(out).not.toContain(body);
  });
});

describe("an assignment's context, read from the text just before its value", () => {
  it('one of several key=value pairs, after a long line of others', () => {
    const out = redacted(`${'password: '.repeat(200)}x=1 PASSWORD=hunter22x`);
    expect(out).toContain('PASSWORD=[REDACTED:secret-assignment]');
  });

  it('a whole config line, with a comment after it, in a hunk header too', () => {
    expect(redacted('PASSWORD=hunter22x # the old one')).toContain('PASSWORD=[REDACTED:');
    expect(redactSecrets('@@ -1,2 +1,2 @@ PASSWORD=hunter22x\n').text).toContain('PASSWORD=[REDACTED:');
  });

  it('a value in a code line is no literal there, nor after a line terminator in a comment', () => {
    expect(redacted('call(x) PASSWORD=hunter22x')).toContain('hunter22x');
    expect(redacted('PASSWORD=hunter22x # a\r')).toBe(redactSecrets('+PASSWORD=hunter22x # a\r\n').text);
  });
});

describe("a client's password flag, read on from the client's name once per stretch of the line", () => {
  it('finds the password of each command, the first having none', () => {
    const out = redacted(
      'docker login -u ci ; docker login -u ci -p Hunt3rPw1 && mysql -h db -pS3cretPw9 | redis-cli -a R3disPw77',
    );
    expect(out).not.toMatch(/Hunt3rPw1|S3cretPw9|R3disPw77/);
    const many = redacted(`${'sshpass -p '.repeat(300)}x`);
    expect(many).toContain('[REDACTED:');
  });

  it('replaces many secrets of one line in one pass, each where it was', () => {
    const line = Array.from({ length: 500 }, (_, k) => `docker login -p Pw${k}x9Zq`).join(' ; ');
    const out = redacted(line);
    expect(out).not.toMatch(/Pw\d+x9Zq/);
    expect(out.split('[REDACTED:command-secret]')).toHaveLength(501);
  });
});
