// Which rules could match which lines, in one pass over the text. A rule's hint that stands for a finite set of
// literals (`akia|asia`, `gh[pousr]_`, `-us\d`: all but a few) becomes keywords of one Aho-Corasick automaton, as
// gitleaks does; a hint with a repetition (`sk[0-9a-f]{32}`) runs as its own regex. Hints are case-insensitive.
// Why an automaton: V8 runs the rules' hints as one alternation at ~27 ms per MB and the automaton at ~3 ms
// (`npm run bench:redact`), and it names the rules each line needs, so no rule's hint is tested again per line.

/** A line some rule could match: [start, end) in the text, and those rules' indexes, ascending. */
export interface CandidateLine {
  start: number;
  end: number;
  rules: number[];
}

const MAX_KEYWORDS_PER_HINT = 256;
const DIGITS = [...'0123456789'];

/** The literals a hint stands for, lower-cased, or undefined when it is no finite set of short literals. */
export function keywordsOf(hint: string): string[] | undefined {
  let at = 0;
  const fail = (): never => {
    throw new RangeError(hint);
  };
  const cross = (left: string[], right: string[]): string[] => {
    if (left.length * right.length > MAX_KEYWORDS_PER_HINT) fail();
    return left.flatMap((a) => right.map((b) => a + b));
  };
  const escaped = (char: string): string[] =>
    char === 'd' ? DIGITS : /[\\./\-_~:=+*?()[\]{}|^$#@!%&'"`,;<> ]/.test(char) ? [char] : fail();
  const charClass = (): string[] => {
    const chars: string[] = [];
    if (hint[at] === '^') fail();
    while (at < hint.length && hint[at] !== ']') {
      const char = hint[at++]!;
      if (char === '\\') {
        chars.push(...escaped(hint[at++] ?? fail()));
        continue;
      }
      if (hint[at] === '-' && hint[at + 1] !== undefined && hint[at + 1] !== ']') {
        const last = hint[at + 1]!;
        at += 2;
        for (let code = char.charCodeAt(0); code <= last.charCodeAt(0); code++) chars.push(String.fromCharCode(code));
        continue;
      }
      chars.push(char);
    }
    if (hint[at++] !== ']') fail();
    return chars;
  };
  const atom = (): string[] => {
    const char = hint[at++]!;
    if (char === '(') {
      if (hint.startsWith('?:', at)) at += 2;
      else if (hint[at] === '?') fail(); // a lookaround or a named group
      const inner = alternation();
      if (hint[at++] !== ')') fail();
      return inner;
    }
    if (char === '[') return charClass();
    if (char === '\\') return escaped(hint[at++] ?? fail());
    if ('.*+{}^$)]|?'.includes(char)) fail();
    return [char];
  };
  const sequence = (): string[] => {
    let words = [''];
    while (at < hint.length && hint[at] !== '|' && hint[at] !== ')') {
      const options = atom();
      if (hint[at] === '?') {
        at++;
        options.push('');
      }
      if (hint[at] === '*' || hint[at] === '+' || hint[at] === '{') fail();
      words = cross(words, options);
    }
    return words;
  };
  function alternation(): string[] {
    const words = sequence();
    while (hint[at] === '|') {
      at++;
      words.push(...sequence());
      if (words.length > MAX_KEYWORDS_PER_HINT) fail();
    }
    return words;
  }
  try {
    const words = alternation();
    if (at !== hint.length) fail();
    const lower = [...new Set(words.map((word) => word.toLowerCase()))];
    // An empty keyword would make every line a candidate; a non-ASCII one is beyond the automaton's alphabet.
    return lower.some((word) => word === '' || /[^\x20-\x7e]/.test(word)) ? undefined : lower;
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

interface Automaton {
  /** Character code (< 128) to its column in `next`; 0 for every character no keyword has. Letters are folded. */
  column: Uint8Array;
  columns: number;
  /** Transitions, `next[state + column]`, with states numbered in steps of `columns` (no multiplication per character). */
  next: Int32Array;
  /** The rules whose keyword ends in each state (indexed by state / columns), or undefined. */
  found: (number[] | undefined)[];
  /** 1 at `next`'s numbering where `found` has rules: a typed-array test per character keeps the loop fast. */
  ends: Uint8Array;
}

function buildAutomaton(keywords: ReadonlyArray<{ word: string; rule: number }>): Automaton {
  const column = new Uint8Array(128);
  let columns = 1;
  for (const { word } of keywords)
    for (const char of word) {
      const code = char.charCodeAt(0);
      if (column[code] === 0) column[code] = columns++;
    }
  for (let code = 65; code <= 90; code++) column[code] = column[code + 32]!;
  // The trie: each state's children as [column, child] pairs. It runs once per process, before the JIT warms up, so
  // the work per state is kept to a native row copy below (a loop over every column took 7 ms of CPU, this 3.5).
  const children: number[][] = [[]];
  const found: (number[] | undefined)[] = [undefined];
  for (const { word, rule } of keywords) {
    let state = 0;
    for (const char of word) {
      const col = column[char.charCodeAt(0)]!;
      const pairs = children[state]!;
      let child = -1;
      for (let k = 0; k < pairs.length; k += 2) if (pairs[k] === col) child = pairs[k + 1]!;
      if (child === -1) {
        child = children.length;
        pairs.push(col, child);
        children.push([]);
        found.push(undefined);
      }
      state = child;
    }
    found[state] = [...(found[state] ?? []), rule];
  }
  // Failure links breadth-first, every transition filled in (a DFA: one lookup per character): a state's row is
  // its failure state's row with its own children written over it.
  const next = new Int32Array(children.length * columns);
  const queue: number[] = [];
  for (let k = 0; k < children[0]!.length; k += 2) {
    next[children[0]![k]!] = children[0]![k + 1]! * columns;
    queue.push(children[0]![k + 1]!, 0);
  }
  for (let head = 0; head < queue.length; head += 2) {
    const state = queue[head]!;
    const fallback = queue[head + 1]!;
    if (found[fallback] !== undefined) found[state] = [...(found[state] ?? []), ...found[fallback]!];
    next.copyWithin(state * columns, fallback * columns, fallback * columns + columns);
    const pairs = children[state]!;
    for (let k = 0; k < pairs.length; k += 2) {
      const col = pairs[k]!;
      const child = pairs[k + 1]!;
      queue.push(child, next[fallback * columns + col]! / columns);
      next[state * columns + col] = child * columns;
    }
  }
  const ends = new Uint8Array(next.length);
  found.forEach((rules, state) => (ends[state * columns] = rules === undefined ? 0 : 1));
  return { column, columns, next, found, ends };
}

/** keywordsOf's answers stored ahead, by hint (null: no finite set); see scripts/gen-secret-keywords.ts. */
export type StoredKeywords = Readonly<Record<string, readonly string[] | null>>;

/**
 * A scanner for these hints (regex sources, matched case-insensitively); rule indexes are the hints' positions. A hint
 * in `stored` is not parsed again: keywordsOf over the secret rules' hints took ~2 ms of CPU at each run's start.
 */
export function createKeywordScanner(
  hints: readonly string[],
  stored: StoredKeywords = {},
): (text: string) => CandidateLine[] {
  const keywords: { word: string; rule: number }[] = [];
  const patterns: { regex: RegExp; rule: number }[] = [];
  hints.forEach((hint, rule) => {
    const words = Object.hasOwn(stored, hint) ? (stored[hint] ?? undefined) : keywordsOf(hint);
    if (words === undefined) patterns.push({ regex: new RegExp(hint, 'gi'), rule });
    else for (const word of words) keywords.push({ word, rule });
  });
  const automaton = buildAutomaton(keywords);
  // The regex hints as one alternation finds their lines in one pass (four passes took ~2.4 ms per MB, this ~1.8).
  const anyPattern = new RegExp(patterns.map(({ regex }) => `(?:${regex.source})`).join('|'), 'gi');
  return (text) => {
    const lines = scanKeywords(text, automaton);
    return patterns.length === 0 ? lines : addPatternLines(text, lines, anyPattern, patterns);
  };
}

function scanKeywords(text: string, { column, columns, next, found, ends }: Automaton): CandidateLine[] {
  const lines: CandidateLine[] = [];
  let rules: number[] | undefined;
  let lineStart = 0;
  let state = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) {
      if (rules !== undefined) {
        lines.push({ start: lineStart, end: i, rules: ruleSet(rules) });
        rules = undefined;
      }
      lineStart = i + 1;
      state = 0;
      continue;
    }
    state = next[state + (code < 128 ? column[code]! : 0)]!;
    if (ends[state] === 1) (rules ??= []).push(...found[state / columns]!);
  }
  if (rules !== undefined) lines.push({ start: lineStart, end: text.length, rules: ruleSet(rules) });
  return lines;
}

const ruleSet = (rules: number[]): number[] => (rules.length === 1 ? rules : [...new Set(rules)].sort((a, b) => a - b));

/** The lines the regex hints match, merged into the automaton's (one entry per line, in text order). */
function addPatternLines(
  text: string,
  lines: CandidateLine[],
  anyPattern: RegExp,
  patterns: ReadonlyArray<{ regex: RegExp; rule: number }>,
): CandidateLine[] {
  let byStart: Map<number, CandidateLine> | undefined; // built at the first match: most texts have none
  let added = false;
  anyPattern.lastIndex = 0;
  for (let match = anyPattern.exec(text); match !== null; match = anyPattern.exec(text)) {
    const start = text.lastIndexOf('\n', match.index) + 1;
    const newline = text.indexOf('\n', match.index);
    const end = newline === -1 ? text.length : newline;
    const content = text.slice(start, end);
    byStart ??= new Map(lines.map((line) => [line.start, line]));
    for (const { regex, rule } of patterns) {
      regex.lastIndex = 0;
      if (!regex.test(content)) continue;
      const line = byStart.get(start);
      if (line === undefined) {
        byStart.set(start, { start, end, rules: [rule] });
        added = true;
      } else if (!line.rules.includes(rule)) line.rules = [...line.rules, rule].sort((a, b) => a - b);
    }
    anyPattern.lastIndex = end + 1; // the line is a candidate: the rest of it needs no more looking at
  }
  return added && byStart !== undefined ? [...byStart.values()].sort((a, b) => a.start - b.start) : lines;
}
