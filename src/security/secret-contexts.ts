// Secrets in syntaxes that are no `name = value`: a value after a keyword and a space (`.netrc`, SQL, Dockerfile's old
// `ENV NAME value`, prose), a string key and a string value (`Setenv("API_TOKEN", "…")`, `environ["TOKEN"] = "…"`),
// a setter call (`setApiToken("…")`), XML (`<password>…</password>`, `key="ApiToken" value="…"`), and a password glued to
// a client's `-p` flag (`mysql -pSECRET`, `sshpass -p SECRET`).
import type { SecretRule, SecretSpan } from './rule.js';
import {
  hasLetterAndDigit,
  isHighEntropy,
  isNameLike,
  isPlaceholderValue,
  isRandomLookingValue,
  isSecretQuotedValue,
  secretNameStrength,
  URL_OR_PATH,
} from './secret-names.js';

/** A string literal's body, with its quote as group `q` (escapes kept, no backtracking across the closing quote). */
const STRING = (group: string): string =>
  `(?<q${group}>["'\`])(?<${group}>(?:\\\\.|(?!\\k<q${group}>)[^\\\\])*)\\k<q${group}>`;

/** The value under a name of this strength holds a secret: a strong name takes any non-placeholder, a weak one a random-looking value. */
function holdsSecret(name: string, value: string): boolean {
  const strength = secretNameStrength(name);
  if (strength === undefined) return false;
  return strength === 'strong' ? isSecretQuotedValue(value) : isRandomLookingValue(value);
}

/** A match whose `name` group names a secret that its `secret` group holds. */
const named = (groups: Record<string, string | undefined>): boolean =>
  holdsSecret(groups['name'] ?? '', groups['secret'] ?? '');

/** A setter's value: `setApiToken("…")` holds one when `ApiToken` would. */
function setterHolds(groups: Record<string, string | undefined>): boolean {
  const name = groups['name'] ?? '';
  const rest = name.replace(SETTER_PREFIX, '');
  return rest !== name && holdsSecret(rest, groups['secret'] ?? '');
}

function spansOf(
  regex: RegExp,
  line: string,
  accept: (groups: Record<string, string | undefined>, line: string, index: number) => boolean,
): SecretSpan[] {
  const spans: SecretSpan[] = [];
  for (const match of line.matchAll(regex)) {
    const range = match.indices?.groups?.['secret'];
    if (range === undefined || range[1] <= range[0] || !accept(match.groups ?? {}, line, match.index)) continue;
    spans.push({ start: range[0], end: range[1] });
  }
  return spans;
}

/** `password hunter2` (`.netrc`), `PASSWORD 'x'` / `IDENTIFIED BY 'x'` (SQL), `the token is <value>` (prose). */
const KEYWORD_VALUE = new RegExp(
  `\\b(?<keyword>password|passwd|passphrase|pwd|secret|token|api[ _-]?key|identified by)\\s+(?:(?:is|was|of)\\s+)?(?:${STRING('quoted')}|(?<secret>[^\\s"'\`<>()[\\]{},;]{8,}))`,
  'dgi',
);
const NETRC = /^[+ -]?\s*(?:machine\s+\S+\s+|default\s+)?(?:login\s+\S+\s+)?(?:account\s+\S+\s+)?password\s/;

function findKeywordValues(line: string): SecretSpan[] {
  const spans: SecretSpan[] = [];
  for (const match of line.matchAll(KEYWORD_VALUE)) {
    const groups = match.groups ?? {};
    const quoted = groups['quoted'];
    const range = quoted !== undefined ? match.indices?.groups?.['quoted'] : match.indices?.groups?.['secret'];
    const value = quoted ?? groups['secret'];
    if (range === undefined || value === undefined || isPlaceholderValue(value) || isNameLike(value)) continue;
    if (URL_OR_PATH.test(value) || /^[-=:]/.test(value)) continue;
    // A quoted value straight after the keyword (SQL) or a `.netrc` line is a password as it stands; in prose or
    // code only a random-looking word is one.
    const plain = quoted !== undefined || NETRC.test(line);
    const accepted = plain
      ? isSecretQuotedValue(value) || (value.length >= 6 && hasLetterAndDigit(value))
      : isHighEntropy(value) || isSpecialLiteral(value);
    if (accepted) spans.push({ start: range[0], end: range[1] });
  }
  return spans;
}

/** Letters, digits and, inside, a character no word or identifier has (`Tr0ub4dor!3xK9`): a password as it stands. */
const isSpecialLiteral = (value: string): boolean =>
  hasLetterAndDigit(value) && /[!@#%^~*&]/.test(value.slice(1, -1)) && !/[.,;:!?]$/.test(value);

/** `"API_TOKEN", "<value>"` and `["API_TOKEN"] = "<value>"`: a secret's name as a string key, its value the next string. */
const KEYED_STRING = new RegExp(
  `(?<nq>["'])(?<name>[A-Za-z_][\\w.-]*)\\k<nq>\\s*(?:\\]\\s*=|,)\\s*${STRING('secret')}`,
  'dg',
);

/** `setApiToken("<value>")`, `withPassword('<value>')`, `.token("<value>")`: a setter or builder given a literal. */
const SETTER_CALL = new RegExp(`(?<![\\w$])(?<name>[A-Za-z_$][\\w$]*)\\(\\s*${STRING('secret')}\\s*\\)`, 'dg');
const SETTER_PREFIX = /^(?:set|with|put|use)_?(?=[A-Z_a-z])/;

/** `<apiToken>value</apiToken>` and `<add key="ApiToken" value="…"/>`. */
const XML_ELEMENT = /<(?<name>[A-Za-z_][\w.:-]*)(?:\s[^>]*)?>(?<secret>[^<>\s][^<>]*?)<\/\k<name>\s*>/dg;
const XML_KEY_VALUE =
  /\b(?:key|name)\s*=\s*(?<nq>["'])(?<name>[^"'<>]+)\k<nq>\s+value\s*=\s*(?<q>["'])(?<secret>[^"'<>]*)\k<q>/dg;

/** `ENV API_TOKEN <value>`: Dockerfile's older form, a space in place of `=`. */
const DOCKER_ENV = /^[+ -]?\s*ENV\s+(?<name>[A-Za-z_]\w*)\s+(?<secret>[^\s=][^\s]*)\s*$/dg;

/** `mysql -pSECRET` (no space: with one, the next word is the database), `sshpass -p SECRET`, `redis-cli -a SECRET`. */
const PASSWORD_FLAG = [
  /(?:mysql(?:dump|admin|import|sh)?|mariadb(?:-dump|-admin)?)\b[^\n]*?\s-p(?<secret>[^\s"'-][^\s"']*)/dy,
  /sshpass\b[^\n]*?\s-p\s*(?<quote>["']?)(?<secret>[^\s"'-][^\s"']*)/dy,
  /redis-cli\b[^\n]*?\s-a\s*(?<quote>["']?)(?<secret>[^\s"'-][^\s"']*)/dy,
];
const PASSWORD_CLIENT = /\b(?:(m(?:ysql|ariadb))|(sshpass)|(redis-cli))/g;

/** `aws configure set aws_secret_access_key …`, `npm config set //registry/:_authToken …`, `gh secret set NAME --body …`. */
const CONFIG_SET =
  /\b(?<verb>config(?:ure)?\s+set|config:set|secrets?\s+set)\s+(?:--?[a-z][\w-]*\s+)*(?<name>[\w.:/@-]+)\s+(?:(?:--body|-b)[=\s]\s*)?(?<q>["']?)(?<secret>[^\s"'<>|;&]+)/dg;

/** `docker login -u ci -p <password>` (and podman, helm registry, buildah): a short `-p` there is the password. */
const LOGIN_PASSWORD =
  /(?:docker|podman|buildah|nerdctl|registry)\s+login\b[^\n|;&]*?\s-p\s+(?<q>["']?)(?<secret>[^\s"'-][^\s"']*)/dy;
const LOGIN = [LOGIN_PASSWORD];
const LOGIN_CLIENT = /\b(?:docker|podman|buildah|nerdctl|registry)(?=\s)/g;

/**
 * The matches of `bodies[k]` (sticky) from each start `starts` finds (its group k+1 says which), as a global regex of
 * their alternation finds them. A body reads on lazily (`[^\n]*?\s-p`) to a value: from each start it failed at, it
 * read to the line's end again, quadratic in a line of starts (256 KB of `docker login -p ` took 3 s, `sshpass -p `
 * 6 s). A start that fails fails for every later start of its kind up to `stop` (the characters its reading may not
 * cross), as the later one's reading is a part of the earlier's: those are skipped.
 */
function stickyMatches(line: string, starts: RegExp, bodies: readonly RegExp[], stop: RegExp): RegExpExecArray[] {
  const found: RegExpExecArray[] = [];
  const dead = bodies.map(() => -1);
  starts.lastIndex = 0;
  for (let start = starts.exec(line); start !== null; start = starts.exec(line)) {
    const kind = bodies.length === 1 ? 0 : start.slice(1).findIndex((group) => group !== undefined);
    if (start.index < dead[kind]!) continue;
    const body = bodies[kind]!;
    body.lastIndex = start.index;
    const match = body.exec(line);
    if (match === null) {
      stop.lastIndex = start.index;
      dead[kind] = stop.exec(line)?.index ?? line.length;
      continue;
    }
    found.push(match);
    starts.lastIndex = Math.max(starts.lastIndex, match.index + match[0].length);
  }
  return found;
}

/** `auth=("user", "<password>")`, `HTTPBasicAuth("user", "<password>")`, `BasicAuth('user', '<password>')`. */
const BASIC_AUTH_PAIR = new RegExp(
  `\\b(?:auth|basic_?auth|HTTPBasicAuth|HTTPDigestAuth|BasicAuth|DigestAuth|withBasicAuth|setBasicAuth)\\s*(?:=\\s*[(\\[]|\\(\\s*\\(?)\\s*${STRING('user')}\\s*,\\s*${STRING('secret')}`,
  'dgi',
);

/** PowerShell's `ConvertTo-SecureString "<password>" -AsPlainText`. */
const SECURE_STRING = new RegExp(`ConvertTo-SecureString\\s+(?:-String\\s+)?${STRING('secret')}`, 'dgi');

/** A pre-signed URL's signature: S3's `X-Amz-Signature=`, GCS's `X-Goog-Signature=`, CloudFront's `Signature=`. */
const URL_SIGNATURE =
  /[?&](?:X-Amz-Signature|X-Goog-Signature|Signature|X-Amz-Security-Token)=(?<secret>[A-Za-z0-9%+/=_~-]{30,})/dg;

/** `process.env.API_TOKEN || "<value>"`, `env.API_TOKEN ?? '<value>'`: a secret's fallback literal. */
const FALLBACK = new RegExp(`(?<name>[A-Za-z_$][\\w$]*)["'\\]]*\\s*(?:\\|\\||\\?\\?)\\s*${STRING('secret')}`, 'dg');

/** `Cookie: session=<value>; csrftoken=<value>`: a cookie's values are credentials when they look random. */
const COOKIE_HEADER = /\bcookie["']?\s*[:=]\s*["']?(?<pairs>[^"'\n]+)/dgi;
const COOKIE_PAIR = /(?:^|;\s*)[\w.-]+=(?<value>[^;\s"']+)/dg;

/** A Markdown table row naming a secret and giving its value in backticks: `| API_TOKEN | \`…\` |`. */
const TABLE_ROW = /^[+ -]?\s*\|\s*`?(?<name>[A-Za-z_][\w.-]*)`?\s*\|\s*`(?<secret>[^`|]+)`\s*\|/dg;

/** `{"name": "DB_PASSWORD", "value": "<value>"}` (ECS, Kubernetes in JSON): a name and its value in one object. */
const NAME_VALUE = new RegExp(
  `["']?(?:name|key)["']?\\s*:\\s*${STRING('name')}\\s*,\\s*["']?value["']?\\s*:\\s*${STRING('secret')}`,
  'dg',
);

const KEYED_STRING_MARK = /["']\s*(?:,|\]\s*=)\s*["'`]/;
const SETTER_MARK = /(?:set|with|put|use)_?[A-Za-z]\w*\(\s*["'`]/;
const KEY_VALUE_MARK = /\bvalue\s*=\s*["']/;
const DOCKER_ENV_MARK = /^[+ -]?\s*ENV\s/;

function findCommandSecrets(line: string): SecretSpan[] {
  const spans: SecretSpan[] = [];
  for (const match of line.matchAll(CONFIG_SET)) {
    const range = match.indices?.groups?.['secret'];
    const { verb = '', name = '', secret = '' } = match.groups ?? {};
    if (range === undefined || isPlaceholderValue(secret) || /^[$-]/.test(secret)) continue;
    // Whatever `secret set` is given is a secret; a `config set` value is one under a secret's name.
    const held = /^secret/.test(verb) ? secret.length >= 6 && !isNameLike(secret) : holdsSecret(name, secret);
    if (held) spans.push({ start: range[0], end: range[1] });
  }
  for (const match of stickyMatches(line, LOGIN_CLIENT, LOGIN, /[\n|;&]/g)) {
    const range = match.indices?.groups?.['secret'];
    if (range !== undefined && range[1] > range[0] && isPassword(match.groups?.['secret'] ?? ''))
      spans.push({ start: range[0], end: range[1] });
  }
  for (const regex of [BASIC_AUTH_PAIR, SECURE_STRING])
    spans.push(...spansOf(regex, line, (groups) => isPassword(groups['secret'] ?? '')));
  return spans;
}

/** A password given where only a password goes: anything but a placeholder, a variable or an earlier redaction. */
const isPassword = (value: string): boolean => value.length >= 3 && !isPlaceholderValue(value) && !/^[$%]/.test(value);

function findCookieValues(line: string): SecretSpan[] {
  const spans: SecretSpan[] = [];
  for (const header of line.matchAll(COOKIE_HEADER)) {
    const at = header.indices?.groups?.['pairs']?.[0];
    const pairs = header.groups?.['pairs'];
    if (at === undefined || pairs === undefined) continue;
    for (const pair of pairs.matchAll(COOKIE_PAIR)) {
      const range = pair.indices?.groups?.['value'];
      const value = pair.groups?.['value'] ?? '';
      if (range !== undefined && isRandomLookingValue(value)) spans.push({ start: at + range[0], end: at + range[1] });
    }
  }
  return spans;
}

export const CONTEXT_RULES: readonly SecretRule[] = [
  {
    kind: 'secret-after-keyword',
    // The keyword and its space (or `is`): `password hunter2`, not `password=` (the assignment rule's) or `token'`.
    hint: 'pass(?:word|wd|phrase)? |pwd |secret |token |key |identified by',
    find: findKeywordValues,
  },
  {
    kind: 'secret-literal',
    // Not the secret words (most lines that say `key` or `token` are none of these forms) but each form's mark: a
    // string after a string (`", "`, `"] = "`), a call given a literal, a closing tag, `value="`, Dockerfile's `ENV `.
    hint: '["\'], ?["\'`]|["\']\\] ?= ?["\'`]|\\(["\'`]|</|value ?= ?["\']|env ',
    find(line) {
      // Each form's own mark, tested before its regex runs.
      const spans: SecretSpan[] = [];
      if (KEYED_STRING_MARK.test(line)) spans.push(...spansOf(KEYED_STRING, line, named));
      if (SETTER_MARK.test(line)) spans.push(...spansOf(SETTER_CALL, line, setterHolds));
      if (line.includes('</')) spans.push(...spansOf(XML_ELEMENT, line, named));
      if (KEY_VALUE_MARK.test(line)) spans.push(...spansOf(XML_KEY_VALUE, line, named));
      if (DOCKER_ENV_MARK.test(line)) spans.push(...spansOf(DOCKER_ENV, line, named));
      return spans;
    },
  },
  {
    kind: 'command-secret',
    hint: 'config(?:ure)? set|config:set|secrets? set|(?:docker|podman|buildah|nerdctl|registry) login|auth ?= ?[(\\[]|auth ?\\(|convertto-securestring',
    find: findCommandSecrets,
  },
  {
    kind: 'signed-url-signature',
    hint: 'signature=|x-amz-security-token=',
    find: (line) => spansOf(URL_SIGNATURE, line, (g) => hasLetterAndDigit(g['secret'] ?? '')),
  },
  {
    kind: 'secret-fallback',
    hint: '(?:\\|\\||\\?\\?) ?["\'`]',
    // In code a fallback is often a mode (`credentials ?? 'same-origin'`): a secret's has letters and digits.
    find: (line) => spansOf(FALLBACK, line, (groups) => named(groups) && hasLetterAndDigit(groups['secret'] ?? '')),
  },
  { kind: 'cookie', hint: 'cookie', find: findCookieValues },
  { kind: 'secret-table-row', hint: '\\| ?`', find: (line) => spansOf(TABLE_ROW, line, named) },
  {
    kind: 'secret-name-value',
    hint: 'value"|value\'|value :|value:',
    find: (line) => spansOf(NAME_VALUE, line, named),
  },
  {
    kind: 'password-argument',
    hint: 'mysql|mariadb|sshpass|redis-cli',
    find(line) {
      const spans: SecretSpan[] = [];
      for (const match of stickyMatches(line, PASSWORD_CLIENT, PASSWORD_FLAG, /\n/g)) {
        const range = match.indices?.groups?.['secret'];
        if (range === undefined) continue;
        const value = line.slice(range[0], range[1]);
        if (value.length >= 3 && !isPlaceholderValue(value)) spans.push({ start: range[0], end: range[1] });
      }
      return spans;
    },
  },
];
