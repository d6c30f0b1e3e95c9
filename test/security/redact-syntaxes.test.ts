// A probe of syntaxes: one random secret under a secret-like name (or after a secret's keyword) in each way code,
// config and shell write it, and each token format of the probe corpus in prose, .env, JSON and YAML.
import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../src/security/redact.js';
import { generateProbeCorpus } from '../support/probe-corpus.js';
import { createRandom } from '../support/secret-corpus.js';

const random = createRandom(20261201);
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const SECRET = random.mixed(ALNUM, 28);

/** [syntax, the diff line with `§` where the secret goes]. */
const SYNTAXES: Array<[string, string]> = [
  ['shell export', '+export API_TOKEN=§'],
  ['shell export, quoted', '+export API_TOKEN="§"'],
  ['YAML plain', '+  api_token: §'],
  ['YAML single-quoted', "+  api_token: '§'"],
  ['TOML', '+api_token = "§"'],
  ['INI', '+api_token=§'],
  ['Python', '+API_TOKEN = "§"'],
  ['Python keyword argument', '+client = Client(api_token="§")'],
  ['Python os.environ', '+os.environ["API_SECRET"] = "§"'],
  ['Go struct field with an acronym', '+\tAPIToken: "§",'],
  ['Go short assignment', '+\tapiToken := "§"'],
  ['Go os.Setenv', '+\tos.Setenv("API_TOKEN", "§")'],
  ['JavaScript object', "+  apiToken: '§',"],
  ['JavaScript template literal', '+const API_TOKEN = `§`;'],
  ['Rust &str', '+let api_token: &str = "§";'],
  ["Rust &'static str", '+const API_TOKEN: &\'static str = "§";'],
  ['Java constant', '+private static final String API_TOKEN = "§";'],
  ['Java setter', '+config.setApiToken("§");'],
  ['Kotlin', '+val apiToken = "§"'],
  ['C#', '+public const string ApiToken = "§";'],
  ['PHP', "+$apiToken = '§';"],
  ['Ruby hash rocket', "+  :api_token => '§',"],
  ['Dockerfile ENV', '+ENV API_TOKEN=§'],
  ['Dockerfile ENV, space form', '+ENV API_TOKEN §'],
  ['Dockerfile ARG', '+ARG API_TOKEN=§'],
  ['Terraform', '+  api_token = "§"'],
  ['CLI --password=', '+mysql --password=§ -h db'],
  ['CLI --token <value>', '+./deploy --token §'],
  ['CLI --api-key="…"', '+tool --api-key="§"'],
  ['mysql -p<password>', '+mysql -u root -p§ app'],
  ['sshpass -p', '+sshpass -p § ssh host'],
  ['URL query access_token', '+GET https://api.internal/v1/me?access_token=§'],
  ['URL query &api_key=', '+https://api.internal/v1/q?format=json&api_key=§'],
  ['Authorization: Bearer', '+Authorization: Bearer §'],
  ['curl -H Authorization', "+curl -H 'Authorization: Bearer §' https://x"],
  ['curl -H x-api-key', '+curl -H "x-api-key: §" https://x'],
  ['curl --header PRIVATE-TOKEN', '+curl --header "PRIVATE-TOKEN: §" https://gitlab/api'],
  ['a context line', ' API_TOKEN=§'],
  ['a removed line', '-API_TOKEN=§'],
  ['Java properties', '+app.api.token=§'],
  ['XML element', '+<apiToken>§</apiToken>'],
  ['XML key/value attributes', '+<add key="ApiToken" value="§" />'],
  ['Makefile ?=', '+API_TOKEN ?= §'],
  ['PowerShell', '+$env:API_TOKEN = "§"'],
  ['cmd set', '+set API_TOKEN=§'],
  ['SQL WITH PASSWORD', "+CREATE USER app WITH PASSWORD '§';"],
  ['SQL IDENTIFIED BY', "+ALTER USER app IDENTIFIED BY '§';"],
  ['.netrc', '+machine api.internal login me password §'],
  ['prose', '+The password is §'],
  ['URL user part', '+git clone https://§@git.internal/org/repo.git'],
  ['URL password', '+amqp://guest:§@rabbit:5672/vhost'],
];

describe('redactSecrets across syntaxes', () => {
  it.each(SYNTAXES)('%s', (_, template) => {
    const line = template.replace('§', SECRET);
    const { text, findings } = redactSecrets(line);
    expect(text).not.toContain(SECRET);
    expect(text).toContain('[REDACTED:');
    expect(findings.length).toBeGreaterThan(0);
    // Only the value goes: the rest of the line is as it was.
    expect(text.replace(/\[REDACTED:[\w-]+\]/, '§')).toBe(template);
  });
});

describe('the probe corpus token formats in four syntaxes', () => {
  // The single-line token formats of the probe corpus (its `deploy/tokens.env.txt`), each moved into other syntaxes;
  // but those only their name tells from a random value (a Heroku key is a UUID, an AWS session token base64).
  const NAME_BOUND = ['HEROKU_API_KEY', 'AWS_SESSION_TOKEN'];
  const corpus = generateProbeCorpus(7);
  const tokens = corpus.files
    .find((file) => file.path === 'deploy/tokens.env.txt')!
    .after!.trim()
    .split('\n')
    .filter((line) => !NAME_BOUND.includes(line.slice(0, line.indexOf('='))))
    .map((line) => line.slice(line.indexOf('=') + 1));
  it.each(tokens.map((token) => [token.slice(0, 12), token]))('%s…', (_, token) => {
    for (const line of [
      `+Use ${token} for now`,
      `+MY_VALUE=${token}`,
      `+  "value": "${token}",`,
      `+  value: ${token}`,
    ]) {
      expect(redactSecrets(line).text, line).not.toContain(token.slice(6, -2));
    }
  });
});
