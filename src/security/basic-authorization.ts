// `Authorization: Basic <base64 of user:password>` however short the pair (the header rule wants 8 characters, and
// `ci:x9` is 8 in base64 only with its padding), and a header written in a template literal (`Basic …` after a
// backtick), which the header rule's quotes leave out.
import type { SecretRule, SecretSpan } from './rule.js';
import { isPlaceholderValue } from './secret-names.js';

const HEADER =
  /\b(?:proxy-)?authorization["']?\]?\s*[:=,]\s*(?<quote>["'`]?)(?<scheme>basic|bearer|token)\s+(?<secret>[A-Za-z0-9._~+/-]{2,4096}={0,2})(?![A-Za-z0-9._~+/=-])/dgi;

/** Base64 that decodes to `user:password`, printable: what a Basic header carries. */
function isBasicPair(value: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return false;
  const decoded = Buffer.from(value, 'base64').toString('latin1');
  const colon = decoded.indexOf(':');
  return colon >= 1 && colon < decoded.length - 1 && /^[\x20-\x7e]+$/.test(decoded);
}

function findHeaderCredentials(line: string): SecretSpan[] {
  const spans: SecretSpan[] = [];
  for (const match of line.matchAll(HEADER)) {
    const range = match.indices?.groups?.['secret'];
    const { quote = '', scheme = '', secret = '' } = match.groups ?? {};
    if (range === undefined || isPlaceholderValue(secret)) continue;
    const held = /^basic$/i.test(scheme) ? isBasicPair(secret) : quote === '`' && secret.length >= 8;
    if (held) spans.push({ start: range[0], end: range[1] });
  }
  return spans;
}

export const BASIC_AUTHORIZATION_RULE: SecretRule = {
  kind: 'authorization-credentials',
  hint: 'authorization',
  find: findHeaderCredentials,
};
