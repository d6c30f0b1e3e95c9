import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../src/security/redact.js';

// A fake key body: PEM-shaped base64, generated so no scanner mistakes this file for a leak.
function pemBody(lines: number, seed: number): string[] {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let state = seed;
  const out: string[] = [];
  for (let l = 0; l < lines; l++) {
    let line = '';
    for (let i = 0; i < 64; i++) {
      state = (state * 1103515245 + 12345) % 2147483648;
      line += alphabet[Math.floor((state / 2147483648) * 64)];
    }
    out.push(line);
  }
  return out;
}
const BEGIN = (label: string): string => `-----BEGIN ${label}PRIVATE KEY-----`;
const END = (label: string): string => `-----END ${label}PRIVATE KEY-----`;

describe('redactSecrets on private keys', () => {
  it.each(['RSA ', 'EC ', 'OPENSSH ', 'ENCRYPTED ', ''])(
    'redacts every line of an added %sPRIVATE KEY block in a diff',
    (label) => {
      const body = pemBody(5, label.length + 1);
      const text = [
        'diff --git a/deploy/id b/deploy/id',
        '@@ -0,0 +1,8 @@',
        '+# deploy key',
        `+${BEGIN(label)}`,
        ...body.map((line) => `+${line}`),
        `+${END(label)}`,
        '+# end',
      ].join('\n');
      const result = redactSecrets(text);
      expect(result.findings).toEqual([{ kind: 'private-key', line: 4 }]);
      expect(result.text.split('\n')).toEqual([
        'diff --git a/deploy/id b/deploy/id',
        '@@ -0,0 +1,8 @@',
        '+# deploy key',
        ...Array.from({ length: 7 }, () => '+[REDACTED:private-key]'),
        '+# end',
      ]);
    },
  );

  it('redacts a removed key and an added key as two blocks, keeping each line prefix', () => {
    const [oldBody, newBody] = [pemBody(2, 3), pemBody(2, 4)];
    const text = [
      `-${BEGIN('RSA ')}`,
      ...oldBody.map((line) => `-${line}`),
      `-${END('RSA ')}`,
      `+${BEGIN('RSA ')}`,
      ...newBody.map((line) => `+${line}`),
      `+${END('RSA ')}`,
    ].join('\n');
    const result = redactSecrets(text);
    expect(result.findings).toEqual([
      { kind: 'private-key', line: 1 },
      { kind: 'private-key', line: 5 },
    ]);
    expect(result.text).toBe(
      [...Array(4).fill('-[REDACTED:private-key]'), ...Array(4).fill('+[REDACTED:private-key]')].join('\n'),
    );
  });

  it('follows a key in a YAML block scalar across a hunk boundary, keeping the hunk header', () => {
    const body = pemBody(3, 5);
    const text = [
      ' tls:',
      '+  key: |',
      `+    ${BEGIN('EC ')}`,
      `+    ${body[0]}`,
      `+    ${body[1]}`,
      '@@ -10,3 +12,3 @@',
      `+    ${body[2]}`,
      `+    ${END('EC ')}`,
      '   cert: tls.crt',
    ].join('\n');
    const result = redactSecrets(text);
    expect(result.findings).toEqual([{ kind: 'private-key', line: 3 }]);
    const lines = result.text.split('\n');
    expect(lines[1]).toBe('+  key: |');
    expect(lines[2]).toBe('+    [REDACTED:private-key]');
    expect(lines[5]).toBe('@@ -10,3 +12,3 @@');
    expect(lines[8]).toBe('   cert: tls.crt');
    for (const line of body) expect(result.text).not.toContain(line);
  });

  it('redacts a PGP private key block with its armor header, blank line and checksum', () => {
    const text = [
      '+-----BEGIN PGP PRIVATE KEY BLOCK-----',
      '+Version: GnuPG v2',
      '+',
      ...pemBody(2, 8).map((line) => `+${line}`),
      '+=tQ3v',
      '+-----END PGP PRIVATE KEY BLOCK-----',
      '+next',
    ].join('\n');
    const result = redactSecrets(text);
    expect(result.findings).toEqual([{ kind: 'private-key', line: 1 }]);
    expect(result.text).toBe([...Array(7).fill('+[REDACTED:private-key]'), '+next'].join('\n'));
  });

  it('redacts a key held on one line with escaped newlines (a service-account JSON)', () => {
    const body = pemBody(3, 6).join('\\n');
    const line = `+  "private_key": "${BEGIN('')}\\n${body}\\n${END('')}\\n",`;
    expect(redactSecrets(line)).toEqual({
      text: '+  "private_key": "[REDACTED:private-key]\\n",',
      findings: [{ kind: 'private-key', line: 1 }],
    });
  });

  it('redacts a key with no END line through the end of its body', () => {
    const body = pemBody(3, 7);
    const text = [`+${BEGIN('RSA ')}`, ...body.map((line) => `+${line}`)].join('\n');
    const result = redactSecrets(text);
    expect(result.text).toBe(Array(4).fill('+[REDACTED:private-key]').join('\n'));
    expect(result.findings).toEqual([{ kind: 'private-key', line: 1 }]);
  });

  it('leaves code that only mentions the BEGIN marker alone', () => {
    const text = [
      `+const PEM_HEADER = '${BEGIN('RSA ')}';`,
      '+',
      '+export function isPem(text: string): boolean {',
      '+  return text.startsWith(PEM_HEADER);',
      '+}',
    ].join('\n');
    expect(redactSecrets(text)).toEqual({ text, findings: [] });
  });
});
