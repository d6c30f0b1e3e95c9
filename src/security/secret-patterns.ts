// What a secret looks like in one line: token formats, credentials in URLs, headers and arguments, and values bound to secret-like names.
import { regexRule, type SecretRule, type SecretSpan } from './rule.js';
import { isHighEntropy, isNameLike, isPlaceholderValue, secretNameStrength } from './secret-names.js';
import { TOKEN_RULES } from './token-formats.js';

export type { SecretRule, SecretSpan } from './rule.js';
export { isHighEntropy, isPlaceholderValue, isSecretName, shannonEntropy } from './secret-names.js';

/** `<name>` (optionally quoted, optionally typed `: T`), an operator, then a quoted or bare value. */
const ASSIGNMENT =
  /(?<![\w$.])(["']?)(?<name>[A-Za-z_$][\w$.-]*)\1\s*(?::\s*[A-Za-z_][\w.$<>[\],|]*(?:\s+[\w.$<>[\],|]+)*\s*(?==))?(?::=|\?=|=>|=(?![=~])|:(?![:=]))\s*(?:(?<quote>["'`])(?<quoted>(?:\\.|(?!\k<quote>)[^\\])*)|(?<bare>[^\s"'`,;&(){}[\]<>]+))/g;

/** `--token <value>`, `-–api-key "<value>"`: a flag whose name is secret-like, then its value as the next argument. */
const FLAG_ARGUMENT = /(?:^[+ -]?|[\s"'(])--?(?<name>[A-Za-z][\w.-]*[A-Za-z0-9])\s+(?:(?<quote>["'])(?<quoted>(?:\\.|(?!\k<quote>)[^\\])*)\k<quote>|(?<bare>[^\s"'`|;&<>()]+))/g;

const URL_OR_PATH = /^(?:[a-z][a-z0-9+.-]*:\/\/|\.{0,2}\/|~\/)/i;

function isSecretQuotedValue(value: string): boolean {
  if (value.length < 8 || isPlaceholderValue(value) || isNameLike(value)) return false;
  if (URL_OR_PATH.test(value)) return false;
  // Prose ("Enter your password") is a label; a sentence holding a token-like word is not.
  if (/\s/.test(value)) return value.split(/\s+/).some(isHighEntropy);
  return true;
}

/** A literal, not code: a whole config line (`.env`, YAML, INI), or inside a connection string or a query (`;Password=…`, `?token=…&`). */
function isLiteralContext(before: string, after: string): boolean {
  if (/[;&?]\s*$/.test(before)) return true;
  return /^[+\- ]?\s*(?:export\s+|-+\s*)?["']?$/.test(before) && /^\s*(?:#.*)?$/.test(after);
}

function isSecretBareValue(value: string, before: string, after: string): boolean {
  // Too short to judge, or code rather than a literal: a call, an index, a member expression.
  if (value.length < 8 || /^[([.]/.test(after) || /^[A-Za-z_$][\w$]*(?:\.[\w$]+)+$/.test(value)) return false;
  if (isPlaceholderValue(value) || isNameLike(value) || /^-?\d+(?:\.\d+)?$/.test(value)) return false;
  if (isHighEntropy(value)) return true;
  return isLiteralContext(before, after) && /[\d!@#%^&*+=?~/]/.test(value);
}

/** A value under a name that only may be a secret's (`tls.key`, `FOO_KEY`): it counts when it looks random. */
function isRandomLookingValue(value: string): boolean {
  return !/\s/.test(value) && !URL_OR_PATH.test(value) && !isPlaceholderValue(value) && isHighEntropy(value);
}

function valueSpans(regex: RegExp, line: string, accept: (name: string, value: string, quoted: boolean, before: string, after: string) => boolean): SecretSpan[] {
  const spans: SecretSpan[] = [];
  regex.lastIndex = 0;
  for (let match = regex.exec(line); match !== null; match = regex.exec(line)) {
    const { name, quoted, bare } = match.groups ?? {};
    const value = quoted ?? bare;
    if (name === undefined || value === undefined) continue;
    // The value group ends the match (or the closing quote does), so its span is measured back from the end.
    const end = match.index + match[0].length - (quoted !== undefined && regex === FLAG_ARGUMENT ? 1 : 0);
    const start = end - value.length;
    if (accept(name, value, quoted !== undefined, line.slice(0, match.index), line.slice(end))) spans.push({ start, end });
    if (regex === FLAG_ARGUMENT) regex.lastIndex = Math.max(start, match.index + 1); // the value may be the next flag
  }
  return spans;
}

export function findAssignedSecrets(line: string): SecretSpan[] {
  return valueSpans(ASSIGNMENT, line, (name, value, quoted, before, after) => {
    const strength = secretNameStrength(name);
    if (strength === undefined) return false;
    if (strength === 'weak') return isRandomLookingValue(value);
    return quoted ? isSecretQuotedValue(value) : isSecretBareValue(value, before, after);
  });
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
    /\bauthorization["']?\s*[:=,]\s*["']?(?:bearer|basic|token)\s+(?<secret>[A-Za-z0-9._~+/-]{8,}=*)/dgi,
    (v) => !isPlaceholderValue(v),
  ),
  regexRule(
    'url-password',
    ':\\/\\/',
    /\b[a-z][a-z0-9+.-]{0,30}:\/\/[^\s:/?#@'"`]*:(?<secret>[^\s/?#@'"`]+)@/dgi,
    (v) => !isPlaceholderValue(v) && !/^(?:pass|pwd|password|secret)$/i.test(v),
  ),
  // `curl -u user:password`, `--user "user:password"` (also wget, httpie and most HTTP clients).
  regexRule(
    'basic-auth-credentials',
    '\\s-u|--user',
    /(?:^[+ -]?|[\s"'(])(?:-u|--user)(?:=|\s*)["']?[^\s:"'$]+:(?<secret>[^\s"'@]+)/dg,
    (v) => v.length >= 3 && !isPlaceholderValue(v),
  ),
  { kind: 'secret-argument', hint: `-(?:${NAME_HINT})|(?:${NAME_HINT})[\\w.-]*\\s`, find: findSecretArguments },
  { kind: 'secret-assignment', hint: NAME_HINT, find: findAssignedSecrets },
];
