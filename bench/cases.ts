// The benchmark's repositories and budgets: what each case stages, and how often each operation is repeated.

export interface RepoSpec {
  name: string;
  seed: number;
  /** Source files in the committed base. */
  baseFiles: number;
  /** Lines per base file, [min, max]. */
  baseLines: [number, number];
  /** Base files modified, each at a number of edit sites in [min, max] (about one hunk each). */
  modified: number;
  editSites: [number, number];
  added: number;
  addedLines: [number, number];
  deleted: number;
  /** Base files moved unchanged to a new path: exact renames, which git finds even past diff.renameLimit. */
  renamed: number;
  /** Packages in the lockfile changed by the staged changes; 0 for no lockfile. */
  lockfileEntries: number;
  binary: boolean;
  /** MB of one added file that is a single line (a minified bundle); absent for none. */
  longLineMB?: number;
}

export interface BenchCase {
  spec: RepoSpec;
  /** The budgets to measure it at; BUDGETS when absent. */
  budgets?: readonly Budget[];
  /** Repetitions per operation (the median is reported). */
  reps: number;
  quick: boolean;
}

const SMALL: Pick<RepoSpec, 'baseLines' | 'editSites' | 'addedLines'> = {
  baseLines: [40, 260],
  editSites: [2, 6],
  addedLines: [20, 220],
};

export const CASES: readonly BenchCase[] = [
  {
    spec: {
      name: '1',
      seed: 1,
      baseFiles: 120,
      ...SMALL,
      modified: 1,
      added: 0,
      deleted: 0,
      renamed: 0,
      lockfileEntries: 0,
      binary: false,
    },
    reps: 5,
    quick: true,
  },
  {
    spec: {
      name: '50',
      seed: 50,
      baseFiles: 400,
      ...SMALL,
      modified: 38,
      added: 6,
      deleted: 2,
      renamed: 2,
      lockfileEntries: 400,
      binary: true,
    },
    reps: 5,
    quick: true,
  },
  {
    spec: {
      name: '1000',
      seed: 1000,
      baseFiles: 2500,
      ...SMALL,
      modified: 780,
      added: 180,
      deleted: 22,
      renamed: 16,
      lockfileEntries: 1500,
      binary: true,
    },
    reps: 3,
    quick: false,
  },
  {
    spec: {
      name: '20000',
      seed: 20000,
      baseFiles: 17000,
      baseLines: [20, 100],
      editSites: [1, 3],
      addedLines: [5, 30],
      modified: 15000,
      added: 4600,
      deleted: 300,
      renamed: 98,
      lockfileEntries: 3000,
      binary: true,
    },
    reps: 3,
    quick: false,
  },
  {
    // A few hundred large files, most of each rewritten or new: about 100 MB of `git diff --cached`.
    spec: {
      name: '100mb',
      seed: 100,
      baseFiles: 170,
      baseLines: [6500, 8500],
      modified: 150,
      editSites: [700, 1000],
      added: 130,
      addedLines: [6500, 8500],
      deleted: 5,
      renamed: 3,
      lockfileEntries: 5000,
      binary: true,
    },
    reps: 3,
    quick: false,
  },
  {
    // Issue 10's "every request inside its window": 4,000 files (~60 MB) and a lockfile, at context-window 8192.
    spec: {
      name: '4000',
      seed: 4000,
      baseFiles: 3000,
      baseLines: [250, 450],
      modified: 2500,
      editSites: [12, 20],
      added: 1400,
      addedLines: [250, 450],
      deleted: 50,
      renamed: 50,
      lockfileEntries: 3000,
      binary: false,
    },
    budgets: [
      { label: 'gpt-4o/8k, window 8192', model: 'gpt-4o', maxTokens: 8000, contextWindow: 8192, collect: false },
    ],
    reps: 3,
    quick: false,
  },
  // One minified bundle of a single 50 MB or 100 MB line beside one small edit: no line may be held whole.
  ...[50, 100].map((mb) => ({
    spec: {
      name: `line${mb}mb`,
      seed: mb + 7,
      baseFiles: 20,
      ...SMALL,
      modified: 1,
      added: 0,
      deleted: 0,
      renamed: 0,
      lockfileEntries: 0,
      binary: false,
      longLineMB: mb,
    },
    reps: 3,
    quick: false,
  })),
];

/** Changed files the spec stages (the lockfile and the binary count as one each). */
export function changedFileCount(spec: RepoSpec): number {
  return (
    spec.modified +
    spec.added +
    spec.deleted +
    spec.renamed +
    (spec.lockfileEntries > 0 ? 1 : 0) +
    (spec.binary ? 1 : 0) +
    (spec.longLineMB ? 1 : 0)
  );
}

export interface Budget {
  label: string;
  model: string;
  maxTokens: number;
  /** Also measure the collection alone at this budget (git+collect), to see what fitting adds. */
  collect: boolean;
  /** The model's window, when smaller than the model's own (`context-window`). */
  contextWindow?: number;
}

/** The default model and max-tokens, and a 1M-token budget where the exact fitting has real work to do. */
export const BUDGETS: readonly Budget[] = [
  { label: 'gpt-4o/8k', model: 'gpt-4o', maxTokens: 8000, collect: false },
  { label: 'gpt-4.1/1M', model: 'gpt-4.1', maxTokens: 1_000_000, collect: true },
];

/** Tokens of the prompt around the diff (about what the single-step prompt measures) and kept for the answer. */
export const PROMPT_TOKENS = 600;
export const RESERVED_OUTPUT = 1024;
