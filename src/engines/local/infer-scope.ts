// Chooses the scope: the repository's scope vocabulary matched against the changed paths and these files' own history,
// written when the decision model (scope-decision.ts) says the authors would write one.

import type { CommitType } from '../message.js';
import type { FileChange } from './changes.js';
import { DEP_SCOPE } from './dependency-convention.js';
import { addTo, type FilePriors, type HistoryProfile } from './history.js';
import { fileStem } from './paths.js';
import { decideScope, explainDecision, type DecisionInput } from './scope-decision.js';
import { corePaths, directoryScope, pathMatch } from './scope-paths.js';

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
export function decisionInput(evidence: ScopeEvidence): DecisionInput {
  const { type, profile, priors } = evidence;
  const relevant = (scope: string) => evidence.dependencies || !DEP_SCOPE.test(scope);
  const typeVotes = new Map([...(priors.scopes.get(type) ?? [])].filter(([scope]) => relevant(scope)));
  const fileVotes = new Map<string, number>();
  for (const votes of priors.scopes.values())
    for (const [scope, vote] of votes) if (relevant(scope)) addTo(fileVotes, scope, vote);
  const vocabulary = new Set([...profile.scopeCounts.keys(), ...fileVotes.keys()].filter((s) => s && relevant(s)));
  const matches = new Map([...vocabulary].map((scope) => [scope, pathMatch(scope, evidence.weights)]));
  const ranked = rankScopes(evidence, typeVotes, fileVotes, matches);
  return {
    profile,
    type,
    relevant,
    fileVotes,
    typeVotes,
    vocabulary,
    matches,
    weights: evidence.weights,
    ranked,
  };
}

/** The candidate scopes, best first, with their scores. */
function rankScopes(
  evidence: ScopeEvidence,
  typeVotes: Map<string, number>,
  allVotes: Map<string, number>,
  matches: Map<string, number>,
): [string, number][] {
  const { type, profile } = evidence;
  const candidates = new Map<string, number>();
  const normalise = (votes: Map<string, number>, weight: number) => {
    const total = [...votes.entries()].filter(([scope]) => scope).reduce((sum, [, vote]) => sum + vote, 0);
    for (const [scope, vote] of votes) if (scope && total > 0) addTo(candidates, scope, (weight * vote) / total);
  };
  // The files' scopes under any type count more than under the chosen type alone: the type is often wrong, the area rarely.
  normalise(typeVotes, 1.2);
  normalise(allVotes, 2);
  for (const [scope, match] of matches) {
    if (match > 0)
      addTo(candidates, scope, 1.5 * match * (0.8 + 0.4 * Math.min(1, (profile.scopeCounts.get(scope) ?? 0) / 3)));
  }
  const typeScope = [...matches.keys()].find((scope) => /^(types?|typings|dts)$/i.test(scope));
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
  return [...candidates.entries()].sort((a, b) => b[1] - a[1]);
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
