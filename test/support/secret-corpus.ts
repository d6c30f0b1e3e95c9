// Secrets in their real formats, made of random characters at test time (never real keys), placed as they turn up in
// repositories; and look-alikes (hashes, UUIDs, integrity strings, images, SHAs) that must pass untouched.
import { seededRandom } from './synthetic-diff.js';

export interface CorpusSecret {
  /** What it is and where it sits, for failure messages. */
  label: string;
  /** Every string that must not reach a request (the value, or each piece of a split one). */
  values: string[];
}

export interface CorpusFile {
  path: string;
  /** Committed before the staged change (for removed lines and keys edited in place). */
  before?: string;
  /** Staged; undefined deletes the file. */
  after?: string;
}

export interface SecretCorpus {
  files: CorpusFile[];
  /** Subjects of commits made before the staged change (history sent as style examples). */
  subjects: string[];
  secrets: CorpusSecret[];
}

export const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const LOWER = 'abcdefghijklmnopqrstuvwxyz';
export const DIGITS = '0123456789';
export const ALNUM = UPPER + LOWER + DIGITS;
const HEX = '0123456789abcdef';
export const BASE64 = `${ALNUM}+/`;
export const URLSAFE = `${ALNUM}_-`;

/** The corpus' secrets, and `add`, which records one (each piece a split secret is made of) and returns it whole. */
export function secretList(): { secrets: CorpusSecret[]; add: (label: string, ...values: string[]) => string } {
  const secrets: CorpusSecret[] = [];
  const add = (label: string, ...values: string[]): string => {
    secrets.push({ label, values });
    return values.join('');
  };
  return { secrets, add };
}

export function createRandom(seed: number) {
  const next = seededRandom(seed);
  const from = (alphabet: string, length: number): string => {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(next() * alphabet.length)];
    return out;
  };
  /** Random text of the alphabet with a character of each of its classes (upper, lower, digit), as real tokens have. */
  const mixed = (alphabet: string, length: number): string => {
    const classes = [/[A-Z]/, /[a-z]/, /\d/].filter((kind) => kind.test(alphabet));
    for (;;) {
      const value = from(alphabet, length);
      if (classes.every((kind) => kind.test(value))) return value;
    }
  };
  const hexWithLetterAndDigit = (length: number): string => {
    for (;;) {
      const value = from(HEX, length);
      if (/[a-f]/.test(value) && /\d/.test(value)) return value;
    }
  };
  return { next, from, mixed, hex: hexWithLetterAndDigit };
}

/** A PEM private key of random base64, wrapped at 64 characters. */
function pemKey(random: ReturnType<typeof createRandom>, label = 'PRIVATE KEY'): { text: string; body: string[] } {
  const body = Array.from({ length: 20 }, () => random.mixed(BASE64, 64));
  body.push(`${random.mixed(BASE64, 40)}==`);
  return { text: [`-----BEGIN ${label}-----`, ...body, `-----END ${label}-----`].join('\n'), body };
}

export function generateSecretCorpus(seed: number): SecretCorpus {
  const random = createRandom(seed);
  const { from, mixed, hex } = random;
  const { secrets, add } = secretList();

  const awsId = () => `AKIA${from(UPPER + DIGITS, 16)}`;
  const ghp = () => `ghp_${mixed(ALNUM, 36)}`;
  const password = () => `${mixed(ALNUM, 10)}!${from(DIGITS, 2)}`;
  const discordToken = () =>
    `${Buffer.from(from(DIGITS, 18)).toString('base64').replace(/=+$/, '')}.${mixed(URLSAFE, 6)}.${mixed(URLSAFE, 27)}`;

  // Source files of several languages.
  const ts = [
    `export const github = '${add('GitHub PAT in TypeScript', ghp())}';`,
    `export const stripeKey = "${add('Stripe live key in TypeScript', `sk_live_${mixed(ALNUM, 24)}`)}";`,
    `const openai = new OpenAI({ apiKey: '${add('OpenAI project key as an object property', `sk-proj-${mixed(URLSAFE, 48)}`)}' });`,
    `const anthropic = '${add('Anthropic key', `sk-ant-api03-${mixed(URLSAFE, 93)}AA`)}';`,
    `fetch(url, { headers: { Authorization: 'Bearer ${add('Bearer token in a header', mixed(URLSAFE, 40))}' } });`,
    `const jwt = '${add('JWT', `eyJ${mixed(URLSAFE, 30)}.eyJ${mixed(URLSAFE, 60)}.${mixed(URLSAFE, 43)}`)}';`,
    `// split across a string concatenation`,
    `const token = '${add(
      'GitHub token split across a concatenation',
      `ghp_${mixed(ALNUM, 14)}`,
      mixed(ALNUM, 22),
    ).replace(/^(ghp_.{14})/, "$1' + '")}';`,
    `const key =`,
    `  "${add('OpenAI key split across lines', `sk-proj-${mixed(URLSAFE, 20)}`, mixed(URLSAFE, 28)).replace(/^(sk-proj-.{20})/, '$1" +\n  "')}";`,
    `const mailgun = { key: 'key-${add("Mailgun key as key: 'key-…'", hex(32))}' };`,
    `const sendgrid = "${add('SendGrid key', `SG.${mixed(URLSAFE, 22)}.${mixed(URLSAFE, 43)}`)}";`,
    `const npmToken = '${add('npm token', `npm_${mixed(ALNUM, 36)}`)}';`,
    `const google = "${add('Google API key', `AIza${mixed(URLSAFE, 35)}`)}";`,
  ];
  const py = [
    `SECRET_KEY = '${add('Django SECRET_KEY in Python', mixed(ALNUM + '!@#%^&*(-_=+)', 50).replace(/'/g, '-'))}'`,
    `AWS_ACCESS_KEY_ID = "${add('AWS access key id', awsId())}"`,
    `AWS_SECRET_ACCESS_KEY = "${add('AWS secret access key', mixed(BASE64, 40))}"`,
    `HF_TOKEN = "${add('Hugging Face token', `hf_${mixed(UPPER + LOWER, 34)}`)}"`,
    `client = Client("AC${hex(32)}", "${add('Twilio auth token beside its account SID', hex(32))}")`,
    `PYPI = "${add('PyPI token', `pypi-AgEIcHlwaS5vcmc${mixed(URLSAFE, 60)}`)}"`,
    `TOKEN = ("${add('Telegram bot token split by juxtaposed literals', `${from(DIGITS, 10)}:AA${mixed(URLSAFE, 12)}`, mixed(URLSAFE, 21)).replace(/^(\d{10}:AA.{12})/, '$1"\n         "')}")`,
  ];
  const go = [
    'package config',
    '',
    `const apiSecret = "${add('secret in a Go constant', mixed(ALNUM, 32))}"`,
    `var slackToken = "${add('Slack bot token in Go', `xoxb-${from(DIGITS, 11)}-${from(DIGITS, 12)}-${mixed(ALNUM, 24)}`)}"`,
    `var twilioKey = "${add('Twilio API key', `SK${hex(32)}`)}"`,
    `var linear = "${add('Linear key', `lin_api_${mixed(ALNUM, 40)}`)}"`,
  ];
  const java = [
    `db.password=${add('password in Java properties', password())}`,
    `spring.datasource.url=jdbc:postgresql://db:5432/app`,
    `shopify.token=${add('Shopify token', `shpat_${hex(32)}`)}`,
  ];

  // Configuration, YAML, JSON, shell, markdown, fixtures.
  const ini = [
    '[database]',
    'host = db.internal',
    `password = ${add('password in INI', password())}`,
    `dsn = postgres://app:${add('password in a connection URL', password().replace('!', '_'))}@db.internal:5432/app`,
    `connection = Server=db;Database=app;User Id=sa;Password=${add('password in an ADO connection string', password())};`,
  ];
  const yaml = [
    'service:',
    `  api_key: ${add('api_key in YAML', mixed(ALNUM, 32))}`,
    `  datadog_app_key: ${add('Datadog application key in YAML', hex(40))}`,
    `  webhook: https://hooks.slack.com/services/T${from(UPPER + DIGITS, 8)}/B${from(UPPER + DIGITS, 8)}/${add('Slack webhook path', mixed(ALNUM, 24))}`,
    `  vault: ${add('Vault token', `hvs.${mixed(URLSAFE, 95)}`)}`,
    `  gitlab: ${add('GitLab PAT', `glpat-${mixed(URLSAFE, 20)}`)}`,
  ];
  const pem = pemKey(random);
  const kubeKey = Buffer.from(pemKey(random).text).toString('base64');
  const kubeSecret = [
    'apiVersion: v1',
    'kind: Secret',
    'metadata:',
    '  name: web-tls',
    'type: kubernetes.io/tls',
    'data:',
    `  tls.crt: ${Buffer.from('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n').toString('base64')}`,
    `  tls.key: ${add('Kubernetes secret tls.key (base64 PEM)', kubeKey)}`,
    `  password: ${add('Kubernetes secret data entry', Buffer.from(password()).toString('base64'))}`,
  ];
  const helmValues = ['signing:', '  tls.key: |', ...pem.body.slice(0, 8).map((line) => `    ${line}`)];
  secrets.push({ label: 'PEM body in a YAML block scalar', values: pem.body.slice(0, 8) });
  const json = JSON.stringify(
    {
      client_id: 'web-app',
      client_secret: add('client_secret in JSON', mixed(URLSAFE, 40)),
      digitalocean: add('DigitalOcean token', `dop_v1_${hex(64)}`),
      azure: `DefaultEndpointsProtocol=https;AccountName=app;AccountKey=${add('Azure storage account key', mixed(BASE64, 86))}==;`,
    },
    null,
    2,
  );
  const fixture = JSON.stringify(
    { token_type: 'bearer', access_token: add('access_token in a test fixture', mixed(ALNUM, 40)), expires_in: 3600 },
    null,
    2,
  );
  const shell = [
    '#!/bin/sh',
    `export GITHUB_TOKEN=${add('GitHub token in a shell export', ghp())}`,
    `DD_APP_KEY=${add('DD_APP_KEY=<40 hex>', hex(40))} ./report.sh`,
    `curl -u deploy:${add('curl -u user:password', password().replace('!', '_'))} https://ci.internal/api`,
    `curl -H "X-Api-Key: ${add('API key in a curl header', mixed(ALNUM, 32))}" https://api.internal`,
    `./notify --auth-token ${add('Twilio auth token after a flag', hex(32))} --to +15550100`,
    `./bot ${add('Discord bot token as a bare argument', discordToken())}`,
    `heroku config:set KEY=x --app web # ${add('Heroku API key', `HRKU-AA${mixed(URLSAFE, 58)}`)}`,
    `docker run -e DOPPLER_TOKEN=${add('Doppler token', `dp.pt.${mixed(ALNUM, 43)}`)} app`,
    `export LONG_TOKEN=${add('token continued with a backslash', `glpat-${mixed(URLSAFE, 10)}`, mixed(URLSAFE, 12)).replace(/^(glpat-.{10})/, '$1\\\n')}`,
    `psql "postgresql://app@db/app?sslmode=require&password=${add('password in a URL query', password().replace('!', '_'))}"`,
  ];
  const markdown = [
    '# Deploying',
    '',
    `Send mail with the Mailgun key key-${add('Mailgun key in prose', hex(32))} from the ops vault.`,
    `The staging Databricks token is ${add('Databricks token in prose', `dapi${hex(32)}`)}.`,
    `Sentry: \`${add('Sentry user token in inline code', `sntryu_${hex(64)}`)}\``,
    `Grafana: ${add('Grafana service account token', `glsa_${mixed(ALNUM, 32)}_${hex(8)}`)}`,
    `New Relic: ${add('New Relic user key', `NRAK-${from(UPPER + DIGITS, 27)}`)}`,
    `Postman: ${add('Postman key', `PMAK-${hex(24)}-${hex(34)}`)}`,
    `Mailchimp: ${add('Mailchimp key', `${hex(32)}-us12`)}`,
    `PlanetScale: ${add('PlanetScale password', `pscale_pw_${mixed(URLSAFE, 43)}`)}`,
  ];
  const terraform = [
    `provider "azuread" {`,
    `  client_secret = "${add('client_secret in Terraform', mixed(ALNUM + '~.', 40))}"`,
    `}`,
  ];
  const dockerfile = [
    'FROM node:20',
    `RUN ./configure --password ${add('--password argument in a Dockerfile', password().replace('!', '_'))} --user app`,
  ];
  const age = `# age key\n${add('age secret key', `AGE-SECRET-KEY-1${from(UPPER + DIGITS, 58)}`)}\n`;
  const inlinePem = pemKey(random);
  secrets.push({ label: 'PEM private key in a template literal', values: inlinePem.body });

  // A key file edited in place: the staged hunk holds body lines only (and git's hunk context is one of them).
  const edited = pemKey(random, 'RSA PRIVATE KEY');
  const editedAfter = edited.text.split('\n');
  editedAfter[11] = random.mixed(BASE64, 64);
  secrets.push({
    label: 'key file edited in place (no BEGIN line in the hunk)',
    values: [...edited.body, editedAfter[11]!],
  });

  // A removed line: the old value is in the diff as a `-` line.
  const removedToken = add('token on a removed line', ghp());

  const files: CorpusFile[] = [
    { path: 'src/clients.ts', after: `${ts.join('\n')}\n` },
    { path: 'scripts/settings.py', after: `${py.join('\n')}\n` },
    { path: 'internal/config/config.go', after: `${go.join('\n')}\n` },
    { path: 'src/main/resources/application.properties', after: `${java.join('\n')}\n` },
    { path: 'config/app.ini', after: `${ini.join('\n')}\n` },
    { path: 'deploy/values.yaml', after: `${yaml.join('\n')}\n` },
    { path: 'deploy/tls-secret.yaml', after: `${kubeSecret.join('\n')}\n` },
    { path: 'deploy/helm/signing.yaml', after: `${helmValues.join('\n')}\n` },
    { path: 'config/services.json', after: `${json}\n` },
    { path: 'test/fixtures/oauth-response.json', after: `${fixture}\n` },
    { path: 'scripts/deploy.sh', after: `${shell.join('\n')}\n` },
    { path: 'docs/deploying.md', after: `${markdown.join('\n')}\n` },
    { path: 'infra/main.tf', after: `${terraform.join('\n')}\n` },
    { path: 'Dockerfile', after: `${dockerfile.join('\n')}\n` },
    { path: 'docs/age.txt', after: age },
    { path: 'src/keys.ts', after: `export const signingKey = \`${inlinePem.text}\`;\n` },
    { path: 'certs/signing-key.txt', before: `${edited.text}\n`, after: `${editedAfter.join('\n')}\n` },
    {
      path: 'src/legacy.ts',
      before: `export const legacyToken = '${removedToken}';\nexport const x = 1;\n`,
      after: 'export const x = 1;\n',
    },
    // Tokens in file names: the listing and the diff's headers carry them.
    { path: `notes/${add('GitHub token in a file name', ghp())}.md`, after: 'a note\n' },
    { path: `backup/${add('AWS key id in a file name', awsId())}-export.csv`, after: 'id,name\n1,a\n' },
  ];
  const subjects = [
    `chore: rotate ${add('AWS key id in a commit subject', awsId())}`,
    `fix: use ${add('Slack token in a commit subject', `xoxp-${from(DIGITS, 11)}-${from(DIGITS, 11)}-${from(DIGITS, 12)}-${hex(32)}`)} for alerts`,
  ];
  return { files, subjects, secrets };
}

export interface LookAlike {
  label: string;
  /** The line as written; it must reach the request exactly. */
  text: string;
}

/** Values that look random but are no secrets: they must be sent as they are. */
export function generateLookAlikes(seed: number): LookAlike[] {
  const random = createRandom(seed);
  const { from, mixed, hex } = random;
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
  const sha1 = () => hex(40);
  const png = `data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAA${mixed(BASE64, 120)}==`;
  return [
    { label: 'git SHA in prose', text: `Reverts commit ${sha1()}.` },
    { label: 'git SHA as a YAML rev', text: `    rev: ${sha1()}` },
    { label: 'short SHAs', text: `Fixed in ${hex(7)} and ${hex(7)}.` },
    { label: 'SHA-256 checksum', text: `${hex(64)}  dist/app.tar.gz` },
    { label: 'MD5 in code', text: `const etag = "${hex(32)}";` },
    { label: 'sha256 digest of an image', text: `image: node@sha256:${hex(64)}` },
    { label: 'UUID id', text: `  id: "${uuid()}",` },
    { label: 'UUID in a URL', text: `GET /api/orders/${uuid()}/items` },
    { label: 'request id header', text: `X-Request-Id: ${uuid()}` },
    { label: 'npm integrity', text: `      "integrity": "sha512-${mixed(BASE64, 86)}=="` },
    { label: 'SRI hash in HTML', text: `<script src="/app.js" integrity="sha384-${mixed(BASE64, 64)}"></script>` },
    { label: 'Go module sum', text: `golang.org/x/text v0.3.7 h1:${mixed(BASE64, 43)}=` },
    { label: 'base64 PNG data URI', text: `<img src="${png}">` },
    { label: 'base64 image in CSS', text: `  background: url(data:image/gif;base64,R0lGODlh${mixed(BASE64, 60)});` },
    { label: 'content-hashed file name', text: `<link href="/assets/index.${hex(8)}.css">` },
    { label: 'public SSH key', text: `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${mixed(BASE64, 43)} dev@laptop` },
    { label: 'certificate line', text: '-----BEGIN CERTIFICATE-----' },
    { label: 'password from the environment', text: `  password: process.env.DB_PASSWORD,` },
    { label: 'token from a variable', text: '  const token = await getToken(scope);' },
    { label: 'password placeholder', text: '  password: ${DB_PASSWORD}' },
    { label: 'API key template', text: '  api_key: "{{ .Values.apiKey }}"' },
    { label: 'AWS documentation example key', text: 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE' },
    { label: 'password field label', text: `  <label for="password">Enter your password</label>` },
    { label: 'token type constant', text: `  TokenKind.StringLiteral = 'string-literal',` },
    { label: 'primary key in SQL', text: '  id BIGINT PRIMARY KEY, -- primaryKey: orders_pkey' },
    { label: 'i18n key', text: `  t('settings.security.passwordHint')` },
    { label: 'cache key expression', text: `  const cacheKey = \`user:\${id}:profile\`;` },
    { label: 'version and build numbers', text: `  "version": "4.17.21", "build": "20240611.3"` },
    { label: 'hex colours', text: '  color: #1a2b3c; background: #ffcc00;' },
    { label: 'long identifier', text: '  export function createAuthenticatedSessionForUserWithRefreshToken() {}' },
    { label: 'nonce in a test', text: `  expect(nonce).toHaveLength(${from(DIGITS, 2)});` },
    { label: 'IPv6 address', text: '  listen [2001:db8:85a3::8a2e:370:7334]:443;' },
    { label: 'webpack chunk hash', text: `  "main": "main.${hex(20)}.js",` },
    { label: 'Docker layer digest', text: `  "digest": "sha256:${hex(64)}"` },
  ];
}
