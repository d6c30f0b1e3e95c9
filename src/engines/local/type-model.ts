// Scores every commit type from the features and the declared weight table, and says which features decided.

import { COMMIT_TYPES, type CommitType } from '../message.js';
import type { TypeFeatures } from './features.js';
import { PER_TYPE_WEIGHTS, TYPE_WEIGHTS } from './type-weights.js';

export interface TypeWeights {
  /** Per type, a weight for each shared feature (missing = 0). */
  shared: Partial<Record<CommitType, Record<string, number>>>;
  /** One weight per per-type feature, the same for every type. */
  perType: Record<string, number>;
}

export const DEFAULT_WEIGHTS: TypeWeights = { shared: TYPE_WEIGHTS, perType: PER_TYPE_WEIGHTS };

export interface Contribution {
  feature: string;
  value: number;
}

export function scoreTypes(features: TypeFeatures, weights: TypeWeights = DEFAULT_WEIGHTS): Map<CommitType, number> {
  const scores = new Map<CommitType, number>();
  for (const type of COMMIT_TYPES) {
    let score = 0;
    for (const contribution of contributions(features, type, weights)) score += contribution.value;
    scores.set(type, score);
  }
  return scores;
}

/** Each feature's part in one type's score, largest magnitude first. */
export function contributions(
  features: TypeFeatures,
  type: CommitType,
  weights: TypeWeights = DEFAULT_WEIGHTS,
): Contribution[] {
  const result: Contribution[] = [];
  const table = weights.shared[type] ?? {};
  for (const [feature, value] of Object.entries(features.shared)) {
    const weight = table[feature];
    if (weight && value) result.push({ feature, value: weight * value });
  }
  for (const [feature, value] of Object.entries(features.perType[type])) {
    const weight = weights.perType[feature];
    if (weight && value) result.push({ feature: `${feature}[${type}]`, value: weight * value });
  }
  return result.sort((a, b) => Math.abs(b.value) - Math.abs(a.value));
}

export function bestType(scores: Map<CommitType, number>): CommitType {
  let best: CommitType = 'fix';
  let bestScore = -Infinity;
  for (const [type, score] of scores) {
    if (score > bestScore) {
      best = type;
      bestScore = score;
    }
  }
  return best;
}

/** Why the winner won: the features that separate it most from the runner-up. */
export function explainType(
  features: TypeFeatures,
  scores: Map<CommitType, number>,
  weights: TypeWeights = DEFAULT_WEIGHTS,
): string {
  const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  if (!first) return 'type: no scores';
  const lines = [
    `type ${first[0]} ${first[1].toFixed(2)}${second ? `, then ${second[0]} ${second[1].toFixed(2)}` : ''}`,
  ];
  const mine = new Map(
    contributions(features, first[0], weights).map((c) => [c.feature.replace(`[${first[0]}]`, '[type]'), c.value]),
  );
  const theirs = second
    ? new Map(
        contributions(features, second[0], weights).map((c) => [
          c.feature.replace(`[${second[0]}]`, '[type]'),
          c.value,
        ]),
      )
    : new Map<string, number>();
  const margins = [...new Set([...mine.keys(), ...theirs.keys()])]
    .map((feature) => ({ feature, margin: (mine.get(feature) ?? 0) - (theirs.get(feature) ?? 0) }))
    .filter((entry) => Math.abs(entry.margin) >= 0.01)
    .sort((a, b) => Math.abs(b.margin) - Math.abs(a.margin))
    .slice(0, 6);
  for (const { feature, margin } of margins) lines.push(`  ${margin >= 0 ? '+' : ''}${margin.toFixed(2)} ${feature}`);
  return lines.join('\n');
}
