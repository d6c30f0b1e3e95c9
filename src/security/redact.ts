// The last stop before a provider request: every piece of diff text passes here and leaves without secret values.

import { isSecretFile } from './secret-files.js';
import { SECRET_RULES } from './secret-patterns.js';
import type { SecretSpan } from './secret-patterns.js';

export interface SecretFinding {
  kind: string;
  /** 1-based line within the redacted text. */
  line: number;
}

export interface RedactionResult {
  text: string;
  findings: SecretFinding[];
}

const marker = (kind: string): string => `[REDACTED:${kind}]`;

const RULES = SECRET_RULES.map((rule) => ({ rule, hint: new RegExp(rule.hint, 'i') }));
/** One pass over a line decides whether any rule can match it; most lines of a diff stop here. */
const CANDIDATE = new RegExp(SECRET_RULES.map((rule) => `(?:${rule.hint})`).join('|'), 'i');

const KEY_MARKER = 'PRIVATE KEY';
const KEY_BEGIN = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/;
const KEY_END = /-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/;
const KEY_INLINE = new RegExp(`${KEY_BEGIN.source}[\\s\\S]*?${KEY_END.source}`, 'g');
/** A line inside a PEM block: base64 (or a PGP `=` checksum), an RFC 1421 header, or blank; possibly inside a string literal. */
const KEY_BODY = /^\s*["'`]?(?:=?[A-Za-z0-9+/]+={0,2}|(?:Proc-Type|DEK-Info|Comment|Version): .*)?(?:\\n)?["'`]?\s*(?:[+,]\s*)?$/;
const KEY_MATERIAL = /[A-Za-z0-9+/]{16,}/;

/** The diff line prefix ('+', '-', ' ') kept on a redacted line so the hunk stays well-formed. */
function diffPrefix(line: string): string {
  const first = line[0];
  return first === '+' || first === '-' || first === ' ' ? first : '';
}

/** Redacts `-----BEGIN … PRIVATE KEY-----` blocks: inline ones, and ones spanning lines up to END or the end of the key body. */
function redactPrivateKeys(lines: string[], findings: SecretFinding[]): void {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (!line.includes(KEY_MARKER)) continue;
    const inline = line.replace(KEY_INLINE, marker('private-key'));
    const begin = KEY_BEGIN.exec(inline);
    if (inline !== line) findings.push({ kind: 'private-key', line: i + 1 });
    lines[i] = inline;
    if (begin === null) continue;
    const tail = inline.slice(begin.index + begin[0].length);
    let last = i;
    let material = KEY_MATERIAL.test(tail);
    let end = -1;
    for (let j = i + 1; j < lines.length; j++) {
      const next = lines[j] ?? '';
      if (next.startsWith('diff --git ')) break;
      if (next.startsWith('@@')) continue;
      const prefix = diffPrefix(next);
      if (KEY_END.test(next)) {
        end = j;
        break;
      }
      if (!KEY_BODY.test(next.slice(prefix.length))) break;
      material ||= KEY_MATERIAL.test(next);
      last = j;
    }
    // A BEGIN marker in code (a PEM parser, a check) with no key after it is left alone.
    if (!material && end === -1) continue;
    findings.push({ kind: 'private-key', line: i + 1 });
    lines[i] = inline.slice(0, begin.index) + marker('private-key');
    for (let j = i + 1; j <= last; j++) {
      const body = lines[j] ?? '';
      if (!body.startsWith('@@')) lines[j] = diffPrefix(body) + marker('private-key');
    }
    if (end !== -1) {
      const closing = lines[end] ?? '';
      const match = KEY_END.exec(closing);
      const after = match === null ? '' : closing.slice(match.index + match[0].length);
      lines[end] = diffPrefix(closing) + marker('private-key') + after;
      last = end;
    }
    i = last;
  }
}

function applySpans(line: string, spans: SecretSpan[], kind: string): string {
  let out = line;
  for (const span of [...spans].sort((a, b) => b.start - a.start)) {
    out = out.slice(0, span.start) + marker(kind) + out.slice(span.end);
  }
  return out;
}

function redactLine(line: string, lineNumber: number, findings: SecretFinding[]): string {
  let out = line;
  for (const { rule, hint } of RULES) {
    if (!hint.test(out)) continue;
    const spans = rule.find(out);
    if (spans.length === 0) continue;
    out = applySpans(out, spans, rule.kind);
    for (let n = 0; n < spans.length; n++) findings.push({ kind: rule.kind, line: lineNumber });
  }
  return out;
}

/** Redacts every line the pre-filter picks, scanning the whole text at once rather than line by line. */
function redactCandidateLines(text: string, findings: SecretFinding[]): string {
  const scan = new RegExp(CANDIDATE.source, 'gi');
  let out = '';
  let copied = 0;
  let lineNumber = 1;
  let counted = 0;
  for (let match = scan.exec(text); match !== null; match = scan.exec(text)) {
    const start = text.lastIndexOf('\n', match.index) + 1;
    const newline = text.indexOf('\n', match.index);
    const end = newline === -1 ? text.length : newline;
    for (let nl = text.indexOf('\n', counted); nl !== -1 && nl < start; nl = text.indexOf('\n', nl + 1)) lineNumber++;
    counted = start;
    const line = text.slice(start, end);
    const redacted = redactLine(line, lineNumber, findings);
    if (redacted !== line) {
      out += text.slice(copied, start) + redacted;
      copied = end;
    }
    scan.lastIndex = end + 1;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** Replaces each secret value in `text` with `[REDACTED:<kind>]`, keeping the rest of its line and the line count. */
export function redactSecrets(text: string): RedactionResult {
  const findings: SecretFinding[] = [];
  let current = text;
  if (text.includes(KEY_MARKER)) {
    const lines = text.split('\n');
    redactPrivateKeys(lines, findings);
    if (findings.length > 0) current = lines.join('\n');
  }
  current = redactCandidateLines(current, findings);
  findings.sort((a, b) => a.line - b.line);
  return { text: current, findings };
}

/** Redacts one file's diff text; a secrets file (by its path, or its path before a rename) is withheld entirely. */
export function redactFileDiffText(options: { path: string; oldPath?: string; text: string }): RedactionResult & { withheld: boolean } {
  const { path, oldPath, text } = options;
  if (isSecretFile(path) || (oldPath !== undefined && isSecretFile(oldPath))) {
    return { text: `[content withheld: ${path} looks like a secrets file]`, findings: [], withheld: true };
  }
  return { ...redactSecrets(text), withheld: false };
}
