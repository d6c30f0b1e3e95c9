// A flag's `name=value` or `name:value` argument is a secret's value when the name says so (`--set db.password=…`),
// but not when the value is a path: `-v $PWD:/go/src/…` (docker's volume, from goreleaser's docs in the corpus) and
// `-e DB_PASSWORD=/run/secrets/db` say where a file is.
import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../src/security/redact.js';

describe('a path given to a flag', () => {
  it.each([
    '+  -v $PWD:/go/src/gitlab.com/YourGitLabUser/YourGitLabRepo \\',
    '+docker run -v $PWD:/go/src/github.com/user/repo goreleaser/goreleaser release',
    '+  -v $GOOGLE_APPLICATION_CREDENTIALS:/tmp/keys/creds.json:ro \\',
    '+docker run -e DB_PASSWORD=/run/secrets/db_password postgres',
    '+helm install app ./chart --set auth.existingSecretPath=./secrets/app.yaml',
  ])('is kept: %s', (line) => {
    expect(redactSecrets(line)).toEqual({ text: line, findings: [] });
  });

  it.each([
    ['+helm install app ./chart --set db.password=Tr0ub4dorX3kq', 'Tr0ub4dorX3kq'],
    ['+kubectl create secret generic app --from-literal=password=S3cr3t/Passw0rd', 'S3cr3t/Passw0rd'],
  ])("a flag's secret value still goes: %s", (line, secret) => {
    const { text, findings } = redactSecrets(line);
    expect(text).not.toContain(secret);
    expect(findings).toHaveLength(1);
  });
});
