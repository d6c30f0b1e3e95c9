// The gate of the key-body pass, a loop over line starts, answers as the multi-line regex it replaced does.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mayHoldKeyBody } from '../../src/security/key-material.js';

/** What the loop must answer: a diff line or a hunk header's context starts with 40 base64 characters. */
const KEY_BODY_HINT = /^(?:[+ -]|@@ [^\n]*@@)[ \t]*["'`]?[A-Za-z0-9+/]{40}/m;
const BODY = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7';

describe('mayHoldKeyBody', () => {
  it.each([
    [`+${BODY}`, true],
    [`diff --git a/k b/k\n-  "${BODY}\\n"`, true],
    [`@@ -1,4 +1,4 @@ ${BODY}\n+x`, true],
    [`+${BODY.slice(0, 39)}`, false],
    [`x${BODY}`, false],
    [`+const key = "${BODY}"`, false],
    [`a\r+${BODY}`, true], // a line after a lone \r, as the regex's `^` has it
  ])('%j: %s', (text, expected) => {
    expect(mayHoldKeyBody(text)).toBe(expected);
    expect(KEY_BODY_HINT.test(text)).toBe(expected);
  });

  it('agrees with the regex on random lines of key-body pieces', () => {
    const pieces = [
      '\n',
      '+',
      '-',
      ' ',
      '\t',
      '"',
      "'",
      '`',
      '@@ ',
      '@@',
      'x',
      '=',
      BODY.slice(0, 20),
      BODY.slice(20),
      '/',
      '+A',
      'é',
      '\r',
      '\u2028',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        expect(mayHoldKeyBody(text)).toBe(KEY_BODY_HINT.test(text));
      }),
      { numRuns: 2000 },
    );
  });
});
