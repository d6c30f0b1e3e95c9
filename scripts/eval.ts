// Measures the offline engine against real commits, per repository: type, per-type recall, scope, weak subjects.
// Usage: npm run eval [-- <file.jsonl[.gz]>...] [--split dev|held-out] [--repo NAME] [--pairs N] [--types] [--errors N] [--scope-errors N] [--confusion] [--dump-misses FILE] [--json]
// With no files it reads every set under ../shared (eval/*.jsonl and corpus/*.jsonl.gz); $GIT_AI_EVAL_DATA overrides.

import { performance } from 'node:perf_hooks';
import { parseUnifiedDiff } from '../src/diff/parse.js';
import { generateLocalMessage } from '../src/engines/local/index.js';
import { formatCommitMessage, parseCommitHeader } from '../src/engines/message.js';
import { defaultDataFiles, findDataRoot, readCommits, splitOf, type EvalCommit } from './eval/data.js';
import { confusionOf, dumpMisses, pooledCells, renderConfusion } from './eval/confusion.js';
import { samplePairs, scoreRepository, type Prediction } from './eval/metrics.js';
import { means, renderPairs, renderPerType, renderTable } from './eval/report.js';

interface Args {
  files: string[];
  split?: string;
  repo?: string;
  pairs: number;
  types: boolean;
  errors: number;
  scopeErrors: number;
  confusion: boolean;
  dumpMisses?: string;
  json: boolean;
}

const VALUE_FLAGS = new Set(['--split', '--repo', '--pairs', '--errors', '--scope-errors', '--dump-misses']);

function fail(message: string): never {
  console.error(`error: ${message}`);
  console.error(
    'usage: npm run eval [-- <file.jsonl[.gz]>...] [--split dev|held-out] [--repo NAME] [--pairs N] [--types] [--errors N] [--scope-errors N] [--confusion] [--dump-misses FILE] [--json]',
  );
  process.exit(2);
}

function parseArgs(argv: string[]): Args {
  const value = (flag: string) => {
    const index = argv.indexOf(flag);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const number = (flag: string, fallback: number) => {
    const raw = value(flag);
    const parsed = raw === undefined ? fallback : Number(raw);
    if (!Number.isInteger(parsed) || parsed < 0) fail(`${flag} takes a whole number, got ${raw}`);
    return parsed;
  };
  const files = argv.filter((arg, index) => !arg.startsWith('--') && !VALUE_FLAGS.has(argv[index - 1] ?? ''));
  let chosen = files;
  if (chosen.length === 0) {
    const root = findDataRoot();
    if (!root) fail('no data found: pass the files, or set GIT_AI_EVAL_DATA to the folder holding eval/ and corpus/');
    chosen = defaultDataFiles(root);
  }
  const split = value('--split');
  if (split !== undefined && split !== 'dev' && split !== 'held-out') fail(`--split is dev or held-out, got ${split}`);
  const dumpMisses = value('--dump-misses');
  if (argv.includes('--dump-misses') && !dumpMisses) fail('--dump-misses takes a file to write');
  return {
    files: chosen,
    split,
    repo: value('--repo'),
    pairs: number('--pairs', 10),
    types: argv.includes('--types'),
    errors: number('--errors', 0),
    scopeErrors: number('--scope-errors', 0),
    confusion: argv.includes('--confusion'),
    ...(dumpMisses ? { dumpMisses } : {}),
    json: argv.includes('--json'),
  };
}

function predict(row: EvalCommit): Prediction {
  const started = performance.now();
  const files = parseUnifiedDiff(row.diff);
  const message = generateLocalMessage({
    files,
    history: row.history,
    fileHistory: row.file_history,
    maxLength: 72,
    body: false,
  });
  const ms = performance.now() - started;
  const header = formatCommitMessage({ ...message, body: undefined }, { style: 'conventional', maxLength: 72 });
  const parsed = parseCommitHeader(header);
  return {
    row,
    type: message.type,
    scope: parsed?.scope ?? null,
    breaking: message.breaking,
    subject: parsed?.subject ?? message.subject,
    header,
    ms,
  };
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const byRepo = new Map<string, Prediction[]>();
  for (const file of args.files) {
    let rows: EvalCommit[];
    try {
      rows = readCommits(file);
    } catch (error) {
      fail(`cannot read ${file}: ${(error as Error).message}`);
    }
    for (const row of rows) {
      if (args.split && splitOf(row.repo) !== args.split) continue;
      if (args.repo && !row.repo.includes(args.repo)) continue;
      const list = byRepo.get(row.repo) ?? [];
      list.push(predict(row));
      byRepo.set(row.repo, list);
    }
  }
  const repos = [...byRepo.keys()].sort((a, b) => splitOf(a).localeCompare(splitOf(b)) || a.localeCompare(b));
  const scores = repos.map((repo) => scoreRepository(repo, byRepo.get(repo) ?? []));
  const summaries = [
    means(
      'development',
      scores.filter((s) => s.split === 'dev'),
    ),
    means(
      'held-out',
      scores.filter((s) => s.split === 'held-out'),
    ),
    means('all', scores),
  ].filter((m) => m.repositories > 0);
  if (args.json) {
    console.log(JSON.stringify({ repositories: scores, means: summaries }, null, 2));
    return;
  }
  console.log(renderTable(scores, summaries));
  if (args.types) console.log(`\nper-type recall (natural and stratified)\n${scores.map(renderPerType).join('\n')}`);
  if (args.confusion) {
    console.log('\ntype confusion (natural and stratified; rows real, columns ours)');
    const matrices = repos.map((repo) => confusionOf(byRepo.get(repo) ?? []));
    repos.forEach((repo, index) => console.log(renderConfusion(repo, matrices[index] ?? new Map())));
    const pooled = pooledCells(matrices).slice(0, 15);
    console.log(
      `largest errors over the repositories: ${pooled.map((c) => `${c.real}->${c.predicted} ${c.count}`).join(', ')}`,
    );
  }
  if (args.dumpMisses) {
    const count = dumpMisses(
      args.dumpMisses,
      repos.flatMap((repo) => byRepo.get(repo) ?? []),
    );
    console.log(`\nwrote ${count} misclassified commits with their features to ${args.dumpMisses}`);
  }
  if (args.pairs > 0) {
    console.log('\nreal vs generated (natural sample)');
    for (const repo of repos) console.log(renderPairs(repo, samplePairs(byRepo.get(repo) ?? [], args.pairs)));
  }
  if (args.errors > 0) {
    console.log('\ntype errors');
    for (const repo of repos) {
      for (const p of (byRepo.get(repo) ?? []).filter((p) => p.type !== p.row.type).slice(0, args.errors)) {
        console.log(
          `${repo} ${p.row.commit.slice(0, 10)} [${p.row.sample}]\n  real: ${p.row.subject}\n  ours: ${p.header}\n  files: ${p.row.files.slice(0, 6).join(', ')}`,
        );
      }
    }
  }
  if (args.scopeErrors > 0) {
    console.log('\nscope errors (natural sample)');
    for (const repo of repos) {
      const misses = (byRepo.get(repo) ?? []).filter(
        (p) => p.row.sample === 'natural' && (p.row.scope?.trim() || null) !== p.scope,
      );
      for (const p of misses.slice(0, args.scopeErrors)) {
        console.log(
          `${repo} ${p.row.commit.slice(0, 10)}\n  real: ${p.row.subject}\n  ours: ${p.header}\n  files: ${p.row.files.slice(0, 6).join(', ')}`,
        );
      }
    }
  }
}

main();
