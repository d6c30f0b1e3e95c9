// Impact of each changed file, computed locally: the model's significance blended with a heuristic, no request spent.
import type { FileEntry } from '../../diff/prepared.js';
import type { FileCategory, FileStatus } from '../../diff/types.js';
import type { RankedAnalysis } from './prompts.js';
import type { FileAnalysis } from '../../providers/answer-shapes.js';

export type { RankedAnalysis } from './prompts.js';

// Starting points from the Rust tool's design: what was done to the file, what kind of file, how much of it.
export const OPERATION_WEIGHT: Record<FileStatus, number> = {
  added: 0.3,
  modified: 0.2,
  deleted: 0.15,
  renamed: 0.1,
  copied: 0.1,
  'mode-changed': 0.05,
};

/** Multiplies the rest: a huge lockfile never outranks a small source change. */
export const CATEGORY_WEIGHT: Record<FileCategory, number> = {
  source: 1,
  test: 0.6,
  build: 0.45,
  config: 0.45,
  ci: 0.4,
  docs: 0.3,
  asset: 0.2,
  binary: 0.15,
  vendored: 0.1,
  lockfile: 0.05,
  generated: 0.05,
};

/** What any change is worth before its operation and size are counted (with the maxima below, the total tops out at 1). */
export const BASE_WEIGHT = 0.4;
/** Most the size term adds; reached at SIZE_SATURATION_LINES changed lines, log-scaled below. */
export const SIZE_WEIGHT = 0.3;
export const SIZE_SATURATION_LINES = 1000;
/** Share of the model's significance when there is an analysis; the heuristic keeps the rest. */
export const MODEL_SHARE = 0.6;

const KIND_BY_CATEGORY: Partial<Record<FileCategory, FileAnalysis['kind']>> = {
  test: 'test',
  docs: 'docs',
  build: 'build',
  lockfile: 'build',
  ci: 'ci',
};

function clampUnit(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}

/** Category × (base + operation + log-scaled size), in 0..1 without any model input. */
export function scoreHeuristic(entry: FileEntry): number {
  const lines = Math.max(0, entry.additions) + Math.max(0, entry.deletions);
  const size = SIZE_WEIGHT * Math.min(1, Math.log1p(lines) / Math.log1p(SIZE_SATURATION_LINES));
  return clampUnit(CATEGORY_WEIGHT[entry.category] * (BASE_WEIGHT + OPERATION_WEIGHT[entry.status] + size));
}

export function scoreImpact(options: { entry: FileEntry; analysis?: FileAnalysis }): number {
  const heuristic = scoreHeuristic(options.entry);
  if (options.analysis === undefined) return heuristic;
  return clampUnit(MODEL_SHARE * clampUnit(options.analysis.significance) + (1 - MODEL_SHARE) * heuristic);
}

/** What is known of a file the model did not analyse (failed chunk, content not sent): its listing line, in words. */
export function describeEntry(entry: FileEntry): FileAnalysis {
  const moved = entry.oldPath ? ` from ${entry.oldPath}` : '';
  const omitted = entry.omitted ? `, content not sent (${entry.omitted})` : '';
  return {
    path: entry.path,
    summary: `${entry.status} ${entry.category} file${moved} (+${entry.additions} -${entry.deletions})${omitted}`,
    kind: KIND_BY_CATEGORY[entry.category] ?? 'chore',
    significance: scoreHeuristic(entry),
    symbols: [],
  };
}

/** Every changed file with its analysis (or a neutral one), highest impact first, ties by path. */
export function rankAnalyses(options: { files: FileEntry[]; analyses: readonly FileAnalysis[] }): RankedAnalysis[] {
  const byPath = new Map<string, FileAnalysis>();
  for (const analysis of options.analyses) {
    const path = analysis.path.trim();
    if (!byPath.has(path)) byPath.set(path, analysis);
  }
  // Models sometimes echo git's a/ and b/ prefixes; an analysis of a path not in the change is left out.
  const ranked = options.files.map((entry): RankedAnalysis => {
    const analysis = byPath.get(entry.path) ?? byPath.get(`b/${entry.path}`) ?? byPath.get(`a/${entry.path}`);
    const { additions, deletions, status } = entry;
    return {
      ...(analysis ?? describeEntry(entry)),
      path: entry.path,
      additions,
      deletions,
      status,
      impact: scoreImpact({ entry, analysis }),
    };
  });
  return ranked.sort((a, b) => b.impact - a.impact || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
