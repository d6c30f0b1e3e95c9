// The end-to-end cases (a staged change each), the provider's latency model and the peers' figures the targets come from.
import type { LatencyModel } from '../../test/support/provider-server.js';

/** Changed files of one kind: modified in place (several hunks each) and newly added. */
export interface KindCounts {
  modified: number;
  added: number;
}

export interface E2eSpec {
  name: string;
  seed: number;
  src: KindCounts;
  tests: KindCounts;
  docs: KindCounts;
  /** Source files removed, and source files moved with a small edit (git sees renames). */
  deleted: number;
  renamed: number;
  /** Edit sites (hunks) per modified file, [min, max]. */
  hunks: [number, number];
  /** Lines of a base source file, and of an added one. */
  baseLines: [number, number];
  addedLines: [number, number];
  /** Unchanged source files in the base beside the changed ones. */
  untouched: number;
}

export interface E2eCase {
  spec: E2eSpec;
  /** Wall-time target in seconds, and where it comes from. */
  wallTargetS: number;
  wallBasis: string;
  /** Most input tokens (a quarter of the peers' least), when the issue sets one. */
  maxInputTokens?: number;
}

/** Every request: 400 ms, plus 30 ms per 1k input tokens, plus 8 ms per output token. */
export const LATENCY: LatencyModel = { baseMs: 400, perInputKTokensMs: 30, perOutputTokenMs: 8 };

const SMALL = {
  hunks: [2, 5] as [number, number],
  baseLines: [60, 260] as [number, number],
  addedLines: [40, 160] as [number, number],
};
const LARGE = {
  hunks: [3, 6] as [number, number],
  baseLines: [80, 320] as [number, number],
  addedLines: [60, 240] as [number, number],
};

export const E2E_CASES: readonly E2eCase[] = [
  {
    spec: {
      name: '1',
      seed: 11,
      src: { modified: 1, added: 0 },
      tests: { modified: 0, added: 0 },
      docs: { modified: 0, added: 0 },
      deleted: 0,
      renamed: 0,
      untouched: 60,
      ...SMALL,
    },
    wallTargetS: 0.78,
    wallBasis: '1.0 x 0.78 s (fastest peer, 1 file)',
  },
  {
    spec: {
      name: '4',
      seed: 44,
      src: { modified: 2, added: 1 },
      tests: { modified: 1, added: 0 },
      docs: { modified: 0, added: 0 },
      deleted: 0,
      renamed: 0,
      untouched: 60,
      ...SMALL,
    },
    wallTargetS: 0.81,
    wallBasis: '1.0 x 0.81 s (fastest peer, 4 files)',
  },
  {
    spec: {
      name: '30',
      seed: 30,
      src: { modified: 18, added: 3 },
      tests: { modified: 4, added: 2 },
      docs: { modified: 1, added: 0 },
      deleted: 1,
      renamed: 1,
      untouched: 120,
      ...SMALL,
    },
    wallTargetS: 1.09,
    wallBasis: '1.0 x 1.09 s (fastest peer, 31 files)',
  },
  {
    spec: {
      name: '165',
      seed: 165,
      src: { modified: 110, added: 15 },
      tests: { modified: 20, added: 8 },
      docs: { modified: 4, added: 2 },
      deleted: 3,
      renamed: 3,
      untouched: 300,
      ...LARGE,
    },
    wallTargetS: 1.18,
    wallBasis: '0.35 x 3.38 s (fastest peer, 165 files)',
    maxInputTokens: 25_000,
  },
  {
    spec: {
      name: '1300',
      seed: 1300,
      src: { modified: 820, added: 150 },
      tests: { modified: 160, added: 50 },
      docs: { modified: 30, added: 10 },
      deleted: 40,
      renamed: 40,
      untouched: 400,
      ...LARGE,
    },
    wallTargetS: 3.54,
    wallBasis: '0.30 x 11.8 s (fastest peer, 1,289 files)',
    maxInputTokens: 175_000,
  },
];

/** The quick run's cases: the fast path, a mid-size and the largest change, once each. */
export const QUICK_CASES = ['1', '30', '1300'];

export function changedFiles(spec: E2eSpec): number {
  const { src, tests, docs } = spec;
  return (
    src.modified + src.added + tests.modified + tests.added + docs.modified + docs.added + spec.deleted + spec.renamed
  );
}

/** A warm run (analysis cache filled by the cold one) must be at least this many times faster. */
export const WARM_SPEEDUP = 3;
