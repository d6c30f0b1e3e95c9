import { describe, expect, it } from 'vitest';
import { redactFileDiffText, redactSecrets } from '../../src/security/redact.js';

// Fake secrets are generated rather than written out, so no scanner ever mistakes this file for a leak.
function fake(alphabet: string, length: number, seed: number): string {
  let state = seed;
  let out = '';
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    out += alphabet[Math.floor((state / 2147483648) * alphabet.length)];
  }
  return out;
}
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ALNUM = `${UPPER}abcdefghijklmnopqrstuvwxyz0123456789`;
const URLSAFE = `${ALNUM}-_`;
const HEX = '0123456789abcdef';

const JWT = `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ.${fake(URLSAFE, 43, 7)}`;
const SLACK_PATH = `T${fake(UPPER, 8, 1)}/B${fake(UPPER, 10, 2)}/${fake(ALNUM, 24, 3)}`;

/** [kind, diff line, the secret value inside it]; the line must come back with only that value replaced. */
const CASES: Array<[string, string, string]> = [
  ['aws-access-key-id', `AKIA${fake(`${UPPER}234567`, 16, 11)}`, ''],
  ['aws-access-key-id', `ASIA${fake(`${UPPER}234567`, 16, 12)}`, ''],
  ['aws-secret-access-key', `+aws_secret_access_key = ${fake(`${ALNUM}/+`, 40, 13)}`, 'VALUE'],
  ['aws-secret-access-key', `+  secretAccessKey: '${fake(`${ALNUM}/+`, 40, 14)}',`, 'VALUE'],
  ['github-token', `ghp_${fake(ALNUM, 36, 15)}`, ''],
  ['github-token', `gho_${fake(ALNUM, 36, 16)}`, ''],
  ['github-token', `ghs_${fake(ALNUM, 36, 17)}`, ''],
  ['github-token', `github_pat_${fake(ALNUM, 22, 18)}_${fake(ALNUM, 59, 19)}`, ''],
  ['gitlab-token', `glpat-${fake(URLSAFE, 20, 20)}`, ''],
  ['slack-token', `xoxb-${fake('0123456789', 12, 21)}-${fake('0123456789', 13, 22)}-${fake(ALNUM, 24, 23)}`, ''],
  ['slack-token', `xoxp-${fake('0123456789', 12, 24)}-${fake(ALNUM, 32, 25)}`, ''],
  ['slack-webhook', `+SLACK_WEBHOOK_URL=https://hooks.slack.com/services/${SLACK_PATH}`, SLACK_PATH],
  ['stripe-key', `sk_live_${fake(ALNUM, 24, 26)}`, ''],
  ['stripe-key', `rk_live_${fake(ALNUM, 99, 27)}`, ''],
  ['openai-key', `sk-proj-${fake(URLSAFE, 74, 28)}T3BlbkFJ${fake(URLSAFE, 74, 29)}`, ''],
  ['openai-key', `sk-${fake(ALNUM, 20, 30)}T3BlbkFJ${fake(ALNUM, 20, 31)}`, ''],
  ['anthropic-key', `sk-ant-api03-${fake(URLSAFE, 93, 32)}AA`, ''],
  ['google-api-key', `AIza${fake(URLSAFE, 35, 33)}`, ''],
  ['google-oauth-secret', `GOCSPX-${fake(URLSAFE, 28, 34)}`, ''],
  ['npm-token', `npm_${fake(ALNUM, 36, 35)}`, ''],
  ['pypi-token', `pypi-AgEIcHlwaS5vcmc${fake(URLSAFE, 70, 36)}`, ''],
  ['sendgrid-key', `SG.${fake(URLSAFE, 22, 37)}.${fake(URLSAFE, 43, 38)}`, ''],
  ['twilio-key', `SK${fake(HEX, 32, 39)}`, ''],
  ['jwt', JWT, ''],
  ['huggingface-token', `hf_${fake(UPPER + UPPER.toLowerCase(), 34, 40)}`, ''],
  ['digitalocean-token', `dop_v1_${fake(HEX, 64, 41)}`, ''],
  ['shopify-token', `shpat_${fake(HEX, 32, 42)}`, ''],
  ['age-secret-key', `AGE-SECRET-KEY-1${fake(`${UPPER}0123456789`, 58, 43)}`, ''],
  [
    'azure-key',
    '+AZURE_STORAGE=DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=VALUE;EndpointSuffix=core.windows.net',
    `${fake(`${ALNUM}+/`, 86, 44)}==`,
  ],
  ['authorization-header', `+curl -H "Authorization: Bearer ${fake(ALNUM, 32, 45)}" https://api.example.com`, 'BEARER'],
  ['url-password', '+DATABASE_URL=postgres://app:VALUE@db.internal:5432/app', 'S3cr3t-Passw0rd'],
  ['url-password', "+  redis: 'redis://:VALUE@cache:6379/0',", fake(ALNUM, 20, 46)],
  // 32 hex digits of low entropy (3.19 bits per character): a Sentry key all the same.
  ['url-credentials', '+SENTRY_DSN=https://VALUE@o123456.ingest.sentry.io/1234567', '978088883d95f196769f8d555b8b7d97'],
  ['secret-assignment', '+const password = "VALUE";', 'hunter2hunter2'],
  ['secret-assignment', '+DB_PASSWORD=VALUE', 'p4ssw0rd!2024'],
  ['secret-assignment', '-DB_PASSWORD=VALUE', 'oldP4ss-2023'],
  ['secret-assignment', ' const apiKey: string = "VALUE";', fake(HEX, 32, 47)],
  ['secret-assignment', '+  client_secret: VALUE', fake(ALNUM, 32, 48)],
  ['secret-assignment', "+    'auth_token' => 'VALUE',", fake(ALNUM, 24, 49)],
  ['secret-assignment', '+    token := "VALUE"', fake(ALNUM, 40, 50)],
  ['secret-assignment', '+  "secret": "VALUE",', 'correct-horse-battery'],
  ['secret-assignment', '+SECRET_KEY_BASE = VALUE', fake(HEX, 64, 51)],
  ['secret-assignment', '+    password: str = "VALUE"', 'Tr0ub4dor&3'],
];

/** Expands a case: a bare token goes into `+const key = "…"`; `VALUE` / `BEARER` mark where the secret sits. */
function expand([kind, line, secret]: [string, string, string]): { kind: string; input: string; secret: string } {
  if (secret === '') return { kind, input: `+const key = "${line}";`, secret: line };
  if (secret === 'VALUE') {
    const value = /(?:= |: '|: )(\S+?)'?,?$/.exec(line)?.[1] ?? '';
    return { kind, input: line, secret: value };
  }
  if (secret === 'BEARER') return { kind, input: line, secret: /Bearer (\S+)"/.exec(line)?.[1] ?? '' };
  return { kind, input: line.replace('VALUE', secret), secret };
}

describe('redactSecrets', () => {
  it.each(CASES.map(expand))('redacts a $kind and keeps the rest of the line', ({ kind, input, secret }) => {
    expect(secret.length).toBeGreaterThan(5);
    const result = redactSecrets(input);
    expect(result.text).toBe(input.replace(secret, `[REDACTED:${kind}]`));
    expect(result.findings).toEqual([{ kind, line: 1 }]);
  });

  it.each([
    ['+password = "changeme"'],
    ['+api_key: "<your-api-key>"'],
    ['+  token: ${GITHUB_TOKEN}'],
    ['+  token: ${{ secrets.NPM_TOKEN }}'],
    ['+const password = process.env.DB_PASSWORD;'],
    ['+api_key = os.environ["API_KEY"]'],
    ['+SECRET_KEY = os.getenv("SECRET_KEY", "")'],
    ['+secret: ""'],
    ['+DB_PASSWORD='],
    ['+password: "********"'],
    ['+OPENAI_API_KEY=sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    ['+token = "YOUR_TOKEN_HERE"'],
    ['+  apiKey: "your-api-key-here",'],
    ['+client_secret: "{{ client_secret }}"'],
    ['+  "password": "example-password",'],
    ['+DATABASE_URL=postgres://user:${DB_PASSWORD}@localhost/app'],
    ['+DATABASE_URL=postgres://user:password@localhost/app'],
    ['+const token = await getToken(user);'],
    ['+  authorization: `Bearer ${token}`,'],
    ['+  tokenUrl: "https://oauth2.googleapis.com/token",'],
    ['+  label: "Enter your password",'],
    ['+  tokenEnvVar: "GITHUB_TOKEN",'],
    ['+  passwordField: "input#password",'],
    ['+ secretName: my-app-tls-secret'],
    ['+      /Failed to refresh OIDC token: Unauthorized/'],
    ['+type SemicolonToken = SemicolonToken$1;'],
    ['+    const { token } = await login({ username, password });'],
  ])('leaves the placeholder or non-secret %s alone', (line) => {
    expect(redactSecrets(line)).toEqual({ text: line, findings: [] });
  });

  it('reports each finding on its 1-based line, several on one line included', () => {
    const github = `ghp_${fake(ALNUM, 36, 60)}`;
    const google = `AIza${fake(URLSAFE, 35, 61)}`;
    const text = [
      '@@ -1,4 +1,5 @@',
      `+const token = "${github}";`,
      ' const unrelated = 1;',
      '-const old = 2;',
      `+const both = ["${github}", "${google}"];`,
      '+done();',
    ].join('\n');
    const result = redactSecrets(text);
    expect(result.findings).toEqual([
      { kind: 'github-token', line: 2 },
      { kind: 'github-token', line: 5 },
      { kind: 'google-api-key', line: 5 },
    ]);
    expect(result.text.split('\n')).toHaveLength(6);
    expect(result.text).not.toContain(github);
    expect(result.text).not.toContain(google);
    expect(result.text.split('\n')[4]).toBe('+const both = ["[REDACTED:github-token]", "[REDACTED:google-api-key]"];');
  });

  it('returns the text unchanged and no findings when there is no secret', () => {
    const text = '+const answer = 42;\n-const answer = 41;\n';
    expect(redactSecrets(text)).toEqual({ text, findings: [] });
  });
});

describe('redactFileDiffText', () => {
  const line = `+const key = "ghp_${fake(ALNUM, 36, 70)}";`;

  it('withholds the whole content of a secrets file', () => {
    const result = redactFileDiffText({ path: 'config/.env.production', text: '@@ -0,0 +1 @@\n+DEBUG=true' });
    expect(result).toEqual({
      text: '[content withheld: config/.env.production looks like a secrets file]',
      findings: [],
      withheld: true,
    });
  });

  it('withholds a secrets file renamed to an ordinary name', () => {
    const result = redactFileDiffText({ path: 'notes.txt', oldPath: '.env', text: line });
    expect(result.withheld).toBe(true);
    expect(result.text).toBe('[content withheld: notes.txt looks like a secrets file]');
  });

  it('redacts an ordinary file and says it was not withheld', () => {
    const result = redactFileDiffText({ path: 'src/client.ts', text: line });
    expect(result).toEqual({
      text: '+const key = "[REDACTED:github-token]";',
      findings: [{ kind: 'github-token', line: 1 }],
      withheld: false,
    });
  });

  it('redacts, not withholds, a committed template such as .env.example', () => {
    const result = redactFileDiffText({ path: '.env.example', text: '+GITHUB_TOKEN=\n+DB_PASSWORD=changeme' });
    expect(result).toEqual({ text: '+GITHUB_TOKEN=\n+DB_PASSWORD=changeme', findings: [], withheld: false });
  });
});
