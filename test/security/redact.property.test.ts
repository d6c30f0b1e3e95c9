// Property-based (fast-check): a secret placed anywhere in random text is redacted, and the text around it survives.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../src/security/redact.js';

const chars = (alphabet: string, length: number) =>
  fc.string({ unit: fc.constantFrom(...alphabet), minLength: length, maxLength: length });
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
const ALNUM = UPPER + LOWER + DIGITS;
const HEX = '0123456789abcdef';
const URLSAFE = `${ALNUM}_-`;
const mixed = (alphabet: string, length: number) =>
  chars(alphabet, length).filter((value) => /[A-Z]/.test(value) && /[a-z]/.test(value) && /\d/.test(value));
const hex = (length: number) => chars(HEX, length).filter((value) => /[a-f]/.test(value) && /\d/.test(value));

/** Tokens whose shape alone makes them secrets, in their real formats, of random characters. */
const TOKENS: Record<string, fc.Arbitrary<string>> = {
  'aws-access-key-id': chars(UPPER + DIGITS, 16).map((rest) => `AKIA${rest}`),
  'github-token': mixed(ALNUM, 36).map((rest) => `ghp_${rest}`),
  'gitlab-token': mixed(URLSAFE, 20).map((rest) => `glpat-${rest}`),
  'slack-token': fc
    .tuple(chars(DIGITS, 11), chars(DIGITS, 12), mixed(ALNUM, 24))
    .map(([a, b, c]) => `xoxb-${a}-${b}-${c}`),
  'stripe-key': mixed(ALNUM, 24).map((rest) => `sk_live_${rest}`),
  'anthropic-key': mixed(URLSAFE, 93).map((rest) => `sk-ant-api03-${rest}AA`),
  'openai-key': mixed(URLSAFE, 48).map((rest) => `sk-proj-${rest}`),
  'google-api-key': mixed(URLSAFE, 35).map((rest) => `AIza${rest}`),
  'npm-token': mixed(ALNUM, 36).map((rest) => `npm_${rest}`),
  'sendgrid-key': fc.tuple(mixed(URLSAFE, 22), mixed(URLSAFE, 43)).map(([a, b]) => `SG.${a}.${b}`),
  'mailgun-key': hex(32).map((rest) => `key-${rest}`),
  'twilio-key': hex(32).map((rest) => `SK${rest}`),
  'discord-bot-token': fc
    .tuple(chars(DIGITS, 18), mixed(URLSAFE, 6), mixed(URLSAFE, 27))
    .map(([id, a, b]) => `${Buffer.from(id).toString('base64').replace(/=+$/, '')}.${a}.${b}`),
  'digitalocean-token': hex(64).map((rest) => `dop_v1_${rest}`),
  jwt: fc.tuple(mixed(URLSAFE, 20), mixed(URLSAFE, 40), mixed(URLSAFE, 43)).map(([a, b, c]) => `eyJ${a}.eyJ${b}.${c}`),
  'age-secret-key': chars(UPPER + DIGITS, 58).map((rest) => `AGE-SECRET-KEY-1${rest}`),
  'vault-token': mixed(URLSAFE, 95).map((rest) => `hvs.${rest}`),
  'linear-key': mixed(ALNUM, 40).map((rest) => `lin_api_${rest}`),
};

/** Text of any characters; a secret is only a secret apart from its neighbours, so a delimiter separates them. */
const text = fc.string({ unit: 'grapheme', maxLength: 120 });
const delimiter = fc.constantFrom(
  ' ',
  '\n',
  '\t',
  '"',
  "'",
  '`',
  '(',
  ')',
  ',',
  ';',
  '=',
  ':',
  '<',
  '>',
  '[',
  ']',
  '{',
  '}',
  '\n+',
  '\n-',
);

describe('redactSecrets (fast-check)', () => {
  for (const [kind, token] of Object.entries(TOKENS)) {
    it(`${kind}: redacted wherever it sits in random text`, () => {
      fc.assert(
        fc.property(text, delimiter, token, delimiter, text, (before, left, secret, right, after) => {
          const input = `${before}${left}${secret}${right}${after}`;
          const { text: output, findings } = redactSecrets(input);
          expect(output).not.toContain(secret);
          expect(findings.length).toBeGreaterThan(0);
          expect(output.split('\n')).toHaveLength(input.split('\n').length); // the line count is kept
        }),
        { numRuns: 300 },
      );
    });
  }

  it('a password bound to a secret-like name is redacted in any syntax, wherever the line sits', () => {
    const name = fc.constantFrom('password', 'DB_PASSWORD', 'apiKey', 'client_secret', 'AUTH_TOKEN', 'secretKey');
    const syntax = fc.constantFrom(
      (n: string, v: string) => `${n} = "${v}"`,
      (n: string, v: string) => `${n}: '${v}'`,
      (n: string, v: string) => `"${n}": "${v}",`,
      (n: string, v: string) => `export ${n.toUpperCase()}=${v}`,
      (n: string, v: string) => `--${n.replace(/_/g, '-').toLowerCase()} ${v}`,
      (n: string, v: string) => `${n}: ${v}`,
    );
    fc.assert(
      fc.property(
        fc.array(
          text.map((line) => line.replace(/\n/g, ' ')),
          { maxLength: 4 },
        ),
        name,
        syntax,
        mixed(ALNUM, 20),
        fc.array(
          text.map((line) => line.replace(/\n/g, ' ')),
          { maxLength: 4 },
        ),
        (before, n, write, value, after) => {
          const input = [...before, `+${write(n, value)}`, ...after].join('\n');
          expect(redactSecrets(input).text).not.toContain(value);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
