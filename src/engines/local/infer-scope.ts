// Chooses the scope: the repository's scope vocabulary matched against the changed paths and these files' own history,
// written when the decision model (scope-decision.ts) says the authors would write one.

import type { CommitType } from '../message.js';
import type { FileChange } from './changes.js';
import { DEP_SCOPE } from './dependency-convention.js';
import { addTo, type FilePriors, type HistoryProfile } from './history.js';
import { fileStem } from './paths.js';
import { decideScope, explainDecision, type DecisionInput } from './scope-decision.js';
import { corePaths, directoryScope, pathMatch } from './scope-paths.js';
import { SCOPE_WEIGHTS } from './scope-weights.js';

export { directoryScope } from './scope-paths.js';

export interface ScopeEvidence {
  type: CommitType;
  changes: FileChange[];
  /** Each changed path's share of the change. */
  weights: Map<string, number>;
  profile: HistoryProfile;
  priors: FilePriors;
  /** Some dependency versions change: only then do the dependency scopes (`deps`, ...) of these files' history count. */
  dependencies: boolean;
  /** Receives why a scope was or was not written (--debug). */
  explain?: (text: string) => void;
}

export function inferScope(evidence: ScopeEvidence): string | undefined {
  const input = decisionInput(evidence);
  const chosen = bestScope(evidence, input);
  const { explain } = evidence;
  const runnerUp = input.ranked[1] ? `, runner-up ${input.ranked[1][0]}` : '';
  // No scope in the history nor in these files' subjects: the repository writes none (a new repository: the package folder).
  const scopeless = input.vocabulary.size === 0;
  if (scopeless && evidence.profile.headers.length > 0) {
    explain?.("scope none: neither the history nor these files' subjects carry a scope");
    return undefined;
  }
  if (scopeless) {
    explain?.(chosen ? `scope ${chosen}: no history, the package folder` : 'scope none: no history, no package folder');
    return chosen;
  }
  if (rarelyScopes(input)) {
    explain?.(`scope none (best ${chosen ?? 'none'}): the history scopes under 3% of its subjects`);
    return undefined;
  }
  const decision = decideScope(input);
  if (!decision.write || !chosen) {
    explain?.(`scope none (best ${chosen ?? 'none'}): ${explainDecision(decision)}`);
    return undefined;
  }
  explain?.(`scope ${chosen}: ${explainDecision(decision)}${runnerUp}`);
  return chosen;
}

/** The scope to write if one is written: the best candidate (as `<scope>/<file>` where the repository nests so), else the package folder. */
export function bestScope(evidence: ScopeEvidence, input: DecisionInput): string | undefined {
  const best = input.ranked[0]?.[0];
  return best ? (nestedScope(best, evidence) ?? best) : directoryScope(evidence.weights);
}

/** Subjects of the history enough to say that a repository almost never scopes, and the share of them scoped below which it does not. */
const RARE_HEADERS = 20;
const RARE_SHARE = 0.03;

/** The repository (almost) never scopes a change of its own: under 3% of a long enough history, bots' `deps` aside. */
export function rarelyScopes(input: DecisionInput): boolean {
  const { headers } = input.profile;
  if (headers.length < RARE_HEADERS) return false;
  return headers.filter((header) => header.scope && input.relevant(header.scope)).length < RARE_SHARE * headers.length;
}

/** The votes, vocabulary and ranked candidates the choice and the decision read. */
export function decisionInput(evidence: ScopeEvidence, rank = SCOPE_WEIGHTS.rank): DecisionInput {
  const { type, profile, priors } = evidence;
  const relevant = (scope: string) => evidence.dependencies || !DEP_SCOPE.test(scope);
  const typeVotes = new Map([...(priors.scopes.get(type) ?? [])].filter(([scope]) => relevant(scope)));
  const fileVotes = new Map<string, number>();
  for (const votes of priors.scopes.values())
    for (const [scope, vote] of votes) if (relevant(scope)) addTo(fileVotes, scope, vote);
  const vocabulary = new Set([...profile.scopeCounts.keys(), ...fileVotes.keys()].filter((s) => s && relevant(s)));
  const matches = new Map([...vocabulary].map((scope) => [scope, pathMatch(scope, evidence.weights)]));
  const candidates = candidateFeatures(evidence, typeVotes, fileVotes, matches);
  const ranked = rankScopes(candidates, rank);
  return {
    profile,
    type,
    relevant,
    fileVotes,
    typeVotes,
    vocabulary,
    matches,
    weights: evidence.weights,
    candidates,
    ranked,
  };
}

/** What a candidate scope has for it: the features the ranking weighs (SCOPE_WEIGHTS.rank), 0 where absent. */
export type CandidateFeatures = Record<string, number>;

/**
 * The candidate scopes with their features: the scopes these files' subjects carry (their shares of the votes under
 * this type and under any), the vocabulary scopes that name a changed path, `types` for a type-only change, the
 * language scopes (`rust`, `python`) of the code changed; and for each, how lately and how often the repository wrote it.
 */
export function candidateFeatures(
  evidence: ScopeEvidence,
  typeVotes: Map<string, number>,
  allVotes: Map<string, number>,
  matches: Map<string, number>,
): Map<string, CandidateFeatures> {
  const { type, profile } = evidence;
  const candidates = new Map<string, CandidateFeatures>();
  const entry = (scope: string) => {
    let features = candidates.get(scope);
    if (!features) candidates.set(scope, (features = {}));
    return features;
  };
  const normalise = (votes: Map<string, number>, name: string) => {
    const total = [...votes.entries()].filter(([scope]) => scope).reduce((sum, [, vote]) => sum + vote, 0);
    for (const [scope, vote] of votes) if (scope && total > 0) entry(scope)[name] = vote / total;
  };
  normalise(typeVotes, 'type_vote');
  normalise(allVotes, 'file_vote');
  for (const [scope, match] of matches) {
    if (match <= 0) continue;
    const features = entry(scope);
    features.path_match = match;
    features.path_match_used = match * Math.min(1, (profile.scopeCounts.get(scope) ?? 0) / 3);
  }
  const typeScope = [...matches.keys()].find((scope) => /^(types?|typings|dts)$/i.test(scope));
  const code = evidence.changes.filter((change) => change.role === 'source' || change.role === 'test');
  if (
    typeScope &&
    code.length > 0 &&
    code.some((change) => change.typeLevel) &&
    code.every((change) => change.typeLevel || change.role === 'test')
  ) {
    entry(typeScope).type_only = 1;
  }
  for (const [scope, share] of languageScopes(evidence, matches)) entry(scope).language = share;
  const usage = scopeUsage(profile, type);
  for (const [scope, features] of candidates) {
    const { recent, ofType } = usage(scope);
    features.recent = recent;
    features.of_type = ofType;
    features.uses = Math.log2(1 + (profile.scopeCounts.get(scope) ?? 0));
  }
  return candidates;
}

/** The languages a file's extension says it is in, as repositories name them in scopes (`fix(rust): ...`). */
const LANGUAGES: Record<string, string[]> = {
  rs: ['rust'],
  py: ['python', 'py'],
  pyi: ['python', 'py'],
  go: ['go', 'golang'],
  ts: ['typescript', 'ts'],
  tsx: ['typescript', 'ts'],
  js: ['javascript', 'js'],
  mjs: ['javascript', 'js'],
  cjs: ['javascript', 'js'],
  java: ['java'],
  kt: ['kotlin'],
  swift: ['swift'],
  rb: ['ruby'],
  c: ['c'],
  h: ['c', 'cpp'],
  cc: ['cpp', 'c++'],
  cpp: ['cpp', 'c++'],
  hpp: ['cpp', 'c++'],
  cs: ['csharp', 'c#'],
  php: ['php'],
  dart: ['dart'],
  zig: ['zig'],
};

/**
 * The vocabulary's language scopes (`rust`, `python`, `rust, python`) that the changed code is written in: a scope of
 * one language gets its share of the code, one of several languages 1 when they are exactly the code's languages.
 */
function languageScopes(evidence: ScopeEvidence, matches: Map<string, number>): Map<string, number> {
  const found = new Map<string, number>();
  // Each language's share of the code, under each of its names (`python` and `py`), and the languages there are.
  const shares = new Map<string, number>();
  const languages = new Set<string>();
  let total = 0;
  for (const change of evidence.changes) {
    if (change.role !== 'source' && change.role !== 'test') continue;
    const { path } = change.file;
    const weight = evidence.weights.get(path) ?? 0;
    total += weight;
    const names = LANGUAGES[path.slice(path.lastIndexOf('.') + 1).toLowerCase()] ?? [];
    for (const name of names) addTo(shares, name, weight);
    if (names[0]) languages.add(names[0]);
  }
  if (total === 0) return found;
  for (const scope of matches.keys()) {
    const parts = scope
      .toLowerCase()
      .split(/\s*[,+&/]\s*|\s+/)
      .filter(Boolean);
    if (parts.length === 0 || !parts.every((part) => ALL_LANGUAGES.has(part))) continue;
    if (parts.length === 1) {
      const share = (shares.get(parts[0] ?? '') ?? 0) / total;
      if (share > 0) found.set(scope, share);
    } else if (parts.length === languages.size && parts.every((part) => shares.has(part))) {
      found.set(scope, 1);
    }
  }
  return found;
}

const ALL_LANGUAGES = new Set(Object.values(LANGUAGES).flat());

/** The candidate scopes, best first, with their scores: the weighed sum of their features. */
function rankScopes(candidates: Map<string, CandidateFeatures>, weights: Record<string, number>): [string, number][] {
  return [...candidates.entries()]
    .map(([scope, features]): [string, number] => [scope, rankScore(features, weights)])
    .sort((a, b) => b[1] - a[1]);
}

export function rankScore(features: CandidateFeatures, weights: Record<string, number>): number {
  let sum = 0;
  for (const [name, value] of Object.entries(features)) sum += (weights[name] ?? 0) * value;
  return sum;
}

/** How many subjects back a scope's last use counts half as much as the newest subject's. */
const RECENT_HALF_LIFE = 14;
/** Subjects of no scope assumed besides those of this type, so that a type seen twice does not speak for a scope. */
const TYPE_PRIOR = 5;

/**
 * A scope's standing in the recent history: its last use, decaying with the subjects since (1 for the newest), plus
 * its share of the scoped subjects of this type.
 */
function scopeUsage(profile: HistoryProfile, type: CommitType): (scope: string) => { recent: number; ofType: number } {
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
    return { recent, ofType: (ofType.get(scope) ?? 0) / (typed + TYPE_PRIOR) };
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
