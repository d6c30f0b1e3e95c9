// A YAML value under a secret-like key that goes on over the next lines: a plain scalar continued on more-indented
// lines, a quoted one broken over lines (`"abc\` then `def"`). The line scan sees only the key's line, so the rest
// went out; here the value is joined as YAML reads it, scanned, and every line of it redacted when it holds a secret.
import { diffPrefix, marker, type LineFinding } from './key-material.js';
import type { SecretRule } from './rule.js';
import { secretNameStrength } from './secret-names.js';
import { isNameChar } from './secret-patterns.js';
import { scan } from './split-values.js';
import { isBlankCode, linesAt } from './text-lines.js';

/** `  password: <value>` / `- "api_token": "<value>`: a key and the start of its value (no block scalar, flow or anchor). */
const KEY_LINE = /^([^\S\n]*)(?:-[^\S\n]+)?(["']?)([\w.-]{1,80})\2[^\S\n]*:[^\S\n]+([^\s|>#&*{[!%@`][^\n]*)$/;
const SECRET_WORD = /pass|pwd|secret|token|auth|key|cred|pat/i;
/**
 * Where a `:` and a blank follow a name (of at most 80 characters, maybe quoted) that has a secret's word: what
 * KEY_LINE needs of a secret-like key. From each `:` back, as most `:` in code are followed by no blank or named so.
 */
function keyColons(text: string, first = false): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(':'); at !== -1; at = text.indexOf(':', at + 1)) {
    if (!isBlankCode(text.charCodeAt(at + 1))) continue;
    let end = at;
    while (end > 0 && isBlankCode(text.charCodeAt(end - 1))) end--;
    const quote = text.charCodeAt(end - 1);
    if (quote === 0x22 || quote === 0x27) end--;
    let start = end;
    while (start > 0 && end - start <= 80 && isNameChar(text.charCodeAt(start - 1))) start--;
    if (end - start < 3 || !SECRET_WORD.test(text.slice(start, end))) continue;
    found.push(at);
    if (first) break;
  }
  return found;
}

export const mayHoldYamlContinuation = (text: string): boolean => keyColons(text, true).length > 0;

/** A continuation line of a plain scalar holds no `key:` of its own nor a comment. */
const MAPPING_OR_COMMENT = /^[^\S\n]*(?:#|-[^\S\n]|["']?[\w.-]+["']?[^\S\n]*:(?:[^\S\n]|$))/;
/** Past this a line is no YAML value a person typed: left to the line scan. */
const MAX_LINE = 4096;
const MAX_CONTINUATIONS = 40;

const indentOf = (content: string): number => /^[^\S\n]*/.exec(content)![0].length;
/** Where a quoted value's closing quote is in `text` (from `from`), or -1; `''` in single quotes and `\"` escape. */
function closingQuote(text: string, from: number, quote: string): number {
  for (let at = from; at < text.length; at++) {
    const char = text[at];
    if (quote === '"' && char === '\\') at++;
    else if (char === quote) {
      if (quote === "'" && text[at + 1] === "'") at++;
      else return at;
    }
  }
  return -1;
}

interface Piece {
  index: number;
  start: number;
  end: number;
}

/** The pieces of the value that starts on line `i` and goes on over the next lines, or undefined when it does not. */
function continuedValue(lines: string[], i: number): { head: string; close: string; pieces: Piece[] } | undefined {
  const line = lines[i] ?? '';
  const next = lines[i + 1];
  if (next === undefined || line.length > MAX_LINE || !line.includes(':')) return undefined;
  if (line.startsWith('@@') || next.startsWith('@@')) return undefined;
  const prefix = diffPrefix(line);
  const content = line.slice(prefix.length);
  const key = KEY_LINE.exec(content);
  if (key === null) return undefined;
  const name = key[3] ?? '';
  if (secretNameStrength(name) === undefined) return undefined;
  const indent = content.indexOf(name) - (key[2] ?? '').length;
  let valueStart = prefix.length + content.length - (key[4] ?? '').length;
  const quote = line[valueStart] === '"' || line[valueStart] === "'" ? line[valueStart]! : '';
  if (quote !== '') {
    valueStart++;
    if (closingQuote(line, valueStart, quote) !== -1) return undefined; // closed on its own line
  } else if (/\s/.test(line.slice(valueStart).trim())) return undefined;
  const pieces: Piece[] = [{ index: i, start: valueStart, end: line.trimEnd().length }];
  for (let j = i + 1; j < lines.length && j <= i + MAX_CONTINUATIONS; j++) {
    const following = lines[j] ?? '';
    if (following.length > MAX_LINE || following.startsWith('@@') || following.startsWith('diff --git ')) break;
    const at = diffPrefix(following).length;
    const rest = following.slice(at);
    if (rest.trim() === '' || indentOf(rest) <= indent) break;
    const start = at + indentOf(rest);
    if (quote === '') {
      // A secret cut over lines is a word on each; words and spaces are prose, or code (`token: chunk => {`).
      if (MAPPING_OR_COMMENT.test(rest) || /\s/.test(rest.trim())) return undefined;
      pieces.push({ index: j, start, end: following.trimEnd().length });
      continue;
    }
    const close = closingQuote(following, start, quote);
    pieces.push({ index: j, start, end: close === -1 ? following.trimEnd().length : close });
    if (close !== -1) break;
  }
  if (pieces.length < 2) return undefined;
  return { head: `${' '.repeat(indent)}${name}: ${quote}`, close: quote, pieces };
}

/** The pieces a span of `joined` (the pieces at `offsets`, each `lengths` long) overlaps. */
function touched(span: { start: number; end: number }, offsets: number[], lengths: number[]): number[] {
  return offsets.flatMap((offset, p) => (offset < span.end && offset + lengths[p]! > span.start ? [p] : []));
}

/**
 * Redacts a secret-like key's value continued over lines, every line of it, when a secret found in the value as YAML
 * joins it runs over two lines or more (one within a line is the line scan's).
 */
export function redactYamlContinuations(
  lines: string[],
  findings: LineFinding[],
  rules: readonly SecretRule[],
  text: string,
): void {
  let done = -1;
  for (const i of linesAt(text, keyColons(text))) {
    if (i <= done) continue;
    const value = continuedValue(lines, i);
    if (value === undefined) continue;
    const parts = value.pieces.map((piece) =>
      (lines[piece.index] ?? '').slice(piece.start, piece.end).replace(/\\$/, ''),
    );
    const lengths = parts.map((part) => part.length);
    // Folded, lines are joined by a space; a double-quoted line ending in `\` joins the next without one. Both
    // readings are scanned: a token cut in two is a secret either way.
    let kind: string | undefined;
    for (const separator of [' ', '']) {
      const offsets: number[] = [];
      let joined = value.head;
      for (const part of parts) {
        if (offsets.length > 0) joined += separator;
        offsets.push(joined.length);
        joined += part;
      }
      kind ??= scan(`${joined}${value.close}`, rules).find((span) => touched(span, offsets, lengths).length >= 2)?.kind;
    }
    if (kind === undefined) continue;
    for (const piece of [...value.pieces].reverse()) {
      if (piece.end <= piece.start) continue;
      const line = lines[piece.index] ?? '';
      lines[piece.index] = line.slice(0, piece.start) + marker(kind) + line.slice(piece.end);
      findings.push({ kind, index: piece.index });
    }
    done = value.pieces.at(-1)!.index;
  }
}
