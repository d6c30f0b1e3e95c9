// NODE_EXTRA_CA_CERTS when the hook started Node without it (src/git/hook-script.ts): Node 20 parses the named bundle
// at start-up, ~90 ms for Debian's, before any of git-ai's code, and most hook runs make no connection at all. The
// hook hands the value over as GIT_AI_NODE_EXTRA_CA_CERTS; the CLI's first act (src/cli/entry.ts) puts the variable
// back for every process it starts, and git-ai's own connections to a provider (transport.ts) trust those
// certificates as Node would have: appended to the default roots (whatever --use-openssl-ca or --use-system-ca made
// them), read as Node reads the file (its certificate blocks in order, up to the first that fails, other blocks
// skipped), with Node's warning as one `git-ai:` line when the file cannot be read, and the run going on.
import { readFileSync } from 'node:fs';
import type { SecureContext } from 'node:tls';
import { sanitizeLine } from '../security/sanitize.js';

/** What the hook script sets instead of NODE_EXTRA_CA_CERTS. */
export const EXTRA_CA_HANDOFF = 'GIT_AI_NODE_EXTRA_CA_CERTS';

/** The file NODE_EXTRA_CA_CERTS names that this process's Node did not load (it was handed over), if any. */
let unloaded: string | undefined;

/**
 * Puts NODE_EXTRA_CA_CERTS back from the hand-off in `env`; returns the file it names when Node was started without
 * it (so did not load it), else undefined.
 */
export function restoreExtraCaVariable(env: NodeJS.ProcessEnv): string | undefined {
  const file = env[EXTRA_CA_HANDOFF];
  if (file === undefined) return undefined;
  delete env[EXTRA_CA_HANDOFF];
  if (env.NODE_EXTRA_CA_CERTS !== undefined) return undefined; // Node was started with the variable and loaded it
  env.NODE_EXTRA_CA_CERTS = file;
  return file === '' ? undefined : file;
}

/** The process's first act: the variable back for every process it starts, and the file noted for its connections. */
export function takeExtraCaHandoff(env: NodeJS.ProcessEnv = process.env): void {
  unloaded = restoreExtraCaVariable(env);
}

/** Why Node would stop reading the file here: a block it cannot decode, or a certificate cut short. */
class UnreadableBlock extends Error {}

const CERTIFICATE_NAMES = new Set(['CERTIFICATE', 'X509 CERTIFICATE']);
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** A DER element's whole length from its header, or undefined when the bytes cannot hold it. */
function derLength(der: Buffer): number | undefined {
  if (der.length < 2 || der[0] !== 0x30) return undefined;
  const first = der[1]!;
  if (first < 0x80) return 2 + first;
  const count = first & 0x7f;
  if (count === 0 || count > 4 || der.length < 2 + count) return undefined;
  let length = 0;
  for (let index = 0; index < count; index += 1) length = length * 256 + der[2 + index]!;
  return 2 + count + length;
}

/**
 * The certificates of a PEM file, as OpenSSL's PEM_read_bio_X509 loop that Node runs over NODE_EXTRA_CA_CERTS reads
 * them: text outside blocks and blocks of other names skipped, every block decoded, reading stopped at the first
 * that fails (the certificates before it kept, `failure` saying why).
 */
export function readPemCertificates(text: string): { certificates: Buffer[]; failure?: string } {
  const lines = text.split('\n').map((line) => line.trimEnd());
  const certificates: Buffer[] = [];
  try {
    for (let index = 0; index < lines.length; index += 1) {
      const begin = /^-----BEGIN (.+)-----$/.exec(lines[index]!);
      if (begin === null) continue;
      const name = begin[1]!;
      let end = index + 1;
      while (end < lines.length && !lines[end]!.startsWith('-----')) end += 1;
      if (lines[end] !== `-----END ${name}-----`) throw new UnreadableBlock('bad end line');
      const body = lines.slice(index + 1, end);
      index = end;
      if (body.some((line) => line.includes(':'))) throw new UnreadableBlock('a block with headers');
      const base64 = body.join('').replace(/[ \t]/g, '');
      if (!BASE64.test(base64) || base64.length % 4 !== 0) throw new UnreadableBlock('bad base64 decode');
      if (!CERTIFICATE_NAMES.has(name)) continue;
      const der = Buffer.from(base64, 'base64');
      const length = derLength(der);
      if (length === undefined || length > der.length) throw new UnreadableBlock('a certificate cut short');
      certificates.push(der.subarray(0, length));
    }
    return { certificates };
  } catch (error) {
    if (error instanceof UnreadableBlock) return { certificates, failure: error.message };
    throw error;
  }
}

const toPem = (der: Buffer): string =>
  `-----BEGIN CERTIFICATE-----\n${der
    .toString('base64')
    .match(/.{1,64}/g)!
    .join('\n')}\n-----END CERTIFICATE-----\n`;

/** The file's certificates as one PEM text; Node's warning, as one `git-ai:` line, when it cannot be read. */
function loadFile(file: string, warn: (line: string) => void): string {
  const problem = (reason: string) =>
    warn(`git-ai: ignoring extra certs from \`${sanitizeLine(file)}\` (NODE_EXTRA_CA_CERTS), load failed: ${reason}`);
  let text: string;
  try {
    text = readFileSync(file, 'latin1');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // A directory opens and reads as no certificates in OpenSSL: Node says nothing of it either.
    if (code !== 'EISDIR') problem(sanitizeLine((error as Error).message.split(', ')[0] ?? String(code)));
    return '';
  }
  const { certificates, failure } = readPemCertificates(text);
  if (failure !== undefined) problem(failure);
  return certificates.map(toPem).join('');
}

/**
 * Node's default context with the file's certificates appended: the first one added gives the context a store of
 * its own, made as Node makes its default one (the bundled roots, or OpenSSL's and the system's as the flags say),
 * and the file's go into it.
 */
export function extraCaTrust(file: string, warn: (line: string) => void): { secureContext: SecureContext } {
  const tls = process.getBuiltinModule('node:tls');
  const pem = loadFile(file, warn);
  const secureContext = tls.createSecureContext();
  if (pem !== '') (secureContext.context as { addCACert(pem: string): void }).addCACert(pem);
  return { secureContext };
}

let trust: { secureContext?: SecureContext } | undefined;

/**
 * What a TLS connection to a provider adds to its options (tls.connect, https.Agent): nothing when Node loaded
 * NODE_EXTRA_CA_CERTS itself or none is set; else extraCaTrust's context, made once per process (the file read then,
 * as Node 24 reads it at the first connection).
 */
export function extraCaOptions(): { secureContext?: SecureContext } {
  if (trust !== undefined) return trust;
  const file = unloaded;
  trust = file === undefined || file === '' ? {} : extraCaTrust(file, (line) => process.stderr.write(`${line}\n`));
  return trust;
}
