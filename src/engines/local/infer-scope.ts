// Chooses the scope: the repository's scope vocabulary matched against the changed paths and these files' own history.

import type { CommitType } from '../message.js';
import type { FileChange } from './changes.js';
import { DEP_SCOPE } from './dependency-convention.js';
import { addTo, scopeShare, type FilePriors, type HistoryProfile } from './history.js';
import { isLockfile } from '../../diff/classify.js';
import { fileStem, pathTokens } from './paths.js';

export interface ScopeEvidence {
  type: CommitType;
  changes: FileChange[];
  /** Each changed path's share of the change. */
  weights: Map<string, number>;
  profile: HistoryProfile;
  priors: FilePriors;
  /** Some dependency versions change: only then do the dependency scopes (`deps`, ...) of these files' history count. */
  dependencies: boolean;
}

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
/** How well a scope must name the changed paths (see pathMatch: 1 is a whole segment of every path), and the lower share of scoped commits that then suffices. */
const NAMED_MATCH = 1;
const NAMED_BAR = 0.3;
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

export function inferScope(evidence: ScopeEvidence): string | undefined {
  const { type, profile, priors } = evidence;
  const relevant = (scope: string) => evidence.dependencies || !DEP_SCOPE.test(scope);
  const typeVotes = new Map([...(priors.scopes.get(type) ?? [])].filter(([scope]) => relevant(scope)));
  const allVotes = new Map<string, number>();
  for (const votes of priors.scopes.values())
    for (const [scope, vote] of votes) if (relevant(scope)) addTo(allVotes, scope, vote);
  const vocabulary = new Set([...profile.scopeCounts.keys(), ...allVotes.keys()].filter((s) => s && relevant(s)));
  // A scope the repository uses (twice or more) that names the changed paths themselves lowers the bar for one.
  const named = [...vocabulary]
    .filter((scope) => (profile.scopeCounts.get(scope) ?? 0) >= 2)
    .some((scope) => pathMatch(scope, evidence.weights) >= NAMED_MATCH);
  if (!wantsScope(evidence, typeVotes, allVotes, named ? NAMED_BAR : 0.5)) return undefined;

  const candidates = new Map<string, number>();
  const normalise = (votes: Map<string, number>, weight: number) => {
    const total = [...votes.entries()].filter(([scope]) => scope).reduce((sum, [, vote]) => sum + vote, 0);
    for (const [scope, vote] of votes) if (scope && total > 0) addTo(candidates, scope, (weight * vote) / total);
  };
  // The files' scopes under any type count more than under the chosen type alone: the type is often wrong, the area rarely.
  normalise(typeVotes, 1.2);
  normalise(allVotes, 2);
  for (const scope of vocabulary) {
    const match = pathMatch(scope, evidence.weights);
    if (match > 0)
      addTo(candidates, scope, 1.5 * match * (0.8 + 0.4 * Math.min(1, (profile.scopeCounts.get(scope) ?? 0) / 3)));
  }
  const typeScope = [...vocabulary].find((scope) => /^(types?|typings|dts)$/i.test(scope));
  const code = evidence.changes.filter((change) => change.role === 'source' || change.role === 'test');
  if (
    typeScope &&
    code.length > 0 &&
    code.some((change) => change.typeLevel) &&
    code.every((change) => change.typeLevel || change.role === 'test')
  ) {
    addTo(candidates, typeScope, 3);
  }
  // Among the scopes the files, paths or a type-only change name: the ones the repository wrote lately, and wrote for this type.
  const usage = scopeUsage(profile, type);
  for (const scope of [...candidates.keys()]) addTo(candidates, scope, usage(scope));
  const ranked = [...candidates.entries()].sort((a, b) => b[1] - a[1]);
  const best = ranked[0]?.[0];
  return best ? (nestedScope(best, evidence) ?? best) : directoryScope(evidence.weights);
}

/** How many subjects back a scope's last use counts half as much as the newest subject's. */
const RECENT_HALF_LIFE = 14;
/** Subjects of no scope assumed besides those of this type, so that a type seen twice does not speak for a scope. */
const TYPE_PRIOR = 5;

/**
 * A scope's standing in the recent history: its last use, decaying with the subjects since (1 for the newest), plus
 * its share of the scoped subjects of this type.
 */
function scopeUsage(profile: HistoryProfile, type: CommitType): (scope: string) => number {
  const newest = new Map<string, number>();
  const ofType = new Map<string, number>();
  let typed = 0;
  profile.headers.forEach((header, index) => {
    if (!header.scope) return;
    if (!newest.has(header.scope)) newest.set(header.scope, index);
    if (header.type !== type) return;
    addTo(ofType, header.scope, 1);
    typed += 1;
  });
  return (scope) => {
    const at = newest.get(scope);
    const recent = at === undefined ? 0 : Math.pow(0.5, at / RECENT_HALF_LIFE);
    return recent + (ofType.get(scope) ?? 0) / (typed + TYPE_PRIOR);
  };
}

/** Names a stem cannot stand for in a scope: they say where the code is, not what it is. */
const PLAIN_STEMS = /^(index|mod|main|lib|utils?|types|__init__)$/;

/**
 * `<scope>/<file>` where the repository writes its commits of this type so (`test(react-query/useQuery)`): at least
 * two of them under this scope, and no fewer than under the plain scope; the change is in one file (and its test).
 */
function nestedScope(scope: string, evidence: ScopeEvidence): string | undefined {
  if (scope.includes('/')) return undefined;
  const sameType = evidence.profile.headers.filter((header) => header.type === evidence.type);
  const nested = sameType.filter((header) => header.scope?.startsWith(`${scope}/`)).length;
  const plain = sameType.filter((header) => header.scope === scope).length;
  if (nested < 2 || nested < plain) return undefined;
  const stems = new Set(corePaths([...evidence.weights.keys()]).map(fileStem));
  const [stem] = stems;
  return stems.size === 1 && stem && !PLAIN_STEMS.test(stem) ? `${scope}/${stem}` : undefined;
}

/** The paths that say where a change is: not lockfiles, nor release notes and workflows in dot-folders (unless that is all). */
function corePaths(paths: string[]): string[] {
  const core = paths.filter((path) => !path.startsWith('.') && !isLockfile(path));
  return core.length > 0 ? core : paths;
}

/** Whether this repository would put a scope on this commit: these files' history first, then the type's habit. */
function wantsScope(
  evidence: ScopeEvidence,
  typeVotes: Map<string, number>,
  allVotes: Map<string, number>,
  bar: number,
): boolean {
  const share = (votes: Map<string, number>) => {
    const total = [...votes.values()].reduce((sum, vote) => sum + vote, 0);
    return total > 0 ? { scoped: 1 - (votes.get('') ?? 0) / total, total } : undefined;
  };
  const repo = scopeShare(evidence.profile, evidence.type);
  const files = share(typeVotes) ?? share(allVotes);
  if (evidence.profile.headers.length === 0 && !files) return directoryScope(evidence.weights) !== undefined;
  const fileWeight = files ? Math.min(1, files.total / 2) * 0.5 : 0;
  const repoShare = repo ?? overallScopeShare(evidence.profile);
  const combined = (files ? fileWeight * files.scoped : 0) + (1 - fileWeight) * repoShare;
  return combined >= bar;
}

function overallScopeShare(profile: HistoryProfile): number {
  if (profile.headers.length === 0) return 0;
  return profile.headers.filter((header) => header.scope).length / profile.headers.length;
}

/**
 * How well the scope names the changed paths: each path's share of the change, counted more when the matching
 * segment is deeper (a file-level scope is more specific than a package) and less when it only contains the scope.
 */
function pathMatch(scope: string, weights: Map<string, number>): number {
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
    if (CONTAINER_DIRS.has(part) && next && !GENERIC_DIRS.has(next)) return next;
  }
  // The package: the deepest common folder whose next folder is src/, lib/ or test/ in every path.
  const inner = (index: number) => split.every((parts) => PACKAGE_INNER_DIRS.has(parts[index] ?? ''));
  for (let index = common.length; index >= 1; index -= 1) {
    const holder = common[index - 1] ?? '';
    if (inner(index) && !GENERIC_DIRS.has(holder) && !holder.startsWith('.')) return holder;
  }
  return undefined;
}

function squash(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}
