// Secrets held in base64: `GH_B64=Z2hwX…` (a token encoded for a CI variable), a Helm value's `.dockerconfigjson:
// eyJhdXRocyI6…` outside a Kubernetes Secret, `echo <base64> | base64 -d`. A run that starts as the encoding of a
// token's prefix or of a Docker config is decoded and scanned as text; the whole run is redacted when it holds one.
import type { SecretSpan } from './rule.js';

/** Each prefix as base64 at a run's start, to the last character its bytes alone decide. */
const ENCODED_PREFIXES = [
  'eyJhdXRocyI6', // {"auths":
  'ewogICJhdXRocyI6', // {\n  "auths":
  'ewogICAgImF1dGhzIj', // {\n    "auths":
  'ewoJImF1dGhzIj', // {\n\t"auths":
  'eyAiYXV0aHMiO', // { "auths":
  'Z2hwX', // ghp_
  'Z2hvX', // gho_
  'Z2hzX', // ghs_
  'Z2h1X', // ghu_
  'Z2hyX', // ghr_
  'Z2l0aHViX3BhdF', // github_pat_
  'Z2xwYXQt', // glpat-
  'c2stcHJvai', // sk-proj-
  'c2stc3ZjYWNjdC', // sk-svcacct-
  'c2stYW50L', // sk-ant-
  'c2tfbGl2ZV', // sk_live_
  'cmtfbGl2ZV', // rk_live_
  'eG94Yi', // xoxb-
  'eG94cC', // xoxp-
  'eGFwcC', // xapp-
  'QUtJQ', // AKIA
  'QVNJQ', // ASIA
  'bnBtX', // npm_
  'aHZzL', // hvs.
  'QUl6Y', // AIza
  'U0cu', // SG.
  'ZG9wX3YxX', // dop_v1_
  'c2hwYXRf', // shpat_
  'cHlwaS1BZ0VJ', // pypi-AgEI
  'aGZf', // hf_
  'Z2xzYV', // glsa_
  'ZGNrcl9wYXRf', // dckr_pat_
];

/** The keyword scanner's hint (its keywords are matched without case; the run's regex checks the case). */
export const ENCODED_HINT = ENCODED_PREFIXES.map((prefix) => prefix.toLowerCase()).join('|');

const ENCODED_RUN = new RegExp(
  `(?:(?<=^[+ -])|(?<![A-Za-z0-9+/]))(?:${ENCODED_PREFIXES.join('|')})[A-Za-z0-9+/]{12,}={0,2}`,
  'g',
);

/** The base64 runs in `line` that decode to text in which `kindOf` finds a secret, with that secret's kind. */
export function findEncodedSecrets(
  line: string,
  kindOf: (decoded: string) => string | undefined,
): Array<SecretSpan & { kind: string }> {
  const spans: Array<SecretSpan & { kind: string }> = [];
  for (const match of line.matchAll(ENCODED_RUN)) {
    const kind = kindOf(Buffer.from(match[0], 'base64').toString('utf8'));
    if (kind !== undefined) spans.push({ start: match.index, end: match.index + match[0].length, kind });
  }
  return spans;
}
