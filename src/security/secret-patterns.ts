// What a secret looks like: well-known token formats, credentials in URLs and `password = "…"`-style assignments.

/** Where a secret value sits in one line: [start, end) in UTF-16 code units. */
export interface SecretSpan {
  start: number;
  end: number;
}

export interface SecretRule {
  /** Shown in the redaction marker, e.g. `github-token` gives `[REDACTED:github-token]`. */
  kind: string;
  /** Regex source matched case-insensitively as a cheap pre-filter: a line without a match of it has no match of the rule. */
  hint: string;
  find: (line: string) => SecretSpan[];
}

/** A rule from a global regex with indices (`gd`); the secret is group `secret`, or the whole match when there is none. */
function regexRule(kind: string, hint: string, regex: RegExp, accept?: (secret: string) => boolean): SecretRule {
  return {
    kind,
    hint,
    find(line) {
      const spans: SecretSpan[] = [];
      for (const match of line.matchAll(regex)) {
        const range = match.indices?.groups?.['secret'] ?? match.indices?.[0];
        if (range === undefined || range[1] <= range[0]) continue;
        if (accept !== undefined && !accept(line.slice(range[0], range[1]))) continue;
        spans.push({ start: range[0], end: range[1] });
      }
      return spans;
    },
  };
}

const hasLetterAndDigit = (value: string): boolean => /[A-Za-z]/.test(value) && /\d/.test(value);

/** Values that stand for a secret rather than being one: template variables, masks, `${VAR}`, `changeme`, `<your-key>`, earlier redactions. */
export function isPlaceholderValue(value: string): boolean {
  const v = value.trim();
  if (v === '' || /^(?:\$|%\(|#\{|<.*>$|\[.*\]$)/.test(v)) return true;
  if (/\$\{|\{\{|\[REDACTED:|x{4,}|\*{3,}|•{3,}|\.{3}|^(.)\1*$/i.test(v)) return true;
  if (/changeme|change_me|change-me|changeit|example|placeholder|dummy|^(?:your|insert|enter|replace|put)[\s_-]/i.test(v)) return true;
  return /^(?:password|passwd|secret|token|api[_-]?key|sample|fake|test(?:ing)?|redacted|hidden|masked|none|null|nil|undefined|todo|tbd|foo|bar|foobar)$/i.test(v);
}

/** Shannon entropy in bits per character. */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  const length = [...value].length;
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** Random-looking: long, mixed letters and digits, and close to the entropy of random base62/hex text. */
export function isHighEntropy(value: string): boolean {
  return value.length >= 16 && hasLetterAndDigit(value) && shannonEntropy(value) >= 3.2;
}

// Generic assignments: `<name> <op> <value>` where the name's last word is a secret noun.

const SECRET_NOUNS = new Set(['password', 'passwd', 'pwd', 'pass', 'passphrase', 'secret', 'token', 'auth', 'apikey', 'accesskey', 'secretkey', 'privatekey']);
/** Words that, before `key`, make it a secret key (`api_key`, `signingKey`); a bare `key` is too common to judge. */
const KEY_QUALIFIERS = ['api', 'access', 'secret', 'private', 'client', 'auth', 'signing', 'encryption', 'master', 'account', 'shared', 'webhook', 'hmac', 'jwt', 'consumer', 'session', 'license'];
/** Trailing words that still name the secret itself (`secret_key_base`, `tokenValue`). */
const VALUE_SUFFIXES = new Set(['value', 'val', 'base', 'str', 'raw', 'plain', 'plaintext', 'b64', 'base64', 'hex']);

const SECRET_NAME_HINT = /pass|pwd|secret|token|auth|key/i;

/** `<name>` (optionally quoted, optionally typed `: T`), an operator, then a quoted or bare value. */
const ASSIGNMENT =
  /(?<![\w$.])(["']?)(?<name>[A-Za-z_$][\w$.-]*)\1\s*(?::\s*[A-Za-z_][\w.$<>[\],|]*(?:\s+[\w.$<>[\],|]+)*\s*(?==))?(?::=|\?=|=>|=(?![=~])|:(?![:=]))\s*(?:(?<quote>["'`])(?<quoted>(?:\\.|(?!\k<quote>)[^\\])*)|(?<bare>[^\s"'`,;(){}[\]<>]+))/g;

function splitWords(identifier: string): string[] {
  return identifier
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}

/** True for `DB_PASSWORD`, `apiKey`, `client_secret`, `secret_key_base`; false for `passwordField`, `tokenUrl`, `author`. */
export function isSecretName(name: string): boolean {
  if (!SECRET_NAME_HINT.test(name)) return false;
  const words = splitWords(name);
  while (words.length > 1 && VALUE_SUFFIXES.has(words.at(-1) ?? '')) words.pop();
  const last = words.at(-1);
  if (last === undefined) return false;
  if (SECRET_NOUNS.has(last)) return true;
  return last === 'key' && KEY_QUALIFIERS.includes(words.at(-2) ?? '');
}

/** A value that names a secret rather than holding one: `"access_token"`, `"Authorization"`, `GITHUB_TOKEN`, `SemicolonToken$1`. */
function isNameLike(value: string): boolean {
  if (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(value)) return true;
  if (!/^[A-Za-z][\w.$-]*$/.test(value)) return false;
  return splitWords(value).some((word) => SECRET_NOUNS.has(word) || word.startsWith('auth') || word === 'key');
}

function isSecretQuotedValue(value: string): boolean {
  if (value.length < 8 || isPlaceholderValue(value) || isNameLike(value)) return false;
  if (/^(?:[a-z][a-z0-9+.-]*:\/\/|\.{0,2}\/|~\/)/i.test(value)) return false;
  // Prose ("Enter your password") is a label; a sentence holding a token-like word is not.
  if (/\s/.test(value)) return value.split(/\s+/).some(isHighEntropy);
  return true;
}

function isSecretBareValue(value: string, before: string, after: string): boolean {
  // Too short to judge, or code rather than a literal: a call, an index, a member expression.
  if (value.length < 8 || /^[([.]/.test(after) || /^[A-Za-z_$][\w$]*(?:\.[\w$]+)+$/.test(value)) return false;
  if (isPlaceholderValue(value) || isNameLike(value) || /^-?\d+(?:\.\d+)?$/.test(value)) return false;
  if (isHighEntropy(value)) return true;
  // A whole line `name: value` / `NAME=value` is a config literal (`.env`, YAML, INI) when the value has a digit or symbol.
  const wholeLine = /^[+\- ]?\s*(?:export\s+|-+\s*)?["']?$/.test(before) && /^\s*(?:#.*)?$/.test(after);
  return wholeLine && /[\d!@#%^&*+=?~/]/.test(value);
}

export function findAssignedSecrets(line: string): SecretSpan[] {
  const spans: SecretSpan[] = [];
  ASSIGNMENT.lastIndex = 0;
  for (let match = ASSIGNMENT.exec(line); match !== null; match = ASSIGNMENT.exec(line)) {
    const { name, quoted, bare } = match.groups ?? {};
    if (name === undefined || !isSecretName(name)) continue;
    // Either value group ends the match, so its span is measured back from the match end.
    const end = match.index + match[0].length;
    if (quoted !== undefined) {
      if (isSecretQuotedValue(quoted)) spans.push({ start: end - quoted.length, end });
    } else if (bare !== undefined && isSecretBareValue(bare, line.slice(0, match.index), line.slice(end))) {
      spans.push({ start: end - bare.length, end });
    }
  }
  return spans;
}

/** Ordered: specific token formats first, so a token inside a URL or an assignment is named by its provider. */
export const SECRET_RULES: readonly SecretRule[] = [
  regexRule('aws-access-key-id', 'akia|asia|abia|acca', /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/dg),
  regexRule(
    'aws-secret-access-key',
    'secret_?access_?key|aws_?secret',
    /(?:aws_?secret_?(?:access_?)?key|secret_?access_?key)["']?\s*(?::=|=>|[:=])\s*["']?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/dgi,
  ),
  regexRule('github-token', 'gh[pousr]_|github_pat_', /\b(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{22,255})\b/dg),
  regexRule('gitlab-token', 'gl(?:pat|dt|rt|ptt)-', /\bgl(?:pat|dt|rt|ptt)-[A-Za-z0-9_-]{20,}/dg),
  regexRule('slack-token', 'xox[abprse]-', /\bxox[abprse]-[A-Za-z0-9-]{10,}/dg),
  regexRule(
    'slack-webhook',
    'hooks\\.slack\\.com',
    /hooks\.slack\.com\/(?:services|workflows|triggers)\/(?<secret>[A-Za-z0-9_/-]{20,})/dg,
  ),
  regexRule('stripe-key', '[rs]k_(?:live|test)_|whsec_', /\b(?:[rs]k_(?:live|test)_[A-Za-z0-9]{20,}|whsec_[A-Za-z0-9]{32,})/dg),
  regexRule('anthropic-key', 'sk-ant-', /\bsk-ant-[A-Za-z0-9_-]{32,}/dg),
  regexRule('openai-key', 'sk-', /\bsk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_-]{32,}|[A-Za-z0-9]{32,})/dg, hasLetterAndDigit),
  regexRule('google-api-key', 'aiza', /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/dg),
  regexRule('google-oauth-secret', 'gocspx-', /\bGOCSPX-[A-Za-z0-9_-]{24,}/dg),
  regexRule('npm-token', 'npm_', /\bnpm_[A-Za-z0-9]{36}(?![A-Za-z0-9])/dg),
  regexRule('pypi-token', 'pypi-ag', /\bpypi-Ag[A-Za-z0-9_-]{50,}/dg),
  regexRule('sendgrid-key', 'sg\\.', /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/dg),
  regexRule('twilio-key', 'sk[0-9a-f]{32}', /\bSK[0-9a-fA-F]{32}\b/dg),
  regexRule('huggingface-token', 'hf_', /\bhf_[A-Za-z]{34}\b/dg, (v) => /[a-z]/.test(v) && /[A-Z]/.test(v)),
  regexRule('digitalocean-token', 'do[opr]_v1_', /\bdo[opr]_v1_[a-f0-9]{64}\b/dg),
  regexRule('shopify-token', 'shp(?:at|ca|pa|ss)_', /\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}\b/dg),
  regexRule('age-secret-key', 'age-secret-key-', /\bAGE-SECRET-KEY-1[0-9A-Z]{58}\b/dg),
  regexRule(
    'azure-key',
    'accountkey=|sharedaccesskey=',
    /(?:AccountKey|SharedAccessKey)=(?<secret>[A-Za-z0-9+/]{40,}={0,2})/dg,
  ),
  regexRule('jwt', 'eyj', /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/dg),
  regexRule(
    'authorization-header',
    'authorization',
    /\bauthorization["']?\s*[:=,]\s*["']?(?:bearer|basic|token)\s+(?<secret>[A-Za-z0-9._~+/-]{8,}=*)/dgi,
    (v) => !isPlaceholderValue(v),
  ),
  regexRule(
    'url-password',
    ':\\/\\/',
    /\b[a-z][a-z0-9+.-]{0,30}:\/\/[^\s:/?#@'"`]*:(?<secret>[^\s/?#@'"`]+)@/dgi,
    (v) => !isPlaceholderValue(v) && !/^(?:pass|pwd|password|secret)$/i.test(v),
  ),
  {
    kind: 'secret-assignment',
    hint: `pass|pwd|secret|token|auth|(?:${KEY_QUALIFIERS.join('|')})[_-]?key`,
    find: findAssignedSecrets,
  },
];
