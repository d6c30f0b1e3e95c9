// A fourth probe, at what the third left open: a value continued over YAML lines under a secret-like key, a token
// assembled by a call (`.join("")`, `.concat(…)`, a template of literal pieces), a key body wrapped at 76 (MIME) or held
// in one string with `\n` escapes, edited in place without its BEGIN line, and the credential forms a prober tries next
// (a URL's userinfo, `.npmrc`, `Authorization: Basic`, a JWT, a Docker config's `auth`). Generated from a fixed seed:
// random-looking, never real. Each rule's look-alikes (hashes, UUIDs, images, integrity strings, prose) must stay.
import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../src/security/redact.js';
import { ALNUM, BASE64, createRandom, URLSAFE } from '../support/secret-corpus.js';

const random = createRandom(20261204);
const { mixed, hex } = random;
const b64 = (text: string): string => Buffer.from(text).toString('base64');
const ghp = `ghp_${mixed(ALNUM, 36)}`;
const password = `${mixed(ALNUM, 10)}7q${mixed(ALNUM, 8)}`;
const [gh1, gh2, gh3] = [ghp.slice(0, 12), ghp.slice(12, 26), ghp.slice(26)];
const [pw1, pw2] = [password.slice(0, 10), password.slice(10)];
const uuid = (): string => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
/** A key's body: random bytes in base64 behind an RSA key's DER start, wrapped at `width`. */
const keyBody = (width: number, lines: number): string[] => {
  const text = `MIIEowIBAAKCAQEA${mixed(BASE64, width * lines)}`;
  return Array.from({ length: lines }, (_, k) => text.slice(k * width, (k + 1) * width));
};
const body64 = keyBody(64, 8);
const body76 = keyBody(76, 8);
const jwt = [b64('{"alg":"HS256","typ":"JWT"}'), b64(`{"sub":"${hex(12)}","iat":1733200000}`), mixed(URLSAFE, 43)]
  .map((part) => part.replace(/=+$/, ''))
  .join('.');

/** [what, the diff text, the strings that must not be sent]. */
const CASES: Array<[string, string, string[]]> = [
  // YAML values over lines.
  ['a folded block scalar', `+db:\n+  password: >\n+    ${pw1}\n+    ${pw2}`, [pw1, pw2]],
  ['a stripped folded block scalar', `+  api_token: >-\n+    ${gh1}${gh2}\n+    ${gh3}`, [gh1 + gh2, gh3]],
  ['a literal block scalar', `+  client_secret: |\n+    ${password}`, [password]],
  ['a plain scalar continued', `+  password: ${pw1}\n+    ${pw2}`, [pw1, pw2]],
  ['a plain scalar continued, a token', `+  token: ${gh1}${gh2}\n+    ${gh3}`, [gh1 + gh2, gh3]],
  ['a double-quoted scalar broken with \\', `+  password: "${pw1}\\\n+    ${pw2}"`, [pw1, pw2]],
  ['a double-quoted scalar broken over lines', `+  password: "${pw1}\n+    ${pw2}"`, [pw1, pw2]],
  ['a single-quoted scalar broken over lines', `+  password: '${pw1}\n+    ${pw2}'`, [pw1, pw2]],
  ['a list item, folded', `+  - api_key: >\n+      ${pw1}\n+      ${pw2}`, [pw1, pw2]],
  [
    'only the continuation edited',
    ` db:\n   password: ${pw1}\n-    ${mixed(ALNUM, 10)}\n+    ${pw2}\n   host: db`,
    [pw1, pw2],
  ],
  // Literals joined by a call.
  ['an array joined, the prefix alone', `+const t = ["ghp_", "${ghp.slice(4)}"].join("");`, [ghp.slice(4)]],
  ['an array of three joined', `+const t = ['${gh1}', '${gh2}', '${gh3}'].join('');`, [gh1, gh2, gh3]],
  ['an array over lines joined', `+const t = [\n+  "${gh1}",\n+  "${gh2}${gh3}",\n+].join("");`, [gh1, gh2 + gh3]],
  [
    'an array joined, one piece edited',
    ` const t = [\n   "${gh1}",\n-  "${mixed(ALNUM, 28)}",\n+  "${gh2}${gh3}",\n ].join("");`,
    [gh1, gh2 + gh3],
  ],
  ["Python's str.join", `+TOKEN = "".join(["${gh1}", "${gh2}${gh3}"])`, [gh1, gh2 + gh3]],
  ["Go's strings.Join", `+var token = strings.Join([]string{"${gh1}", "${gh2}${gh3}"}, "")`, [gh1, gh2 + gh3]],
  ['a password joined under its name', `+const apiKey = ["${pw1}", "${pw2}"].join("");`, [pw1, pw2]],
  ['String.concat', `+const t = "${gh1}".concat("${gh2}", "${gh3}");`, [gh1, gh2, gh3]],
  ['a template of literal pieces', `+const t = \`\${'ghp_'}\${'${ghp.slice(4)}'}\`;`, [ghp.slice(4)]],
  ['a template, double quotes', `+const t = \`\${"${gh1}"}\${"${gh2}${gh3}"}\`;`, [gh1, gh2 + gh3]],
  ['a template, text then a literal', `+const t = \`${gh1}\${'${gh2}${gh3}'}\`;`, [gh1, gh2 + gh3]],
  ['+ over three lines', `+const t =\n+  "${gh1}" +\n+  "${gh2}" +\n+  "${gh3}";`, [gh1, gh2, gh3]],
  ['+ leading the next line', `+const t = "${gh1}${gh2}"\n+  + "${gh3}";`, [gh1 + gh2, gh3]],
  // Key bodies without BEGIN.
  ['a body at 64, added', body64.map((line) => `+${line}`).join('\n'), body64],
  ['a body at 76, added', body76.map((line) => `+${line}`).join('\n'), body76],
  [
    'a body at 76, one line changed among context',
    [
      '@@ -5,7 +5,7 @@',
      ...body76.slice(0, 3).map((l) => ` ${l}`),
      `-${mixed(BASE64, 76)}`,
      `+${body76[3]}`,
      ...body76.slice(4, 7).map((l) => ` ${l}`),
    ].join('\n'),
    body76.slice(0, 7),
  ],
  [
    'a body at 76 behind a hunk header',
    `@@ -5,7 +5,7 @@ ${body76[0]}\n ${body76[1]}\n-${body76[2]}`,
    body76.slice(0, 3),
  ],
  ['a body in a JSON string with \\n', `+  "key": "${body64.slice(0, 4).join('\\n')}\\n",`, body64.slice(0, 4)],
  [
    'a body in a JSON string, a plain name',
    `+  "data": "${body76.slice(0, 4).join('\\n')}\\n${body76[4]!.slice(0, 30)}==",`,
    body76.slice(0, 4),
  ],
  ['a body in a YAML string with \\n', `+  signing: "${body64.slice(0, 4).join('\\n')}\\n"`, body64.slice(0, 4)],
  ['a body on a line of its own with \\n', `+${body64.slice(0, 3).join('\\n')}\\n`, body64.slice(0, 3)],
  [
    'a JSON private_key with BEGIN and no END',
    `+  "private_key": "-----BEGIN PRIVATE KEY-----\\n${body64.slice(0, 4).join('\\n')}`,
    body64.slice(0, 4),
  ],
  // Credential forms.
  ['URL userinfo', `+const url = "https://deploy:${password}@git.example.com/org/repo.git";`, [password]],
  ['URL userinfo, percent-encoded', `+DATABASE_URL=postgres://app:${pw1}%40${pw2}@db:5432/app`, [pw2]],
  ['URL userinfo, a token', `+git clone https://x-access-token:${ghp}@github.com/o/r`, [ghp]],
  ['URL userinfo, no user', `+https://:${password}@host.example.com/`, [password]],
  ['.npmrc _authToken, npm_', `+//registry.npmjs.org/:_authToken=npm_${mixed(ALNUM, 36).slice(0, 36)}`, ['npm_']],
  ['.npmrc _authToken, a UUID', `+//registry.npmjs.org/:_authToken=${uuid()}`, []],
  ['.npmrc _auth', `+_auth=${b64(`alice:${password}`)}`, [b64(`alice:${password}`)]],
  ['.npmrc _password', `+//registry.example.com/:_password=${b64(password)}`, [b64(password)]],
  ['Authorization: Basic', `+Authorization: Basic ${b64(`alice:${password}`)}`, [b64(`alice:${password}`)]],
  ['Authorization: Basic, a short pair', `+  -H "Authorization: Basic ${b64('ci:x9')}"`, [b64('ci:x9')]],
  [
    'Authorization: Basic in a template',
    `+headers: { Authorization: \`Basic ${b64(`alice:${password}`)}\` }`,
    [b64(`alice:${password}`)],
  ],
  ['Authorization: Bearer in a template', `+headers: { Authorization: \`Bearer ${mixed(URLSAFE, 40)}\` }`, []],
  ['Proxy-Authorization: Basic', `+Proxy-Authorization: Basic ${b64(`alice:${password}`)}`, [b64(`alice:${password}`)]],
  ['a JWT alone', `+${jwt}`, [jwt.split('.')[2]!]],
  ['a JWT in prose', `+Use the token ${jwt} for the staging tests.`, [jwt.split('.')[2]!]],
  ['a Docker config auth', `+      "auth": "${b64(`ci:${password}`)}"`, [b64(`ci:${password}`)]],
  [
    'a Docker config on one line',
    `+{"auths":{"registry.example.com":{"auth":"${b64(`ci:${password}`)}"}}}`,
    [b64(`ci:${password}`)],
  ],
  ['a Docker identitytoken', `+      "identitytoken": "${mixed(URLSAFE, 60)}"`, []],
];

/** The value that ends `text` (after `=`, `: ` or a quote), when a case names none. */
const lastValue = (text: string): string =>
  /(?:=|: |"|Bearer )([A-Za-z0-9_-]{20,})[`"]?(?: \})?$/.exec(text)?.[1] ?? text;

describe('probe round 4: what the third probe left open', () => {
  it.each(CASES)('redacts %s', (_what, text, values) => {
    const out = redactSecrets(text).text;
    for (const value of values.length > 0 ? values : [lastValue(text)]) expect(out).not.toContain(value);
    expect(out).toContain('[REDACTED:');
  });
});

describe('probe round 4: look-alikes stay', () => {
  const wrap = (text: string, width: number, prefix: string): string =>
    (text.match(new RegExp(`.{1,${width}}`, 'g')) ?? []).map((line) => `${prefix}${line}`).join('\n');
  const png = `iVBORw0KGgoAAAANSUhEUgAA${mixed(BASE64, 600)}`;
  const certificate = `MIIDdzCCAl+gAwIBAgIE${mixed(BASE64, 600)}`;
  const lorem =
    'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore ' +
    'magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo.';
  const LOOK_ALIKES: Array<[string, string]> = [
    ['a PNG in base64 wrapped at 76', wrap(png, 76, '+')],
    ['a certificate wrapped at 76, no BEGIN', wrap(certificate, 76, '+')],
    ['prose in base64 wrapped at 76 (a MIME part)', wrap(b64(lorem + lorem), 76, '+')],
    [
      'a certificate in a JSON string',
      `+  "ca": "-----BEGIN CERTIFICATE-----\\n${wrap(certificate, 64, '').split('\n').join('\\n')}\\n-----END CERTIFICATE-----\\n"`,
    ],
    ['a PNG in a JSON string with \\n', `+  "icon": "${wrap(png, 76, '').split('\n').join('\\n')}"`],
    ['a notebook cell of code lines', '+    "import os\\nimport sys\\nprint(os.environ[\\"HOME\\"])\\n",'],
    ['a sha256 hex digest', `+sha256: ${hex(64)}`],
    ['a UUID under an id', `+  request_id: ${uuid()}`],
    ['an integrity string', `+      "integrity": "sha512-${mixed(BASE64, 86)}=="`],
    ['a folded description', `+  description: >\n+    ${lorem.slice(0, 60)}\n+    ${lorem.slice(60, 120)}`],
    [
      'a folded hint beside a password',
      `+  password_hint: >\n+    ${lorem.slice(0, 60)}\n+    ${lorem.slice(60, 120)}`,
    ],
    ['a plain hint continued', `+  password_hint: ${lorem.slice(0, 60)}\n+    ${lorem.slice(60, 120)}`],
    ['a plain description continued', `+  secret: Lorem ipsum dolor sit amet,\n+    consectetur adipiscing elit`],
    ['a token key then a nested mapping', '+  token:\n+    ttl: 3600\n+    issuer: auth.example.com'],
    ['a plain value then a comment line', '+  password: changeme\n+    # rotate before release'],
    ['words joined', '+const label = ["foo", "bar"].join("");'],
    ['variables joined', '+const url = [base, path, query].join("");'],
    ['a template of a host and a path', "+const url = `${'https://'}${host}/api/v1`;"],
    ['a template of words', "+const t = `${'Hello'} ${'world'}`;"],
    ["Python's join of words", '+name = "".join(["first", "_", "last"])'],
    ['String.concat of words', '+const s = "prefix-".concat("suffix");'],
    ["Go's join of words", '+s := strings.Join([]string{"a", "b"}, "")'],
    ['a Basic header built at run time', '+headers: { Authorization: `Basic ${btoa(`${user}:${pass}`)}` }'],
    ['a Bearer header from a variable', '+headers: { Authorization: `Bearer ${token}` }'],
    ['a Basic header placeholder', '+Authorization: Basic <credentials>'],
    ['a Basic header of a word', '+Authorization: Basic realm'],
    ['a URL with a user and no password', '+https://git@github.com/org/repo.git'],
    ['a URL with a port', '+http://localhost:8080/api'],
    ['a JWT header alone', `+  alg: ${b64('{"alg":"HS256"}')}`],
  ];

  it.each(LOOK_ALIKES)('leaves %s untouched', (_what, text) => {
    expect(redactSecrets(text).text).toBe(text);
  });
});

describe('probe round 4: a value continued over lines takes no more than its own lines', () => {
  it.each([
    ['a sibling key', `+  api_key: ${password}\n+  region: eu-west-1`, '+  region: eu-west-1'],
    ['a less-indented line', `+    token: ${ghp}\n+  next: value-${hex(8)}`, `+  next: value-`],
    ['a comment', `+  password: ${password}\n+    # rotated monthly`, '+    # rotated monthly'],
  ])('leaves %s after it', (_what, text, kept) => {
    const out = redactSecrets(text).text;
    expect(out).toContain('[REDACTED:');
    expect(out).toContain(kept);
  });
});
