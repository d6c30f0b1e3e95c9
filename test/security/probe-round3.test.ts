// A third probe, written as an outside prober would, against what the first two corpora (secret-corpus.ts,
// probe-corpus.ts) leave out: token formats with a prefix of their own that no rule had, tokens where no word boundary
// falls before them (a URL-encoded query, a JSON string's `\n`), names and values behind escaped quotes (a notebook's
// source), and look-alikes that must stay (certificates, public keys, placeholders). Random at test time, never real.
import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../src/security/redact.js';
import { ALNUM, BASE64, createRandom, DIGITS, LOWER, UPPER, URLSAFE } from '../support/secret-corpus.js';

const random = createRandom(20261202);
const { mixed, hex, from } = random;
const HEX = '0123456789abcdef';

/** [format, a token of it]: formats no rule had before this round. */
const NEW_FORMATS: Array<[string, string]> = [
  ['Groq gsk_', `gsk_${mixed(ALNUM, 52)}`],
  ['Replicate r8_', `r8_${mixed(ALNUM, 37)}`],
  ['xAI xai-', `xai-${mixed(ALNUM, 80)}`],
  ['OpenRouter sk-or-v1-', `sk-or-v1-${hex(64)}`],
  ['Notion legacy secret_', `secret_${mixed(ALNUM, 43)}`],
  ['Supabase personal token sbp_', `sbp_${hex(40)}`],
  ['Supabase secret key sb_secret_', `sb_secret_${mixed(URLSAFE, 31)}`],
  ['Netlify nfp_', `nfp_${mixed(ALNUM, 36)}`],
  ['Tencent Cloud AKID', `AKID${mixed(ALNUM, 32)}`],
  ['Google OAuth access token ya29.', `ya29.a0${mixed(URLSAFE, 150)}`],
  ['Google OAuth refresh token 1//0', `1//0${mixed(URLSAFE, 100)}`],
  ['Mapbox secret token sk.eyJ', `sk.eyJ1Ijoi${mixed(URLSAFE, 60)}.${mixed(URLSAFE, 22)}`],
  ['Tailscale tskey-auth-', `tskey-auth-k${mixed(ALNUM, 16)}-${mixed(ALNUM, 33)}`],
  ['Docker Hub dckr_pat_', `dckr_pat_${mixed(URLSAFE, 27)}`],
  ['Bitbucket app password ATBB', `ATBB${mixed(ALNUM, 32)}`],
  ['Airtable personal token', `pat${mixed(ALNUM, 14)}.${hex(64)}`],
  ['Figma figd_', `figd_${mixed(URLSAFE, 40)}`],
  ['Pinecone pcsk_', `pcsk_${mixed(ALNUM, 5)}_${mixed(ALNUM, 60)}`],
  ['LangSmith lsv2_pt_', `lsv2_pt_${hex(32)}_${hex(10)}`],
  ['Langfuse sk-lf-', `sk-lf-${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`],
  ['Resend re_', `re_${mixed(ALNUM, 8)}_${mixed(ALNUM, 24)}`],
  ['Neon napi_', `napi_${mixed(LOWER + DIGITS, 64)}`],
  ['Contentful CFPAT-', `CFPAT-${mixed(URLSAFE, 43)}`],
  ['Buildkite bkua_', `bkua_${hex(40)}`],
  ['Render rnd_', `rnd_${mixed(ALNUM, 32)}`],
  ['ElevenLabs sk_', `sk_${hex(48)}`],
  ['Dropbox sl.', `sl.${mixed(URLSAFE, 135)}`],
  ['Doppler service token dp.st.<config>.', `dp.st.prd.${mixed(ALNUM, 43)}`],
  ['Twitter bearer token', `${'A'.repeat(21)}${mixed(ALNUM, 20)}%3D${mixed(ALNUM, 50)}`],
];

/** Formats rules had, in places where no word boundary falls before the token. */
const KNOWN_FORMATS: Array<[string, string]> = [
  ['GitHub fine-grained PAT', `github_pat_11${from(UPPER + DIGITS, 20)}_${mixed(ALNUM, 59)}`],
  ['GitLab glpat-', `glpat-${mixed(URLSAFE, 20)}`],
  ['Slack xoxb-', `xoxb-${from(DIGITS, 12)}-${from(DIGITS, 13)}-${mixed(ALNUM, 24)}`],
  ['Stripe sk_live_', `sk_live_51${mixed(ALNUM, 60)}`],
  ['npm npm_', `npm_${mixed(ALNUM, 36)}`],
  ['Anthropic sk-ant-', `sk-ant-api03-${mixed(URLSAFE, 93)}AA`],
  ['OpenAI sk-proj-', `sk-proj-${mixed(URLSAFE, 80)}`],
  ['Vault hvs.', `hvs.CAESI${mixed(URLSAFE, 90)}`],
  ['JWT', `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIx${mixed(URLSAFE, 40)}.${mixed(URLSAFE, 43)}`],
  ['Hugging Face hf_', `hf_${mixed(UPPER + LOWER, 34)}`],
];

/** [place, the diff text with `§` where the token goes]. */
const PLACES: Array<[string, string]> = [
  ['a call argument', '+  const client = createClient("§");'],
  ['prose', '+Use § for the staging runner.'],
  ['a commit subject', 'chore: rotate §'],
  ['a removed line', '-const legacy = "§";'],
  ['a context line', '   "token": "§",'],
  ['a hunk header', '@@ -10,6 +10,7 @@ const client = connect("§");'],
  ['a URL-encoded query', '+GET /cb?next=https%3A%2F%2Fapi.example.com%2F%3Fkey%3D§&x=1'],
  ['after a JSON string escape', '+    "source": "import os\\n§\\n",'],
  ['a notebook cell setting the environment', '+    "os.environ[\\"SERVICE_KEY\\"] = \\"§\\"\\n",'],
];

const leaks = (text: string, token: string): boolean =>
  text.includes(token) || text.includes(encodeURIComponent(token));

describe('probe round 3: token formats', () => {
  const cases = [...NEW_FORMATS, ...KNOWN_FORMATS].flatMap(([format, token]) =>
    PLACES.map(([place, line]) => [format, place, line.replace('§', token), token] as const),
  );

  it.each(cases)('redacts %s in %s', (_format, _place, text, token) => {
    expect(leaks(redactSecrets(text).text, token)).toBe(false);
  });
});

describe('probe round 3: names behind escaped quotes', () => {
  const secret = mixed(ALNUM, 28);
  const cases: Array<[string, string]> = [
    ['a notebook cell', '+    "os.environ[\\"COHERE_API_KEY\\"] = \\"§\\"\\n",'],
    ['JSON inside a JSON string', '+  "settings": "{\\"password\\": \\"§\\"}",'],
    ['a single-quoted escape', "+  echo 'export DB_PASSWORD=\\'§\\''"],
    ['a URL-encoded password parameter', '+curl "https://api.internal/login?next=%2Fhome%3Fpassword%3D§"'],
  ];

  it.each(cases)('redacts the value in %s', (_place, line) => {
    expect(redactSecrets(line.replace('§', secret)).text).not.toContain(secret);
  });
});

describe('probe round 3: look-alikes stay', () => {
  const b64 = (length: number) => mixed(BASE64, length);
  const armored = (label: string, prefix: string) =>
    [
      `+-----BEGIN ${label}-----`,
      ...Array.from({ length: 6 }, () => `${prefix}${b64(64)}`),
      `${prefix}${b64(20)}==`,
      `+-----END ${label}-----`,
    ].join('\n');
  const lookAlikes: Array<[string, string]> = [
    ['a certificate', armored('CERTIFICATE', '+')],
    ['a public key, unchanged', armored('PUBLIC KEY', ' ')],
    ['a PGP public key block', armored('PGP PUBLIC KEY BLOCK', '+')],
    ['a Slack token placeholder', '+SLACK_BOT_TOKEN=xoxb-your-bot-token'],
    ['a Groq placeholder', '+# Set GROQ_API_KEY to gsk_... from the console'],
    ['a regex of a token format', '+const pattern = /sk_[a-f0-9]{48}/;'],
    ['secret_key_base', '+secret_key_base_for_the_test_environment_of_rails = 1'],
    [
      'a URL-encoded redirect',
      '+redirect_uri=https%3A%2F%2Fapp.example.com%2Fcallback%3Fstate%3Dabc&response_type=code',
    ],
    ['a search query', '+  "url": "https://example.com/search?q=secret%20santa%20ideas",'],
    ['a notebook reading the environment', '+    "x = os.environ[\\"OPENAI_API_KEY\\"]\\n",'],
    ['a notebook printing a label', '+    "print(\\"the password field is required\\")\\n",'],
    ['escaped JSON naming a field', '+  \\"name\\": \\"api-token-field\\", \\"type\\": \\"password\\"'],
    ['an ETag', `+  "etag": "W/\\"${hex(32)}\\"",`],
    ['a publishable Stripe key', `+publicKey: "pk_live_${mixed(ALNUM, 24)}"`],
    ['a run of A in base64', `+  "${'A'.repeat(48)}${b64(40)}",`],
    ['hex of 48', `+sha = "${from(HEX, 48)}"`],
  ];

  it.each(lookAlikes)('leaves %s untouched', (_what, text) => {
    expect(redactSecrets(text).text).toBe(text);
  });
});

describe('probe round 3: syntaxes the name rules missed', () => {
  const secret = random.mixed(ALNUM, 30);
  // A password of letters, digits and the characters people add: `!` inside, `&` inside.
  const password = `${random.mixed(ALNUM, 6)}!${random.mixed(ALNUM, 4)}&${random.mixed(ALNUM, 3)}9`;
  const cases: Array<[string, string, string]> = [
    ['a Kubernetes env entry', `+        - name: DB_PASSWORD\n+          value: "${password}"`, password],
    ['a Kubernetes env entry, plain', `+        - name: API_TOKEN\n+          value: ${secret}`, secret],
    ['an ECS environment entry on one line', `+  {"name": "DB_PASSWORD", "value": "${password}"},`, password],
    [
      'an ECS environment entry',
      `+      {\n+        "name": "API_TOKEN",\n+        "value": "${secret}"\n+      },`,
      secret,
    ],
    ['a Markdown table row', `+| API_TOKEN | \`${secret}\` |`, secret],
    ['gh secret set --body', `+gh secret set API_TOKEN --body "${secret}"`, secret],
    ['gh secret set -b', `+gh secret set DEPLOY_PAT -b ${secret}`, secret],
    ['aws configure set', `+aws configure set aws_secret_access_key ${random.mixed(BASE64, 40)}`, ''],
    ['npm config set', `+npm config set //registry.npmjs.org/:_authToken ${secret}`, secret],
    ['kubectl --from-literal', `+kubectl create secret generic db --from-literal=password=${password}`, password],
    ['helm --set', `+helm upgrade app ./chart --set db.password=${password}`, password],
    ['docker login -p', `+docker login -u ci -p ${password} registry.example.com`, password],
    ['a requests auth tuple', `+requests.get(url, auth=("app", "${password}"))`, password],
    ['HTTPBasicAuth', `+session.auth = HTTPBasicAuth('app', '${password}')`, password],
    ['ConvertTo-SecureString', `+$pw = ConvertTo-SecureString "${password}" -AsPlainText -Force`, password],
    ['an env fallback ||', `+const token = process.env.API_TOKEN || "${secret}";`, secret],
    ['an env fallback ??', `+const token = env.API_TOKEN ?? '${secret}';`, secret],
    ['a Cookie header', `+  -H "Cookie: session=${secret}; theme=dark"`, secret],
    [
      'an S3 pre-signed URL',
      `+https://b.s3.amazonaws.com/f?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=${hex(64)}`,
      '',
    ],
    ['a GCS signed URL', `+https://storage.googleapis.com/b/o?X-Goog-Signature=${hex(128)}`, ''],
    ['authorization as an index', `+  headers["authorization"] = "bearer ${secret}"`, secret],
    ['a password with & in a config line', `+password: ${password}`, password],
    ['a commented-out config line', `+# password: ${password}`, password],
    ['a password with ! in code', `+  cfg.Password = Tr0ub4dor!${random.mixed(ALNUM, 5)}9x`, ''],
  ];

  it.each(cases)('redacts the value in %s', (_place, text, value) => {
    const out = redactSecrets(text).text;
    // Where the value is made inline, the line's last word is it.
    const secretValue = value !== '' ? value : (/[=\s]([^\s=]+)$/.exec(text)?.[1] ?? text);
    expect(out).not.toContain(secretValue);
    expect(out).toContain('[REDACTED:');
  });

  const lookAlikes = [
    '+const mode = process.env.NODE_ENV || "development";',
    '+const token = options.token ?? "default-token-value";',
    '+| apiKey | `string` | Your API key |',
    '+| token | `process.env.TOKEN` | read from the environment |',
    '+document.cookie = "theme=dark; lang=en-GB";',
    '+gh secret set DEPLOY_KEY --repo org/repo < key.pem',
    '+gh secret set API_TOKEN --body "$API_TOKEN"',
    '+npm config set registry https://registry.npmjs.org/',
    '+docker login -u "$USER" -p "$PASSWORD" ghcr.io',
    '+requests.get(url, auth=(user, password))',
    '+        - name: LOG_LEVEL\n+          value: debug',
    '+        - name: API_TOKEN\n+          valueFrom:\n+            secretKeyRef: { name: api, key: token }',
    '+      {"name": "PORT", "value": "8080"},',
    '+      - name: DB_PASSWORD\n+        value: "${DB_PASSWORD}"',
    '+printf("%-20s %5d%%\\n", name, pct);',
    '+# password: see 1Password vault "CI"',
    '+ConvertTo-SecureString $plain -AsPlainText -Force',
    '+  - key: app.kubernetes.io/name\n+    value: frontend-app-v2',
  ];

  it.each(lookAlikes)('leaves %s untouched', (text) => {
    expect(redactSecrets(text).text).toBe(text);
  });
});

describe('probe round 3: key stores in base64', () => {
  // Each store's own header (as keytool and openssl write them), then random bytes.
  const stores: Array<[string, string]> = [
    ['a PKCS#12 file (openssl)', `MIID/AIBAzCCA7IGCSqGSIb3${random.mixed(BASE64, 300)}`],
    ['a PKCS#12 file (keytool)', `MIIJ2gIBAzCCCYQGCSqGSIb3${random.mixed(BASE64, 300)}`],
    ['a JKS key store', `/u3+7QAAAAIAAAABAAAA${random.mixed(BASE64, 300)}`],
    ['a JCEKS key store', `zs7OzgAAAAIAAAABAAAA${random.mixed(BASE64, 300)}`],
  ];

  it.each(stores)('redacts %s under any name, and the first line of one wrapped at 76', (_what, store) => {
    expect(redactSecrets(`+  KEYSTORE_B64: ${store}`).text).not.toContain(store.slice(0, 40));
    expect(redactSecrets(`+${store.slice(0, 76)}\n+${store.slice(76, 152)}`).text).not.toContain(store.slice(0, 40));
  });

  it('leaves a certificate in base64 DER alone', () => {
    const certificate = `+  ca.crt: MIIDdzCCAl+gAwIBAgIE${random.mixed(BASE64, 300)}`;
    expect(redactSecrets(certificate).text).toBe(certificate);
  });
});

describe('probe round 3: secrets in base64, in hunk headers, in key=value lists', () => {
  const b64 = (text: string) => Buffer.from(text).toString('base64');
  const token = `ghp_${random.mixed(ALNUM, 36)}`;
  const password = `${random.mixed(ALNUM, 12)}7x`;
  const dockerConfig = b64(`{"auths":{"ghcr.io":{"auth":"${b64(`ci:${password}`)}"}}}`);
  const prettyConfig = b64(`{\n  "auths": {\n    "ghcr.io": { "auth": "${b64(`ci:${password}`)}" }\n  }\n}`);
  const cases: Array<[string, string, string]> = [
    ['a token in base64 under a plain name', `+GH_B64=${b64(token)}`, b64(token)],
    ['a token in base64 piped to base64 -d', `+echo ${b64(token)} | base64 -d > ~/.token`, b64(token)],
    ['a Docker config in base64 outside a Secret', `+  .dockerconfigjson: ${dockerConfig}`, dockerConfig],
    ['a pretty-printed Docker config in base64', `+dockerconfig: ${prettyConfig}`, prettyConfig],
    ['an OpenAI key in base64', `+OPENAI_B64: "${b64(`sk-proj-${random.mixed(URLSAFE, 60)}`)}"`, ''],
    ['a hunk header holding a config line', `@@ -3,6 +3,7 @@ password: ${password}`, password],
    ['a hunk header holding an env line', `@@ -3,6 +3,7 @@ DB_PASSWORD=${password}`, password],
    ['an Ansible inventory line', `+web1 ansible_host=10.0.0.1 ansible_password=${password}`, password],
    ['a libpq connection string', `+psql "host=db user=app password=${password} dbname=app"`, password],
    ['redis-cli -a', `+redis-cli -h cache -a ${password} ping`, password],
    ['a Telegram bot URL', `+https://api.telegram.org/bot${from(DIGITS, 9)}:AA${random.mixed(URLSAFE, 33)}/getMe`, ''],
  ];

  it.each(cases)('redacts %s', (_what, text, value) => {
    const out = redactSecrets(text).text;
    const secretValue = value !== '' ? value : (/(?:"|: |bot)([^"\s]{30,})/.exec(text)?.[1] ?? text);
    expect(out).not.toContain(secretValue.slice(0, 24));
    expect(out).toContain('[REDACTED:');
  });

  const lookAlikes = [
    `+  "image": "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAA${random.mixed(BASE64, 200)}"`,
    `+echo ${b64('hello world, this is just a plain message')} | base64 -d`,
    `+  config: ${b64('{"auths":{}}')}`,
    `+QUtJQ${random.mixed(BASE64, 60)}`,
    '+db = connect(user=u, password=pw1234567)',
    '+client(host=h, token=tok12345678)',
    '@@ -3,6 +3,7 @@ def check_password(user, password):',
  ];

  it.each(lookAlikes)('leaves %s untouched', (text) => {
    expect(redactSecrets(text).text).toBe(text);
  });
});

describe('probe round 3: real code the new rules must leave alone', () => {
  // Lines the new rules touched in a scan of 8,000 files of node_modules (36 MB) that no rule before them did.
  it.each(["+    credentials: init.credentials ?? 'same-origin',"])('leaves %s untouched', (text) => {
    expect(redactSecrets(text).text).toBe(text);
  });
});

describe('probe round 3: literals joined by a backslash or SQL ||', () => {
  const token = `ghp_${random.mixed(ALNUM, 36)}`;
  const [head, tail] = [token.slice(0, 18), token.slice(18)];
  const cases: Array<[string, string]> = [
    ['Ruby, a backslash between literals', `+TOKEN = "${head}" \\\n+  "${tail}"`],
    ['C, a macro continued', `+#define GH_TOKEN "${head}" \\\n+  "${tail}"`],
    ['SQL ||, on one line', `+SELECT '${head}' || '${tail}';`],
    ['SQL ||, across lines', `+SELECT '${head}' ||\n+  '${tail}';`],
  ];

  it.each(cases)('redacts both pieces: %s', (_what, text) => {
    const out = redactSecrets(text).text;
    expect(out).not.toContain(head);
    expect(out).not.toContain(tail);
  });
});

describe('probe round 3: an invisible character inside a token', () => {
  const token = `ghp_${random.mixed(ALNUM, 36)}`;
  it.each(['200B', '200C', '200D', '2060', 'FEFF', '00AD'])('redacts a token with U+%s pasted inside it', (code) => {
    const char = String.fromCharCode(parseInt(code, 16));
    const text = `+const token = readToken() ?? "${token.slice(0, 12)}${char}${token.slice(12)}";`;
    const out = redactSecrets(text).text;
    expect(out).not.toContain(token.slice(12));
    expect(out).toContain('[REDACTED:github-token]');
  });
});

describe('probe round 3: personal access tokens by name', () => {
  const base32 = 'abcdefghijklmnopqrstuvwxyz234567';
  const cases: Array<[string, string]> = [
    ['an Azure DevOps PAT', `+AZURE_DEVOPS_EXT_PAT=${random.mixed(base32, 52)}`],
    ['a GitLab PAT in YAML', `+  GITLAB_PAT: ${random.mixed(ALNUM, 26)}`],
    ['a deploy PAT in JSON', `+  "deploy_pat": "${random.mixed(ALNUM, 40)}",`],
  ];
  it.each(cases)('redacts %s', (_what, text) => {
    expect(redactSecrets(text).text).toContain('[REDACTED:pat-assignment]');
  });

  it.each([
    '+URL_PAT = "^https?://[^/]+/(?<id>[0-9a-f]{32})$"',
    '+ID_PAT = r"[A-Z]{2}\\d{6}-[0-9a-f]{8}"',
    '+DATE_PAT = "%Y-%m-%d %H:%M"',
    '+let pat = "a1B2c3D4e5F6g7H8i9J0";',
    '+file_path = "a/b/c1234567890abcdef"',
  ])('leaves %s untouched', (text) => {
    expect(redactSecrets(text).text).toBe(text);
  });

  // A generated password has a pattern's characters at random, not its structure: still redacted under a weak name.
  it.each([
    '+FOO_KEY = "aB3$x9Qz7LmP2vK8wN5rT1yU6iO4pE0s"',
    '+redis_key = "aB3|x9Qz7LmP2vK8(wN5rT1yU6)iO4pE0s"',
    '+GITLAB_PAT: "q8^Zx{3Lm}P2v[K8wN]5rT1yU6iO4pE"',
  ])('still redacts %s', (text) => {
    expect(redactSecrets(text).text).toContain('[REDACTED:');
  });
});
