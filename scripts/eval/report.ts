// Renders the per-repository table, the means per split, and the real-vs-generated pairs.

import type { Prediction, RepoScore } from './metrics.js';
import { weakReason } from './weak-subject.js';

const fixed = (value: number | undefined) => (value === undefined ? '  -  ' : value.toFixed(2));

const COLUMNS = [
  'repository',
  'split',
  'n nat/str',
  'type nat',
  'macro nat',
  'macro str',
  'macro all',
  'scope exact',
  'no scope',
  'weak',
  'breaking',
  'ms p95',
];

function row(score: RepoScore): string[] {
  return [
    score.repo,
    score.split,
    `${score.natural}/${score.stratified}`,
    fixed(score.typeAccuracy),
    fixed(score.macroNatural),
    fixed(score.macroStratified),
    fixed(score.macroAll),
    fixed(score.scopeExact),
    `${fixed(score.scopeAbsent)}${score.usesNoScope ? ' *' : ''}`,
    fixed(score.weakRate),
    `${score.breaking.found}/${score.breaking.real} (+${score.breaking.false})`,
    score.msP95.toFixed(1),
  ];
}

function mean(scores: RepoScore[], pick: (score: RepoScore) => number | undefined): number | undefined {
  const values = scores.map(pick).filter((value): value is number => value !== undefined);
  return values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : undefined;
}

export interface Means {
  label: string;
  repositories: number;
  typeAccuracy: number | undefined;
  minTypeAccuracy: number | undefined;
  macroAll: number | undefined;
  scopeExact: number | undefined;
  /** Over the repositories that use scopes (a repository that uses none is measured by its no-scope share). */
  scopeExactScopedRepos: number | undefined;
  /** No-scope share over the repositories that use scopes: what scoping more often costs. */
  scopeAbsentScopedRepos: number | undefined;
  /** Over the repositories that use no scopes. */
  scopeAbsentNoScopeRepos: number | undefined;
  weakRate: number | undefined;
}

export function means(label: string, scores: RepoScore[]): Means {
  return {
    label,
    repositories: scores.length,
    typeAccuracy: mean(scores, (s) => s.typeAccuracy),
    minTypeAccuracy: scores.length ? Math.min(...scores.map((s) => s.typeAccuracy)) : undefined,
    macroAll: mean(scores, (s) => s.macroAll),
    scopeExact: mean(scores, (s) => s.scopeExact),
    scopeExactScopedRepos: mean(
      scores.filter((s) => !s.usesNoScope),
      (s) => s.scopeExact,
    ),
    scopeAbsentScopedRepos: mean(
      scores.filter((s) => !s.usesNoScope),
      (s) => s.scopeAbsent,
    ),
    scopeAbsentNoScopeRepos: mean(
      scores.filter((s) => s.usesNoScope),
      (s) => s.scopeAbsent,
    ),
    weakRate: mean(scores, (s) => s.weakRate),
  };
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((cells) => (cells[column] ?? '').length))) ?? [];
  return rows
    .map((cells) =>
      cells
        .map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0)))
        .join('  '),
    )
    .join('\n');
}

export function renderTable(scores: RepoScore[], summaries: Means[]): string {
  const body = [COLUMNS, ...scores.map(row)];
  const meanRows = [
    [
      'mean of repositories',
      'type nat',
      'min type',
      'macro all',
      'scope exact',
      'scope exact †',
      'no scope †',
      'no scope *',
      'weak',
    ],
    ...summaries.map((m) => [
      `${m.label} (${m.repositories})`,
      fixed(m.typeAccuracy),
      fixed(m.minTypeAccuracy),
      fixed(m.macroAll),
      fixed(m.scopeExact),
      fixed(m.scopeExactScopedRepos),
      fixed(m.scopeAbsentScopedRepos),
      fixed(m.scopeAbsentNoScopeRepos),
      fixed(m.weakRate),
    ]),
  ];
  return [
    table(body),
    '(scope exact: natural commits that have a scope; no scope: natural commits without one; * the repository uses none)',
    '(means: † over the repositories that use scopes, * over those that use none)',
    '',
    table(meanRows),
  ].join('\n');
}

export function renderPerType(score: RepoScore): string {
  const cells = Object.entries(score.perType)
    .sort((a, b) => b[1].n - a[1].n)
    .map(([type, entry]) => `${type} ${entry.correct}/${entry.n}`);
  return `  ${score.repo}: ${cells.join(', ')}`;
}

export function renderPairs(repo: string, pairs: Prediction[]): string {
  const lines = pairs.flatMap((p) => {
    const reason = weakReason(p.type, p.subject, p.row.subject);
    return [`  real: ${p.row.subject}`, `  ours: ${p.header}${reason ? `   [weak: ${reason}]` : ''}`];
  });
  return [`${repo}`, ...lines].join('\n');
}
