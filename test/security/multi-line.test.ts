// The multi-line passes run behind gates; each gate is a necessary condition of its pass, so the gated run finds
// exactly what running every pass on every text finds.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LineFinding } from '../../src/security/key-material.js';
import { MULTI_LINE_PASSES, redactAcrossLines } from '../../src/security/multi-line.js';
import { SECRET_RULES } from '../../src/security/secret-patterns.js';

/** Every pass, gates ignored: what the gated run must equal. */
function ungated(text: string): { text: string; findings: LineFinding[] } | undefined {
  const lines = text.split('\n');
  const findings: LineFinding[] = [];
  for (const { run } of MULTI_LINE_PASSES) run(lines, findings, SECRET_RULES, text);
  return findings.length === 0 ? undefined : { text: lines.join('\n'), findings };
}

const BODY = 'k8Wq2Lm9Rt4Vz7Xc1Bn6Hj3Pd5Fs0Ga2Ke8UyQ+oN/bYhZeW4iTvDaMpJlEcS7rX'; // 64 base64 characters, as PEM wraps
const TOKEN = 'ghp_k8Wq2Lm9Rt4Vz7Xc1Bn6Hj3Pd5Fs0Ga2Ke8U';
/** Lines of every pass's syntax, and the characters its gate could be wrong about (prefixes, odd spaces, CR). */
const PIECES = [
  ...[
    '\n',
    '\n+',
    '\n-',
    '\n ',
    ' ',
    '\t',
    '\u00a0',
    '\u2028',
    '\r',
    '\v',
    '"',
    "'",
    '`',
    '+',
    '..',
    '&',
    '\\',
    ':',
    '|',
  ],
  ...['-----BEGIN RSA PRIVATE KEY-----', '-----END RSA PRIVATE KEY-----', BODY, BODY.slice(0, 45), '@@ -1,4 +1,4 @@'],
  ...['tls.key: |', 'password: >-', `  ${BODY}`, '  hunter2-Secret9', 'kind: Secret', '"kind": "Secret"', 'data:'],
  ...[`  token: ${TOKEN}`, 'variable "api_token" {', 'variable\t"db_password" {', `  default = "${TOKEN}"`, '}'],
  ...[
    `const t = "${TOKEN.slice(0, 20)}" +`,
    `  "${TOKEN.slice(20)}";`,
    `TOKEN=${TOKEN.slice(0, 20)}\\`,
    TOKEN.slice(20),
  ],
  ...[`  password: ${TOKEN.slice(0, 20)}`, `    ${TOKEN.slice(20)}`, '  token: "', '  # c', '- api_key: ', 'x: y'],
  ...['["', '"].join("")', '"".join(["', 'strings.Join([]string{"', '"}, "")', '".concat("', "`${'", "'}`", ','],
  ...[`${BODY}\\n`, `${BODY.slice(0, 12)}${BODY}`, '\\n', `${BODY}${BODY.slice(0, 12)}`],
];

/** Lines of one to three pieces each, behind a diff prefix or none. */
const TEXT = fc
  .array(
    fc.tuple(fc.constantFrom('', '+', '-', ' '), fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 3 })),
    {
      maxLength: 16,
    },
  )
  .map((lines) => lines.map(([prefix, parts]) => prefix + parts.join('')).join('\n'));

describe('redactAcrossLines', () => {
  it('finds what every pass run on every text finds', () => {
    fc.assert(
      fc.property(TEXT, (text) => {
        expect(redactAcrossLines(text, SECRET_RULES)).toEqual(ungated(text));
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    ['a key file edited in place, with no BEGIN line', `@@ -2,3 +2,3 @@\n-${BODY}\n+${BODY.replace('M', 'N')}`],
    ['a key body after a no-break space, outside a diff', `\u00a0${BODY}`],
    ['a YAML block scalar under a secret name', `+tls.key: |\n+  ${BODY}`],
    ['a Kubernetes Secret with its kind quoted', `+"kind": "Secret"\n+data:\n+  token: ${TOKEN}`],
    ['a Terraform variable with a tab before its name', `+variable\t"api_token" {\n+  default = "${TOKEN}"\n+}`],
    ['a token split across two lines', `+const t = "${TOKEN.slice(0, 20)}" +\n+  "${TOKEN.slice(20)}";`],
  ])('%s: found, as without the gates', (_name, text) => {
    const found = redactAcrossLines(text, SECRET_RULES);
    expect(found).toBeDefined();
    expect(found).toEqual(ungated(text));
  });
});
