// Secrets assembled from string literals by a call rather than an operator: `["ghp_", "…"].join("")`, Python's
// `"".join([…])`, Go's `strings.Join([]string{…}, "")`, `"ghp_".concat("…")`, and a template of literal pieces
// (`${'ghp_'}${'…'}`). The pieces are joined as the code would, scanned as one value, and each piece a secret spans is
// redacted (split-values.ts does the same for `+`, `.`, `||` and juxtaposition).
import { diffPrefix, type LineFinding } from './key-material.js';
import type { SecretRule } from './rule.js';
import { redactPieces, runHead, scan } from './split-values.js';
import { isBlankCode, linesAt, offsetsOf } from './text-lines.js';

interface Piece {
  index: number;
  start: number;
  end: number;
}

/** One string literal at a position, its body bounded (a piece of a secret is short; an unclosed quote costs no more). */
const LITERAL_AT = /(["'`])((?:\\.|(?!\1)[^\\\n]){0,1024})\1/y;
const SPACE_AT = /[^\S\n]*/y;
const JS_JOIN = /\]\s*\.join\(\s*(?:""|''|``)\s*\)/g;
const PY_JOIN = /(?:""|'')\s*\.join\(\s*([[(])/g;
const GO_JOIN = /\bstrings\.Join\(\s*\[\]string\{/g;
const CONCAT = /(["'`])((?:\\.|(?!\1)[^\\\n]){0,1024})\1\s*\.concat\(/g;
const TEMPLATE = /`((?:\\.|[^\\`\n]){0,4096})`/g;
/** A template expression that is a literal: without one, a template's text is one piece. */
const LITERAL_EXPRESSION = /\$\{[^\S\n]*["'`]/;
const TEMPLATE_LITERAL = /\$\{\s*(["'`])((?:\\.|(?!\1)[^\\\n]){0,1024})\1\s*\}/y;
/** Lines an array of pieces may run over, and the `[` tried as its start on a join's line. */
const MAX_ROWS = 30;
const MAX_OPENINGS = 8;

export const mayHoldJoinedLiterals = (text: string): boolean =>
  text.includes('.join(') || text.includes('Join(') || text.includes('.concat(') || text.includes('${');

/** The lines with a join, a concat or a template expression that is a literal: the lines the pass looks at. */
function markedLines(text: string): number[] {
  const literalAfter = (at: number): boolean => {
    let next = at + 2;
    while (isBlankCode(text.charCodeAt(next))) next++;
    const code = text.charCodeAt(next);
    return code === 0x22 || code === 0x27 || code === 0x60;
  };
  return linesAt(text, [
    ...offsetsOf(text, '.join('),
    ...offsetsOf(text, 'Join('),
    ...offsetsOf(text, '.concat('),
    ...offsetsOf(text, '${', literalAfter),
  ]);
}

/**
 * Reads literals separated by commas from `col` of line `row` up to `close`, across lines (skipping the other side of
 * the diff); the pieces and where after `close` it stopped, or undefined when anything else stands between them.
 */
function readLiteralList(
  lines: string[],
  row: number,
  col: number,
  close: string,
): { pieces: Piece[]; row: number; col: number } | undefined {
  const side = diffPrefix(lines[row] ?? '');
  const pieces: Piece[] = [];
  let expectLiteral = true;
  for (let r = row, c = col; r < lines.length && r <= row + MAX_ROWS;) {
    const line = lines[r] ?? '';
    SPACE_AT.lastIndex = c;
    SPACE_AT.test(line);
    c = SPACE_AT.lastIndex;
    if (c >= line.length) {
      // The list goes on at the next line of the same side.
      for (r++; r < lines.length; r++) {
        const next = lines[r] ?? '';
        if (next.startsWith('@@') || next.startsWith('diff --git ')) return undefined;
        const prefix = diffPrefix(next);
        if (prefix === ' ' || prefix === side || side === ' ') break;
      }
      c = diffPrefix(lines[r] ?? '').length;
      continue;
    }
    const char = line[c];
    if (char === close && (pieces.length > 0 || !expectLiteral)) return { pieces, row: r, col: c + 1 };
    if (expectLiteral) {
      LITERAL_AT.lastIndex = c;
      const literal = LITERAL_AT.exec(line);
      if (literal === null || (literal[1] === '`' && literal[2]!.includes('${'))) return undefined;
      pieces.push({ index: r, start: c + 1, end: c + literal[0].length - 1 });
      c += literal[0].length;
      expectLiteral = false;
    } else if (char === ',') {
      c++;
      expectLiteral = true;
    } else return undefined;
  }
  return undefined;
}

/** Each run of literals a join on line `i` makes, with the code before it (a name there judges the value). */
function joinedRuns(lines: string[], i: number): Array<{ head: string; pieces: Piece[] }> {
  const line = lines[i] ?? '';
  const runs: Array<{ head: string; pieces: Piece[] }> = [];
  const prefix = diffPrefix(line).length;
  if (line.includes('.join(')) {
    for (const join of line.matchAll(JS_JOIN)) {
      // The array's `[`: the nearest that reads as a list of literals ending at this `]`.
      let tried = 0;
      search: for (let k = i; k >= 0 && k >= i - MAX_ROWS && tried < MAX_OPENINGS; k--) {
        const opening = lines[k] ?? '';
        if (k < i && (opening.startsWith('@@') || opening.startsWith('diff --git '))) break;
        for (
          let at = opening.lastIndexOf('[', k === i ? join.index : opening.length);
          at !== -1 && tried < MAX_OPENINGS;
          at = at === 0 ? -1 : opening.lastIndexOf('[', at - 1)
        ) {
          tried++;
          const list = readLiteralList(lines, k, at + 1, ']');
          if (list === undefined || list.row !== i || list.col !== join.index + 1) continue;
          runs.push({ head: opening.slice(diffPrefix(opening).length, at), pieces: list.pieces });
          break search;
        }
      }
    }
    for (const join of line.matchAll(PY_JOIN)) {
      const list = readLiteralList(lines, i, join.index + join[0].length, join[1] === '[' ? ']' : ')');
      if (list !== undefined) runs.push({ head: line.slice(prefix, join.index), pieces: list.pieces });
    }
  }
  if (line.includes('Join(')) {
    for (const join of line.matchAll(GO_JOIN)) {
      const list = readLiteralList(lines, i, join.index + join[0].length, '}');
      const after = list === undefined ? '' : (lines[list.row] ?? '').slice(list.col);
      if (list !== undefined && /^\s*,\s*(?:""|``)\s*\)/.test(after))
        runs.push({ head: line.slice(prefix, join.index), pieces: list.pieces });
    }
  }
  if (line.includes('.concat(')) {
    for (const first of line.matchAll(CONCAT)) {
      const pieces: Piece[] = [{ index: i, start: first.index + 1, end: first.index + 1 + first[2]!.length }];
      let list = readLiteralList(lines, i, first.index + first[0].length, ')');
      while (list !== undefined) {
        pieces.push(...list.pieces);
        const rest = (lines[list.row] ?? '').slice(list.col);
        const chained = /^\s*\.concat\(/.exec(rest);
        list = chained === null ? undefined : readLiteralList(lines, list.row, list.col + chained[0].length, ')');
      }
      if (pieces.length > 1) runs.push({ head: line.slice(prefix, first.index), pieces });
    }
  }
  if (line.includes('${') && LITERAL_EXPRESSION.test(line)) runs.push(...templateRuns(line, i, prefix));
  return runs;
}

/** The runs of a template's text and literal expressions (`${'ghp_'}${'…'}`); any other expression ends a run. */
function templateRuns(line: string, i: number, prefix: number): Array<{ head: string; pieces: Piece[] }> {
  const runs: Array<{ head: string; pieces: Piece[] }> = [];
  for (const template of line.matchAll(TEMPLATE)) {
    const body = template[1]!;
    if (!body.includes('${')) continue;
    const from = template.index + 1;
    const head = line.slice(prefix, template.index);
    let pieces: Piece[] = [];
    const flush = () => {
      if (pieces.length > 1) runs.push({ head, pieces });
      pieces = [];
    };
    let text = from;
    for (let at = line.indexOf('${', from); at !== -1 && at < from + body.length; at = line.indexOf('${', text)) {
      if (at > text) pieces.push({ index: i, start: text, end: at });
      TEMPLATE_LITERAL.lastIndex = at;
      const literal = TEMPLATE_LITERAL.exec(line);
      if (literal === null) {
        flush();
        const end = line.indexOf('}', at);
        text = end === -1 || end > from + body.length ? from + body.length : end + 1;
        continue;
      }
      const quote = literal[0].indexOf(literal[1]!);
      pieces.push({ index: i, start: at + quote + 1, end: at + quote + 1 + literal[2]!.length });
      text = at + literal[0].length;
    }
    if (text < from + body.length) pieces.push({ index: i, start: text, end: from + body.length });
    flush();
  }
  return runs;
}

export function redactJoinedLiterals(
  lines: string[],
  findings: LineFinding[],
  rules: readonly SecretRule[],
  text: string,
): void {
  for (const i of markedLines(text)) {
    const line = lines[i] ?? '';
    if (line.startsWith('@@') || line.startsWith('diff --git ')) continue;
    // A redaction moves what follows it on its lines: the runs are read again after each one that redacts.
    for (let again = true, rounds = 0; again && rounds < 8; rounds++) {
      again = false;
      for (const run of joinedRuns(lines, i)) {
        // Scanned as `<head>"<joined>"`, so a secret-like name before the run judges the whole value.
        let joined = `${runHead(run.head)}"`;
        const offsets: number[] = [];
        for (const piece of run.pieces) {
          offsets.push(joined.length);
          joined += (lines[piece.index] ?? '').slice(piece.start, piece.end);
        }
        const before = findings.length;
        redactPieces(lines, run.pieces, scan(`${joined}"`, rules), offsets, findings);
        if (findings.length > before) {
          again = true;
          break;
        }
      }
    }
  }
}
