// The eval's confusion matrix and its dump of misclassified commits, on hand-made predictions and a hand-made data file.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { confusionOf, errorCells, pooledCells, renderConfusion } from '../../scripts/eval/confusion.js';
import type { EvalCommit } from '../../scripts/eval/data.js';
import type { Prediction } from '../../scripts/eval/metrics.js';

const row = (type: string, extra: Partial<EvalCommit> = {}): EvalCommit => ({
  repo: 'acme/app',
  commit: '0123456789abcdef',
  type,
  scope: null,
  breaking: false,
  subject: `${type}: something`,
  files: ['M\tsrc/a.ts'],
  diff: '',
  history: [],
  file_history: {},
  sample: 'natural',
  ...extra,
});
const predicted = (real: string, ours: string): Prediction => ({
  row: row(real),
  type: ours,
  scope: null,
  breaking: false,
  subject: 'x',
  header: `${ours}: x`,
  ms: 1,
});

describe('eval --confusion', () => {
  const predictions = [
    predicted('fix', 'fix'),
    predicted('fix', 'feat'),
    predicted('fix', 'feat'),
    predicted('feat', 'fix'),
    predicted('docs', 'docs'),
    predicted('perf', 'refactor'),
  ];

  it('counts real against predicted and ranks the off-diagonal cells', () => {
    const matrix = confusionOf(predictions);
    expect(matrix.get('fix')?.get('feat')).toBe(2);
    expect(matrix.get('fix')?.get('fix')).toBe(1);
    expect(errorCells(matrix)).toEqual([
      { real: 'fix', predicted: 'feat', count: 2 },
      { real: 'feat', predicted: 'fix', count: 1 },
      { real: 'perf', predicted: 'refactor', count: 1 },
    ]);
    const text = renderConfusion('acme/app', matrix);
    expect(text).toContain('largest errors: fix->feat 2, feat->fix 1, perf->refactor 1');
    // The most frequent real type is the first row.
    expect(text.split('\n')[2]?.startsWith('fix ')).toBe(true);
  });

  it('pools the cells of several repositories', () => {
    const pooled = pooledCells([confusionOf(predictions), confusionOf([predicted('feat', 'fix')])]);
    expect(pooled.slice(0, 2)).toEqual([
      { real: 'feat', predicted: 'fix', count: 2 },
      { real: 'fix', predicted: 'feat', count: 2 },
    ]);
  });

  it('dumps each misclassified commit of a data file with its features and the deciding margins', () => {
    const dir = mkdtempSync(join(tmpdir(), 'git-ai-eval-'));
    const diff = (path: string, lines: string[]) =>
      [
        `diff --git a/${path} b/${path}`,
        `--- a/${path}`,
        `+++ b/${path}`,
        `@@ -1,${lines.length} +1,${lines.length} @@`,
        ...lines,
        '',
      ].join('\n');
    const rows = [
      // Docs only, really typed chore by its authors: a miss the dump must hold.
      row('chore', {
        commit: 'aaaaaaaaaa1',
        diff: diff('README.md', ['-Old intro', '+New intro']),
        files: ['M\tREADME.md'],
      }),
      // A workflow change typed ci: right, not dumped.
      row('ci', {
        commit: 'bbbbbbbbbb2',
        diff: diff('.github/workflows/ci.yml', ['-    runs-on: ubuntu-20.04', '+    runs-on: ubuntu-22.04']),
        files: ['M\t.github/workflows/ci.yml'],
      }),
    ];
    const data = join(dir, 'acme__app.jsonl');
    writeFileSync(data, rows.map((r) => JSON.stringify(r)).join('\n'));
    const dump = join(dir, 'misses.jsonl');
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/eval.ts', data, '--pairs', '0', '--confusion', '--dump-misses', dump],
      { encoding: 'utf8' },
    );
    expect(out).toContain('type confusion');
    expect(out).toContain('largest errors: chore->docs 1');
    const lines = readFileSync(dump, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1);
    const miss = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
    expect(miss).toMatchObject({ repo: 'acme/app', commit: 'aaaaaaaaaa1', real: 'chore', ours: 'docs' });
    expect(miss.shared).toMatchObject({ only_docs: 1, bias: 1 });
    expect(String(miss.explain)).toMatch(/^type docs /);
  });

  it('says in one line when --dump-misses has no file', () => {
    let failure: { status?: number; stderr?: string } = {};
    try {
      execFileSync(process.execPath, ['--import', 'tsx', 'scripts/eval.ts', 'x.jsonl', '--dump-misses'], {
        encoding: 'utf8',
        stdio: 'pipe',
      });
    } catch (error) {
      failure = error as typeof failure;
    }
    expect(failure.status).toBe(2);
    expect(failure.stderr).toContain('error: --dump-misses takes a file to write');
  });
});
