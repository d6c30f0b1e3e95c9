// Secrets cut in pieces: string literals joined by `+`, `.`, `..`, SQL's `||`, a backslash or juxtaposition (on one line or across lines), and
// values continued on the next line with a backslash. The pieces are joined, scanned as one line, and every piece a
// secret overlaps is redacted.
import type { LineFinding } from './key-material.js';
import { diffPrefix, marker } from './key-material.js';
import { createKeywordScanner, type CandidateLine } from './keyword-scan.js';
import type { SecretRule } from './rule.js';
import STORED_KEYWORDS from './secret-keywords.json' with { type: 'json' };
import { stringLiteralBounds } from './string-literals.js';

interface Piece {
  index: number;
  start: number;
  end: number;
}

/** `\s`, as a regex reads it. */
const isSpaceCode = (code: number): boolean =>
  code === 0x20 || (code >= 0x09 && code <= 0x0d) || (code > 0x7f && /\s/.test(String.fromCharCode(code)));

/**
 * Whether `line.slice(from, to)` is what may stand between joined literals (`/^\s*(?:(?:\+|\.\.?|&|\|\||\\)\s*)?$/`):
 * blanks, at most one join operator, blanks. Read in place: a slice and a regex for each literal of a line of many
 * (256 KB of `'`, 128 Ki literals) cost ~20 ms with the objects that held them.
 */
export function isJoin(line: string, from: number, to: number): boolean {
  let at = from;
  while (at < to && isSpaceCode(line.charCodeAt(at))) at++;
  if (at === to) return true;
  const code = line.charCodeAt(at);
  const next = at + 1 < to ? line.charCodeAt(at + 1) : -1;
  if (code === 0x2b || code === 0x26 || code === 0x5c) at++;
  else if (code === 0x2e) at += next === 0x2e ? 2 : 1;
  else if (code === 0x7c && next === 0x7c) at += 2;
  else return false;
  while (at < to && isSpaceCode(line.charCodeAt(at))) at++;
  return at === to;
}
/** A line that may continue into the next: it ends with a literal (and maybe a join operator), or a backslash. */
const CONTINUES = /["'`]\s*(?:(?:\+|\.\.?|&|\|\||\\)\s*)?$|\\$/;
const LITERAL_THEN_BACKSLASH = /["'`]\s*\\$/;
const INLINE_JOIN = /["'`]\s*(?:\+|\.\.?|\|\|)\s*["'`]/;

/**
 * A line's literals from `from` on, as stringLiteralBounds finds them ([open, past close, …]); the text between
 * literal k and the one before it (or `from`) is its "before", between it and the next (or the line's end) its "after".
 */
class Literals {
  private readonly bounds: number[];
  readonly length: number;
  constructor(
    readonly line: string,
    private readonly from: number,
  ) {
    this.bounds = stringLiteralBounds(line, from);
    this.length = this.bounds.length / 2;
  }
  /** The piece of literal k: its body. */
  piece(index: number, k: number): Piece {
    return { index, start: this.bounds[2 * k]! + 1, end: this.bounds[2 * k + 1]! - 1 };
  }
  joinedBefore(k: number): boolean {
    return isJoin(this.line, k === 0 ? this.from : this.bounds[2 * k - 1]!, this.bounds[2 * k]!);
  }
  joinedAfter(k: number): boolean {
    return isJoin(this.line, this.bounds[2 * k + 1]!, k + 1 < this.length ? this.bounds[2 * k + 2]! : this.line.length);
  }
}

/** The runs of joined literals starting on line `i` (and the lines they continue onto). */
function literalRuns(lines: string[], i: number): Array<{ head: string; pieces: Piece[] }> {
  const runs: Array<{ head: string; pieces: Piece[] }> = [];
  const line = lines[i] ?? '';
  const prefix = diffPrefix(line);
  const literals = new Literals(line, prefix.length);
  let k = 0;
  while (k < literals.length) {
    const first = literals.piece(i, k);
    const pieces: Piece[] = [first];
    let last = literals; // the run's last literal: `last`'s number `lastK`
    let lastK = k;
    k++;
    while (k < literals.length && literals.joinedBefore(k)) {
      lastK = k;
      pieces.push(literals.piece(i, k));
      k++;
    }
    // Across lines: the run's last literal ends its line (but for a join operator), and the next line of the same
    // side starts with a literal (after a join operator, or none: juxtaposed literals, as in Python or C).
    let row = i;
    while (k === literals.length && last.joinedAfter(lastK) && row + 1 < lines.length) {
      const next = lines[row + 1] ?? '';
      const nextPrefix = diffPrefix(next);
      if ((prefix === '-') !== (nextPrefix === '-')) break;
      const following = new Literals(next, nextPrefix.length);
      if (following.length === 0 || !following.joinedBefore(0)) break;
      row++;
      let m = 0;
      do {
        last = following;
        lastK = m;
        pieces.push(following.piece(row, m));
        m++;
      } while (m < following.length && following.joinedBefore(m));
      if (m < following.length) break;
    }
    if (pieces.length > 1) runs.push({ head: line.slice(prefix.length, first.start - 1), pieces });
  }
  return runs;
}

/** How much of the code before a run is scanned with it: the name and operator a secret's value follows. */
const HEAD_LIMIT = 128;

/**
 * The code before a run as it is scanned with the run: its last 512 characters, a `\0` standing for the rest (where no
 * rule's `^` matches). The whole line before each run, scanned with it, made a line of many runs quadratic (20 KB of
 * `", '` took 1.6 s).
 */
export const runHead = (head: string): string => (head.length <= HEAD_LIMIT ? head : `\0${head.slice(-HEAD_LIMIT)}`);

/** Redacts, in each piece a span overlaps with another piece, the part the span covers. */
export function redactPieces(
  lines: string[],
  pieces: Piece[],
  spans: Array<{ start: number; end: number; kind: string }>,
  offsets: number[],
  findings: LineFinding[],
): void {
  // Per piece, the part a secret covers (in the piece's own coordinates) and the secret's kind.
  const hit = new Map<number, { from: number; to: number; kind: string }>();
  // The pieces a span overlaps, from the first that ends after its start (the offsets ascend): a filter of every
  // piece for each span was quadratic in a run of many pieces with a secret in each.
  const ends = pieces.map((piece, p) => offsets[p]! + (piece.end - piece.start));
  for (const span of spans) {
    let low = 0;
    for (let high = pieces.length; low < high;) {
      const middle = (low + high) >> 1;
      if (ends[middle]! > span.start) high = middle;
      else low = middle + 1;
    }
    const touched: number[] = [];
    for (let p = low; p < pieces.length && offsets[p]! < span.end; p++) if (ends[p]! > span.start) touched.push(p);
    if (touched.length < 2) continue; // a secret within one piece is found by the line scan
    for (const p of touched) {
      const length = pieces[p]!.end - pieces[p]!.start;
      const from = Math.max(0, span.start - offsets[p]!);
      const to = Math.min(length, span.end - offsets[p]!);
      const known = hit.get(p);
      hit.set(
        p,
        known
          ? { from: Math.min(known.from, from), to: Math.max(known.to, to), kind: known.kind }
          : { from, to, kind: span.kind },
      );
    }
  }
  // Right to left, so earlier offsets on the same line stay valid.
  for (const p of [...hit.keys()].sort((a, b) => b - a)) {
    const piece = pieces[p]!;
    const { from, to, kind } = hit.get(p)!;
    const line = lines[piece.index] ?? '';
    lines[piece.index] = line.slice(0, piece.start + from) + marker(kind) + line.slice(piece.start + to);
    findings.push({ kind, index: piece.index });
  }
}

const scanners = new WeakMap<readonly SecretRule[], (text: string) => CandidateLine[]>();

/**
 * The spans every rule finds in `text`, with their kinds (a rule runs only where its hint is). The hints are found
 * in one pass, as the line scan finds them: each hint's regex in turn cost ~120 passes over each run of pieces, 0.4 s
 * in a 256 KB line of `", '` (a run of two pieces in every 8 characters).
 */
export function scan(text: string, rules: readonly SecretRule[]): Array<{ start: number; end: number; kind: string }> {
  let scanner = scanners.get(rules);
  if (scanner === undefined)
    scanners.set(
      rules,
      (scanner = createKeywordScanner(
        rules.map((rule) => rule.hint),
        STORED_KEYWORDS,
      )),
    );
  const lines = scanner(text);
  // One line (a run's pieces hold no newline) names its rules in order; more are merged.
  const indexes =
    lines.length === 1 ? lines[0]!.rules : [...new Set(lines.flatMap((line) => line.rules))].sort((a, b) => a - b);
  const spans = [];
  for (const index of indexes) {
    const rule = rules[index]!;
    for (const span of rule.find(text)) spans.push({ ...span, kind: rule.kind });
  }
  return spans;
}

export function redactSplitValues(lines: string[], rules: readonly SecretRule[], findings: LineFinding[]): void {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.startsWith('@@') || line.startsWith('diff --git ')) continue;
    // A literal then a backslash (`"…" \` in Ruby, C, shell) is a join of literals, below; anything else, a value going on.
    if (line.endsWith('\\') && !LITERAL_THEN_BACKSLASH.test(line) && i + 1 < lines.length) {
      // `TOKEN=abc\` + `def`: the value goes on where the next line starts.
      const next = lines[i + 1] ?? '';
      const nextPrefix = diffPrefix(next);
      const indent = /^\s*/.exec(next.slice(nextPrefix.length))?.[0].length ?? 0;
      const pieces = [
        { index: i, start: diffPrefix(line).length, end: line.length - 1 },
        { index: i + 1, start: nextPrefix.length + indent, end: next.length },
      ];
      const joined = line.slice(pieces[0]!.start, pieces[0]!.end) + next.slice(pieces[1]!.start);
      redactPieces(lines, pieces, scan(joined, rules), [0, pieces[0]!.end - pieces[0]!.start], findings);
      continue;
    }
    if (!CONTINUES.test(line) && !INLINE_JOIN.test(line)) continue;
    for (const run of literalRuns(lines, i)) {
      // Scanned as `<head>"<joined>"`, so a secret-like name before the run judges the whole value.
      const quote = '"';
      const head = `${runHead(run.head)}${quote}`;
      let joined = head;
      const offsets: number[] = [];
      for (const piece of run.pieces) {
        offsets.push(joined.length);
        joined += (lines[piece.index] ?? '').slice(piece.start, piece.end);
      }
      redactPieces(lines, run.pieces, scan(`${joined}${quote}`, rules), offsets, findings);
    }
  }
}
