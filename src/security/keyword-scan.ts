// Which rules could match which lines, in one pass over the text. A rule's hint that stands for a finite set of
// literals (`akia|asia`, `gh[pousr]_`, `-us\d`: all but a few) becomes keywords of one Aho-Corasick automaton, as
// gitleaks does; a hint with a repetition (`sk[0-9a-f]{32}`) runs as its own regex. Hints are case-insensitive.
// Why an automaton: V8 runs the rules' hints as one alternation at ~27 ms per MB and the automaton at ~3 ms
// (`npm run bench:redact`), and it names the rules each line needs, so no rule's hint is tested again per line.
// One regex form is read by the automaton too: a flag's name, `-` then a secret word in one run of name characters
// (`(?<![\w.-])[\w.]*-[\w.-]*(?:pass|…)`). As a regex it cost ~16 ms per MB of code, tried at every run's start; as
// keywords, each secret word found is checked for a `-` before it in its run, each character looked at once.

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
  /**
   * At `next`'s numbering: bit 1 where `found` has rules, bit 2 where a dashed hint's word ends (see `dashed`); a
   * typed-array test per character keeps the loop fast.
   */
  ends: Uint8Array;
  /** Per state (indexed by state / columns): the dashed hint's rule and the length of its word that ends there. */
  dashed: ({ rule: number; length: number } | undefined)[];
}

/** A keyword; `dashed`: it counts only after a `-` in its run of name characters (see DASHED_HINT). */
interface Keyword {
  word: string;
  rule: number;
  dashed?: boolean;
}

function buildAutomaton(keywords: readonly Keyword[]): Automaton {
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
  const dashed: ({ rule: number; length: number } | undefined)[] = [undefined];
  for (const { word, rule, dashed: onlyDashed } of keywords) {
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
        dashed.push(undefined);
      }
      state = child;
    }
    if (onlyDashed) dashed[state] = { rule, length: word.length };
    else found[state] = [...(found[state] ?? []), rule];
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
    dashed[state] ??= dashed[fallback]; // no dashed word ends another (createKeywordScanner checks)
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
  found.forEach((rules, state) => (ends[state * columns] = (rules === undefined ? 0 : 1) | (dashed[state] ? 2 : 0)));
  return { column, columns, next, found, ends, dashed };
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
  const keywords: Keyword[] = [];
  const patterns: { regex: RegExp; rule: number }[] = [];
  const wordsOf = (hint: string) => (Object.hasOwn(stored, hint) ? (stored[hint] ?? undefined) : keywordsOf(hint));
  let dashedHints = 0;
  hints.forEach((hint, rule) => {
    const dashedWords = dashedWordsOf(hint, wordsOf);
    if (dashedWords !== undefined && dashedHints++ === 0) {
      for (const word of dashedWords) keywords.push({ word, rule, dashed: true });
      return;
    }
    const words = wordsOf(hint);
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

const DASHED_HINT = /^\(\?<!\[\\w\.-\]\)\[\\w\.\]\*-\[\\w\.-\]\*\(\?:([^()]+)\)$/;

/**
 * The words of a hint `(?<![\w.-])[\w.]*-[\w.-]*(?:words)`, or undefined for any other hint. Such a hint matches a
 * line exactly where one of its words (all name characters) comes after a `-` in the same run of `[\w.-]`: the run
 * holds the match, and its first `-` is the one `[\w.]*-` stops at. So each word found is kept when a `-` comes before
 * it in its run (dashBefore). Only words of which none ends another qualify (one per automaton state).
 */
function dashedWordsOf(hint: string, wordsOf: (hint: string) => readonly string[] | undefined): string[] | undefined {
  const inner = DASHED_HINT.exec(hint)?.[1];
  const words = inner === undefined ? undefined : wordsOf(inner);
  if (words === undefined || words.some((word) => !/^\w+$/.test(word))) return undefined;
  return words.some((word) => words.some((other) => other !== word && other.endsWith(word))) ? undefined : [...words];
}

/** `[\w.]`: a name character other than `-` (ASCII only, as `\w` without the u flag). */
const NAME_CHAR = new Uint8Array(128);
for (let code = 0; code < 128; code++) NAME_CHAR[code] = /[\w.]/.test(String.fromCharCode(code)) ? 1 : 0;

function scanKeywords(text: string, { column, columns, next, found, ends, dashed }: Automaton): CandidateLine[] {
  const lines: CandidateLine[] = [];
  let rules: number[] | undefined;
  let lineStart = 0;
  let state = 0;
  // The dashed hint: whether this line has it, and [clearFrom, clearTo): name characters without a `-`, from a run's
  // start (the character before clearFrom is none), so that each character is looked at once however many words.
  let dashedFound = false;
  let clearFrom = 0;
  let clearTo = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) {
      if (rules !== undefined) {
        lines.push({ start: lineStart, end: i, rules: ruleSet(rules) });
        rules = undefined;
      }
      lineStart = i + 1;
      state = 0;
      dashedFound = false;
      continue;
    }
    state = next[state + (code < 128 ? column[code]! : 0)]!;
    const end = ends[state]!;
    if (end === 0) continue;
    if ((end & 1) !== 0) (rules ??= []).push(...found[state / columns]!);
    if ((end & 2) !== 0 && !dashedFound) {
      const { rule, length } = dashed[state / columns]!;
      const wordStart = i + 1 - length;
      // Back from the word over name characters: a `-` keeps it, anything else (or the line's start) ends the run.
      let at = wordStart - 1;
      let dash = false;
      for (; at >= lineStart; at--) {
        if (at < clearTo && at >= clearFrom) break; // the rest of the run is known to hold no `-`
        const before = text.charCodeAt(at);
        if (before === 45) {
          dash = true;
          break;
        }
        if (before >= 128 || NAME_CHAR[before] === 0) {
          clearFrom = at + 1;
          break;
        }
      }
      if (at < lineStart) clearFrom = lineStart;
      if (dash) {
        dashedFound = true;
        (rules ??= []).push(rule);
      } else clearTo = wordStart;
    }
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
