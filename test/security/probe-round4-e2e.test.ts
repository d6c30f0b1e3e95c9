// The fourth probe through the built CLI: values continued over YAML lines, tokens joined by a call or a template, a
// key body wrapped at 76 edited in place and one held in a JSON string with `\n` escapes, and the credential forms a
// prober tries next, staged as the files they turn up in; `git ai prompt` shows none of them, and what it shows is
// what the loopback provider receives.
import { afterEach, describe, expect, it } from 'vitest';
import { commitResponder } from '../support/commit-responder.js';
import { startProviderServer, type ProviderServer } from '../support/provider-server.js';
import { ALNUM, BASE64, createRandom, URLSAFE } from '../support/secret-corpus.js';
import { promptThenCommit } from '../support/prompt-probe.js';
import { createTempRepo, type TempRepo } from '../support/temp-repo.js';

const { mixed, hex } = createRandom(20261205);
const b64 = (text: string): string => Buffer.from(text).toString('base64');
const ghp = `ghp_${mixed(ALNUM, 36)}`;
const password = `${mixed(ALNUM, 10)}7q${mixed(ALNUM, 8)}`;
const key = `MIIEowIBAAKCAQEA${mixed(BASE64, 76 * 12)}`;
const keyLines = Array.from({ length: 12 }, (_, k) => key.slice(k * 76, (k + 1) * 76));
const editedLine = mixed(BASE64, 76);
const pem64 = Array.from({ length: 4 }, () => mixed(BASE64, 64));
const jwtPayload = b64(`{"sub":"${hex(12)}","iat":1733200000}`).replace(/=+$/, '');

/** Each secret as the pieces that must not be sent. */
const secrets: Record<string, string[]> = {
  yamlFolded: [password.slice(0, 10), password.slice(10)],
  yamlQuoted: [ghp.slice(0, 20), ghp.slice(20)],
  joined: [ghp.slice(4, 20), ghp.slice(20)],
  template: [ghp.slice(4)],
  concat: [ghp.slice(0, 14), ghp.slice(14)],
  keyBody: [...keyLines.slice(4, 8), editedLine],
  escapedBody: pem64,
  userinfo: [password],
  basic: [b64(`ci:${password}`)],
  dockerAuth: [b64(`deploy:${password}`)],
  jwt: [mixed(URLSAFE, 43)],
  npmToken: [`${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`],
};

const FILES: Record<string, string> = {
  'deploy/values.yaml': [
    'db:',
    '  host: db.internal',
    '  password: >-',
    `    ${secrets.yamlFolded![0]}`,
    `    ${secrets.yamlFolded![1]}`,
    'github:',
    `  token: "${secrets.yamlQuoted![0]}\\`,
    `    ${secrets.yamlQuoted![1]}"`,
    '  org: example',
  ].join('\n'),
  'src/tokens.ts': [
    `export const a = ["ghp_", "${secrets.joined![0]}", "${secrets.joined![1]}"].join("");`,
    `export const b = \`\${'ghp_'}\${'${secrets.template![0]}'}\`;`,
    `export const c = "${secrets.concat![0]}".concat("${secrets.concat![1]}");`,
  ].join('\n'),
  'config/service.json': JSON.stringify({ signing: `${pem64.join('\n')}\n` }, null, 2),
  'ci/publish.sh': [
    '#!/bin/sh',
    `git push https://release:${secrets.userinfo![0]}@git.example.com/org/app.git`,
    `curl -H "Authorization: Basic ${secrets.basic![0]}" https://registry.example.com/v2/`,
    `echo "//registry.npmjs.org/:_authToken=${secrets.npmToken![0]}" >> "$HOME/.npmrc"`,
  ].join('\n'),
  'deploy/docker-config.json': JSON.stringify(
    { auths: { 'registry.example.com': { auth: secrets.dockerAuth![0] } } },
    null,
    2,
  ),
  'test/fixtures/session.txt': `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.${jwtPayload}.${secrets.jwt![0]}`,
};

let repo: TempRepo;
let server: ProviderServer | undefined;
afterEach(async () => {
  repo?.cleanup();
  await server?.close();
  server = undefined;
});

describe('probe round 4 through the CLI', () => {
  it('sends none of its secrets and sends what prompt shows', async () => {
    repo = createTempRepo();
    // The key file is committed whole first, then four lines of its body are edited in place: the hunk holds no BEGIN.
    const keyFile = (lines: string[]) =>
      ['-----BEGIN RSA PRIVATE KEY-----', ...lines, '-----END RSA PRIVATE KEY-----'].join('\n');
    const before = [...keyLines];
    before[6] = mixed(BASE64, 76);
    repo.write('certs/signing.b64', `${keyFile(before)}\n`);
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'chore: initial import');
    const after = [...keyLines];
    after[6] = editedLine;
    repo.write('certs/signing.b64', `${keyFile(after)}\n`);
    for (const [path, text] of Object.entries(FILES)) repo.write(path, `${text}\n`);
    repo.git('add', '-A');
    server = await startProviderServer({ apiKey: 'test-key', respond: commitResponder() });
    const { shown, report, sent } = await promptThenCommit(repo, server);
    expect(report.files.filter((file) => file.omitted !== undefined)).toEqual([]);
    const leaked = (text: string) =>
      Object.entries(secrets)
        .filter(([, pieces]) => pieces.some((piece) => text.includes(piece)))
        .map(([name]) => name);
    expect(leaked(shown)).toEqual([]);
    expect(shown).toContain('db.internal'); // the rest of each file is sent
    expect(shown).toContain('registry.example.com');
    expect(leaked(sent)).toEqual([]);
  });
});
