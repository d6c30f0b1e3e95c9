import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../src/security/redact.js';

// Ordinary code full of secret-adjacent words (token, password, auth, key) but holding no secret.

const TYPESCRIPT = `diff --git a/src/auth/session.ts b/src/auth/session.ts
@@ -1,40 +1,52 @@ import { createHash } from 'node:crypto';
 import type { Request, Response } from 'express';
+import { verifyPassword } from './password.js';
+
+const TOKEN_TTL_SECONDS = 3600;
+const AUTH_HEADER = 'Authorization';
+export const passwordMinLength = 12;
+
+interface Credentials {
+  username: string;
+  password: string;
+  apiKey?: string;
+}
+
+export async function login(req: Request, res: Response): Promise<void> {
+  const { username, password } = req.body as Credentials;
+  const token = await issueToken(username, { ttl: TOKEN_TTL_SECONDS });
+  const apiKey = req.get('x-api-key') ?? '';
+  const secret = process.env.SESSION_SECRET;
+  if (!(await verifyPassword(username, password))) {
+    res.status(401).json({ error: 'Invalid password or token', hint: 'Check your credentials' });
+    return;
+  }
+  const authHeader = req.headers.authorization ?? \`Bearer \${token}\`;
+  res.cookie('session', token, { httpOnly: true, secure: true, sameSite: 'strict' });
+  res.json({ token, expiresIn: TOKEN_TTL_SECONDS, authHeader, keyId: apiKey.slice(0, 4) });
+  void secret;
+}
+
+export function hashToken(token: string): string {
+  return createHash('sha256').update(token).digest('hex');
+}
-const tokenCache = new Map<string, string>();
+const tokenCache = new LRUCache<string, string>({ max: 500 });
 export const passwordResetUrl = '/account/password/reset';
+export const tokenEndpoint = 'https://oauth2.googleapis.com/token';
+const keys = Object.keys(tokenCache); const monkey = 'banana';
`;

const PYTHON = `diff --git a/app/settings.py b/app/settings.py
@@ -10,12 +10,20 @@ from pathlib import Path
 BASE_DIR = Path(__file__).resolve().parent.parent
+SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
+DATABASE_PASSWORD = os.getenv("DATABASE_PASSWORD", "")
+AUTH_PASSWORD_VALIDATORS = [
+    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
+]
+AUTH_USER_MODEL = "accounts.User"
+PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
+TOKEN_EXPIRY_MINUTES = 15
+
+def check_password(user, password: str) -> bool:
+    token = generate_token(user)
+    api_key = settings.API_KEY
+    secret = get_secret("db")
+    return user.password == hash_password(password) and token is not None
+
+class TokenSerializer(serializers.Serializer):
+    token = serializers.CharField(max_length=64)
+    password = serializers.CharField(write_only=True)
`;

const YAML = `diff --git a/.github/workflows/release.yml b/.github/workflows/release.yml
@@ -1,10 +1,28 @@
 name: release
+permissions:
+  id-token: write
+  contents: read
+jobs:
+  publish:
+    runs-on: ubuntu-latest
+    steps:
+      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683
+      - uses: actions/setup-node@v4
+        with:
+          registry-url: https://registry.npmjs.org
+      - run: npm publish --provenance
+        env:
+          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
+          GITHUB_TOKEN: \${{ secrets.GITHUB_TOKEN }}
+---
+apiVersion: v1
+kind: Pod
+spec:
+  containers:
+    - name: api
+      env:
+        - name: DB_PASSWORD
+          valueFrom:
+            secretKeyRef:
+              name: db-credentials
+              key: password
+  volumes:
+    - name: tls
+      secret:
+        secretName: api-tls
`;

const LOCKFILE = `diff --git a/package-lock.json b/package-lock.json
@@ -120,6 +120,12 @@
+    "node_modules/zod": {
+      "version": "4.1.12",
+      "resolved": "https://registry.npmjs.org/zod/-/zod-4.1.12.tgz",
+      "integrity": "sha512-JInaHOamG8pt5+Ey8kGmdcAcg3OL9reK8ltczgHTAwNhMys/6ThXHityHxVV2p3fkw/c+MAvBHFVYHFZDmjMCQ==",
+      "license": "MIT"
+    },
+    "node_modules/ignore": {
+      "integrity": "sha1-8VCotQo0KJsz4i9YiavU2AFvDlc=",
+      "resolved": "https://registry.npmjs.org/ignore/-/ignore-7.0.5.tgz"
+    }
`;

const IDENTIFIERS = `diff --git a/data/fixtures.json b/data/fixtures.json
@@ -1,6 +1,12 @@
+  "commit": "3f786850e387550fdab836ed7e6dc881de23001b",
+  "parent": "e83c5163316f89bfbde7d9ab23ca2e25604af290",
+  "tree_sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
+  "id": "123e4567-e89b-12d3-a456-426614174000",
+  "request_id": "f47ac10b-58cc-4372-a567-0e02b2c3d479",
+  "etag": "W/\\"5e15153d-120f\\"",
+  "image": "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
+  "ssh_fingerprint": "SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8",
+  "git_url": "git@github.com:acme/api.git",
+  "homepage": "https://user@example.com/docs",
+  "task-runner": "desk-lamp-controller-service",
`;

describe('redactSecrets on ordinary code', () => {
  it.each([
    ['TypeScript', TYPESCRIPT],
    ['Python', PYTHON],
    ['YAML (workflow and Kubernetes)', YAML],
    ['package-lock.json integrity hashes', LOCKFILE],
    ['git SHAs, UUIDs, base64 images and fingerprints', IDENTIFIERS],
  ])('finds nothing in %s', (_name, text) => {
    expect(redactSecrets(text)).toEqual({ text, findings: [] });
  });

  it('still finds the one real secret slipped into ordinary code', () => {
    const token = ['ghp', 'x7Kq2Lm9Pz4Rt8Vw1Yb6Nc3Hd5Jf0Gs2Ae4U'].join('_');
    const text = TYPESCRIPT.replace("const AUTH_HEADER = 'Authorization';", `const AUTH_HEADER = 'token ${token}';`);
    const result = redactSecrets(text);
    expect(result.findings).toEqual([{ kind: 'github-token', line: 7 }]);
    expect(result.text).not.toContain(token);
  });
});
