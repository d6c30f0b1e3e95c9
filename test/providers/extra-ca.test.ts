// The certificates NODE_EXTRA_CA_CERTS names, read by git-ai when the hook started Node without the variable: the same
// servers trusted as when Node reads the file itself, with a warning where Node warns. Each file is tried both ways
// against two real TLS servers on 127.0.0.1 with self-signed certificates (a, b).
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, rootCertificates } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EXTRA_CA_HANDOFF,
  extraCaTrust,
  readPemCertificates,
  restoreExtraCaVariable,
} from '../../src/providers/extra-ca.js';
import { makeSelfSignedCertificate, startTlsServer, type TlsServer } from '../support/tls-server.js';

let dir: string;
let servers: TlsServer[] = [];
let pem: { a: string; b: string };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'git-ai-extra-ca-'));
  const a = makeSelfSignedCertificate(dir, 'a');
  const b = makeSelfSignedCertificate(dir, 'b');
  pem = { a: readFileSync(a.certFile, 'utf8'), b: readFileSync(b.certFile, 'utf8') };
  servers = [await startTlsServer({ certificate: a }), await startTlsServer({ certificate: b })];
});
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  rmSync(dir, { recursive: true, force: true });
});

const derOf = (text: string): Buffer => Buffer.from(text.replace(/-----[^-]+-----|\s/g, ''), 'base64');

/** Each fixture file's text (undefined: a path that does not exist; a directory: 'dir'), and who is trusted. */
const FIXTURES: [string, () => string | Buffer | undefined | 'dir', [boolean, boolean], boolean][] = [
  ['one certificate', () => pem.a, [true, false], false],
  ["Node's whole bundled store, then a", () => `${rootCertificates.join('\n')}\n${pem.a}`, [true, false], false],
  [
    'text around and between a and b',
    () => `# corporate roots\n${pem.a}\nnext:\n${pem.b}trailing`,
    [true, true],
    false,
  ],
  ['CRLF line ends', () => `${pem.a}${pem.b}`.replaceAll('\n', '\r\n'), [true, true], false],
  [
    'a, a block that is not base64, b',
    () => `${pem.a}-----BEGIN CERTIFICATE-----\nno*t\n-----END CERTIFICATE-----\n${pem.b}`,
    [true, false],
    true,
  ],
  [
    'b as a TRUSTED CERTIFICATE block, then a',
    () => `${pem.b.replaceAll('CERTIFICATE', 'TRUSTED CERTIFICATE')}${pem.a}`,
    [true, false],
    false,
  ],
  [
    'a private key block, then a',
    () => `-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n${pem.a}`,
    [true, false],
    false,
  ],
  ['a, then a block with no end', () => `${pem.a}-----BEGIN CERTIFICATE-----\nAAAA\n`, [true, false], true],
  ['a as DER, not PEM', () => derOf(pem.a), [false, false], false],
  ['a file that does not exist', () => undefined, [false, false], true],
  ['a directory', () => 'dir', [false, false], false],
];

function fixtureFile(name: string, content: string | Buffer | undefined | 'dir'): string {
  const file = join(dir, name.replace(/\W+/g, '-'));
  if (content === 'dir') mkdirSync(file, { recursive: true });
  else if (content !== undefined) writeFileSync(file, content);
  return file;
}

const PROBE = `const tls = require('node:tls');
const reach = (port) => new Promise((done) => {
  const socket = tls.connect({ host: '127.0.0.1', port: Number(port) }, () => { done(true); socket.destroy(); });
  socket.on('error', () => done(false));
});
Promise.all(process.argv.slice(1).map(reach)).then((reached) => console.log(JSON.stringify(reached)));`;

/** Which servers a Node started with NODE_EXTRA_CA_CERTS=file reaches, and whether Node warned (this process serves). */
async function nodeReading(file: string): Promise<{ reached: boolean[]; warned: boolean }> {
  const ports = servers.map((server) => String(server.port));
  const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) =>
    execFile(
      process.execPath,
      ['-e', PROBE, ...ports],
      { env: { ...process.env, NODE_EXTRA_CA_CERTS: file }, encoding: 'utf8' },
      (error, out, err) => (error ? reject(error) : resolve({ stdout: out, stderr: err })),
    ),
  );
  return { reached: JSON.parse(stdout) as boolean[], warned: /Warning: Ignoring extra certs from/.test(stderr) };
}

/** Which servers git-ai's context for the file reaches, and the `git-ai:` lines it printed. */
async function gitAiReading(file: string): Promise<{ reached: boolean[]; warnings: string[] }> {
  const warnings: string[] = [];
  const trust = extraCaTrust(file, (line) => warnings.push(line));
  const reached = await Promise.all(
    servers.map(
      (server) =>
        new Promise<boolean>((done) => {
          const socket = connect({ host: '127.0.0.1', port: server.port, ...trust }, () => {
            done(true);
            socket.destroy();
          });
          socket.on('error', () => done(false));
        }),
    ),
  );
  return { reached, warnings };
}

describe('extraCaTrust reads NODE_EXTRA_CA_CERTS as Node does', () => {
  it.each(FIXTURES)('%s', async (name, content, trusted, warns) => {
    const file = fixtureFile(name, content());
    const node = await nodeReading(file);
    expect(node).toEqual({ reached: trusted, warned: warns });
    const ours = await gitAiReading(file);
    expect(ours.reached).toEqual(node.reached);
    expect(ours.warnings).toHaveLength(warns ? 1 : 0);
    for (const line of ours.warnings)
      expect(line).toMatch(
        new RegExp(`^git-ai: ignoring extra certs from \`${file}\` \\(NODE_EXTRA_CA_CERTS\\), load failed: \\S`),
      );
  });
});

describe('readPemCertificates', () => {
  it('reads every certificate of a long bundle, in order', () => {
    const { certificates, failure } = readPemCertificates(rootCertificates.join('\n'));
    expect(failure).toBeUndefined();
    expect(certificates.map((der) => der.toString('base64'))).toEqual(
      rootCertificates.map((text) => derOf(text).toString('base64')),
    );
  });

  it('keeps what it read before a certificate cut short, and says so', () => {
    const cut = derOf(pem.b).subarray(0, 40).toString('base64');
    const { certificates, failure } = readPemCertificates(
      `${pem.a}-----BEGIN CERTIFICATE-----\n${cut}\n-----END CERTIFICATE-----\n`,
    );
    expect(certificates).toHaveLength(1);
    expect(failure).toBe('a certificate cut short');
  });
});

describe('restoreExtraCaVariable', () => {
  it('puts NODE_EXTRA_CA_CERTS back from the hand-off and names the file Node did not load', () => {
    const env: NodeJS.ProcessEnv = { [EXTRA_CA_HANDOFF]: '/etc/corp.pem', PATH: '/bin' };
    expect(restoreExtraCaVariable(env)).toBe('/etc/corp.pem');
    expect(env).toEqual({ NODE_EXTRA_CA_CERTS: '/etc/corp.pem', PATH: '/bin' });
  });

  it('leaves a variable Node was started with as it is (Node loaded that one), dropping the hand-off', () => {
    const env: NodeJS.ProcessEnv = { [EXTRA_CA_HANDOFF]: '/other.pem', NODE_EXTRA_CA_CERTS: '/etc/corp.pem' };
    expect(restoreExtraCaVariable(env)).toBeUndefined();
    expect(env).toEqual({ NODE_EXTRA_CA_CERTS: '/etc/corp.pem' });
  });

  it('does nothing without a hand-off', () => {
    const env: NodeJS.ProcessEnv = { PATH: '/bin' };
    expect(restoreExtraCaVariable(env)).toBeUndefined();
    expect(env).toEqual({ PATH: '/bin' });
  });
});
