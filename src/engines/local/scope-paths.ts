// How a scope names the changed paths: a scope matched against path segments, and the package folder a change sits in.

import { isLockfile } from '../../diff/classify.js';
import { pathTokens } from './paths.js';

const CONTAINER_DIRS = new Set([
  'packages',
  'apps',
  'libs',
  'crates',
  'modules',
  'plugins',
  'services',
  'components',
  'cmd',
  'internal',
  'pkg',
  'src',
  'lib',
]);
/** The folders a package keeps its code and tests in: the folder holding one is the package. */
const PACKAGE_INNER_DIRS = new Set(['src', 'lib', 'test', 'tests', '__tests__']);
const GENERIC_DIRS = new Set([
  'src',
  'lib',
  'test',
  'tests',
  '__tests__',
  'spec',
  'dist',
  'app',
  'source',
  'main',
  'java',
  'kotlin',
  'scripts',
  'docs',
  '.github',
  'workflows',
]);

/**
 * How well the scope names the changed paths: each path's share of the change, counted more when the matching
 * segment is deeper (a file-level scope is more specific than a package) and less when it only contains the scope.
 */
export function pathMatch(scope: string, weights: Map<string, number>): number {
  // A scope of several parts (`material/input`, `bundler/nsis`) names consecutive segments, or at least segments in order.
  const parts = scope.split('/').map(squash).filter(Boolean);
  if (parts.length === 0) return 0;
  let matched = 0;
  for (const [path, weight] of weights) {
    const tokens = pathTokens(path).map(squash);
    const depth = (index: number) => (tokens.length > 1 ? index / (tokens.length - 1) : 1);
    let best = 0;
    if (parts.length === 1) {
      const key = parts[0] ?? '';
      tokens.forEach((token, index) => {
        const strength = token === key ? 1 : key.length >= 5 && token.includes(key) ? 0.6 : 0;
        best = Math.max(best, strength * (1 + depth(index)));
      });
    } else {
      const last = segmentsAt(tokens, parts);
      // Each further part matched makes the scope more specific than a one-part name of the same segment.
      const specificity = 0.5 * (parts.length - 1);
      if (last >= 0) best = 1 + depth(last) + specificity;
      else {
        const ordered = inOrder(tokens, parts);
        if (ordered >= 0) best = 0.7 * (1 + depth(ordered) + specificity);
      }
    }
    matched += weight * best;
  }
  return matched;
}

/** Index of the last segment where all parts appear consecutively, -1 when they do not. */
function segmentsAt(tokens: string[], parts: string[]): number {
  for (let start = 0; start + parts.length <= tokens.length; start += 1) {
    if (parts.every((part, offset) => tokens[start + offset] === part)) return start + parts.length - 1;
  }
  return -1;
}

/** Index of the segment matching the last part when every part appears in order, -1 otherwise. */
function inOrder(tokens: string[], parts: string[]): number {
  let at = -1;
  for (const part of parts) {
    const next = tokens.findIndex((token, index) => index > at && token === part);
    if (next < 0) return -1;
    at = next;
  }
  return at;
}

/** The paths that say where a change is: not lockfiles, nor release notes and workflows in dot-folders (unless that is all). */
export function corePaths(paths: string[]): string[] {
  const core = paths.filter((path) => !path.startsWith('.') && !isLockfile(path));
  return core.length > 0 ? core : paths;
}

/**
 * A scope from the directory every change sits in: packages/<name>/... -> <name>, src/<area>/... -> <area>, and the
 * package that holds src/, lib/ or test/ (cli/default-reporter/src/... -> default-reporter). Lockfiles and
 * dot-folders (`.changeset/`) do not count.
 */
export function directoryScope(weights: Map<string, number>): string | undefined {
  const paths = corePaths([...weights.keys()]);
  if (paths.length === 0) return undefined;
  const split = paths.map((path) => path.split('/').slice(0, -1));
  const common: string[] = [];
  for (let index = 0; split.every((parts) => index < parts.length && parts[index] === split[0]?.[index]); index += 1) {
    common.push(split[0]?.[index] ?? '');
  }
  for (let index = 0; index < common.length; index += 1) {
    const part = common[index] ?? '';
    const next = common[index + 1];
    if (isContainer(part) && next && !GENERIC_DIRS.has(next)) return next;
  }
  // The package: the deepest common folder whose next folder is src/, lib/ or test/ in every path.
  const inner = (index: number) => split.every((parts) => PACKAGE_INNER_DIRS.has(parts[index] ?? ''));
  for (let index = common.length; index >= 1; index -= 1) {
    const holder = common[index - 1] ?? '';
    if (inner(index) && !GENERIC_DIRS.has(holder) && !holder.startsWith('.')) return holder;
  }
  return undefined;
}

/** A folder that holds packages: `packages/`, `crates/`, ..., or an npm scope's folder (`@commitlint/`). */
function isContainer(folder: string): boolean {
  return CONTAINER_DIRS.has(folder) || /^@[\w.-]+$/.test(folder);
}

function squash(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}
