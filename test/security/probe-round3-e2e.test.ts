// The third probe through the built CLI: its formats and syntaxes staged as the files they turn up in (a notebook, a
// Kubernetes manifest, an ECS task definition, a runbook table, a CI script, a key store), in a file name and in
// history subjects; `git ai prompt` shows none of them, and what it shows is what the loopback provider receives.
import { afterEach, describe, expect, it } from 'vitest';
import { commitResponder } from '../support/commit-responder.js';
import { startProviderServer, type ProviderServer } from '../support/provider-server.js';
import { ALNUM, BASE64, createRandom, URLSAFE } from '../support/secret-corpus.js';
import { promptThenCommit } from '../support/prompt-probe.js';
import { createTempRepo, type TempRepo } from '../support/temp-repo.js';

const { mixed, hex } = createRandom(20261203);
const secrets = {
  groqInName: `gsk_${mixed(ALNUM, 52)}`,
  xaiInSubject: `xai-${mixed(ALNUM, 80)}`,
  encodedInSubject: `glpat-${mixed(URLSAFE, 20)}`,
  notebook: `sk-or-v1-${hex(64)}`,
  notebookPassword: mixed(ALNUM, 24),
  k8s: `${mixed(ALNUM, 10)}!${mixed(ALNUM, 8)}`,
  ecs: mixed(ALNUM, 32),
  table: `tskey-auth-k${mixed(ALNUM, 16)}-${mixed(ALNUM, 33)}`,
  ghSecret: mixed(ALNUM, 30),
  dockerLogin: `${mixed(ALNUM, 8)}&${mixed(ALNUM, 8)}`,
  keystore: `/u3+7QAAAAIAAAABAAAA${mixed(BASE64, 200)}`,
  signedUrl: hex(64),
};

const FILES: Record<string, string> = {
  'notebooks/explore.ipynb': JSON.stringify(
    {
      cells: [
        {
          cell_type: 'code',
          source: [
            'import os\n',
            `os.environ["OPENROUTER_API_KEY"] = "${secrets.notebook}"\n`,
            `db = connect(password="${secrets.notebookPassword}")\n`,
          ],
        },
      ],
    },
    null,
    1,
  ),
  'deploy/app.yaml': [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: app',
    '          env:',
    '            - name: DB_PASSWORD',
    `              value: "${secrets.k8s}"`,
    '            - name: LOG_LEVEL',
    '              value: info',
  ].join('\n'),
  'deploy/task.json': JSON.stringify(
    { containerDefinitions: [{ environment: [{ name: 'API_TOKEN', value: secrets.ecs }] }] },
    null,
    2,
  ),
  'docs/runbook.md': ['| Variable | Value |', '| --- | --- |', `| TS_AUTHKEY | \`${secrets.table}\` |`].join('\n'),
  'ci/release.sh': [
    '#!/bin/sh',
    `gh secret set API_TOKEN --body "${secrets.ghSecret}"`,
    `docker login -u ci -p ${secrets.dockerLogin} registry.example.com`,
    `curl "https://b.s3.amazonaws.com/f?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=${secrets.signedUrl}"`,
  ].join('\n'),
  'android/signing.properties': `storeBase64=${secrets.keystore}`,
  [`keys/${secrets.groqInName}.txt`]: 'rotated\n',
};

let repo: TempRepo;
let server: ProviderServer | undefined;
afterEach(async () => {
  repo?.cleanup();
  await server?.close();
  server = undefined;
});

describe('probe round 3 through the CLI', () => {
  it('sends none of its secrets, from files, a file name or subjects, and sends what prompt shows', async () => {
    repo = createTempRepo();
    repo.write('README.md', '# app\n');
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'chore: initial import');
    repo.git('commit', '-q', '--allow-empty', '-m', `chore: rotate ${secrets.xaiInSubject}`);
    const encoded = `fix: callback ?next=%2Fapi%3Ftoken%3D${secrets.encodedInSubject}`;
    repo.git('commit', '-q', '--allow-empty', '-m', encoded);
    for (const [path, text] of Object.entries(FILES)) repo.write(path, `${text}\n`);
    repo.git('add', '-A');
    server = await startProviderServer({ apiKey: 'test-key', respond: commitResponder() });
    const { shown, report, sent } = await promptThenCommit(repo, server);
    expect(report.files.filter((file) => file.omitted !== undefined)).toEqual([]);
    const leaked = (text: string) =>
      Object.entries(secrets)
        .filter(([, value]) => text.includes(value))
        .map(([name]) => name);
    expect(leaked(shown)).toEqual([]);
    expect(shown).toContain('LOG_LEVEL'); // the rest of the manifest is sent
    expect(report.redactions.length).toBeGreaterThanOrEqual(Object.keys(secrets).length);
    expect(leaked(sent)).toEqual([]);
  });
});
