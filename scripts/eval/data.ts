// Finds and reads the evaluation sets (the vue-core JSON lines and the corpus's gzip JSON lines) at run time.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';

export interface EvalCommit {
  repo: string;
  commit: string;
  type: string;
  scope: string | null;
  breaking: boolean;
  subject: string;
  files: string[];
  diff: string;
  history: string[];
  file_history: Record<string, string[]>;
  sample: 'natural' | 'stratified';
}

/**
 * Repositories fitted on; the others are held out and only measured, to check that rules generalise.
 * Chosen to mix languages and scope habits on both sides (Go, Python, Rust, C++, TypeScript, scopes or none).
 */
export const DEVELOPMENT = new Set([
  'vuejs/core',
  'eslint/eslint',
  'pnpm/pnpm',
  'goreleaser/goreleaser',
  'pola-rs/polars',
  'commitizen-tools/commitizen',
  'unjs/nitro',
  'microsoft/playwright',
  'angular/components',
]);

export function splitOf(repo: string): 'dev' | 'held-out' {
  return DEVELOPMENT.has(repo) ? 'dev' : 'held-out';
}

/** The shared data folder: $GIT_AI_EVAL_DATA, else the first `shared` folder above the working directory. */
export function findDataRoot(): string | undefined {
  const fromEnv = process.env.GIT_AI_EVAL_DATA;
  if (fromEnv) return fromEnv;
  for (let dir = resolve('.'), depth = 0; depth < 4; dir = resolve(dir, '..'), depth += 1) {
    const candidate = join(dir, 'shared');
    if (existsSync(join(candidate, 'corpus')) || existsSync(join(candidate, 'eval'))) return candidate;
  }
  return undefined;
}

/** Every data file under the root: eval/*.jsonl and corpus/*.jsonl.gz. */
export function defaultDataFiles(root: string): string[] {
  const list = (dir: string, pattern: RegExp) =>
    existsSync(dir)
      ? readdirSync(dir)
          .filter((name) => pattern.test(name))
          .sort()
          .map((name) => join(dir, name))
      : [];
  return [...list(join(root, 'eval'), /\.jsonl(\.gz)?$/), ...list(join(root, 'corpus'), /\.jsonl(\.gz)?$/)];
}

export function readCommits(path: string): EvalCommit[] {
  const raw = readFileSync(path);
  const text = path.endsWith('.gz') ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
  const fallbackRepo = basename(path)
    .replace(/\.jsonl(\.gz)?$/, '')
    .replace('__', '/');
  return text
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => {
      const row = JSON.parse(line) as EvalCommit;
      row.repo ||= fallbackRepo === 'vue-core-commits' ? 'vuejs/core' : fallbackRepo;
      return row;
    });
}
