// The type confusion per repository (real type against the engine's), its largest off-diagonal cells, and a dump of
// the misclassified commits with the features that decided, so the biggest error cells can be read and attacked.

import { writeFileSync } from 'node:fs';
import { parseUnifiedDiff } from '../../src/diff/parse.js';
import { analyseChange } from '../../src/engines/local/index.js';
import { explainType, scoreTypes } from '../../src/engines/local/type-model.js';
import type { Prediction } from './metrics.js';

export type Confusion = Map<string, Map<string, number>>;

/** Rows: the real type; columns: the predicted one; natural and stratified together. */
export function confusionOf(predictions: Prediction[]): Confusion {
  const matrix: Confusion = new Map();
  for (const p of predictions) {
    const row = matrix.get(p.row.type) ?? new Map<string, number>();
    row.set(p.type, (row.get(p.type) ?? 0) + 1);
    matrix.set(p.row.type, row);
  }
  return matrix;
}

/** The off-diagonal cells, largest first: `real -> predicted count`. */
export function errorCells(matrix: Confusion): { real: string; predicted: string; count: number }[] {
  const cells: { real: string; predicted: string; count: number }[] = [];
  for (const [real, row] of matrix)
    for (const [predicted, count] of row) if (predicted !== real) cells.push({ real, predicted, count });
  return cells.sort((a, b) => b.count - a.count || a.real.localeCompare(b.real));
}

export function renderConfusion(repo: string, matrix: Confusion, cells = 6): string {
  const real = [...matrix.entries()].sort(
    (a, b) => [...b[1].values()].reduce((s, n) => s + n, 0) - [...a[1].values()].reduce((s, n) => s + n, 0),
  );
  const columns = [...new Set([...real.map(([type]) => type), ...real.flatMap(([, row]) => [...row.keys()])])];
  const width = Math.max(8, ...columns.map((type) => type.length));
  const header = `${'real \\ ours'.padEnd(width)} ${columns.map((type) => type.padStart(width)).join(' ')}`;
  const lines = real.map(
    ([type, row]) =>
      `${type.padEnd(width)} ${columns.map((column) => String(row.get(column) ?? '.').padStart(width)).join(' ')}`,
  );
  const top = errorCells(matrix)
    .slice(0, cells)
    .map((cell) => `${cell.real}->${cell.predicted} ${cell.count}`)
    .join(', ');
  return [`${repo}`, header, ...lines, `largest errors: ${top}`].join('\n');
}

/** The cells summed over repositories, largest first. */
export function pooledCells(matrices: Confusion[]): { real: string; predicted: string; count: number }[] {
  const pooled: Confusion = new Map();
  for (const matrix of matrices)
    for (const [real, row] of matrix) {
      const into = pooled.get(real) ?? new Map<string, number>();
      for (const [predicted, count] of row) into.set(predicted, (into.get(predicted) ?? 0) + count);
      pooled.set(real, into);
    }
  return errorCells(pooled);
}

/** One JSON line per misclassified commit: what it was, what we said, its non-zero features and the deciding margins. */
export function dumpMisses(path: string, predictions: Prediction[]): number {
  const lines: string[] = [];
  for (const p of predictions) {
    if (p.type === p.row.type) continue;
    const analysis = analyseChange({
      files: parseUnifiedDiff(p.row.diff),
      history: p.row.history,
      fileHistory: p.row.file_history,
    });
    const features = analysis.features;
    const shared = Object.fromEntries(Object.entries(features.shared).filter(([, value]) => value !== 0));
    const perType = (type: string) =>
      Object.fromEntries(
        Object.entries(features.perType[type as keyof typeof features.perType] ?? {}).filter(
          ([, value]) => value !== 0,
        ),
      );
    lines.push(
      JSON.stringify({
        repo: p.row.repo,
        commit: p.row.commit,
        sample: p.row.sample,
        real: p.row.type,
        ours: p.type,
        subject: p.row.subject,
        header: p.header,
        files: p.row.files.slice(0, 10),
        shared,
        perTypeReal: perType(p.row.type),
        perTypeOurs: perType(p.type),
        explain: explainType(features, scoreTypes(features)),
      }),
    );
  }
  writeFileSync(path, lines.length ? `${lines.join('\n')}\n` : '');
  return lines.length;
}
