// Whether to write a scope at all: two small logistic models over one feature vector, with weights fitted on the
// corpus (scope-weights.ts): how likely the authors scope this change, and how likely the best candidate is theirs.

import type { CommitHeader, CommitType } from '../message.js';
import type { HistoryProfile } from './history.js';
import { corePaths, directoryScope, pathMatch } from './scope-paths.js';
import { SCOPE_WEIGHTS } from './scope-weights.js';

/** What the decision reads: the history's habit, the files' own subjects, the paths, and the ranked candidates. */
export interface DecisionInput {
  profile: HistoryProfile;
  /** The type chosen for the change. */
  type: CommitType;
  /** The scopes that count for this change: the dependency ones (`deps`) only where a dependency changes. */
  relevant: (scope: string) => boolean;
  /** The changed files' recency-weighted scope votes under any type ('' = no scope). */
  fileVotes: Map<string, number>;
  /** The same under the chosen type alone. */
  typeVotes: Map<string, number>;
  vocabulary: Set<string>;
  /** How well each vocabulary scope names the changed paths (pathMatch). */
  matches: Map<string, number>;
  weights: Map<string, number>;
  /** Each candidate scope's features (infer-scope.ts). */
  candidates: Map<string, Record<string, number>>;
  /** Candidate scopes, best first, with their scores. */
  ranked: [string, number][];
}

export type ScopeFeatures = Record<string, number>;

export interface ScopeDecision {
  write: boolean;
  /** How likely the authors put a scope on such a change. */
  scoped: number;
  /** How likely the best candidate is the one they would write. */
  right: number;
  features: ScopeFeatures;
}

/** A scope the repository used twice or more that names a whole segment of every changed path (see pathMatch). */
const NAMED_MATCH = 1;
const RECENT = 20;

const logit = (share: number) => {
  const p = Math.min(0.98, Math.max(0.02, share));
  return Math.log(p / (1 - p));
};

export function scopeFeatures(input: DecisionInput): ScopeFeatures {
  const { profile, ranked, weights } = input;
  const share = (votes: Map<string, number>) => {
    const total = [...votes.values()].reduce((sum, vote) => sum + vote, 0);
    return total > 0 ? { scoped: 1 - (votes.get('') ?? 0) / total, total } : undefined;
  };
  const files = share(input.fileVotes);
  const fileWeight = files ? Math.min(1, files.total / 2) : 0;
  // A bot's `build(deps)` says nothing of whether the authors scope a change to the code.
  const scopedShare = (headers: CommitHeader[]) =>
    headers.filter((header) => header.scope && input.relevant(header.scope)).length / headers.length;
  const overall = profile.headers.length ? scopedShare(profile.headers) : 0;
  const ofType = profile.headers.filter((header) => header.type === input.type);
  const entry = ofType.length ? { scoped: scopedShare(ofType) * ofType.length, total: ofType.length } : undefined;
  const recent = profile.headers.slice(0, RECENT);
  let bestMatch = 0;
  let named = 0;
  for (const [scope, match] of input.matches) {
    bestMatch = Math.max(bestMatch, match);
    if ((profile.scopeCounts.get(scope) ?? 0) >= 2 && match >= NAMED_MATCH) named = 1;
  }
  const paths = corePaths([...weights.keys()]);
  const folders = new Set(paths.map((path) => (path.includes('/') ? path.slice(0, path.indexOf('/')) : '')));
  const [top, second] = ranked;
  const folder = directoryScope(weights);
  const fileTotal = files?.total ?? 0;
  return {
    bias: 1,
    // the shares as log-odds: the type's (shrunk towards the whole history's), the whole history's, the last 20's
    type_share: logit(entry ? (entry.scoped + overall * 2) / (entry.total + 2) : overall),
    history_share: logit(overall),
    recent_share: logit(recent.length ? scopedShare(recent) : overall),
    file_share: fileWeight * logit(files ? files.scoped : 0.5),
    file_weight: fileWeight,
    path_named: bestMatch >= NAMED_MATCH ? 1 : 0,
    path_match: Math.min(2, bestMatch),
    named_twice: named,
    one_package: folder ? 1 : 0,
    // no candidate: the scope would be the package folder
    folder_only: folder && ranked.length === 0 ? 1 : 0,
    root_files: paths.every((path) => !path.includes('/')) ? 1 : 0,
    top_folders: Math.log2(folders.size),
    top_score: top?.[1] ?? 0,
    top_margin: (top?.[1] ?? 0) - (second?.[1] ?? 0),
    top_file_share: top && fileTotal > 0 ? (input.fileVotes.get(top[0]) ?? 0) / fileTotal : 0,
    top_path_match: top ? Math.min(2, input.matches.get(top[0]) ?? pathMatch(top[0], weights)) : 0,
    top_uses: Math.log2(1 + (top ? (profile.scopeCounts.get(top[0]) ?? 0) : 0)),
    candidates: Math.log2(1 + ranked.length),
  };
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

export function score(weights: Record<string, number>, features: ScopeFeatures): number {
  let sum = 0;
  for (const [name, value] of Object.entries(features)) sum += (weights[name] ?? 0) * value;
  return sigmoid(sum);
}

/**
 * Write a scope when the chance of writing the authors' own outweighs the chance that they wrote none:
 * p(scoped) * p(right) > bar * (1 - p(scoped)); the bar below 1 leans to a scope, as a wrong one costs no more than a
 * missing one.
 */
export function decideScope(input: DecisionInput, weights = SCOPE_WEIGHTS): ScopeDecision {
  const features = scopeFeatures(input);
  const scoped = score(weights.scoped, features);
  const right = score(weights.right, features);
  return { write: scoped * right > weights.bar * (1 - scoped), scoped, right, features };
}

/** The features that pushed p(scoped) most, for --debug. */
export function explainDecision(decision: ScopeDecision, weights = SCOPE_WEIGHTS): string {
  const parts = Object.entries(decision.features)
    .filter(([name]) => name !== 'bias')
    .map(([name, value]) => [name, (weights.scoped[name] ?? 0) * value] as const)
    .filter(([, push]) => Math.abs(push) >= 0.05)
    .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]))
    .slice(0, 4)
    .map(([name, push]) => `${name} ${push > 0 ? '+' : ''}${push.toFixed(2)}`);
  return `p(scoped) ${decision.scoped.toFixed(2)}, p(right) ${decision.right.toFixed(2)}${parts.length ? ` (${parts.join(', ')})` : ''}`;
}
