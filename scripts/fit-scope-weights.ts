// Fits the offline engine's scope decision (two logistic models: does the author write a scope, is the best candidate
// the author's) on the development half of the corpus, reports both halves per repository against the weights in
// use, and with --write replaces src/engines/local/scope-weights.ts.
// --misses prints, per repository, where the authors' scopes stand among the candidates and what the decision made of
// them instead; --areas, for the changes whose files' own histories name two or more scopes, how often each simple rule
// picks the authors' scope.
// --loo fits once per repository on all the others and reports each on the weights it was left out of.
// Each report gives, per repository, scope exact, no scope, and best: the share of scoped commits whose authors' scope
// the ranking puts first. --fit-rank also searches the ranking's weights (SCOPE_WEIGHTS.rank) for the most such firsts.
// Usage: node --import tsx scripts/fit-scope-weights.ts [--bar 0.35] [--lambda 0.003] [--fit-rank] [--write | --misses | --areas | --loo]

import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { parseCommitHeader } from '../src/engines/message.js';
import { chooseType } from '../src/engines/local/index.js';
import {
  bestScope,
  decisionInput,
  rarelyScopes,
  type CandidateFeatures,
  rankScore,
  type ScopeEvidence,
} from '../src/engines/local/infer-scope.js';
import { pathTokens } from '../src/engines/local/paths.js';
import { scopeFeatures, score, type DecisionInput, type ScopeFeatures } from '../src/engines/local/scope-decision.js';
import { SCOPE_WEIGHTS } from '../src/engines/local/scope-weights.js';
import { splitOf } from './eval/data.js';
import { analysedRows } from './eval/rows.js';

interface Example {
  repo: string;
  features: ScopeFeatures;
  /** The author wrote a scope. */
  scoped: boolean;
  /** The best candidate is the author's scope. */
  right: boolean;
  /** Where the author's scope stands, for a scoped commit (--misses). */
  standing?: Standing;
  /** For a scoped commit whose files' histories name two or more scopes: which rules pick the author's (--areas). */
  areas?: Record<AreaRule, boolean>;
  /** How many scopes the changed files' own histories name (their areas, --areas). */
  areaCount: number;
}

/**
 * best: the best candidate; lower: a candidate ranked below it; path: a segment of a changed path (or a file's stem)
 * that is no candidate; history: a scope of the history that neither the files nor the paths name; unseen: none of these.
 */
const STANDINGS = ['best', 'lower', 'path', 'history', 'unseen'] as const;
type Standing = (typeof STANDINGS)[number];

type Weights = typeof SCOPE_WEIGHTS;

/**
 * When a change spans areas (its files' own subjects name different scopes), the candidate each rule picks: the
 * engine's; the heaviest file's scope; the scope most files have; the same weighed by each file's share of the change;
 * the rarest and the commonest of them in the history; `any`: the author's is one of them (the ceiling of such rules).
 */
const AREA_RULES = ['engine', 'heaviest', 'most_files', 'weighted', 'rarest', 'commonest', 'any'] as const;
type AreaRule = (typeof AREA_RULES)[number];

const arg = (flag: string, fallback: number) => {
  const index = process.argv.indexOf(flag);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};
const BAR = arg('--bar', 0.35);
const LAMBDA = arg('--lambda', 0.003);
const ITERATIONS = 40;

/** A natural commit the scope models see, analysed once; its decision input is rebuilt for each ranking tried. */
interface Case {
  repo: string;
  evidence: ScopeEvidence;
  real: string | undefined;
  fileHistory: Record<string, string[]>;
}

/** The natural commits the decision model sees: not the dependency-only ones (labelled by the dependency rule), nor those with no scope in sight or in a repository that almost never scopes. */
function loadCases(): Case[] {
  const cases: Case[] = [];
  for (const { row, analysis } of analysedRows((row) => row.sample === 'natural')) {
    const type = chooseType(analysis);
    if (analysis.deps.onlyDependencies && type === analysis.convention.type) continue;
    const { changes, weights, profile, priors, deps } = analysis;
    const evidence = { type, changes, weights, profile, priors, dependencies: deps.changes.length > 0 };
    const input = decisionInput(evidence);
    if (input.vocabulary.size === 0 || rarelyScopes(input)) continue;
    cases.push({ repo: row.repo, evidence, real: row.scope?.trim() || undefined, fileHistory: row.file_history });
  }
  return cases;
}

/** The examples of the decision models under a ranking. */
function examplesOf(cases: Case[], rank: Record<string, number>): Example[] {
  return cases.map(({ repo, evidence, real, fileHistory }) => {
    const input = decisionInput(evidence, rank);
    const right = real !== undefined && bestScope(evidence, input) === real;
    const areas = fileAreas(fileHistory, evidence.weights);
    const areaCount = new Set(areas.map(([scope]) => scope)).size;
    const example: Example = { repo, features: scopeFeatures(input), scoped: real !== undefined, right, areaCount };
    if (real !== undefined) example.standing = standing(real, right, input);
    if (real !== undefined && areaCount >= 2) example.areas = areaRules(real, right, areas, input);
    return example;
  });
}

/** A scoped commit whose authors' scope is among the candidates: each candidate's features, and which is theirs. */
interface RankCase {
  repo: string;
  rows: CandidateFeatures[];
  answer: number;
}

function rankCases(cases: Case[]): RankCase[] {
  const out: RankCase[] = [];
  for (const { repo, evidence, real } of cases) {
    if (!real) continue;
    const input = decisionInput(evidence);
    const scopes = [...input.candidates.keys()];
    const answer = scopes.indexOf(real);
    if (answer < 0 || scopes.length < 2) continue;
    out.push({ repo, rows: scopes.map((scope) => input.candidates.get(scope) ?? {}), answer });
  }
  return out;
}

/** The names of the ranking's features, in the order the fitted table lists them. */
const RANK_FEATURES = [
  'type_vote',
  'file_vote',
  'path_match',
  'path_match_used',
  'type_only',
  'recent',
  'of_type',
  'uses',
  'language',
];

/** The share of the commits whose authors' scope the ranking puts first, each repository weighing the same. */
function topShare(cases: RankCase[], weights: Record<string, number>): number {
  const perRepo = new Map<string, [number, number]>();
  for (const item of cases) {
    const scores = item.rows.map((row) => rankScore(row, weights));
    const best = scores.indexOf(Math.max(...scores));
    const entry = perRepo.get(item.repo) ?? [0, 0];
    entry[0] += best === item.answer ? 1 : 0;
    entry[1] += 1;
    perRepo.set(item.repo, entry);
  }
  const shares = [...perRepo.values()].map(([hit, total]) => hit / total);
  return shares.reduce((sum, share) => sum + share, 0) / Math.max(1, shares.length);
}

/** Coordinate search for the weights that put the authors' scope first most often, from the weights in use. */
function searchRank(cases: RankCase[]): Record<string, number> {
  const weights: Record<string, number> = Object.fromEntries(
    RANK_FEATURES.map((name) => [name, SCOPE_WEIGHTS.rank[name] ?? 0]),
  );
  let best = topShare(cases, weights);
  for (let round = 0; round < 3; round += 1) {
    for (const name of RANK_FEATURES) {
      for (const step of [-1, -0.5, -0.25, 0.25, 0.5, 1]) {
        const tried = { ...weights, [name]: (weights[name] ?? 0) + step };
        const share = topShare(cases, tried);
        if (share > best + 1e-9) {
          best = share;
          weights[name] = tried[name] ?? 0;
        }
      }
    }
  }
  return weights;
}

function standing(real: string, right: boolean, input: DecisionInput): Standing {
  if (right) return 'best';
  if (input.ranked.some(([scope]) => scope === real)) return 'lower';
  const key = squash(real);
  if ([...input.weights.keys()].some((path) => pathTokens(path).some((token) => squash(token) === key))) return 'path';
  return input.profile.scopeCounts.has(real) ? 'history' : 'unseen';
}

/** Each changed file's own area: the scope its subjects give most often (newer ones weigh more), undefined with none. */
function fileAreas(fileHistory: Record<string, string[]>, weights: Map<string, number>): [string, number][] {
  const areas: [string, number][] = [];
  for (const [path, weight] of weights) {
    const votes = new Map<string, number>();
    (fileHistory[path] ?? []).forEach((subject, index) => {
      const scope = parseCommitHeader(subject)?.scope;
      if (scope) votes.set(scope, (votes.get(scope) ?? 0) + 1 / (1 + 0.25 * index));
    });
    const top = [...votes].sort((a, b) => b[1] - a[1])[0];
    if (top) areas.push([top[0], weight]);
  }
  return areas;
}

function areaRules(
  real: string,
  right: boolean,
  areas: [string, number][],
  input: DecisionInput,
): Record<AreaRule, boolean> {
  const distinct = [...new Set(areas.map(([scope]) => scope))];
  const top = (tally: Map<string, number>) => [...tally].sort((a, b) => b[1] - a[1])[0]?.[0];
  const tally = (value: (weight: number) => number) => {
    const map = new Map<string, number>();
    for (const [scope, weight] of areas) map.set(scope, (map.get(scope) ?? 0) + value(weight));
    return map;
  };
  const uses = (scope: string) => input.profile.scopeCounts.get(scope) ?? 0;
  const byUse = [...distinct].sort((a, b) => uses(a) - uses(b));
  return {
    engine: right,
    heaviest: [...areas].sort((a, b) => b[1] - a[1])[0]?.[0] === real,
    most_files: top(tally(() => 1)) === real,
    weighted: top(tally((weight) => weight)) === real,
    rarest: byUse[0] === real,
    commonest: byUse[byUse.length - 1] === real,
    any: distinct.includes(real),
  };
}

/**
 * Per repository, over the scoped commits that span areas: how often each rule picks the authors' scope; and the share
 * of commits the authors left unscoped among those spanning areas (none_span) against those in one area (none_one).
 */
function reportAreas(examples: Example[]): void {
  const columns = [...AREA_RULES, 'none_span', 'none_one'];
  console.log(
    `${'repository'.padEnd(36)} ${'split'.padEnd(8)} ${'n'.padStart(4)} ${columns.map((name) => name.padStart(10)).join(' ')}`,
  );
  const unscoped = (list: Example[]) => list.filter((example) => !example.scoped).length / Math.max(1, list.length);
  const all: number[][] = [];
  for (const repo of repositories(examples)) {
    const spanning = examples.filter((example) => example.repo === repo && example.areas);
    if (spanning.length < 5) continue;
    const rows = examples.filter((example) => example.repo === repo);
    const shares = [
      ...AREA_RULES.map((rule) => spanning.filter((example) => example.areas?.[rule]).length / spanning.length),
      unscoped(rows.filter((example) => example.areaCount >= 2)),
      unscoped(rows.filter((example) => example.areaCount === 1)),
    ];
    all.push(shares);
    console.log(
      `${repo.padEnd(36)} ${splitOf(repo).padEnd(8)} ${String(spanning.length).padStart(4)} ${shares.map((share) => share.toFixed(2).padStart(10)).join(' ')}`,
    );
  }
  const mean = columns.map((_, k) => all.reduce((sum, shares) => sum + (shares[k] ?? 0), 0) / all.length);
  console.log(`${`mean (${all.length})`.padEnd(50)} ${mean.map((share) => share.toFixed(3).padStart(10)).join(' ')}`);
}

const squash = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * What the decision in use makes of the scoped commits: the authors' scope written (written), another written (wrong),
 * none written where the best candidate was theirs (held) or was not (none_bad).
 */
const OUTCOMES = ['written', 'wrong', 'held', 'none_bad'] as const;

function outcome(example: Example): (typeof OUTCOMES)[number] {
  if (writes(SCOPE_WEIGHTS, example)) return example.right ? 'written' : 'wrong';
  return example.right ? 'held' : 'none_bad';
}

/** Per repository, where the authors' scopes stand among the candidates, and what the decision made of them (shares of the scoped commits). */
function reportMisses(examples: Example[]): void {
  const columns = [...STANDINGS, ...OUTCOMES];
  console.log(`${'repository'.padEnd(36)} ${'split'.padEnd(8)} ${columns.map((name) => name.padStart(8)).join(' ')}`);
  const all: number[][] = [];
  for (const repo of repositories(examples)) {
    const scoped = examples.filter((example) => example.repo === repo && example.standing);
    const rows = examples.filter((example) => example.repo === repo);
    if (scoped.length < rows.length * 0.05) continue;
    const shares = [
      ...STANDINGS.map((name) => scoped.filter((example) => example.standing === name).length / scoped.length),
      ...OUTCOMES.map((name) => scoped.filter((example) => outcome(example) === name).length / scoped.length),
    ];
    all.push(shares);
    console.log(
      `${repo.padEnd(36)} ${splitOf(repo).padEnd(8)} ${shares.map((share) => share.toFixed(2).padStart(8)).join(' ')}`,
    );
  }
  const mean = columns.map((_, k) => all.reduce((sum, shares) => sum + (shares[k] ?? 0), 0) / all.length);
  console.log(`${`mean (${all.length})`.padEnd(45)} ${mean.map((share) => share.toFixed(3).padStart(8)).join(' ')}`);
}

function repositories(examples: { repo: string }[]): string[] {
  return [...new Set(examples.map((example) => example.repo))].sort(
    (a, b) => splitOf(a).localeCompare(splitOf(b)) || a.localeCompare(b),
  );
}

/** Weighted L2-regularised logistic regression by Newton's method; each repository weighs the same. */
function fitLogistic(examples: Example[], label: (example: Example) => boolean): Record<string, number> {
  const names = Object.keys(examples[0]?.features ?? {});
  const perRepo = new Map<string, number>();
  for (const example of examples) perRepo.set(example.repo, (perRepo.get(example.repo) ?? 0) + 1);
  const rowWeight = examples.map((example) => 1 / (perRepo.get(example.repo) ?? 1));
  const total = rowWeight.reduce((sum, weight) => sum + weight, 0);
  const rows = examples.map((example) => names.map((name) => example.features[name] ?? 0));
  const beta = names.map(() => 0);
  for (let iteration = 0; iteration < ITERATIONS; iteration += 1) {
    const gradient = beta.map((value) => LAMBDA * value);
    const hessian = names.map((_, i) => names.map((__, j) => (i === j ? LAMBDA : 0)));
    rows.forEach((x, index) => {
      const p = 1 / (1 + Math.exp(-x.reduce((sum, value, k) => sum + value * (beta[k] ?? 0), 0)));
      const weight = (rowWeight[index] ?? 0) / total;
      const error = (p - (label(examples[index]!) ? 1 : 0)) * weight;
      const curvature = p * (1 - p) * weight;
      for (let i = 0; i < x.length; i += 1) {
        gradient[i]! += error * x[i]!;
        for (let j = 0; j < x.length; j += 1) hessian[i]![j]! += curvature * x[i]! * x[j]!;
      }
    });
    const step = solve(hessian, gradient);
    step.forEach((value, k) => (beta[k]! -= value));
  }
  return Object.fromEntries(names.map((name, k) => [name, Math.round((beta[k] ?? 0) * 1000) / 1000]));
}

/** Gaussian elimination with partial pivoting. */
function solve(matrix: number[][], vector: number[]): number[] {
  const n = vector.length;
  const a = matrix.map((row, i) => [...row, vector[i] ?? 0]);
  for (let col = 0; col < n; col += 1) {
    let pivot = col;
    for (let row = col + 1; row < n; row += 1) if (Math.abs(a[row]![col]!) > Math.abs(a[pivot]![col]!)) pivot = row;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    for (let row = col + 1; row < n; row += 1) {
      const factor = a[row]![col]! / a[col]![col]!;
      for (let k = col; k <= n; k += 1) a[row]![k]! -= factor * a[col]![k]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let row = n - 1; row >= 0; row -= 1) {
    let sum = a[row]![n]!;
    for (let k = row + 1; k < n; k += 1) sum -= a[row]![k]! * x[k]!;
    x[row] = sum / a[row]![row]!;
  }
  return x;
}

function fitDecision(examples: Example[]): Pick<Weights, 'scoped' | 'right'> {
  return {
    scoped: fitLogistic(examples, (example) => example.scoped),
    right: fitLogistic(
      examples.filter((example) => example.scoped),
      (example) => example.right,
    ),
  };
}

/** The ranking in use (or searched, with --fit-rank), then the decision models on the examples it ranks. */
function fitWeights(cases: Case[]): Weights {
  const rank = process.argv.includes('--fit-rank') ? searchRank(rankCases(cases)) : SCOPE_WEIGHTS.rank;
  return { bar: BAR, ...fitDecision(examplesOf(cases, rank)), rank };
}

const writes = (weights: Weights, example: Example) => {
  const scoped = score(weights.scoped, example.features);
  return scoped * score(weights.right, example.features) > weights.bar * (1 - scoped);
};

/** A repository's scope exact (where the author wrote one) and no scope (where they wrote none), under the weights. */
function figuresOf(cases: Case[], weights: Weights): [number, number, number] {
  const rows = examplesOf(cases, weights.rank);
  const scoped = rows.filter((example) => example.scoped);
  const unscoped = rows.filter((example) => !example.scoped);
  return [
    scoped.filter((example) => example.right && writes(weights, example)).length / Math.max(1, scoped.length),
    unscoped.filter((example) => !writes(weights, example)).length / Math.max(1, unscoped.length),
    scoped.filter((example) => example.right).length / Math.max(1, scoped.length),
  ];
}

/** The repositories that scope at least 5% of the commits here. */
function scopingRepositories(cases: Case[]): string[] {
  return repositories(cases).filter((repo) => {
    const rows = cases.filter((item) => item.repo === repo);
    return rows.filter((item) => item.real !== undefined).length >= rows.length * 0.05;
  });
}

/** Per repository, the weights in use against weights fitted on every other repository (both halves): how the fit generalises. */
function reportLeftOut(cases: Case[]): void {
  const sums = [0, 0, 0, 0, 0, 0];
  let count = 0;
  for (const repo of scopingRepositories(cases)) {
    const rows = cases.filter((item) => item.repo === repo);
    const leftOut = fitWeights(cases.filter((item) => item.repo !== repo));
    const figures = [...figuresOf(rows, SCOPE_WEIGHTS), ...figuresOf(rows, leftOut)];
    figures.forEach((value, k) => (sums[k]! += value));
    count += 1;
    const [exactInUse, absentInUse, bestInUse, exactLeftOut, absentLeftOut, bestLeftOut] = figures.map((value) =>
      value.toFixed(2),
    );
    console.log(
      `${repo.padEnd(36)} ${splitOf(repo).padEnd(8)} exact ${exactInUse} -> ${exactLeftOut}  no scope ${absentInUse} -> ${absentLeftOut}  best ${bestInUse} -> ${bestLeftOut}`,
    );
  }
  const mean = (k: number) => ((sums[k] ?? 0) / count).toFixed(3);
  console.log(
    `mean (${count}), in use -> left out: exact ${mean(0)} -> ${mean(3)}  no scope ${mean(1)} -> ${mean(4)}  best ${mean(2)} -> ${mean(5)}`,
  );
}

/** Per repository: scope exact where the author wrote one, no scope where they wrote none (of the examples here). */
function report(cases: Case[], before: Weights, after: Weights): void {
  const means = new Map<string, number[][]>();
  for (const repo of scopingRepositories(cases)) {
    const rows = cases.filter((item) => item.repo === repo);
    const figures = [...figuresOf(rows, before), ...figuresOf(rows, after)];
    const [exactBefore, absentBefore, bestBefore, exactAfter, absentAfter, bestAfter] = figures.map((value) =>
      value.toFixed(2),
    );
    console.log(
      `${repo.padEnd(36)} ${splitOf(repo).padEnd(8)} exact ${exactBefore} -> ${exactAfter}  no scope ${absentBefore} -> ${absentAfter}  best ${bestBefore} -> ${bestAfter}`,
    );
    const list = means.get(splitOf(repo)) ?? [];
    list.push(figures);
    means.set(splitOf(repo), list);
  }
  for (const [split, list] of means) {
    const mean = (k: number) => (list.reduce((sum, figures) => sum + (figures[k] ?? 0), 0) / list.length).toFixed(3);
    console.log(
      `mean ${split} (${list.length}): exact ${mean(0)} -> ${mean(3)}  no scope ${mean(1)} -> ${mean(4)}  best ${mean(2)} -> ${mean(5)}`,
    );
  }
}

function render(weights: Weights): string {
  const table = (entries: Record<string, number>) =>
    Object.entries(entries)
      .map(([name, value]) => `    ${name}: ${value},`)
      .join('\n');
  return `// Generated by scripts/fit-scope-weights.ts (lambda ${LAMBDA}, bar ${BAR}) from the development half of the corpus's natural commits.
// Regenerate with \`node --import tsx scripts/fit-scope-weights.ts --write\`; each model is sigmoid(sum(weight * feature)), see scope-decision.ts.
export const SCOPE_WEIGHTS: {
  bar: number;
  scoped: Record<string, number>;
  right: Record<string, number>;
  rank: Record<string, number>;
} = {
  bar: ${BAR},
  /** Does the author write a scope on this change? */
  scoped: {
${table(weights.scoped)}
  },
  /** Given a scope, is the best candidate the author's? */
  right: {
${table(weights.right)}
  },
  /** A candidate scope's score: the weighed sum of its features (infer-scope.ts); the best is the one written. */
  rank: {
${table(weights.rank)}
  },
};
`;
}

async function main(): Promise<void> {
  const cases = loadCases();
  if (process.argv.includes('--misses')) {
    reportMisses(examplesOf(cases, SCOPE_WEIGHTS.rank));
    return;
  }
  if (process.argv.includes('--areas')) {
    reportAreas(examplesOf(cases, SCOPE_WEIGHTS.rank));
    return;
  }
  if (process.argv.includes('--loo')) {
    reportLeftOut(cases);
    return;
  }
  const development = cases.filter((item) => splitOf(item.repo) === 'dev');
  const fitted = fitWeights(development);
  console.log(`${cases.length} natural commits (${development.length} development); in use -> fitted:`);
  report(cases, SCOPE_WEIGHTS, fitted);
  console.log(`rank: ${JSON.stringify(fitted.rank)}`);
  if (!process.argv.includes('--write')) return;
  const target = fileURLToPath(new URL('../src/engines/local/scope-weights.ts', import.meta.url));
  // Written as prettier formats it, so that `npm test`'s format check passes on a freshly fitted table.
  writeFileSync(target, await format(render(fitted), { ...(await resolveConfig(target)), filepath: target }));
  console.log(`wrote ${target}`);
}

await main();
