// Content signals over the whole change: where it happened, what was declared, and what the new lines look like.

import type { FileChange } from './changes.js';
import type { FileRole } from '../../diff/classify.js';
import type { DeclaredSymbol } from './symbols.js';

export interface ChangeSignals {
  /** Share of the changed lines per role (lockfiles and snapshots count little). */
  roleShare: Map<FileRole, number>;
  roles: Set<FileRole>;
  source: FileChange[];
  tests: FileChange[];
  newSourceFiles: number;
  /** Every file is a rename or copy with at most a few changed lines, or only re-points its imports to them. */
  onlyRenames: boolean;
  exportedAdded: DeclaredSymbol[];
  /** Names newly re-exported from source files. */
  reexported: string[];
  /** Share of the removed source lines that reappear among the added ones (code moved, not changed). */
  movedShare: number;
  symbolsAdded: DeclaredSymbol[];
  symbolsRemoved: DeclaredSymbol[];
  /** Every change only flips file modes (chmod +x). */
  modeOnly: boolean;
  /** Every changed file only re-formats. */
  formatOnly: boolean;
  /** Every changed source line is a comment. */
  commentOnly: boolean;
  sourceAdditions: number;
  sourceDeletions: number;
  /** Added source lines or comments that speak of speed (cache, memo, fast, avoid unnecessary work). */
  perfLines: number;
  /** Added comments that argue for speed in other words (expensive, fast path, hoisted, reused, short-circuit). */
  speedTalk: number;
  /** Titles of test cases added (it/test/describe). */
  testTitles: string[];
  /** Test cases added (it/test/def test_/func Test/#[test] lines). */
  newTestCases: number;
  /** New optional members of types or interfaces (`name?: Type`): usually new options. */
  newOptions: number;
  /** Issue references (#123) on added lines: tests and comments pinned to a reported bug. */
  issueRefs: number;
}

const ROLE_WEIGHT: Partial<Record<FileRole, number>> = {
  lockfile: 0.05,
  snapshot: 0.2,
  generated: 0.1,
  vendored: 0.1,
  asset: 0.5,
  binary: 0.5,
};
// Speed talk in comments; in tests, timing and benchmarks; in code, annotations that exist only for speed or size.
const PERF =
  /\b(perf|performance|fast(er|est)?|slow(er)?|efficient(ly)?|cach(e|ed|ing)|memo(ize|ized|ization)?|optimi[sz](e|ed|es|ation)|lazy|lazily|avoid(s|ing)?\s+(unnecessary|extra|redundant|double)|unnecessary|hot\s*path|allocations?|memory|benchmark|O\([\w\s^*]+\))/i;
// Comments that argue for speed in other words: what was expensive, the fast path, work hoisted, reused or cut short.
const SPEED_TALK =
  /\b(expensive|deopt\w*|fast[- ]path|hoist\w*|pre-?allocat\w*|reus(e|es|ing)\b|zero-?copy|without allocat\w*|bottleneck|throughput|latency|quadratic|linear time|O\(n\)|amortiz\w*|short-?circuit|early (return|exit))\b/i;
const PERF_TEST = /\bperformance\.now\(|\bbench\(|\bperf(ormance)?\b/i;
const PERF_CODE =
  /#__(PURE|NO_SIDE_EFFECTS)__|@__PURE__|\bmemoize\(|\blru\b|@lru_cache|\bfunctools\.cache\b|\bsync\.Pool\b|\bwith_capacity\(|\breserve\(|\b(?:into_)?par_(?:iter|bridge|chunks)\w*\(|\brayon::|\b(?:get|unwrap)_unchecked\w*\(/;
/** A line that opens a test case: it()/test(), def test_, func TestX, #[test], @Test. */
export const TEST_CASE =
  /\b(it|test)(\.\w+)?\s*\(|^\s*(async\s+)?def\s+test_|^func\s+Test\w*\(|#\[(\w+::)?test\]|@Test\b/;
/** A new optional member of a type or interface (`name?: Type`). */
export const OPTIONAL_MEMBER = /^\s+(?:readonly\s+)?['"]?([\w$]+)['"]?\?:\s*[^=]+[;,]?\s*$/;
const TEST_TITLE = /\b(?:it|test|describe|specify|context)(?:\.\w+)?\s*\(\s*(['"`])(.+?)\1/;
/** A test named by its function (`def test_does_not_panic`, `fn test_x`, `func TestDoesNotPanic`): the name is its title. */
const TEST_NAME = /^\s*(?:async\s+)?(?:def|fn)\s+test_(\w+)|^func\s+Test(\w+)\(/;
// A reported issue: #123, a GitHub issue or pull request link, gh-123, issue 123, or a test named after one (test_12345).
const ISSUE_REF =
  /(^|[\s(])#\d{2,}\b|github\.com\/[\w.-]+\/[\w.-]+\/(?:issues|pull)\/\d+|\bgh-\d+|\bissue[\s_-]?\d+|_\d{4,}\b/i;

export function collectSignals(changes: FileChange[]): ChangeSignals {
  const source = changes.filter((change) => change.role === 'source');
  const tests = changes.filter((change) => change.role === 'test' || change.role === 'snapshot');
  const roleShare = new Map<FileRole, number>();
  let total = 0;
  for (const change of changes) {
    const weight = (ROLE_WEIGHT[change.role] ?? 1) * Math.max(1, change.file.additions + change.file.deletions);
    roleShare.set(change.role, (roleShare.get(change.role) ?? 0) + weight);
    total += weight;
  }
  for (const [role, weight] of roleShare) roleShare.set(role, total > 0 ? weight / total : 0);
  const addedSource = source.flatMap((change) => change.addedLines);
  const addedComments = addedSource.map(commentText).filter((text) => text.length > 0);
  const testLines = tests.flatMap((change) => change.addedLines);
  return {
    roleShare,
    roles: new Set(changes.map((change) => change.role)),
    source,
    tests,
    newSourceFiles: source.filter((change) => change.file.status === 'added').length,
    onlyRenames: onlyMoves(changes),
    exportedAdded: source.flatMap((change) => change.added.filter((symbol) => symbol.exported)),
    reexported: source.flatMap((change) => change.reexported),
    movedShare: movedShare(source),
    symbolsAdded: source.flatMap((change) => change.added),
    symbolsRemoved: source.flatMap((change) => change.removed),
    modeOnly: changes.length > 0 && changes.every((change) => change.file.status === 'mode-changed'),
    formatOnly: changes.length > 0 && changes.every((change) => change.formatOnly),
    commentOnly: source.length > 0 && changes.every((change) => change.role !== 'source' || change.commentOnly),
    sourceAdditions: sum(source.map((change) => change.file.additions)),
    sourceDeletions: sum(source.map((change) => change.file.deletions)),
    perfLines:
      addedComments.filter((text) => PERF.test(text)).length +
      testLines.filter((line) => PERF_TEST.test(line)).length +
      addedSource.filter((line) => PERF_CODE.test(line)).length,
    speedTalk: addedComments.filter((text) => SPEED_TALK.test(text)).length,
    newTestCases: testLines.filter((line) => TEST_CASE.test(line)).length,
    newOptions: countNewOptions(source),
    issueRefs: [...testLines, ...addedComments].filter((line) => ISSUE_REF.test(line)).length,
    testTitles: tests.flatMap((change) =>
      change.addedLines.map(testTitle).filter((title): title is string => Boolean(title)),
    ),
  };
}

// A line that only imports or re-exports a module: a moved file's importers change these and nothing else.
const IMPORT_LINE =
  /^\s*(?:import\b|export\s+(?:type\s+)?(?:\*|\{[^}]*\})(?:\s+as\s+[\w$]+)?\s+from\b|from\s+[\w.]+\s+import\b|(?:pub(?:\([\w:]+\))?\s+)?(?:use|mod)\s+[\w:{}, *]+;|#include\b|(?:const|let|var)\s+[\w${}, ]+=\s*require\()/;

function onlyMoves(changes: FileChange[]): boolean {
  const moved = (change: FileChange) =>
    (change.file.status === 'renamed' || change.file.status === 'copied') &&
    change.file.additions + change.file.deletions <= 4;
  const repointed = (change: FileChange) =>
    change.file.status === 'modified' &&
    [...change.addedLines, ...change.removedLines].every((line) => !line.trim() || IMPORT_LINE.test(line));
  return changes.some(moved) && changes.every((change) => moved(change) || repointed(change));
}

function testTitle(line: string): string | undefined {
  const title = TEST_TITLE.exec(line)?.[2];
  if (title) return title;
  const name = TEST_NAME.exec(line);
  const words = name?.[1] ?? name?.[2];
  return words
    ?.replace(/_/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .trim();
}

function countNewOptions(source: FileChange[]): number {
  const name = (line: string) => OPTIONAL_MEMBER.exec(line)?.[1];
  const before = new Set(source.flatMap((change) => change.removedLines.map(name)));
  return source
    .flatMap((change) => change.addedLines)
    .filter((line) => {
      const member = name(line);
      return member !== undefined && !before.has(member);
    }).length;
}

function commentText(line: string): string {
  return /(?:\/\/|\/\*|^\s*\*|^\s*#)\s*(.*)$/.exec(line)?.[1] ?? '';
}

function movedShare(source: FileChange[]): number {
  const removed = source.flatMap((change) =>
    change.removedLines.map((line) => line.trim()).filter((line) => line.length > 8),
  );
  if (removed.length < 3) return 0;
  const added = new Set(source.flatMap((change) => change.addedLines.map((line) => line.trim())));
  return removed.filter((line) => added.has(line)).length / removed.length;
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
