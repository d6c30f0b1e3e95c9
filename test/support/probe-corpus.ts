// A second secrets corpus, as an outside security team would probe with: formats and syntaxes the first corpus
// (secret-corpus.ts) has not, keys of other kinds edited in place, tokens in renames and in history subjects, and
// look-alikes that name a secret without holding one. Random at test time from a seed, never real keys.
import {
  ALNUM,
  BASE64,
  createRandom,
  DIGITS,
  LOWER,
  secretList,
  UPPER,
  URLSAFE,
  type CorpusFile,
  type LookAlike,
  type SecretCorpus,
} from './secret-corpus.js';

/** bech32's alphabet, upper-cased as age writes its secret keys. */
const BECH32 = 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L';

/** A key file: BEGIN line, `lines` base64 lines of `width` (64 for PEM, 70 for OpenSSH), a shorter last one, END line. */
function keyFile(random: ReturnType<typeof createRandom>, label: string, lines: number, width: number, head = '') {
  const body = Array.from({ length: lines }, (_, index) =>
    index === 0 && head !== '' ? head + random.mixed(BASE64, width - head.length) : random.mixed(BASE64, width),
  );
  body.push(`${random.mixed(BASE64, 30)}=`);
  return { lines: [`-----BEGIN ${label}-----`, ...body, `-----END ${label}-----`], body };
}

export function generateProbeCorpus(seed: number): SecretCorpus {
  const random = createRandom(seed);
  const { from, mixed, hex } = random;
  const { secrets, add } = secretList();
  const password = () => `${mixed(ALNUM, 12)}${from('%^*~', 1)}${from(DIGITS, 2)}`;
  const generic = () => mixed(ALNUM, 28);
  const b64 = (text: string) => Buffer.from(text).toString('base64');

  // Token formats, each in the syntax it is usually pasted in.
  const tokens = [
    `GH_FINE_GRAINED=${add('GitHub fine-grained PAT', `github_pat_11${from(UPPER + DIGITS, 20)}_${mixed(ALNUM, 59)}`)}`,
    `GH_APP_TOKEN=${add('GitHub app installation token ghs_', `ghs_${mixed(ALNUM, 36)}`)}`,
    `GH_USER_TOKEN=${add('GitHub user-to-server token ghu_', `ghu_${mixed(ALNUM, 36)}`)}`,
    `GH_REFRESH=${add('GitHub refresh token ghr_', `ghr_${mixed(ALNUM, 36)}`)}`,
    `GH_OAUTH=${add('GitHub OAuth token gho_', `gho_${mixed(ALNUM, 36)}`)}`,
    `CI_DEPLOY_TOKEN=${add('GitLab deploy token gldt-', `gldt-${mixed(URLSAFE, 20)}`)}`,
    `RUNNER_TOKEN=${add('GitLab runner token glrt-', `glrt-${mixed(URLSAFE, 20)}`)}`,
    `SLACK_APP_TOKEN=${add('Slack app-level token xapp-', `xapp-1-A${from(UPPER + DIGITS, 10)}-${from(DIGITS, 13)}-${hex(64)}`)}`,
    `STRIPE_RESTRICTED=${add('Stripe restricted key rk_live_', `rk_live_51${mixed(ALNUM, 97)}`)}`,
    `STRIPE_WEBHOOK_SECRET=${add('Stripe webhook secret whsec_', `whsec_${mixed(ALNUM, 32)}`)}`,
    `SHOPIFY_SHARED_SECRET=${add('Shopify shared secret shpss_', `shpss_${hex(32)}`)}`,
    `VAULT_TOKEN=${add('Vault dev root token hvs. (short)', `hvs.${mixed(ALNUM, 24)}`)}`,
    `OPENAI_SVC=${add('OpenAI service-account key sk-svcacct-', `sk-svcacct-${mixed(URLSAFE, 156)}`)}`,
    `DATABRICKS_TOKEN=${add('Databricks token dapi', `dapi${hex(32)}-2`)}`,
    `AGE_KEY=${add('age secret key (bech32)', `AGE-SECRET-KEY-1${from(BECH32, 58)}`)}`,
    `SQUARE_ACCESS_TOKEN=${add('Square access token EAAA', `EAAA${mixed(URLSAFE, 60)}`)}`,
    `SQUARE_OAUTH_SECRET=${add('Square OAuth secret sq0csp-', `sq0csp-${mixed(URLSAFE, 43)}`)}`,
    `BRAINTREE=${add('Braintree access token', `access_token$production$${from(LOWER + DIGITS, 16)}$${hex(32)}`)}`,
    `MAILCHIMP_KEY=${add('Mailchimp key -us12', `${hex(32)}-us12`)}`,
    `HEROKU_API_KEY=${add('Heroku API key (UUID form)', `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`)}`,
    `TFC_TOKEN=${add('Terraform Cloud token .atlasv1.', `${mixed(ALNUM, 14)}.atlasv1.${mixed(ALNUM, 67)}`)}`,
    `TELEGRAM=${add('Telegram bot token', `${from('123456789', 1)}${from(DIGITS, 9)}:AA${mixed(URLSAFE, 33)}`)}`,
    `AWS_ACCESS_KEY_ID=${add('AWS temporary key id ASIA', `ASIA${from(UPPER + DIGITS, 16)}`)}`,
    `AWS_SESSION_TOKEN=${add('AWS session token', `IQoJb3JpZ2luX2VjE${mixed(BASE64, 300)}`)}`,
    `LINEAR_API_KEY=${add('Linear key lin_api_', `lin_api_${mixed(ALNUM, 40)}`)}`,
    `DOPPLER_TOKEN=${add('Doppler personal token dp.pt.', `dp.pt.${mixed(ALNUM, 43)}`)}`,
    `HF_TOKEN=${add('Hugging Face token hf_', `hf_${mixed(UPPER + LOWER, 34)}`)}`,
  ];
  const sentryKey = hex(32);
  const prose = [
    '# Runbook',
    '',
    `Sentry: \`Sentry.init({ dsn: "https://${add('Sentry DSN key', sentryKey)}@o${from(DIGITS, 6)}.ingest.sentry.io/${from(DIGITS, 7)}" })\``,
    `Clone with https://${add('token as a URL user part', `glpat-${mixed(URLSAFE, 20)}`)}@gitlab.internal/ops/deploy.git`,
    `The staging password is ${add('password in prose', mixed(ALNUM, 20))} until Friday.`,
    `Open https://api.internal/v1/me?access_token=${add('access_token in a URL query', generic())}`,
    `and https://maps.internal/js?v=3&api_key=${add('api_key in a URL query', generic())}&callback=init`,
  ];

  // Connection strings of several databases and brokers (a `#` in a password, as people write it).
  const urls = [
    `DATABASE_URL=postgresql://app:${add('postgres URL password', password())}@db:5432/app`,
    `MYSQL_URL="mysql://root:${add('mysql URL password', password())}@127.0.0.1:3306/app"`,
    `MONGO_URI=mongodb+srv://admin:${add('mongodb+srv URL password', password())}@cluster0.ab1cd.mongodb.net/app?retryWrites=true`,
    `REDIS_URL=rediss://:${add('redis URL password, no user', password())}@cache:6380/0`,
    `AMQP_URL=amqps://svc:${add('amqp URL password', `${mixed(ALNUM, 10)}#${from(DIGITS, 3)}`)}@mq:5671/vhost`,
  ];

  // Credential files that are not withheld by name here (a repository's own copy under another name).
  const npmToken = `npm_${mixed(ALNUM, 36)}`;
  const npmrc = [
    `//registry.npmjs.org/:_authToken=${add('.npmrc _authToken', npmToken)}`,
    `//npm.pkg.github.com/:_authToken=${add('.npmrc _authToken (UUID)', `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`)}`,
    `//registry.internal/:_password=${add('.npmrc _password (base64)', b64(mixed(LOWER + UPPER, 14)))}`,
    `_auth=${add('.npmrc _auth', b64(`ci:${password()}`))}`,
  ];
  const netrc = [
    `machine api.heroku.com login ops@example.org password ${add('.netrc password', password())}`,
    'machine ftp.internal',
    '  login deploy',
    `  password ${add('.netrc password on its own line', password())}`,
  ];
  const pypirc = [
    '[pypi]',
    'username = __token__',
    `password = ${add('.pypirc token', `pypi-AgEIcHlwaS5vcmcCJ${mixed(URLSAFE, 150)}`)}`,
  ];
  const docker = JSON.stringify(
    {
      auths: {
        'ghcr.io': { auth: add('Docker config auth', b64(`me:${password()}`)) },
        'registry.internal': { identitytoken: add('Docker identitytoken', mixed(URLSAFE, 40)) },
      },
    },
    null,
    2,
  );
  // Kubernetes, Terraform, Dockerfile, SQL, XML, shell.
  const k8s = [
    'apiVersion: v1',
    'kind: Secret',
    'metadata:',
    '  name: api',
    'stringData:',
    `  API_TOKEN: ${add('k8s stringData entry', generic())}`,
    `  DB_URL: postgres://api:${add('k8s stringData URL password', password())}@db/api`,
  ];
  const terraform = [
    'resource "azurerm_storage_account" "x" {',
    `  connection = "DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=${add('Azure AccountKey in Terraform', `${mixed(BASE64, 86)}==`)};EndpointSuffix=core.windows.net"`,
    `  sas        = "https://acme.blob.core.windows.net/c?sv=2022-11-02&ss=b&srt=sco&sp=rl&se=2030-01-01T00:00:00Z&sig=${add('Azure SAS signature', `${mixed(BASE64, 43)}%3D`)}"`,
    '}',
    'variable "api_token" {',
    '  type    = string',
    `  default = "${add('Terraform variable default under a secret name', generic())}"`,
    '}',
  ];
  const dockerfile = [
    'FROM python:3.12',
    `ENV API_TOKEN ${add('Dockerfile ENV, space form', generic())}`,
    `ARG NPM_TOKEN=${add('Dockerfile ARG', npmToken.slice(0, 4) + mixed(ALNUM, 36))}`,
    `RUN mysql -u root -p${add('mysql -p<password>', password())} app < seed.sql`,
    `RUN sshpass -p ${add('sshpass -p <password>', password())} scp dump.sql backup:`,
  ];
  const sql = [
    `CREATE USER app WITH PASSWORD '${add('SQL WITH PASSWORD', password())}';`,
    `ALTER USER 'report'@'%' IDENTIFIED BY '${add('SQL IDENTIFIED BY', password())}';`,
  ];
  const xml = [
    '<settings>',
    '  <servers><server><id>central</id>',
    `    <password>${add('Maven settings.xml <password>', password())}</password>`,
    '  </server></servers>',
    `  <add key="ApiToken" value="${add('.NET appSettings key/value', generic())}" />`,
    '</settings>',
  ];
  const code = [
    `let api_token: &str = "${add('Rust &str literal', generic())}";`,
    `const SIGNING_SECRET: &'static str = "${add("Rust &'static str const", generic())}";`,
    `config.setApiToken("${add('Java setter call', generic())}");`,
    `os.Setenv("GITHUB_TOKEN", "${add('Go os.Setenv', `gho_${mixed(ALNUM, 36)}`)}")`,
    `os.environ["API_SECRET"] = "${add('Python os.environ[...] =', generic())}"`,
    `client := api.New(api.Config{APIToken: "${add('Go struct field APIToken', generic())}"})`,
    `headers = {"X-Api-Key": "${add('X-Api-Key header in a dict', generic())}"}`,
    `const auth = "Basic ${add('Basic credentials in code', b64(`svc:${password()}`))}";`,
    `$ curl -H 'Authorization: Bearer ${add('curl -H bearer', `eyJhbGciOiJSUzI1NiJ9.eyJ${mixed(URLSAFE, 80)}.${mixed(URLSAFE, 86)}`)}' https://api`,
    `./release --password=${add('--password=<value>', password())} --token ${add('--token <value>', generic())}`,
  ];
  // Split across lines: Go, Java, a YAML block scalar, a continued shell line.
  const split = [
    `var token = "${add('Go token split by +', `ghp_${mixed(ALNUM, 16)}`, mixed(ALNUM, 20)).replace(/^(ghp_.{16})/, '$1" +\n\t"')}"`,
    `String key = "${add('Java key split by +', `sk_live_${mixed(ALNUM, 12)}`, mixed(ALNUM, 16)).replace(/^(sk_live_.{12})/, '$1"\n    + "')}";`,
  ];
  const blockScalar = [
    'slack:',
    '  bot_token: |',
    `    ${add('token in a YAML block scalar', `xoxb-${from(DIGITS, 12)}-${from(DIGITS, 13)}-${mixed(ALNUM, 24)}`)}`,
  ];

  // Keys of other kinds, whole, and edited in place (the hunk has no BEGIN line).
  const openssh = keyFile(random, 'OPENSSH PRIVATE KEY', 36, 70, 'b3BlbnNzaC1rZXktdjEAAAAA');
  const opensshAfter = [...openssh.lines];
  opensshAfter[20] = mixed(BASE64, 70);
  secrets.push({ label: 'OpenSSH key edited in place', values: [...openssh.body.slice(10, 30), opensshAfter[20]!] });
  const pkcs8 = keyFile(random, 'PRIVATE KEY', 25, 64, 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC');
  const pkcs8After = [...pkcs8.lines];
  pkcs8After[24] = mixed(BASE64, 64); // near the end: the hunk holds END but not BEGIN
  secrets.push({ label: 'PKCS#8 key edited near its end', values: [...pkcs8.body.slice(18), pkcs8After[24]!] });
  const ec = keyFile(random, 'EC PRIVATE KEY', 2, 64, 'MHcCAQEEI');
  secrets.push({ label: 'EC private key (whole)', values: ec.body });
  const pgp = [
    '-----BEGIN PGP PRIVATE KEY BLOCK-----',
    '',
    ...Array.from({ length: 12 }, () => mixed(BASE64, 64)),
    `=${mixed(BASE64, 4)}`,
    '-----END PGP PRIVATE KEY BLOCK-----',
  ];
  secrets.push({ label: 'PGP private key block', values: pgp.slice(2, 14) });
  const gcpBody = Array.from({ length: 10 }, () => mixed(BASE64, 64));
  const gcp = JSON.stringify(
    {
      type: 'service_account',
      project_id: 'acme-prod',
      private_key_id: hex(40),
      private_key: `-----BEGIN PRIVATE KEY-----\n${gcpBody.join('\n')}\n-----END PRIVATE KEY-----\n`,
      client_email: 'ci@acme-prod.iam.gserviceaccount.com',
    },
    null,
    2,
  );
  secrets.push({ label: 'GCP service-account private_key (\\n-escaped PEM)', values: gcpBody });

  // Removed and context lines.
  const removed = add(
    'token on a removed line (Slack xoxp)',
    `xoxp-${from(DIGITS, 12)}-${from(DIGITS, 12)}-${from(DIGITS, 13)}-${hex(32)}`,
  );
  const context = add('password on a context line', password());

  const renamedToken = `glpat-${mixed(URLSAFE, 20)}`;
  add('GitLab token in a renamed file name (old side)', renamedToken);
  const files: CorpusFile[] = [
    { path: 'deploy/tokens.env.txt', after: `${tokens.join('\n')}\n` },
    { path: 'docs/runbook.md', after: `${prose.join('\n')}\n` },
    { path: 'config/urls.sh', after: `${urls.map((line) => `export ${line}`).join('\n')}\n` },
    { path: 'ci/npmrc.ci', after: `${npmrc.join('\n')}\n` },
    { path: 'ci/netrc.txt', after: `${netrc.join('\n')}\n` },
    { path: 'ci/pypirc.ini', after: `${pypirc.join('\n')}\n` },
    { path: 'ci/docker-auth.json', after: `${docker}\n` },
    { path: 'deploy/api-secret.yaml', after: `${k8s.join('\n')}\n` },
    { path: 'infra/storage.tf', after: `${terraform.join('\n')}\n` },
    { path: 'Dockerfile.build', after: `${dockerfile.join('\n')}\n` },
    { path: 'db/users.sql', after: `${sql.join('\n')}\n` },
    { path: 'ci/settings.xml', after: `${xml.join('\n')}\n` },
    { path: 'src/clients.txt', after: `${code.join('\n')}\n` },
    { path: 'src/split.txt', after: `${split.join('\n')}\n` },
    { path: 'deploy/slack.yaml', after: `${blockScalar.join('\n')}\n` },
    { path: 'ops/deploy_key.txt', before: `${openssh.lines.join('\n')}\n`, after: `${opensshAfter.join('\n')}\n` },
    { path: 'ops/tls_key.txt', before: `${pkcs8.lines.join('\n')}\n`, after: `${pkcs8After.join('\n')}\n` },
    { path: 'ops/ec.txt', after: `${ec.lines.join('\n')}\n` },
    { path: 'ops/signing.asc', after: `${pgp.join('\n')}\n` },
    { path: 'ops/gcp-key.json', after: `${gcp}\n` },
    {
      path: 'src/alerts.ts',
      before: `export const a = 1;\nexport const slack = '${removed}';\nexport const b = 2;\n`,
      after: 'export const a = 1;\nexport const b = 2;\n',
    },
    {
      path: 'config/app.properties',
      before: `db.user=app\ndb.password=${context}\ndb.pool=5\n`,
      after: `db.user=app\ndb.password=${context}\ndb.pool=10\n`,
    },
    {
      path: `tokens/${add('Slack token in a file name', `xoxb-${from(DIGITS, 12)}-${from(DIGITS, 13)}-${mixed(ALNUM, 24)}`)}.txt`,
      after: 'x\n',
    },
    { path: `notes/${renamedToken}.md`, before: 'a renamed note\nwith lines\nthat stay\n' },
    { path: 'notes/renamed.md', after: 'a renamed note\nwith lines\nthat stay\n' },
  ];
  const subjects = [
    `fix: rotate ${add('Stripe key in a commit subject', `sk_live_${mixed(ALNUM, 24)}`)}`,
    `chore: point ci at postgres://ci:${add('URL password in a commit subject', password())}@db/ci`,
    `docs: token ${add('OpenAI key in a commit subject', `sk-proj-${mixed(URLSAFE, 48)}`)} for the demo`,
  ];
  return { files, subjects, secrets };
}

/** Look-alikes beyond the first corpus': values that name or resemble a secret without being one. */
export function generateProbeLookAlikes(seed: number): LookAlike[] {
  const random = createRandom(seed);
  const { from, mixed, hex } = random;
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
  return [
    { label: 'commit line of git log', text: `commit ${hex(40)}` },
    { label: 'yarn.lock integrity', text: `  integrity sha512-${mixed(BASE64, 86)}==` },
    { label: 'SRI sha256 in a manifest', text: `  "hash": "sha256-${mixed(BASE64, 43)}="` },
    { label: 'UUID in a const', text: `const requestId = "${uuid()}";` },
    {
      label: 'base64 JPEG data URI',
      text: `<img src="data:image/jpeg;base64,/9j/4AAQSkZJRgABAQ${mixed(BASE64, 200)}">`,
    },
    { label: 'CSS colour', text: `  color: #${hex(6)}; border-color: #${hex(3)};` },
    { label: 'empty password', text: 'const password = "";' },
    { label: 'password from the environment with a default', text: 'const password = process.env.PASSWORD ?? "";' },
    { label: 'placeholder in angle brackets', text: '  password: "<your-password>",' },
    { label: 'masked API key', text: 'API_KEY=xxxxxxxxxxxxxxxxxxxx' },
    { label: 'masked GitHub token in docs', text: 'GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' },
    { label: 'template placeholder', text: 'API_KEY=your_api_key_here' },
    { label: 'example token in a test', text: '  token: "example-token-1234",' },
    { label: 'prose about passwords', text: 'The password is required.' },
    { label: 'prose about tokens', text: 'If the token is missing, we retry.' },
    { label: 'error message', text: '  throw new Error("password is too short");' },
    { label: 'setter given a variable', text: '  this.setApiKey(apiKey);' },
    { label: 'setter given an empty string', text: '  setPassword("");' },
    { label: 'XML password from a variable', text: '  <password>${env.PASSWORD}</password>' },
    { label: 'Dockerfile ENV of a path', text: 'ENV API_TOKEN_FILE /run/secrets/token' },
    { label: 'Setenv from a variable', text: '  os.Setenv("API_TOKEN", token)' },
    { label: 'i18n pair', text: '  ("password", "Password"),' },
    { label: 'mysql asking for the password', text: 'mysql -h db -P 3306 -u app -p' },
    { label: 'bcrypt hash field', text: `  passwordHash: "$2b$10$${mixed(ALNUM, 53)}",` },
    { label: 'tokenizer name', text: '  "tokenizer": "cl100k_base",' },
    { label: 'React key', text: `  "key": "react-select-${hex(6)}",` },
    { label: 'cancellation token', text: '  cancellationToken: CancellationToken.None,' },
    { label: 'image digest', text: `  image: ghcr.io/org/app@sha256:${hex(64)}` },
    { label: 'Sentry URL without a key', text: '  sentry: "https://o123456.ingest.sentry.io/4504"' },
    { label: 'git remote over ssh', text: 'git clone git@github.com:org/repo.git' },
    { label: 'a user in a URL', text: '  url: "https://deploy@example.com/path"' },
    { label: 'checksum in a test', text: `  expect(hash).toBe("${hex(64)}");` },
    { label: 'csrf meta tag', text: '  <meta name="csrf-token" content="{{ csrf_token() }}">' },
    { label: 'password regex', text: 'const passwordPattern = /^(?=.*[A-Z]).{8,}$/;' },
    { label: 'k8s secret reference', text: '  secretKeyRef: { name: app, key: password }' },
    { label: 'GitHub Actions secret', text: '  pass: ${{ secrets.PASS }}' },
    {
      label: 'source map data URI',
      text: '  "sourceMap": "data:application/json;base64,eyJ2ZXJzaW9uIjozLCJzb3VyY2VzIjpbXX0="',
    },
    { label: 'SSH fingerprint', text: `  fingerprint: SHA256:${mixed(BASE64, 43)}` },
    { label: 'SSH public key', text: `  public_key: "ssh-rsa AAAAB3NzaC1yc2E${mixed(BASE64, 200)} me@host"` },
    { label: 'version numbers', text: `  version: 1.2.${from(DIGITS, 3)}` },
  ];
}
