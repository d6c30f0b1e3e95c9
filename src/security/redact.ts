// The last stop before a provider request: every piece of diff text, file name and history subject passes here and
// leaves without secret values.
import { ENCODED_HINT, findEncodedSecrets } from './encoded-text.js';
import { decodeEscapes, ESCAPE } from './escaped-text.js';
import { diffPrefix, marker } from './key-material.js';
import { createKeywordScanner, type CandidateLine } from './keyword-scan.js';
import { redactAcrossLines } from './multi-line.js';
import { isSecretFile } from './secret-files.js';
import STORED_KEYWORDS from './secret-keywords.json' with { type: 'json' };
import { SECRET_RULES } from './secret-patterns.js';
import type { SecretSpan } from './rule.js';

export interface SecretFinding {
  kind: string;
  /** 1-based line within the redacted text. */
  line: number;
}

/** What was redacted and where, for `git ai prompt` and `--debug`; never the value. */
export interface Redaction {
  kind: string;
  /** `src/app.ts +12` (a line of the new version), `src/app.ts -3` (a removed line), `file name …`, `recent commit subject 4`. */
  place: string;
}

export interface RedactionResult {
  text: string;
  findings: SecretFinding[];
}

let scanner: ((text: string) => CandidateLine[]) | undefined;
/** The scanner's index past the rules: a line with a base64 run that may encode a secret (encoded-text.ts). */
const ENCODED = SECRET_RULES.length;
/** The hints the scanner looks for: each rule's, then the encoded text's (scripts/gen-secret-keywords.ts stores them). */
export const SCANNER_HINTS: readonly string[] = [...SECRET_RULES.map((rule) => rule.hint), ENCODED_HINT];
/** Which rules each line needs, in one pass; most lines of a diff are no candidate for any. Built at first use: this
 * module loads with git's repository helpers, before git is started, where its ~3 ms would delay every command. */
const scanCandidates = (text: string): CandidateLine[] =>
  (scanner ??= createKeywordScanner(SCANNER_HINTS, STORED_KEYWORDS))(text);

/**
 * `line` with each span replaced by its kind's marker, right to left. Spans apart (the common case) are put
 * together in one pass: a slice and a copy of the line for each took O(spans x length), 8 s for a 256 KB line of
 * `docker login -p ` (a password in every 16 characters).
 */
function applySpans(line: string, spans: ReadonlyArray<SecretSpan & { kind?: string }>, kind?: string): string {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  if (sorted.some((span, k) => k > 0 && span.start < sorted[k - 1]!.end)) {
    let out = line;
    for (const span of sorted.reverse())
      out = out.slice(0, span.start) + marker(span.kind ?? kind!) + out.slice(span.end);
    return out;
  }
  const parts: string[] = [];
  let copied = 0;
  for (const span of sorted) {
    parts.push(line.slice(copied, span.start), marker(span.kind ?? kind!));
    copied = span.end;
  }
  parts.push(line.slice(copied));
  return parts.join('');
}

function redactLine(line: string, rules: readonly number[], lineNumber: number, findings: SecretFinding[]): string {
  let out = line;
  for (const index of rules) {
    if (index === ENCODED) {
      const encoded = findEncodedSecrets(out, kindInDecoded).sort((a, b) => b.start - a.start);
      out = applySpans(out, encoded);
      for (const span of encoded) findings.push({ kind: span.kind, line: lineNumber });
      continue;
    }
    const rule = SECRET_RULES[index]!;
    const spans = rule.find(out);
    if (spans.length === 0) continue;
    out = applySpans(out, spans, rule.kind);
    for (let n = 0; n < spans.length; n++) findings.push({ kind: rule.kind, line: lineNumber });
  }
  return out;
}

/** The kind of the first secret in text decoded from base64, if it holds one. */
function kindInDecoded(decoded: string): string | undefined {
  const found: SecretFinding[] = [];
  redactCandidateLines(decoded, found);
  return found[0]?.kind;
}

/** Redacts every line some rule could match, running only the rules whose hints are in it. */
function redactCandidateLines(text: string, findings: SecretFinding[]): string {
  let out = '';
  let copied = 0;
  let lineNumber = 1;
  let counted = 0;
  for (const { start, end, rules } of scanCandidates(text)) {
    for (let nl = text.indexOf('\n', counted); nl !== -1 && nl < start; nl = text.indexOf('\n', nl + 1)) lineNumber++;
    counted = start;
    const line = text.slice(start, end);
    const redacted = redactLine(line, rules, lineNumber, findings);
    if (redacted !== line) {
      out += text.slice(copied, start) + redacted;
      copied = end;
    }
  }
  return copied === 0 ? text : out + text.slice(copied);
}

const ESCAPES = new RegExp(ESCAPE.source, 'g');

/**
 * Lines with an escape, scanned again as they read unescaped (`\"password\": \"…\"` in a notebook's JSON source,
 * `%3Fkey%3D…` in an encoded URL), each secret found there redacted where its escaped text is in the line.
 */
function redactEscapedLines(text: string, findings: SecretFinding[]): string {
  let out = '';
  let copied = 0;
  let lineNumber = 1;
  let counted = 0;
  ESCAPES.lastIndex = 0;
  for (let match = ESCAPES.exec(text); match !== null; match = ESCAPES.exec(text)) {
    const start = text.lastIndexOf('\n', match.index) + 1;
    const newline = text.indexOf('\n', match.index);
    const end = newline === -1 ? text.length : newline;
    ESCAPES.lastIndex = end;
    const line = text.slice(start, end);
    const decoded = decodeEscapes(line);
    const spans: Array<SecretSpan & { kind: string }> = [];
    for (const candidate of scanCandidates(decoded.text))
      for (const index of candidate.rules) {
        const rule = SECRET_RULES[index]!;
        for (const span of rule.find(decoded.text)) {
          const from = decoded.at[span.start]!;
          const to = decoded.at[span.end]!;
          if (!spans.some((known) => known.start < to && from < known.end))
            spans.push({ start: from, end: to, kind: rule.kind });
        }
      }
    if (spans.length === 0) continue;
    for (let nl = text.indexOf('\n', counted); nl !== -1 && nl < start; nl = text.indexOf('\n', nl + 1)) lineNumber++;
    counted = start;
    spans.sort((a, b) => b.start - a.start);
    const redacted = applySpans(line, spans);
    for (const span of spans) findings.push({ kind: span.kind, line: lineNumber });
    out += text.slice(copied, start) + redacted;
    copied = end;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** Replaces each secret value in `text` with `[REDACTED:<kind>]`, keeping the rest of its line and the line count. */
export function redactSecrets(text: string): RedactionResult {
  const findings: SecretFinding[] = [];
  let current = text;
  const across = redactAcrossLines(text, SECRET_RULES);
  if (across !== undefined) {
    current = across.text;
    for (const finding of across.findings) findings.push({ kind: finding.kind, line: finding.index + 1 });
  }
  current = redactCandidateLines(current, findings);
  current = redactEscapedLines(current, findings);
  findings.sort((a, b) => a.line - b.line);
  return { text: current, findings };
}

/** Redacts one file's diff text; a secrets file (by its path, or its path before a rename) is withheld entirely. */
export function redactFileDiffText(options: {
  path: string;
  oldPath?: string;
  text: string;
}): RedactionResult & { withheld: boolean } {
  const { path, oldPath, text } = options;
  if (isSecretFile(path) || (oldPath !== undefined && isSecretFile(oldPath))) {
    return { text: `[content withheld: ${path} looks like a secrets file]`, findings: [], withheld: true };
  }
  return { ...redactSecrets(text), withheld: false };
}

/**
 * Where finding `line` (1-based in a file's diff text) is in the file: `+12` for line 12 of the new version (an added
 * or context line), `-7` for a removed line 7 of the old one, `header` for the diff's own header lines.
 */
export function placeInFile(text: string, line: number): string {
  let newLine = 0;
  let oldLine = 0;
  let inHunk = false;
  let index = 0;
  for (let at = 0, number = 1; number <= line && at <= text.length; number++) {
    const next = text.indexOf('\n', at);
    const current = text.slice(at, next === -1 ? text.length : next);
    at = next === -1 ? text.length + 1 : next + 1;
    index = number;
    const hunk = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(current);
    if (hunk !== null) {
      oldLine = Number(hunk[1]) - 1;
      newLine = Number(hunk[2]) - 1;
      inHunk = true;
      if (number === line) return 'hunk header';
      continue;
    }
    if (!inHunk) {
      if (number === line) return 'header';
      continue;
    }
    const prefix = diffPrefix(current);
    if (prefix === '-') oldLine++;
    else if (prefix === '+') newLine++;
    else if (prefix === ' ') {
      oldLine++;
      newLine++;
    }
    if (number === line) return prefix === '-' ? `-${oldLine}` : `+${newLine}`;
  }
  return `line ${index}`;
}

/** A file name, a commit subject or any one-line text without secrets, and where in it they were. */
export function redactName(text: string): { text: string; kinds: string[] } {
  const { text: redacted, findings } = redactSecrets(text);
  return { text: redacted, kinds: findings.map((finding) => finding.kind) };
}

/** One line per redaction, for `--debug`: `redacted github-token at src/app.ts +12`. */
export function describeRedactions(redactions: readonly Redaction[]): string {
  return redactions.map((redaction) => `redacted ${redaction.kind} at ${redaction.place}`).join('\n');
}

/** A commit message with no secret in it: the offline engine writes subjects from file names, which may hold one. */
export function redactMessage<T extends { subject: string; scope?: string; body?: string }>(message: T): T {
  const clean = { ...message, subject: redactName(message.subject).text };
  if (message.scope !== undefined) clean.scope = redactName(message.scope).text;
  if (message.body !== undefined) clean.body = redactSecrets(message.body).text;
  return clean;
}
