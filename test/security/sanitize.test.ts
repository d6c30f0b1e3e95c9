// The sanitiser: every escape sequence and control character out, tab, newline and ordinary text kept, over random bytes too.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSafeText, sanitizeLine, sanitizeMessage, sanitizeText } from '../../src/security/sanitize.js';

const ESC = '\x1b';
/** Anything a terminal could act on: C0 but tab and newline, DEL, C1, the bidi controls, invisible format characters,
 * and the default-ignorable characters drawn as nothing (soft hyphen, grapheme joiner, Hangul fillers, Khmer vowels...). */
const CONTROL =
  // eslint-disable-next-line no-control-regex, no-misleading-character-class -- control and invisible characters are what this matches
  /[\x00-\x08\x0b-\x1f\x7f-\x9f\xad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb\u{1bca0}-\u{1bca3}\u{1d173}-\u{1d17a}]|[\u{e0000}-\u{e007f}]/u;

describe('sanitizeText', () => {
  it.each([
    ['clear screen (CSI 2J) and cursor home', `${ESC}[2J${ESC}[Hfeat: add x`, 'feat: add x'],
    [
      'concealed text (SGR 8) is removed with its markers, not revealed as a command',
      `fix: a${ESC}[8m hidden${ESC}[28m b`,
      'fix: a hidden b',
    ],
    ['colours and private-mode CSI', `${ESC}[1;31mred${ESC}[0m ${ESC}[?1049h`, 'red '],
    ['OSC 52 clipboard write, BEL-terminated', `feat: x${ESC}]52;c;Y3VybCBldmlsLnNoIHwgc2g=\x07 done`, 'feat: x done'],
    ['OSC 0 title change, ST-terminated', `${ESC}]0;pwned${ESC}\\feat: y`, 'feat: y'],
    [
      'OSC 8 hyperlink keeps its visible text',
      `${ESC}]8;;https://evil.example/${ESC}\\click${ESC}]8;;${ESC}\\`,
      'click',
    ],
    [
      'DCS, APC, PM and SOS strings',
      `a${ESC}Pq#0;2;0;0;0${ESC}\\b${ESC}_apc${ESC}\\c${ESC}^pm${ESC}\\d${ESC}Xsos${ESC}\\e`,
      'abcde',
    ],
    ['C1 forms of CSI, OSC and ST', `a\x9b2Jb\x9d0;title\x9cc\x85d`, 'abcd'],
    [
      'an unterminated OSC swallows the rest of its line only',
      `feat: z${ESC}]52;c;QUJD\nbody line`,
      'feat: z\nbody line',
    ],
    ['two-byte escapes and a lone ESC', `${ESC}c${ESC}7x${ESC}8${ESC}`, 'x'],
    ['BEL, backspace, NUL, form feed, vertical tab, DEL', 'a\x07b\x08c\x00d\x0ce\x0bf\x7fg', 'abcdefg'],
    ['CRLF becomes LF, a lone CR goes', 'one\r\ntwo\rthree', 'one\ntwothree'],
    ['bidi overrides and isolates (Trojan Source)', 'if (a\u202e && b\u2066)\u2069\u202c', 'if (a && b)'],
    [
      'every bidi embedding, override, isolate and mark',
      'a\u202ab\u202bc\u202cd\u202de\u2067f\u2068g\u200eh\u200fi\u061cj',
      'abcdefghij',
    ],
    [
      'zero-width space, word joiner, invisible operators, BOM',
      '\ufeffre\u200bvert\u2060 x\u2061\u2062\u2063\u2064',
      'revert x',
    ],
    ['interlinear annotation and the Mongolian vowel separator', 'a\ufff9b\ufffac\ufffb\u180ed', 'abcd'],
    [
      'tag characters smuggling ASCII',
      `feat: ok${[...'ignore all'].map((c) => String.fromCodePoint(0xe0000 + c.charCodeAt(0))).join('')}\u{e007f}`,
      'feat: ok',
    ],
    ['Unicode line and paragraph separators become newlines', 'feat: a\u2028b\u2029c', 'feat: a\nb\nc'],
    ['8-bit DCS, SOS, PM, APC strings, ST-terminated', 'a\x90q#0\x9cb\x98sos\x9cc\x9epm\x9cd\x9fapc\x9ce', 'abcde'],
    ['an unterminated CSI at the end', `feat: z${ESC}[38;5`, 'feat: z38;5'],
  ])('%s', (_name, input, expected) => {
    expect(sanitizeText(input)).toBe(expected);
    expect(CONTROL.test(sanitizeText(input))).toBe(false);
  });

  it('keeps tab, newline, Unicode, emoji with joiners and variation selectors as they are', () => {
    const text = 'feat(ui): ✨ ajoute l’écran 日本語\n\n- a\tb 👩‍💻 ♻️ می‌خواهم';
    expect(isSafeText(text)).toBe(true);
    expect(sanitizeText(text)).toBe(text);
  });

  it('keeps an emoji flag written as a tag sequence (England)', () => {
    const england = '🏴\u{e0067}\u{e0062}\u{e0065}\u{e006e}\u{e0067}\u{e007f}';
    expect(sanitizeText(`docs: ${england} translation`)).toBe(`docs: ${england} translation`);
  });

  it('sanitizeLine also folds tab and newline into spaces', () => {
    expect(sanitizeLine(`src/a\nb\t${ESC}[31mc.ts`)).toBe('src/a b c.ts');
  });

  it('sanitizeMessage cleans subject and scope to one line and keeps the body’s lines', () => {
    const message = {
      type: 'feat',
      subject: `add${ESC}]0;x\x07 it\n`,
      scope: 'a\x07b',
      body: `line 1\x07\nline 2${ESC}[2J`,
      breaking: false,
    };
    expect(sanitizeMessage(message)).toEqual({
      type: 'feat',
      subject: 'add it ',
      scope: 'ab',
      body: 'line 1\nline 2',
      breaking: false,
    });
  });
});

describe('sanitizeText over random input (fast-check)', () => {
  // Bytes read as Latin-1 map 0x80-0x9F onto the C1 code points, as UTF-8 they make the multi-byte forms and U+FFFD.
  const randomText = fc.oneof(
    fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
    fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes).toString('utf8')),
    fc
      .array(
        fc.constantFrom(
          ESC,
          '[',
          ']',
          'P',
          '\\',
          '\x07',
          '\x9b',
          '\x9c',
          '\x9d',
          ';',
          '0',
          '2',
          'J',
          'm',
          '\n',
          '\t',
          '\r',
          'a',
          '\u202e',
        ),
        { maxLength: 80 },
      )
      .map((parts) => parts.join('')),
    fc.string({ unit: 'binary', maxLength: 200 }),
  );

  it('leaves no control character (so no escape sequence can start) but tab and newline', () => {
    fc.assert(
      fc.property(randomText, (text) => {
        const clean = sanitizeText(text);
        expect(CONTROL.test(clean)).toBe(false);
        expect(isSafeText(clean)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('is idempotent and only ever removes: the output is a subsequence of the input (CR aside)', () => {
    fc.assert(
      fc.property(randomText, (text) => {
        const clean = sanitizeText(text);
        expect(sanitizeText(clean)).toBe(clean);
        const source = text.replace(/\r\n/g, '\n');
        let at = 0;
        for (const char of clean) {
          at = source.indexOf(char, at);
          expect(at).toBeGreaterThanOrEqual(0);
          at += char.length;
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('changes nothing in text without controls', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        fc.pre(!CONTROL.test(text) && !text.includes('\r'));
        expect(sanitizeText(text)).toBe(text);
      }),
      { numRuns: 1000 },
    );
  });
});
