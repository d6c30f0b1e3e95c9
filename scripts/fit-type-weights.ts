// Fits the offline engine's type weights (a conditional logit) on the development half of the corpus, reports
// both halves, and with --write replaces src/engines/local/type-weights.ts. --loro instead fits once per repository on
// all the others and reports each repository as predicted by the fit that never saw it (leave one repository out).
// --words also fits a weight per type for each word of the change (scripts/eval/change-words.ts) found in at least
// --word-repos repositories and --word-rows rows of the fit's own rows, with their own --word-lambda: a measurement
// only (the engine has no word table; with --words, --write is refused).
// Usage: node --import tsx scripts/fit-type-weights.ts [--alpha 0.4] [--lambda 0.002] [--epochs 250] [--dropout 0.3] [--write] [--loro]
//   [--words [--word-repos 8] [--word-rows 40] [--word-lambda 0.01]]

import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import type { TypeWeights } from '../src/engines/local/type-model.js';
import { bestType, scoreTypes } from '../src/engines/local/type-model.js';
import { COMMIT_TYPES, isCommitType, type CommitType } from '../src/engines/message.js';
import { HISTORY_FEATURES, HISTORY_SHARED_FEATURES, type TypeFeatures } from '../src/engines/local/features.js';
import { splitOf } from './eval/data.js';
import { analysedRows } from './eval/rows.js';
import { changeWords } from './eval/change-words.js';

interface Example {
  repo: string;
  sample: string;
  label: CommitType;
  features: TypeFeatures;
  /** Typed by the dependency rule, not the model. */
  ruled?: CommitType;
  /** The change's words (with --words). */
  words: string[];
}

/** A fitted table, and with --words a weight per type (in COMMIT_TYPES order) for each word of the vocabulary. */
interface Fitted {
  weights: TypeWeights;
  words: Map<string, Float64Array>;
}

const arg = (flag: string, fallback: number) => {
  const index = process.argv.indexOf(flag);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};
let ALPHA = arg('--alpha', 0.4);
/** Weight of the copies of the rows without their history (a new repository's first commits), against the rows. */
const DROPOUT = arg('--dropout', 0.3);
const LAMBDA = arg('--lambda', 0.002);
const EPOCHS = arg('--epochs', 250);
const WORDS = process.argv.includes('--words');
const WORD_REPOS = arg('--word-repos', 8);
const WORD_ROWS = arg('--word-rows', 40);
const WORD_LAMBDA = arg('--word-lambda', 0.01);
const K = COMMIT_TYPES.length;

function load(): Example[] {
  const examples: Example[] = [];
  for (const { row, analysis } of analysedRows()) {
    if (!isCommitType(row.type)) continue;
    const example: Example = {
      repo: row.repo,
      sample: row.sample,
      label: row.type,
      features: analysis.features,
      words: WORDS ? [...changeWords(analysis.changes)] : [],
    };
    if (analysis.deps.onlyDependencies) example.ruled = analysis.convention.type;
    examples.push(example);
  }
  return examples;
}

/** Each repository weighs the same; within it, rarer types weigh more (alpha 0: natural mix, 1: balanced). */
function rowWeights(examples: Example[], alpha = ALPHA): number[] {
  const byRepo = new Map<string, Map<CommitType, number>>();
  for (const example of examples) {
    const counts = byRepo.get(example.repo) ?? new Map<CommitType, number>();
    counts.set(example.label, (counts.get(example.label) ?? 0) + 1);
    byRepo.set(example.repo, counts);
  }
  const raw = examples.map((example) => {
    const counts = byRepo.get(example.repo) ?? new Map();
    const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
    return (total / (counts.size * (counts.get(example.label) ?? 1))) ** alpha;
  });
  const perRepo = new Map<string, number>();
  examples.forEach((example, index) => perRepo.set(example.repo, (perRepo.get(example.repo) ?? 0) + (raw[index] ?? 0)));
  return examples.map((example, index) => (raw[index] ?? 0) / (perRepo.get(example.repo) ?? 1));
}

/** Each row again as a repository without history would see it: the history's features gone, `no_history` set. */
function withoutHistory(examples: Example[]): Example[] {
  return examples.map((example) => {
    const perType = {} as TypeFeatures['perType'];
    for (const type of COMMIT_TYPES) {
      perType[type] = { ...example.features.perType[type] };
      for (const name of HISTORY_FEATURES) perType[type][name] = 0;
    }
    const shared: Record<string, number> = { ...example.features.shared, no_history: 1 };
    for (const name of HISTORY_SHARED_FEATURES) shared[name] = 0;
    return { ...example, features: { shared, perType } };
  });
}

function fit(rows: Example[]): Fitted {
  const examples = DROPOUT > 0 ? [...rows, ...withoutHistory(rows)] : rows;
  const shared = Object.keys(examples[0]?.features.shared ?? {});
  const perType = Object.keys(examples[0]?.features.perType.fix ?? {});
  const F = shared.length;
  const G = perType.length;
  const X = examples.map((example) => shared.map((name) => example.features.shared[name] ?? 0));
  const Z = examples.map((example) =>
    COMMIT_TYPES.map((type) => perType.map((name) => example.features.perType[type][name] ?? 0)),
  );
  const Y = examples.map((example) => COMMIT_TYPES.indexOf(example.label));
  const vocabulary = wordVocabulary(rows);
  const H = vocabulary.length;
  const index = new Map(vocabulary.map((word, h) => [word, h]));
  const E = examples.map((example) => example.words.flatMap((word) => index.get(word) ?? []));
  const U = Array.from({ length: K }, () => new Float64Array(H));
  const mU = Array.from({ length: K }, () => new Float64Array(H));
  const vU = Array.from({ length: K }, () => new Float64Array(H));
  const own = rowWeights(rows);
  // Without a history there is no type mix to lean on: the copies weigh every type of a repository the same.
  const balanced = rowWeights(rows, 1);
  const weights = DROPOUT > 0 ? [...own, ...balanced.map((weight) => weight * DROPOUT)] : own;
  const W = Array.from({ length: K }, () => new Float64Array(F));
  const V = new Float64Array(G).fill(1);
  const mW = Array.from({ length: K }, () => new Float64Array(F));
  const vW = Array.from({ length: K }, () => new Float64Array(F));
  const mV = new Float64Array(G);
  const vV = new Float64Array(G);
  const rate = 0.05;
  const logits = new Float64Array(K);
  for (let epoch = 1; epoch <= EPOCHS; epoch += 1) {
    const gW = Array.from({ length: K }, () => new Float64Array(F));
    const gV = new Float64Array(G);
    const gU = Array.from({ length: K }, () => new Float64Array(H));
    let loss = 0;
    for (let i = 0; i < examples.length; i += 1) {
      const x = X[i] ?? [];
      const z = Z[i] ?? [];
      let max = -Infinity;
      for (let k = 0; k < K; k += 1) {
        let s = 0;
        const w = W[k] ?? new Float64Array(F);
        for (let f = 0; f < F; f += 1) s += (w[f] ?? 0) * (x[f] ?? 0);
        const zk = z[k] ?? [];
        for (let g = 0; g < G; g += 1) s += (V[g] ?? 0) * (zk[g] ?? 0);
        const u = U[k] ?? new Float64Array(H);
        for (const h of E[i] ?? []) s += u[h] ?? 0;
        logits[k] = s;
        if (s > max) max = s;
      }
      let sum = 0;
      for (let k = 0; k < K; k += 1) sum += Math.exp((logits[k] ?? 0) - max);
      const weight = weights[i] ?? 0;
      for (let k = 0; k < K; k += 1) {
        const p = Math.exp((logits[k] ?? 0) - max) / sum;
        const delta = weight * (p - (Y[i] === k ? 1 : 0));
        if (Y[i] === k) loss -= weight * Math.log(Math.max(p, 1e-12));
        if (delta === 0) continue;
        const gw = gW[k] ?? new Float64Array(F);
        for (let f = 0; f < F; f += 1) gw[f] = (gw[f] ?? 0) + delta * (x[f] ?? 0);
        const zk = z[k] ?? [];
        for (let g = 0; g < G; g += 1) gV[g] = (gV[g] ?? 0) + delta * (zk[g] ?? 0);
        const gu = gU[k] ?? new Float64Array(H);
        for (const h of E[i] ?? []) gu[h] = (gu[h] ?? 0) + delta;
      }
    }
    const step = (
      param: Float64Array,
      grad: Float64Array,
      m: Float64Array,
      v: Float64Array,
      l2: (index: number) => number,
    ) => {
      for (let j = 0; j < param.length; j += 1) {
        const g = (grad[j] ?? 0) + l2(j) * (param[j] ?? 0);
        m[j] = 0.9 * (m[j] ?? 0) + 0.1 * g;
        v[j] = 0.999 * (v[j] ?? 0) + 0.001 * g * g;
        const mHat = (m[j] ?? 0) / (1 - 0.9 ** epoch);
        const vHat = (v[j] ?? 0) / (1 - 0.999 ** epoch);
        param[j] = (param[j] ?? 0) - (rate * mHat) / (Math.sqrt(vHat) + 1e-8);
      }
    };
    const repos = new Set(examples.map((example) => example.repo)).size;
    for (let k = 0; k < K; k += 1)
      step(
        W[k] ?? new Float64Array(F),
        gW[k] ?? new Float64Array(F),
        mW[k] ?? new Float64Array(F),
        vW[k] ?? new Float64Array(F),
        (f) => (shared[f] === 'bias' ? 0 : LAMBDA * repos),
      );
    step(V, gV, mV, vV, () => LAMBDA * repos * 0.1);
    for (let k = 0; k < K; k += 1)
      step(
        U[k] ?? new Float64Array(H),
        gU[k] ?? new Float64Array(H),
        mU[k] ?? new Float64Array(H),
        vU[k] ?? new Float64Array(H),
        () => WORD_LAMBDA * repos,
      );
    if (epoch % 100 === 0) console.error(`epoch ${epoch}: loss ${(loss / repos).toFixed(4)}`);
  }
  const round = (value: number) => Math.round(value * 1000) / 1000;
  const table: TypeWeights['shared'] = {};
  COMMIT_TYPES.forEach((type, k) => {
    const entries = shared.map((name, f) => [name, round(W[k]?.[f] ?? 0)] as const).filter(([, value]) => value !== 0);
    table[type] = Object.fromEntries(entries);
  });
  const words = new Map(vocabulary.map((word, h) => [word, Float64Array.from(U, (u) => u[h] ?? 0)]));
  return {
    weights: { shared: table, perType: Object.fromEntries(perType.map((name, g) => [name, round(V[g] ?? 0)])) },
    words,
  };
}

/** The words of at least WORD_ROWS of these rows in at least WORD_REPOS of their repositories (none without --words). */
function wordVocabulary(rows: Example[]): string[] {
  const seen = new Map<string, { rows: number; repos: Set<string> }>();
  for (const example of rows)
    for (const word of example.words) {
      const entry = seen.get(word) ?? { rows: 0, repos: new Set<string>() };
      entry.rows += 1;
      entry.repos.add(example.repo);
      seen.set(word, entry);
    }
  return [...seen]
    .filter(([, entry]) => entry.rows >= WORD_ROWS && entry.repos.size >= WORD_REPOS)
    .map(([word]) => word)
    .sort();
}

function predict(example: Example, fitted: Fitted): CommitType {
  if (example.ruled) return example.ruled;
  const scores = scoreTypes(example.features, fitted.weights);
  for (const word of example.words) {
    const weights = fitted.words.get(word);
    if (!weights) continue;
    COMMIT_TYPES.forEach((type, k) => scores.set(type, (scores.get(type) ?? 0) + (weights[k] ?? 0)));
  }
  return bestType(scores);
}

function report(label: string, examples: Example[], fittedOf: (repo: string) => Fitted): void {
  const repos = [...new Set(examples.map((example) => example.repo))].sort();
  const rows = repos.map((repo) => {
    const mine = examples.filter((example) => example.repo === repo);
    const fitted = fittedOf(repo);
    const predicted = mine.map((example) => predict(example, fitted));
    const natural = mine
      .map((example, index) => [example, predicted[index]] as const)
      .filter(([example]) => example.sample === 'natural');
    const accuracy = natural.filter(([example, type]) => example.label === type).length / Math.max(1, natural.length);
    const perType = new Map<CommitType, [number, number]>();
    mine.forEach((example, index) => {
      const entry = perType.get(example.label) ?? [0, 0];
      entry[1] += 1;
      if (predicted[index] === example.label) entry[0] += 1;
      perType.set(example.label, entry);
    });
    const macro = [...perType.values()].reduce((sum, [correct, n]) => sum + correct / n, 0) / Math.max(1, perType.size);
    return { repo, accuracy, macro };
  });
  for (const row of rows)
    console.error(`  ${row.repo.padEnd(36)} type ${row.accuracy.toFixed(2)}  macro ${row.macro.toFixed(2)}`);
  const mean = (pick: (row: (typeof rows)[number]) => number) =>
    rows.reduce((sum, row) => sum + pick(row), 0) / Math.max(1, rows.length);
  console.error(
    `${label}: type ${mean((r) => r.accuracy).toFixed(3)} (min ${Math.min(...rows.map((r) => r.accuracy)).toFixed(2)}), macro ${mean((r) => r.macro).toFixed(3)}`,
  );
}

function render(weights: TypeWeights): string {
  const lines = [
    `// Generated by scripts/fit-type-weights.ts (alpha ${ALPHA}, lambda ${LAMBDA}, ${EPOCHS} epochs, history dropout ${DROPOUT}) from the development half of the corpus.`,
    '// Regenerate with `node --import tsx scripts/fit-type-weights.ts --write`; each type scores sum(weight * feature), see features.ts.',
    "import type { CommitType } from '../message.js';",
    '',
    'export const TYPE_WEIGHTS: Partial<Record<CommitType, Record<string, number>>> = {',
    ...Object.entries(weights.shared).map(
      ([type, table]) =>
        `  ${type}: { ${Object.entries(table ?? {})
          .map(([name, value]) => `${name}: ${value}`)
          .join(', ')} },`,
    ),
    '};',
    '',
    `export const PER_TYPE_WEIGHTS: Record<string, number> = { ${Object.entries(weights.perType)
      .map(([name, value]) => `${name}: ${value}`)
      .join(', ')} };`,
    '',
  ];
  return lines.join('\n');
}

if (WORDS && process.argv.includes('--write')) {
  console.error('error: --words measures a word table the engine does not read: run it without --write');
  process.exit(2);
}
const examples = load();
const development = examples.filter((example) => splitOf(example.repo) === 'dev');
const heldOut = examples.filter((example) => splitOf(example.repo) === 'held-out');
const sweep = process.argv.includes('--sweep') ? [0, 0.25, 0.5, 0.75] : [ALPHA];
let fitted: Fitted = { weights: { shared: {}, perType: {} }, words: new Map() };
for (const alpha of sweep) {
  ALPHA = alpha;
  console.error(`alpha ${alpha}`);
  if (process.argv.includes('--loro')) {
    const byRepo = new Map<string, Fitted>();
    for (const repo of new Set(examples.map((example) => example.repo)))
      byRepo.set(repo, fit(examples.filter((example) => example.repo !== repo && !example.ruled)));
    if (WORDS) console.error(`words: ${[...byRepo.values()].map((one) => one.words.size).join(' ')} per fit`);
    const unseen = (repo: string) => byRepo.get(repo) ?? fitted;
    report('development, each left out', development, unseen);
    report('held-out, each left out', heldOut, unseen);
    report('all, each left out', examples, unseen);
    continue;
  }
  fitted = fit(development.filter((example) => !example.ruled));
  if (WORDS) console.error(`words: ${fitted.words.size}`);
  report('development', development, () => fitted);
  report('held-out', heldOut, () => fitted);
}
if (process.argv.includes('--write') && !process.argv.includes('--loro')) {
  // Written as prettier formats it, so that `npm test`'s format check passes on a freshly fitted table.
  const target = fileURLToPath(new URL('../src/engines/local/type-weights.ts', import.meta.url));
  writeFileSync(target, await format(render(fitted.weights), { ...(await resolveConfig(target)), filepath: target }));
  console.error('wrote src/engines/local/type-weights.ts');
}
