// Measures the offline engine against real commits (type and scope accuracy), next to a six-line path baseline.
// Usage: node --import tsx scripts/eval.ts <commits.jsonl> [--json] [--show-errors N]

import { readFileSync } from 'node:fs';
import { parseUnifiedDiff } from '../src/diff/parse.js';
import type { FileDiff } from '../src/diff/types.js';
import { generateLocalMessage } from '../src/engines/local/index.js';

interface EvalCommit {
  commit: string;
  type: string;
  scope: string | null;
  subject: string;
  files: string[];
  diff: string;
  history: string[];
  file_history: Record<string, string[]>;
  sample: string;
}

interface Prediction {
  row: EvalCommit;
  type: string;
  scope: string | null;
  header: string;
}

interface SampleScore {
  n: number;
  typeAccuracy: number;
  macroTypeAccuracy: number;
  scopeAccuracy: number;
  perType: Record<string, { n: number; correct: number; accuracy: number }>;
}

/** The comparison point: docs, ci, test and dependency files by path; an added file means feat; anything else fix. */
function baselineType(files: FileDiff[]): { type: string; scope: string | null } {
  const all = (pattern: RegExp) => files.length > 0 && files.every((file) => pattern.test(file.path));
  if (all(/\.(md|rst|txt)$|(^|\/)docs?\//i)) return { type: 'docs', scope: null };
  if (all(/(^|\/)\.github\/workflows\/|\.circleci\/|\.gitlab-ci\.yml$/)) return { type: 'ci', scope: null };
  if (all(/test|spec|\.snap$/i)) return { type: 'test', scope: null };
  if (all(/(^|\/)(package\.json|pnpm-lock\.yaml|yarn\.lock|package-lock\.json)$/)) return { type: 'chore', scope: 'deps' };
  return { type: files.some((file) => file.status === 'added') ? 'feat' : 'fix', scope: null };
}

function score(predictions: Prediction[]): SampleScore {
  const perType: SampleScore['perType'] = {};
  let correct = 0;
  let scopeCorrect = 0;
  for (const { row, type, scope } of predictions) {
    const entry = (perType[row.type] ??= { n: 0, correct: 0, accuracy: 0 });
    entry.n += 1;
    if (type === row.type) {
      entry.correct += 1;
      correct += 1;
    }
    if ((scope ?? null) === (row.scope?.trim() || null)) scopeCorrect += 1;
  }
  const types = Object.values(perType);
  for (const entry of types) entry.accuracy = entry.correct / entry.n;
  const n = predictions.length;
  return {
    n,
    typeAccuracy: n ? correct / n : 0,
    macroTypeAccuracy: types.length ? types.reduce((sum, entry) => sum + entry.accuracy, 0) / types.length : 0,
    scopeAccuracy: n ? scopeCorrect / n : 0,
    perType,
  };
}

function parseArgs(argv: string[]): { path: string; json: boolean; showErrors: number } {
  const path = argv.find((arg, index) => !arg.startsWith('--') && argv[index - 1] !== '--show-errors');
  if (!path) {
    console.error('usage: node --import tsx scripts/eval.ts <commits.jsonl> [--json] [--show-errors N]');
    console.error('error: the path to the evaluation commits (JSON lines) is required, e.g. ../shared/eval/vue-core-commits.jsonl');
    process.exit(2);
  }
  const showIndex = argv.indexOf('--show-errors');
  const showErrors = showIndex >= 0 ? Number(argv[showIndex + 1] ?? '10') : 0;
  return { path, json: argv.includes('--json'), showErrors: Number.isFinite(showErrors) ? showErrors : 10 };
}

function readCommits(path: string): EvalCommit[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    console.error(`error: cannot read ${path}: ${(error as Error).message}`);
    process.exit(2);
  }
  return text.split('\n').filter((line) => line.trim()).map((line) => JSON.parse(line) as EvalCommit);
}

function formatScore(label: string, result: SampleScore): string {
  const rows = Object.entries(result.perType)
    .sort((a, b) => b[1].n - a[1].n)
    .map(([type, entry]) => `    ${type.padEnd(9)} n=${String(entry.n).padStart(3)}  correct=${String(entry.correct).padStart(3)}  accuracy=${entry.accuracy.toFixed(2)}`);
  return [
    `  ${label}: type accuracy ${result.typeAccuracy.toFixed(3)}, macro ${result.macroTypeAccuracy.toFixed(3)}, scope accuracy ${result.scopeAccuracy.toFixed(3)} (n=${result.n})`,
    ...rows,
  ].join('\n');
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const engine: Prediction[] = [];
  const baseline: Prediction[] = [];
  for (const row of readCommits(args.path)) {
    const files = parseUnifiedDiff(row.diff);
    const message = generateLocalMessage({ files, history: row.history, fileHistory: row.file_history, maxLength: 72, body: false });
    const header = `${message.type}${message.scope ? `(${message.scope})` : ''}: ${message.subject}`;
    engine.push({ row, type: message.type, scope: message.scope ?? null, header });
    const base = baselineType(files);
    baseline.push({ row, ...base, header: base.type });
  }
  const samples = [...new Set(engine.map((prediction) => prediction.row.sample))];
  const results = Object.fromEntries(
    samples.map((sample) => [
      sample,
      { engine: score(engine.filter((p) => p.row.sample === sample)), baseline: score(baseline.filter((p) => p.row.sample === sample)) },
    ]),
  );
  if (args.json) {
    console.log(JSON.stringify(results, null, 2));
  } else {
    for (const [sample, result] of Object.entries(results)) {
      console.log(`${sample}\n${formatScore('engine', result.engine)}\n${formatScore('baseline', result.baseline)}\n`);
    }
  }
  const errors = engine.filter((prediction) => prediction.type !== prediction.row.type).slice(0, args.showErrors);
  for (const { row, header } of errors) {
    console.error(`${row.commit.slice(0, 10)} [${row.sample}]\n  real: ${row.subject}\n  ours: ${header}\n  files: ${row.files.slice(0, 6).join(', ')}`);
  }
}

main();
