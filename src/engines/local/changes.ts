// Per-file facts the engine reasons with: role, symbols added/removed/touched, and what kind of lines changed.

import type { FileDiff } from '../../diff/types.js';
import { classifyRole, type FileRole } from '../../diff/classify.js';
import { extractSymbol, languageOf, symbolOfSection, type DeclaredSymbol } from './symbols.js';

export interface FileChange {
  file: FileDiff;
  role: FileRole;
  /** Declared on added lines and not on removed ones. */
  added: DeclaredSymbol[];
  /** Declared on removed lines and not on added ones. */
  removed: DeclaredSymbol[];
  /** Symbols whose bodies contain the changed lines (from hunk sections and declarations seen in context), most changed first, functions before types and constants. */
  touched: string[];
  /** Names newly re-exported (`export { a, b }`, `export * as c`, `pub use a::{b, c}`). */
  reexported: string[];
  /** Names no longer re-exported. */
  unexported: string[];
  addedLines: string[];
  removedLines: string[];
  /** The added lines outside the symbols this change declares anew: edits to existing code. */
  editedLines: string[];
  /** Every change only re-indents or re-wraps (quotes, semicolons and commas ignored). */
  formatOnly: boolean;
  /** Every changed non-blank line is a comment. */
  commentOnly: boolean;
  /** Every change is type-level: inside type or interface declarations, or in declaration files and type tests. */
  typeLevel: boolean;
}

const TYPE_FILES = /\.d\.[cm]?ts$|\.test-d\.tsx?$|(^|\/)(dts-tests?|test-dts|types?-tests?|__typetests__)\//;

const HASH_COMMENTS = /\.(py|rb|sh|bash|zsh|ya?ml|toml|pl|r|ex|exs|cmake|conf|ini|cfg)$|(^|\/)(Makefile|Dockerfile)/i;

export function describeFile(file: FileDiff): FileChange {
  const addedLines: string[] = [];
  const removedLines: string[] = [];
  // Each added line with the symbol declared on an added line that holds it (undefined: existing code).
  const addedIn: (string | undefined)[] = [];
  const touched = new Map<string, number>();
  const exportedNow = new Set<string>();
  const exportedBefore = new Set<string>();
  let typeLines = 0;
  let codeLines = 0;
  for (const hunk of file.hunks) {
    let current = symbolOfSection(hunk.section, file.path);
    let inType = extractSymbol(hunk.section, file.path)?.kind === 'type';
    let weight = inType ? 0.3 : 1;
    let exportBlock = /^export\s+(type\s+)?\{[^}]*$/.test(hunk.section);
    let declaredHere: { name: string; indent: number } | undefined;
    for (const line of hunk.lines) {
      const sign = line[0];
      const text = line.slice(1);
      if (sign === '\\') continue;
      const declaration = sign === '-' ? undefined : extractSymbol(text, file.path);
      const indent = text.search(/\S/);
      // A declaration on an added line opens a new symbol; a line of context no deeper than it closes it.
      if (sign === ' ' && declaredHere && indent >= 0 && indent <= declaredHere.indent) declaredHere = undefined;
      if (sign === '+' && declaration && (declaration.kind !== 'const' || indent === 0))
        declaredHere = { name: declaration.name, indent };
      if (sign === '+') {
        addedLines.push(text);
        addedIn.push(declaredHere?.name);
      } else if (sign === '-') removedLines.push(text);
      const exports = exportedNames(text, exportBlock);
      exportBlock = exports.open;
      for (const name of exports.names) {
        if (sign === '+') exportedNow.add(name);
        else if (sign === '-') exportedBefore.add(name);
      }
      const declared = sign === '-' ? undefined : declaration;
      if (declared && (declared.kind !== 'const' || !/^\s/.test(text))) {
        current = declared.name;
        inType = declared.kind === 'type';
        weight = inType || declared.kind === 'const' ? 0.3 : 1;
      }
      if ((sign === '+' || sign === '-') && text.trim()) {
        if (current) touched.set(current, (touched.get(current) ?? 0) + weight);
        if (inType || extractSymbol(text, file.path)?.kind === 'type') typeLines += 1;
        else codeLines += 1;
      }
    }
  }
  const addedSymbols = collectSymbols(addedLines, file.path);
  const removedSymbols = collectSymbols(removedLines, file.path);
  const addedNames = new Set(addedSymbols.map((symbol) => symbol.name));
  const removedNames = new Set(removedSymbols.map((symbol) => symbol.name));
  const hashComments = HASH_COMMENTS.test(file.path);
  const changed = [...addedLines, ...removedLines].filter((line) => line.trim());
  return {
    file,
    role: classifyRole(file.path, { binary: file.binary }),
    added: addedSymbols.filter((symbol) => !removedNames.has(symbol.name)),
    removed: removedSymbols.filter((symbol) => !addedNames.has(symbol.name)),
    touched: [...touched.entries()].sort((a, b) => b[1] - a[1]).map(([name]) => name),
    reexported: [...exportedNow].filter((name) => !exportedBefore.has(name)),
    unexported: [...exportedBefore].filter((name) => !exportedNow.has(name)),
    addedLines,
    removedLines,
    editedLines: addedLines.filter((_, index) => {
      const symbol = addedIn[index];
      return symbol === undefined || removedNames.has(symbol);
    }),
    // Blank lines count here: a change that only drops trailing spaces or empty lines is formatting.
    formatOnly: addedLines.length + removedLines.length > 0 && file.hunks.every((hunk) => isFormatOnly(hunk.lines)),
    commentOnly:
      changed.length > 0 &&
      (changed.every((line) => isComment(line, hashComments)) ||
        (PYTHON.test(file.path) && file.hunks.every((hunk) => docstringOnly(hunk.lines)))),
    typeLevel: TYPE_FILES.test(file.path) || (typeLines > 0 && codeLines === 0),
  };
}

/** Names a line re-exports, and whether a multi-line `export {` block is still open after it. */
function exportedNames(text: string, inBlock: boolean): { names: string[]; open: boolean } {
  const names = (list: string) =>
    list
      .split(',')
      .map(
        (item) =>
          item
            .trim()
            .replace(/^type\s+/, '')
            .split(/\s+as\s+/)
            .pop() ?? '',
      )
      .filter((name) => /^[A-Za-z_$][\w$]*$/.test(name));
  if (inBlock) {
    const close = text.indexOf('}');
    return { names: names(close >= 0 ? text.slice(0, close) : text), open: close < 0 };
  }
  const block = /^export\s+(?:type\s+)?\{([^}]*)(\})?/.exec(text);
  if (block) return { names: names(block[1] ?? ''), open: !block[2] };
  const star = /^export\s+\*\s+as\s+([\w$]+)/.exec(text) ?? /^\s*pub\s+use\s+[\w:]*::\{?([\w, ]+)\}?;/.exec(text);
  return { names: star ? names(star[1] ?? '') : [], open: false };
}

function collectSymbols(lines: string[], path: string): DeclaredSymbol[] {
  if (languageOf(path) === 'other') return [];
  const seen = new Map<string, DeclaredSymbol>();
  for (const line of lines) {
    const symbol = extractSymbol(line, path);
    if (symbol && !seen.has(symbol.name)) seen.set(symbol.name, symbol);
  }
  return [...seen.values()];
}

function isFormatOnly(lines: string[]): boolean {
  const normalise = (line: string) =>
    line
      .slice(1)
      .replace(/\s+/g, '')
      .replace(/\/>/g, '>')
      .replace(/[;,()]/g, '')
      .replace(/"/g, "'");
  const removed = lines
    .filter((line) => line[0] === '-')
    .map(normalise)
    .join('');
  // The added lines, normalised, must spell out exactly the removed text: stop at the first that does not.
  let at = 0;
  for (const line of lines) {
    if (line[0] !== '+') continue;
    const piece = normalise(line);
    if (!removed.startsWith(piece, at)) return false;
    at += piece.length;
  }
  return at === removed.length;
}

const PYTHON = /\.pyi?$/;
const TRIPLE = /"{3}|'{3}/g;
// A docstring's own lines: doctest prompts, reST markers, prose (words and punctuation, no call, index or assignment).
const PY_STATEMENT =
  /^\s*(?:return|if|elif|else|for|while|import|from|raise|try|except|finally|with|def|class|yield|pass|break|continue|assert|del|global|nonlocal|lambda|async|await|match|case)\b/;
const DOC_TEXT = /^\s*(?:>>>|\.\.\.(?:\s|$)|\.\. |[-=~^]{3,}\s*$|[A-Za-z`*][^=()[\]{}]*$)/;
// A class body's annotated field (dataclass, TypedDict, pydantic, attrs): `timeout: float`, `parent: "Node" | None`,
// a comment after it. Prose has words after its colon (`timeout: seconds to wait.`), numpy's `n : int` a space before.
const TYPE_NAME = String.raw`["']?[A-Za-z_](?:[\w.]*\w)?["']?`;
const ANNOTATION = new RegExp(String.raw`^\s*[A-Za-z_]\w*:\s*${TYPE_NAME}(?:\s*\|\s*${TYPE_NAME})*\s*(?:#.*)?$`);

/**
 * Every changed line of a Python hunk lies inside a docstring: the hunk's triple quotes are followed from a start
 * guessed by the first of them (`"""Summary` opens, `text."""` closes, a bare one closes unless a `def`/`class`
 * line leads it); a hunk without any counts when its every line reads as a docstring's and none as an annotated field.
 */
function docstringOnly(lines: string[]): boolean {
  const texts = lines.filter((line) => line[0] !== '\\').map((line) => line.slice(1));
  const first = texts.findIndex((text) => text.includes('"""') || text.includes("'''"));
  if (first < 0)
    return texts.every(
      (text) => !text.trim() || (DOC_TEXT.test(text) && !PY_STATEMENT.test(text) && !ANNOTATION.test(text)),
    );
  const quote = (texts[first] ?? '').trim();
  const lead = texts
    .slice(0, first)
    .filter((text) => text.trim())
    .at(-1);
  let inside = /^[rbuf]*("{3}|'{3})$/.test(quote)
    ? !(lead !== undefined && /:\s*$/.test(lead))
    : !/^[rbuf]*("{3}|'{3})/.test(quote);
  for (const line of lines) {
    if (line[0] === '\\') continue;
    const text = line.slice(1);
    const quotes = text.match(TRIPLE)?.length ?? 0;
    const changedLine = (line[0] === '+' || line[0] === '-') && text.trim() !== '';
    // A changed line on which a docstring opens or closes is the docstring's only if nothing but the quote is code.
    if (changedLine && !inside && quotes === 0) return false;
    if (changedLine && quotes > 0 && !/^\s*[rbuf]*("{3}|'{3})|("{3}|'{3})\s*$/.test(text)) return false;
    if (quotes % 2 === 1) inside = !inside;
  }
  return true;
}

export function isComment(line: string, hashComments: boolean): boolean {
  const text = line.trim();
  if (/^(\/\/|\/\*|\*|\*\/|<!--|-->)/.test(text) || /^\/\*.*\*\/$/.test(text)) return true;
  return hashComments && text.startsWith('#');
}
