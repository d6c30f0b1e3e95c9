// Scores the engine's predictions per repository: type accuracy, per-type recall, scope, weak subjects, breaking marks.

import { splitOf, type EvalCommit } from './data.js';
import { weakReason } from './weak-subject.js';

export interface Prediction {
  row: EvalCommit;
  type: string;
  scope: string | null;
  breaking: boolean;
  subject: string;
  header: string;
  /** Time the engine took for this commit, in milliseconds. */
  ms: number;
}

export interface Recall {
  n: number;
  correct: number;
}

export interface RepoScore {
  repo: string;
  split: 'dev' | 'held-out';
  natural: number;
  stratified: number;
  /** Natural sample: share of commits whose type matches. */
  typeAccuracy: number;
  /** Mean over the real types of the share recognised (per-type recall). */
  macroNatural: number;
  macroStratified: number;
  /** Natural and stratified together. */
  macroAll: number;
  perType: Record<string, Recall>;
  /** Natural sample, where the real commit has a scope: share with exactly that scope; undefined when none has. */
  scopeExact: number | undefined;
  /** Natural sample, where the real commit has none: share without a scope. */
  scopeAbsent: number | undefined;
  /** The repository writes (almost) no scopes: under 5% of its natural commits. */
  usesNoScope: boolean;
  /** Both samples: share of generated subjects that are weak. */
  weakRate: number;
  weakReasons: Record<string, number>;
  breaking: { real: number; found: number; false: number };
  msMean: number;
  msP95: number;
}

const SCOPE_NONE_SHARE = 0.05;

function recall(rows: Prediction[]): { macro: number; perType: Record<string, Recall> } {
  const perType: Record<string, Recall> = {};
  for (const { row, type } of rows) {
    const entry = (perType[row.type] ??= { n: 0, correct: 0 });
    entry.n += 1;
    if (type === row.type) entry.correct += 1;
  }
  const types = Object.values(perType);
  return {
    macro: types.length ? types.reduce((sum, entry) => sum + entry.correct / entry.n, 0) / types.length : 0,
    perType,
  };
}

const share = (rows: Prediction[], test: (prediction: Prediction) => boolean): number | undefined =>
  rows.length ? rows.filter(test).length / rows.length : undefined;

export function scoreRepository(repo: string, predictions: Prediction[]): RepoScore {
  const natural = predictions.filter((p) => p.row.sample === 'natural');
  const stratified = predictions.filter((p) => p.row.sample === 'stratified');
  const realScope = (p: Prediction) => p.row.scope?.trim() || null;
  const scoped = natural.filter((p) => realScope(p) !== null);
  const unscoped = natural.filter((p) => realScope(p) === null);
  const weakReasons: Record<string, number> = {};
  let weak = 0;
  for (const p of predictions) {
    const reason = weakReason(p.type, p.subject, p.row.subject);
    if (!reason) continue;
    weak += 1;
    weakReasons[reason] = (weakReasons[reason] ?? 0) + 1;
  }
  const times = predictions.map((p) => p.ms).sort((a, b) => a - b);
  const all = recall(predictions);
  return {
    repo,
    split: splitOf(repo),
    natural: natural.length,
    stratified: stratified.length,
    typeAccuracy: share(natural, (p) => p.type === p.row.type) ?? 0,
    macroNatural: recall(natural).macro,
    macroStratified: recall(stratified).macro,
    macroAll: all.macro,
    perType: all.perType,
    scopeExact: share(scoped, (p) => p.scope === realScope(p)),
    scopeAbsent: share(unscoped, (p) => p.scope === null),
    usesNoScope: natural.length > 0 && scoped.length / natural.length < SCOPE_NONE_SHARE,
    weakRate: predictions.length ? weak / predictions.length : 0,
    weakReasons,
    breaking: {
      real: predictions.filter((p) => p.row.breaking).length,
      found: predictions.filter((p) => p.row.breaking && p.breaking).length,
      false: predictions.filter((p) => !p.row.breaking && p.breaking).length,
    },
    msMean: times.length ? times.reduce((sum, ms) => sum + ms, 0) / times.length : 0,
    msP95: times[Math.floor(times.length * 0.95)] ?? 0,
  };
}

/** Ten (or n) natural commits spread evenly over the sample: the real subject beside the generated header. */
export function samplePairs(predictions: Prediction[], n: number): Prediction[] {
  const natural = predictions.filter((p) => p.row.sample === 'natural');
  const pool = natural.length > 0 ? natural : predictions;
  if (pool.length <= n) return pool;
  return Array.from({ length: n }, (_, index) => pool[Math.floor((index * pool.length) / n)]).filter(
    (p): p is Prediction => p !== undefined,
  );
}
