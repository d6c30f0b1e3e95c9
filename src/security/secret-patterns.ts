// What a secret looks like in one line: token formats, credentials in URLs, headers and arguments, and values bound to secret-like names.
import { regexRule, type SecretRule, type SecretSpan } from './rule.js';
import {
  hasLetterAndDigit,
  isHighEntropy,
  isNameLike,
  isPlaceholderValue,
  isRandomLookingValue,
  isSecretQuotedValue,
  secretNameStrength,
  shannonEntropy,
  URL_OR_PATH,
} from './secret-names.js';
import { BASIC_AUTHORIZATION_RULE } from './basic-authorization.js';
import { CONTEXT_RULES } from './secret-contexts.js';
import { TOKEN_RULES } from './token-formats.js';

export type { SecretRule, SecretSpan } from './rule.js';
export { isHighEntropy, isPlaceholderValue, isSecretName, shannonEntropy } from './secret-names.js';

/** `<name>` (optionally quoted, optionally typed `: T`, `: &'static str`), an operator, then a quoted or bare value; tried where a name starts. */
const ASSIGNMENT =
  /(["']?)(?<name>[A-Za-z_$][\w$.-]*)\1\s*(?::\s*&?(?:'[A-Za-z_]\w*\s+)?(?:mut\s+)?[A-Za-z_][\w.$<>[\],|]*(?:\s+[\w.$<>[\],|]+)*\s*(?==))?(?::=|\?=|=>|=(?![=~])|:(?![:=]))\s*(?:(?<quote>["'`])(?<quoted>(?:\\.|(?!\k<quote>)[^\\])*)|(?<bare>[^\s"'`,;&(){}[\]<>]+))/y;

/** `--token <value>`, `-–api-key "<value>"`: a flag whose name is secret-like, then its value as the next argument. */
const FLAG_ARGUMENT =
  /(?:^[+ -]?|[\s"'(])--?(?<name>[A-Za-z][\w.-]*[A-Za-z0-9])\s+(?:(?<quote>["'])(?<quoted>(?:\\.|(?!\k<quote>)[^\\])*)\k<quote>|(?<bare>[^\s"'`|;&<>()]+))/g;

/** What stands before a flag's `name=value` or `name:value` argument: the flag and `=` or a space. */
const FLAG_VALUE_BEFORE = /(?:^[+ -]?|\s)--?[A-Za-z][\w-]*[= ]$/;

/**
 * The end of `text` that a check `(?:^…|\s)<no blanks>\s*$` can match in: its trailing blanks, the run of non-blanks
 * before them, and the blank before that run (all of `text` when the run starts it). Such a check's match holds that
 * run whole, so it matches here exactly where it matches in `text`; as a regex on `text` it was tried from each of
 * its up to 512 characters, for each value of a line (256 KB of `password: ` spent ~100 ms in three of them).
 */
export function lastField(text: string): string {
  let at = text.length;
  while (at > 0 && isSpaceCode(text.charCodeAt(at - 1))) at--;
  while (at > 0 && !isSpaceCode(text.charCodeAt(at - 1))) at--;
  return at <= 1 ? text : text.slice(at - 1);
}

/** A literal, not code: a whole config line (`.env`, YAML, INI), or inside a connection string or a query (`;Password=…`, `?token=…&`). */
function isLiteralContext(before: string, after: string, endsLine: boolean): boolean {
  const field = lastField(before);
  // One of several `key=value` pairs on a line (an inventory, a libpq connection string, env before a command).
  if (/(?:^[+ -]?|\s)[\w.-]+=[^\s=,;()]+\s+$/.test(field) || /^\s+[\w.-]+=\S/.test(after)) return true;
  // A connection string or query, `.npmrc`'s `//registry/:_password=`, a flag's `--password=`.
  if (/[;&?]\s*$/.test(field) || /^[+ -]?\s*\/\/\S*:$/.test(before) || /(?:^[+ -]?|\s)--?$/.test(field)) return true;
  // A flag's value (`--from-literal=password=…`, `--set db.password=…`).
  if (FLAG_VALUE_BEFORE.test(field)) return true;
  // A whole line, or one commented out (`# password: …`, `// token = …`, INI's `; …`).
  return /^[+\- ]?\s*(?:(?:#+|\/\/|;)\s*)?(?:export\s+|-+\s*)?["']?$/.test(before) && endsLine;
}

/** How much of the text before a value the context checks read (a pair, a flag or a line's lead before it). */
const CONTEXT_BEFORE = 512;

/**
 * The text before a value as the context checks read it: its last 512 characters, a `\0` standing for the rest (where
 * no `^` check matches). Run on all the text before each value, the checks made a line of many values quadratic
 * (256 KB of `password: ` took 16 s). A pair or flag more than 512 characters before the value is not read.
 */
export const contextBefore = (before: string): string =>
  before.length <= CONTEXT_BEFORE ? before : `\0${before.slice(-CONTEXT_BEFORE)}`;

/**
 * `/^\s*(?:#.*)?$/.test(line.slice(from))`, where `lastBreak` is the line's last line terminator (`.` matches none,
 * as a CRLF's `\r`). As a regex, `#.*` ran to the line's end from each value a comment follows: quadratic in a line
 * of them.
 */
function endsLine(line: string, from: number, lastBreak: number): boolean {
  let at = from;
  while (at < line.length && isSpaceCode(line.charCodeAt(at))) at++;
  return at === line.length || (line[at] === '#' && at > lastBreak);
}

const isSpaceCode = (code: number): boolean =>
  code === 0x20 || (code >= 0x09 && code <= 0x0d) || (code > 0x7f && /\s/.test(String.fromCharCode(code)));

/** The text before `index` as isLiteralContext reads it: a hunk header's own part (`@@ -3,6 +3,7 @@ `) left out. */
function withoutHunkHeader(line: string, header: number, index: number): string {
  if (header === 0 || index < header) return line.slice(0, index);
  return line.slice(header + (index > header && line[header] === ' ' ? 1 : 0), index);
}

/**
 * `before` and `literalBefore` (the same without a hunk header's own part) as contextBefore cuts them; `endsLine`:
 * nothing but blanks or a comment follows the value to its line's end (`/^\s*(?:#.*)?$/.test(after)`).
 */
function isSecretBareValue(
  value: string,
  before: string,
  literalBefore: string,
  after: string,
  endsLine: boolean,
): boolean {
  // Too short to judge, or code rather than a literal: a call, an index, a member expression.
  if (value.length < 8 || /^[([.]/.test(after) || /^[A-Za-z_$][\w$]*(?:\.[\w$]+)+$/.test(value)) return false;
  if (isPlaceholderValue(value) || isNameLike(value) || /^-?\d+(?:\.\d+)?$/.test(value)) return false;
  if (isHighEntropy(value)) return true;
  // A character no identifier or expression has, inside the value (`Tr0ub4dor!3xK9`): a literal wherever it stands.
  if (hasLetterAndDigit(value) && /[!@#%^~]/.test(value.slice(1, -1)) && !URL_OR_PATH.test(value)) return true;
  // A path given to a flag (`-v $PWD:/go/src/…`, `-e DB_PASSWORD=/run/secrets/db`): where a file is, not a secret.
  if (URL_OR_PATH.test(value) && FLAG_VALUE_BEFORE.test(lastField(before))) return false;
  // In a config line a password needs no digit: `_password=<base64>` of letters only is one too.
  const mixedLetters = value.length >= 12 && /[a-z]/.test(value) && /[A-Z]/.test(value) && shannonEntropy(value) >= 3.5;
  return isLiteralContext(literalBefore, after, endsLine) && (/[\d!@#%^&*+=?~/]/.test(value) || mixedLetters);
}

function valueSpans(
  regex: RegExp,
  line: string,
  accept: (name: string, value: string, quoted: boolean, before: string, after: string) => boolean,
): SecretSpan[] {
  const spans: SecretSpan[] = [];
  regex.lastIndex = 0;
  for (let match = regex.exec(line); match !== null; match = regex.exec(line)) {
    const { name, quoted, bare } = match.groups ?? {};
    const value = quoted ?? bare;
    if (name === undefined || value === undefined) continue;
    // The value group ends the match (or its closing quote does), so its span is measured back from the end.
    const end = match.index + match[0].length - (quoted !== undefined ? 1 : 0);
    const start = end - value.length;
    if (accept(name, value, quoted !== undefined, line.slice(0, match.index), line.slice(end)))
      spans.push({ start, end });
    regex.lastIndex = Math.max(start, match.index + 1); // the value may be the next flag
  }
  return spans;
}

/** The rest of a bare value cut at `&`, up to the line's end (or a comment), and what may stand before its name. */
const WHOLE_LINE_REST = /^(&[^\s"'`]*)\s*(?:#.*)?$/;
const WHOLE_LINE_START = /^[+\- ]?\s*(?:(?:#+|\/\/|;)\s*)?(?:export\s+)?["']?$/;

const NAME_WORD = /pass|pwd|secret|token|auth|key|cred|pat/gi;
/** What ASSIGNMENT needs after its name: the name's closing quote, spaces, then `:`, `=` or `?=` (or a type's `:`). */
const OPERATOR_AHEAD = /["']?\s*[:=?]/y;
/** A character of a name as ASSIGNMENT reads one: a letter, a digit, `_`, `$`, `.` or `-`. */
export const isNameChar = (code: number): boolean =>
  (code >= 48 && code <= 57) ||
  (code >= 65 && code <= 90) ||
  (code >= 97 && code <= 122) ||
  code === 95 ||
  code === 36 ||
  code === 46 ||
  code === 45;
const isNameStart = (code: number): boolean =>
  (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 36;

/**
 * Values assigned to secret-like names. The names come first: each secret word in the line is widened to its
 * identifier, judged, and only a secret's name has the assignment matched at its start (most lines of code that
 * say `token` name no secret, so this costs a word search and a name check for them).
 */
export function findAssignedSecrets(line: string): SecretSpan[] {
  const spans: SecretSpan[] = [];
  // A hunk header's own part, found once: `[^@]*` from the line's start again for each value was quadratic.
  const header = line.startsWith('@@') ? (/^@@ [^@]*@@/.exec(line)?.[0].length ?? 0) : 0;
  const lastBreak = Math.max(...['\n', '\r', '\u2028', '\u2029'].map((char) => line.lastIndexOf(char)));
  NAME_WORD.lastIndex = 0;
  for (let word = NAME_WORD.exec(line); word !== null; word = NAME_WORD.exec(line)) {
    let start = word.index;
    while (start > 0 && isNameChar(line.charCodeAt(start - 1))) start--;
    while (start < word.index && !isNameStart(line.charCodeAt(start))) start++;
    let end = word.index + word[0].length;
    while (end < line.length && isNameChar(line.charCodeAt(end))) end++;
    NAME_WORD.lastIndex = end;
    // Most names in code are no assignment's (`parseToken(token)`): judging the name costs a split into words (4.4 -> 2.8 ms per MB, `npm run bench:redact`).
    OPERATOR_AHEAD.lastIndex = end;
    if (!OPERATOR_AHEAD.test(line)) continue;
    const strength = secretNameStrength(line.slice(start, end));
    if (strength === undefined) continue;
    const quoteBefore = start > 0 && (line[start - 1] === '"' || line[start - 1] === "'");
    ASSIGNMENT.lastIndex = quoteBefore ? start - 1 : start;
    let match = ASSIGNMENT.exec(line);
    if (match === null && quoteBefore) {
      ASSIGNMENT.lastIndex = start;
      match = ASSIGNMENT.exec(line);
    }
    const { name, quoted, bare } = match?.groups ?? {};
    let value = quoted ?? bare;
    if (match === null || name !== line.slice(start, end) || value === undefined) continue;
    let valueEnd = match.index + match[0].length;
    // A whole config line's value runs to its end, `&` and all (`password: Tr0ub&dor3`); in a query `&` ends it.
    const rest = bare === undefined ? undefined : WHOLE_LINE_REST.exec(line.slice(valueEnd));
    if (rest != null && WHOLE_LINE_START.test(line.slice(0, match.index).replace(/^@@ [^@]*@@ ?/, ''))) {
      value += rest[1];
      valueEnd += rest[1]!.length;
    }
    NAME_WORD.lastIndex = valueEnd;
    const accepted =
      strength === 'weak'
        ? isRandomLookingValue(value)
        : quoted !== undefined
          ? isSecretQuotedValue(value)
          : isSecretBareValue(
              value,
              contextBefore(line.slice(0, match.index)),
              contextBefore(withoutHunkHeader(line, header, match.index)),
              line.slice(valueEnd),
              endsLine(line, valueEnd, lastBreak),
            );
    if (accepted) spans.push({ start: valueEnd - value.length, end: valueEnd });
  }
  return spans;
}

export function findSecretArguments(line: string): SecretSpan[] {
  return valueSpans(FLAG_ARGUMENT, line, (name, value) => {
    const strength = secretNameStrength(name);
    if (strength === undefined || value.startsWith('-') || /^\[?REDACTED/.test(value)) return false;
    if (strength === 'weak') return isRandomLookingValue(value);
    return value.length >= 6 && !isPlaceholderValue(value) && !isNameLike(value) && !URL_OR_PATH.test(value);
  });
}

const NAME_HINT = 'pass|pwd|secret|token|auth|key|cred';

/** Ordered: specific token formats first, so a token inside a URL or an assignment is named by its provider. */
export const SECRET_RULES: readonly SecretRule[] = [
  ...TOKEN_RULES,
  regexRule(
    'authorization-header',
    'authorization',
    /\bauthorization["']?\]?\s*[:=,]\s*["']?(?:bearer|basic|token)\s+(?<secret>[A-Za-z0-9._~+/-]{8,}=*)/dgi,
    (v) => !isPlaceholderValue(v),
  ),
  BASIC_AUTHORIZATION_RULE,
  regexRule(
    'url-password',
    ':\\/\\/',
    /\b[a-z][a-z0-9+.-]{0,30}:\/\/[^\s:/?#@'"`]*:(?<secret>[^\s/?@'"`]+)@/dgi,
    (v) => !isPlaceholderValue(v) && !/^(?:pass|pwd|password|secret)$/i.test(v),
  ),
  // A token as a URL's whole user part: a Sentry DSN's key, `https://<token>@github.com/org/repo.git`.
  regexRule(
    'url-credentials',
    ':\\/\\/',
    /\b[a-z][a-z0-9+.-]{0,30}:\/\/(?<secret>[A-Za-z0-9_.~-]{16,})@/dgi,
    // A Sentry key is 32 hex digits, of entropy under isHighEntropy's 3.2 bits once in ~300 (CI's seed 1198516594).
    (v) => (isHighEntropy(v) || (/^[0-9a-f]{32,}$/i.test(v) && hasLetterAndDigit(v))) && !isPlaceholderValue(v),
  ),
  // An Azure shared access signature: `?sv=…&sig=<base64, URL-encoded>`.
  regexRule('azure-sas-signature', 'sig=', /[?&;]sig=(?<secret>[A-Za-z0-9%+/=]{30,})/dgi, hasLetterAndDigit),
  // `curl -u user:password`, `--user "user:password"` (also wget, httpie and most HTTP clients).
  regexRule(
    'basic-auth-credentials',
    '-u', // `--user` has it too
    /(?:^[+ -]?|[\s"'(])(?:-u|--user)(?:=|\s*)["']?[^\s:"'$]+:(?<secret>[^\s"'@]+)/dg,
    (v) => v.length >= 3 && !isPlaceholderValue(v),
  ),
  // The hint is tried from the start of a run of name characters only, its first `-` found without backtracking: as
  // `-[\\w.-]*(?:…)` it was tried again from every `-` of a run, each time to the run's end (a 20 KB line of `-` took
  // 1.2 s; 256 KB, 130 s). A match from a later `-` of a run is one from its first, so it finds the same lines.
  { kind: 'secret-argument', hint: `(?<![\\w.-])[\\w.]*-[\\w.-]*(?:${NAME_HINT})`, find: findSecretArguments },
  { kind: 'secret-assignment', hint: NAME_HINT, find: findAssignedSecrets },
  // `GITLAB_PAT=…`: its own hint, as `pat` is in every `path` and `pattern` a line of code says.
  { kind: 'pat-assignment', hint: '[_-]pat ?[:="\']', find: findAssignedSecrets },
  ...CONTEXT_RULES,
];
