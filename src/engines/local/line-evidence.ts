// What the changed lines themselves say beyond symbols: lines only re-formatted, error handling added, tests
// skipped, deprecations, version bumps and benchmarks. Counted in one pass over each file's added and removed lines.

import type { FileChange } from './changes.js';

export interface LineEvidence {
  /** Share of the removed non-blank lines that come back, re-formatted (spacing, quotes, commas, parens), among the added. */
  reformatShare: number;
  /** Share of the changed files whose every hunk only re-formats. */
  formatFilesShare: number;
  /** Added lines that raise or handle errors (throw, raise, Err(, panic!, catch, except), net of removed ones. */
  errorHandling: number;
  /** Added lines that skip or disable tests (`.skip(`, `xit(`, `#[ignore]`, `pytest.mark.skip`, `t.Skip(`). */
  skippedTests: number;
  /** Added deprecation marks (`@deprecated`, `#[deprecated`, `DeprecationWarning`). */
  deprecations: number;
  /** A manifest's own version line changes (`"version": "1.2.3"`, `version = "1.2.3"`). */
  versionBump: boolean;
  /** A benchmark file is changed (`bench/`, `benches/`, `*.bench.ts`, `*_bench.go`). */
  benchmark: boolean;
  /** Share of the removed non-blank lines in source files (0 when there are fewer than 3 changed lines). */
  removedShare: number;
}

const ERROR_LINE =
  /\bthrow\b|\braise\b|\bErr\(|\bpanic!|\bbail!|\banyhow!|\breturn\s+(?:nil,\s*)?(?:fmt\.Errorf|errors\.New)|\bcatch\b|\bexcept\b|\.catch\(|\bError\(/;
const SKIP_LINE =
  /\b(?:it|test|describe)\.(?:skip|todo|fixme)\(|\bx(?:it|describe)\(|#\[ignore\b|pytest\.mark\.(?:skip|xfail)|\bt\.Skip\(|\bskipIf\(|\.skip\b\s*=\s*true/;
/** A deprecation mark: JSDoc's, Rust's attribute, Python's warning and its helpers (`deprecate_renamed_parameter(`). */
export const DEPRECATION =
  /@deprecated\b|#\[deprecated\b|DeprecationWarning|\bdeprecated?(?:_\w+)?\(|\bissue_deprecation_warning\b/;
const VERSION_LINE = /^\s*"?version"?\s*[:=]\s*["']\d+\.\d+/;
const MANIFEST = /(^|\/)(package\.json|Cargo\.toml|pyproject\.toml|setup\.cfg|deno\.jsonc?|jsr\.json)$/;
const BENCH = /(^|\/)(bench|benches|benchmarks?)\/|[._-]bench(mark)?s?\.[\w]+$|_bench_test\.go$/i;

const normalise = (line: string) =>
  line
    .replace(/\s+/g, '')
    .replace(/[;,()]/g, '')
    .replace(/"/g, "'");

export function collectLineEvidence(changes: FileChange[]): LineEvidence {
  let removedLines = 0;
  let reformatted = 0;
  let errorAdded = 0;
  let errorRemoved = 0;
  let skipped = 0;
  let deprecations = 0;
  let versionBump = false;
  let sourceAdded = 0;
  let sourceRemoved = 0;
  for (const change of changes) {
    const added = new Set(change.addedLines.map(normalise));
    const exact = new Set(change.removedLines.map((line) => line.trim()));
    const addedExact = new Set(change.addedLines.map((line) => line.trim()));
    for (const line of change.removedLines) {
      if (!line.trim()) continue;
      removedLines += 1;
      const key = normalise(line);
      // Re-formatted: comes back changed only in spacing or punctuation (a line moved verbatim is not formatting).
      if (added.has(key) && !addedExact.has(line.trim())) reformatted += 1;
      if (ERROR_LINE.test(line)) errorRemoved += 1;
    }
    for (const line of change.addedLines) {
      if (exact.has(line.trim())) continue;
      if (ERROR_LINE.test(line)) errorAdded += 1;
      if (SKIP_LINE.test(line)) skipped += 1;
      if (DEPRECATION.test(line)) deprecations += 1;
    }
    if (MANIFEST.test(change.file.path) && change.addedLines.some((line) => VERSION_LINE.test(line)))
      versionBump ||= change.removedLines.some((line) => VERSION_LINE.test(line));
    if (change.role === 'source') {
      sourceAdded += change.addedLines.filter((line) => line.trim()).length;
      sourceRemoved += change.removedLines.filter((line) => line.trim()).length;
    }
  }
  return {
    reformatShare: removedLines >= 2 ? reformatted / removedLines : 0,
    formatFilesShare: changes.length ? changes.filter((change) => change.formatOnly).length / changes.length : 0,
    errorHandling: Math.max(0, errorAdded - errorRemoved),
    skippedTests: skipped,
    deprecations,
    versionBump,
    benchmark: changes.some((change) => BENCH.test(change.file.path)),
    removedShare: sourceAdded + sourceRemoved >= 3 ? sourceRemoved / (sourceAdded + sourceRemoved) : 0,
  };
}
