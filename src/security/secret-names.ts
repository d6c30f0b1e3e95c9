// Judging names and values: is `DB_PASSWORD` a secret's name, is `changeme` a placeholder, does a value look random.

const hasLetterAndDigit = (value: string): boolean => /[A-Za-z]/.test(value) && /\d/.test(value);

/** Values that stand for a secret rather than being one: template variables, masks, `${VAR}`, `changeme`, `<your-key>`, earlier redactions. */
export function isPlaceholderValue(value: string): boolean {
  const v = value.trim();
  if (v === '' || /^(?:\$|%\(|%[A-Z_]+%$|#\{|<.*>$|\[.*\]$)/.test(v)) return true;
  if (/\$\{|\{\{|\[REDACTED:|x{6,}|\*{3,}|•{3,}|\.{3}|^(.)\1*$/i.test(v)) return true;
  if (/^(?:your|insert|enter|replace|put)[\s_-]/i.test(v)) return true;
  // A placeholder word is written in one case (`dummy`, `DUMMY`, `Dummy`); `dUmMY` inside a random value is chance.
  for (const match of v.matchAll(/changeme|change_me|change-me|changeit|example|placeholder|dummy/gi))
    if (isOneCaseWord(match[0])) return true;
  return /^(?:password|passwd|secret|token|api[_-]?key|sample|fake|test(?:ing)?|redacted|hidden|masked|none|null|nil|undefined|todo|tbd|foo|bar|foobar|true|false)$/i.test(
    v,
  );
}

/** `word`, `WORD` or `Word`: how a person writes a word, not how chance spells it in a random value. */
const isOneCaseWord = (word: string): boolean => /^(?:[a-z_-]+|[A-Z_-]+|[A-Z][a-z_-]+)$/.test(word);

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

export { hasLetterAndDigit };

// Names: `<name> <op> <value>` where the name's last word is a secret noun.

const SECRET_NOUNS = new Set([
  'password',
  'passwd',
  'pwd',
  'pass',
  'passphrase',
  'secret',
  'token',
  'auth',
  'apikey',
  'accesskey',
  'secretkey',
  'privatekey',
  'credential',
  'credentials',
  'creds',
]);
/** Words that, before `key`, make it a secret key (`api_key`, `signingKey`). */
const KEY_QUALIFIERS = [
  'api',
  'access',
  'secret',
  'private',
  'client',
  'auth',
  'signing',
  'encryption',
  'master',
  'account',
  'shared',
  'webhook',
  'hmac',
  'jwt',
  'consumer',
  'session',
  'license',
  'app',
  'application',
  'admin',
  'service',
  'bot',
  'write',
  'deploy',
  'root',
  'user',
  'tls',
  'ssl',
  'ssh',
  'cookie',
  'crypt',
  'cipher',
  'aes',
  'mailgun',
  'twilio',
  'stripe',
  'sendgrid',
];
/** Words before `key` that name something that is no secret: a database or map key, a keyboard key, a public key. */
const NON_SECRET_KEY_QUALIFIERS = new Set([
  'public',
  'pub',
  'primary',
  'foreign',
  'sort',
  'cache',
  'partition',
  'row',
  'map',
  'object',
  'i18n',
  'translation',
  'route',
  'unique',
  'idempotency',
  'composite',
  'lookup',
  'dict',
  'hash',
  'react',
  'list',
  'item',
  'query',
  'storage',
  'registry',
  'index',
  'group',
  'event',
  'message',
  'column',
  'field',
  'table',
  'entity',
  'shortcut',
  'hot',
  'keyboard',
  'press',
  'sequence',
  'bucket',
  'schema',
  'natural',
  'surrogate',
  'dedupe',
  'dedup',
  'lock',
  'label',
  'menu',
  'node',
  'child',
  'parent',
  'state',
  'store',
  'config',
  'setting',
  'settings',
  'option',
  'options',
  'prop',
  'attr',
  'data',
  'meta',
  'metric',
  'tag',
  'name',
  'file',
  'path',
  'type',
]);
/** Trailing words that still name the secret itself (`secret_key_base`, `tokenValue`). */
const VALUE_SUFFIXES = new Set([
  'value',
  'val',
  'base',
  'str',
  'raw',
  'plain',
  'plaintext',
  'b64',
  'base64',
  'hex',
  'data',
]);

const SECRET_NAME_HINT = /pass|pwd|secret|token|auth|key|cred|pat/i;
/** A cheap check before the words are split: a secret's name ends in a secret noun, `key`, or one of them and a value suffix. */
const SECRET_NAME_END =
  /(?:pass(?:word|wd|phrase)?|pwd|secret|token|auth|key|keys|creds?|credentials?|pat)(?:[\W_]*(?:value|val|base|str|raw|plain|plaintext|b64|base64|hex|data))?$/i;

/** The nouns that end a name run together (`identitytoken`), not those that end other words (`bypass`, `monkey`). */
const COMPOUND_END = /^[a-z]{2,}(token|secret|password|passwd|passphrase)$/;

export function splitWords(identifier: string): string[] {
  return (
    identifier
      // `apiToken`, and `APIToken` (an acronym, then a word), in one pass.
      .replace(/([a-z0-9])(?=[A-Z])|([A-Z])(?=[A-Z][a-z])/g, '$1$2 ')
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((word) => word !== '')
  );
}

/**
 * How surely a name holds a secret: `strong` for `DB_PASSWORD`, `apiKey`, `client_secret`, `secret_key_base`;
 * `weak` for a key that no word marks either way (`FOO_KEY`, `tls.key`, a bare `key`) and for `GITLAB_PAT`,
 * whose value must look random to count; undefined for `passwordField`, `tokenUrl`, `author`, `primaryKey`.
 */
export function secretNameStrength(name: string): 'strong' | 'weak' | undefined {
  if (!SECRET_NAME_HINT.test(name) || !SECRET_NAME_END.test(name)) return undefined;
  const words = splitWords(name);
  while (words.length > 1 && VALUE_SUFFIXES.has(words.at(-1) ?? '')) words.pop();
  const last = words.at(-1);
  if (last === undefined) return undefined;
  if (SECRET_NOUNS.has(last)) return 'strong';
  // Words run together in lower case: `PGPASSWORD` names a password; `identitytoken`, `clientsecret` a secret when
  // the value looks random.
  const compound = COMPOUND_END.exec(last);
  if (compound !== null) return compound[1]!.startsWith('pass') ? 'strong' : 'weak';
  // A personal access token (`GITLAB_PAT`, `AZURE_DEVOPS_EXT_PAT`); `pat` alone is as often a pattern.
  if (last === 'pat') return words.length >= 2 ? 'weak' : undefined;
  if (last !== 'key' && last !== 'keys') return undefined;
  const qualifier = words.at(-2);
  if (qualifier === undefined) return 'weak';
  if (KEY_QUALIFIERS.includes(qualifier)) return 'strong';
  return NON_SECRET_KEY_QUALIFIERS.has(qualifier) ? undefined : 'weak';
}

/** True for `DB_PASSWORD`, `apiKey`, `client_secret`, `secret_key_base`; false for `passwordField`, `tokenUrl`, `author`. */
export function isSecretName(name: string): boolean {
  return secretNameStrength(name) === 'strong';
}

/** A value that names a secret rather than holding one: `"access_token"`, `"Authorization"`, `GITHUB_TOKEN`, `SemicolonToken$1`. */
export function isNameLike(value: string): boolean {
  if (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(value)) return true;
  if (!/^[A-Za-z][\w.$-]*$/.test(value)) return false;
  const words = splitWords(value);
  // Words of an identifier (`SemicolonToken$1`, `accessToken`), not the chance capitals of a random value (`aaQ5bKey`).
  if (!words.every((word) => /^[a-z]{2,12}\d{0,2}$/.test(word) || /^\d{1,2}$/.test(word))) return false;
  return words.some((word) => SECRET_NOUNS.has(word) || word.startsWith('auth') || word === 'key');
}

// Values: does the value under a secret's name hold one.

export const URL_OR_PATH = /^(?:[a-z][a-z0-9+.-]*:\/\/|\.{0,2}\/|~\/)/i;

export function isSecretQuotedValue(value: string): boolean {
  if (value.length < 8 || isPlaceholderValue(value) || isNameLike(value)) return false;
  if (URL_OR_PATH.test(value)) return false;
  // Prose ("Enter your password") is a label; a sentence holding a token-like word is not.
  if (/\s/.test(value)) return value.split(/\s+/).some(isHighEntropy);
  return true;
}

/** A value under a name that only may be a secret's (`tls.key`, `FOO_KEY`): it counts when it looks random. */
export function isRandomLookingValue(value: string): boolean {
  return (
    !/\s/.test(value) &&
    !URL_OR_PATH.test(value) &&
    !isPlaceholderValue(value) &&
    !isWordsAndSuffix(value) &&
    !isPattern(value) &&
    isHighEntropy(value)
  );
}

/** Marks of a regular expression's structure; a generated password has `$`, `(` or `^` too, but at random. */
const PATTERN_MARKS = [/^\^/, /\$$/, /\[[^\]]+\]/, /\\[dDwWsSbB.]/, /\{\d+(?:,\d*)?\}/, /\(\?/];

/** A pattern (`^https?://[^/]+$`, `[A-Z]{2}\d{6}`): two of its marks at least, which a random value hardly has. */
function isPattern(value: string): boolean {
  return PATTERN_MARKS.filter((mark) => mark.test(value)).length >= 2;
}

/** `react-select-6bf0ab`, `app_cache_v2_9f3c`: words and a short id joined by separators, not a random string (whose runs are long). */
function isWordsAndSuffix(value: string): boolean {
  const parts = value.split(/[-_.:]/);
  return (
    parts.length >= 2 &&
    parts.every((part) => part.length < 12) &&
    parts.some((part) => part.length >= 3 && /^[a-z]+$/i.test(part) && isOneCaseWord(part))
  );
}
