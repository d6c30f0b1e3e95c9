// Works out a file's old and new paths from `diff --git` and the `---`/`+++` labels, whatever prefixes git used.
import { unquoteGitPath } from './unquote.js';

export interface PathPair {
  oldPath: string;
  newPath: string;
}

export interface PathSources {
  /** What follows `diff --git `. */
  gitLine: string;
  /** Parsed `---`/`+++` labels, prefixes kept: null for /dev/null, undefined when absent. */
  minus?: string | null;
  plus?: string | null;
  /** `rename from/to` or `copy from/to`, already unquoted. */
  from?: string;
  to?: string;
}

/** A `---`/`+++` label: null for /dev/null, else the unquoted name, prefix kept. */
export function parseLabel(raw: string): string | null {
  // Git appends a tab when the name holds a space; an unquoted name never holds a tab, a quoted one escapes it.
  const tab = raw.indexOf('\t');
  const label = tab === -1 ? raw : raw.slice(0, tab);
  return label === '/dev/null' ? null : unquoteGitPath(label);
}

function hasOnlyTrailingSlash(prefix: string): boolean {
  return prefix.indexOf('/') === prefix.length - 1;
}

/**
 * The path two prefixed names share: `a/x/y` + `b/x/y` -> `x/y`; equal names carry no prefix (--no-prefix).
 * Each prefix must be one segment ending in '/' (a/, c/, i/, old/), otherwise undefined.
 */
export function commonPath(left: string, right: string): string | undefined {
  if (left === right) return left;
  let i = left.length;
  let j = right.length;
  while (i > 0 && j > 0 && left.charCodeAt(i - 1) === right.charCodeAt(j - 1)) {
    i--;
    j--;
  }
  const slash = left.indexOf('/', i);
  if (slash === -1 || slash === left.length - 1) return undefined;
  const path = left.slice(slash + 1);
  const leftPrefix = left.slice(0, slash + 1);
  const rightPrefix = right.slice(0, right.length - path.length);
  return hasOnlyTrailingSlash(leftPrefix) && hasOnlyTrailingSlash(rightPrefix) ? path : undefined;
}

function closingQuote(text: string): number {
  for (let i = 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return -1;
}

/** The two names of `diff --git <old> <new>`, unquoted, prefixes kept; undefined when no split is credible. */
export function splitGitLine(rest: string): [string, string] | undefined {
  // Quoted names delimit themselves (an unquoted name never contains '"').
  if (rest.startsWith('"')) {
    const close = closingQuote(rest);
    if (close === -1 || rest[close + 1] !== ' ') return undefined;
    return [unquoteGitPath(rest.slice(0, close + 1)), unquoteGitPath(rest.slice(close + 2))];
  }
  if (rest.endsWith('"')) {
    const at = rest.lastIndexOf(' "');
    return at === -1 ? undefined : [rest.slice(0, at), unquoteGitPath(rest.slice(at + 1))];
  }
  // Unquoted names may hold spaces. All but renames and copies name one path twice: take the split that does.
  for (let space = rest.indexOf(' '); space !== -1; space = rest.indexOf(' ', space + 1)) {
    const left = rest.slice(0, space);
    const right = rest.slice(space + 1);
    if (commonPath(left, right) !== undefined) return [left, right];
  }
  // A rename without rename lines (not git's output): guess at the default prefixes.
  const split = rest.startsWith('a/') && rest.includes(' b/') ? rest.indexOf(' b/') : rest.indexOf(' ');
  return split === -1 ? undefined : [rest.slice(0, split), rest.slice(split + 1)];
}

function stripPrefix(name: string, prefix: string): string {
  return name.startsWith(prefix) ? name.slice(prefix.length) : name;
}

/**
 * Old and new path of one file. `rename`/`copy` lines are exact; otherwise the one path both names of the
 * `diff --git` line share, which the `---`/`+++` labels repeat (they decide only when that line cannot).
 */
export function resolvePaths(sources: PathSources): PathPair {
  const { from, to, minus, plus } = sources;
  if (from !== undefined && to !== undefined) return { oldPath: from, newPath: to };
  const halves = splitGitLine(sources.gitLine);
  const shared = halves && commonPath(halves[0], halves[1]);
  if (shared !== undefined) return { oldPath: shared, newPath: shared };
  // Prefixes git-ai cannot infer (different lengths, no '/'): fall back to the default a/ and b/.
  const label =
    typeof plus === 'string'
      ? stripPrefix(plus, 'b/')
      : typeof minus === 'string'
        ? stripPrefix(minus, 'a/')
        : undefined;
  if (label !== undefined) return { oldPath: label, newPath: label };
  if (halves) return { oldPath: stripPrefix(halves[0], 'a/'), newPath: stripPrefix(halves[1], 'b/') };
  return { oldPath: sources.gitLine, newPath: sources.gitLine };
}
