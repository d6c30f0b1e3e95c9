// What the repository's own subjects say: its type mix, its scope vocabulary, and the priors for the changed files.

import { parseCommitHeader, type CommitHeader, type CommitType } from '../message.js';

export interface HistoryProfile {
  /** Conventional headers among the subjects, newest first. */
  headers: CommitHeader[];
  /** Share of subjects that are conventional headers (0 with no history). */
  conventionalShare: number;
  typeCounts: Map<CommitType, number>;
  scopeCounts: Map<string, number>;
  /** Per type: how many of its headers carry a scope, and how many there are. */
  scopedByType: Map<CommitType, { scoped: number; total: number }>;
}

export interface FilePriors {
  /** Recency-weighted type votes from the subjects that touched the changed files, normalised to sum 1. */
  types: Map<CommitType, number>;
  /** Recency-weighted scope votes per type ('' = no scope). */
  scopes: Map<CommitType, Map<string, number>>;
  /** Total weight behind the votes (0 when the files have no history). */
  weight: number;
  /** The same votes without each file's first subject (the commit that added it), and their weight. */
  laterTypes: Map<CommitType, number>;
  laterWeight: number;
  /** Per type, the weighted share of the files with their whole history given whose first subject has that type. */
  createdTypes: Map<CommitType, number>;
  /** The type of the newest conventional subject of the heaviest changed file that has one. */
  newest?: CommitType;
  /** Each changed file's newest conventional subject's type, for the files that have one. */
  newestPerFile?: CommitType[];
}

// A repository's first commit ("chore: init", "Initial commit"): it wrote every file, and says nothing of how the
// authors type a change to one of them.
const INITIAL_COMMIT =
  /^(?:\w+(?:\([^)]*\))?!?:\s*)?(?:init|initial(?:ise|ize)?|initial commit|first commit)(?:\s+(?:commit|project|repo(?:sitory)?))?\.?$/i;

/** The subjects without the repository's first commit. */
export function withoutInitialCommit(subjects: string[]): string[] {
  return subjects.some((subject) => INITIAL_COMMIT.test(subject.trim()))
    ? subjects.filter((subject) => !INITIAL_COMMIT.test(subject.trim()))
    : subjects;
}

export function profileHistory(subjects: string[]): HistoryProfile {
  const headers = subjects.map(parseCommitHeader).filter((header): header is CommitHeader => header !== undefined);
  const typeCounts = new Map<CommitType, number>();
  const scopeCounts = new Map<string, number>();
  const scopedByType = new Map<CommitType, { scoped: number; total: number }>();
  for (const header of headers) {
    addTo(typeCounts, header.type, 1);
    const entry = scopedByType.get(header.type) ?? { scoped: 0, total: 0 };
    entry.total += 1;
    if (header.scope) {
      entry.scoped += 1;
      addTo(scopeCounts, header.scope, 1);
    }
    scopedByType.set(header.type, entry);
  }
  return {
    headers,
    conventionalShare: subjects.length ? headers.length / subjects.length : 0,
    typeCounts,
    scopeCounts,
    scopedByType,
  };
}

/** How many subjects of each changed file the engine reads (`git log -n 10 -- <path>`). */
export const FILE_HISTORY_LIMIT = 10;

/**
 * Votes from each changed file's own history; files weigh by how much of the change they carry. `unlike` marks the
 * subjects that say nothing of this change's type (a bot's dependency bump, for a change that bumps none): they still
 * vote for scopes, not for types.
 */
export function profileFileHistory(
  fileHistory: Record<string, string[]>,
  weights: Map<string, number>,
  limit = FILE_HISTORY_LIMIT,
  unlike?: (header: CommitHeader) => boolean,
): FilePriors {
  const types = new Map<CommitType, number>();
  const laterTypes = new Map<CommitType, number>();
  const createdTypes = new Map<CommitType, number>();
  const scopes = new Map<CommitType, Map<string, number>>();
  let weight = 0;
  let laterWeight = 0;
  let createdWeight = 0;
  let newest: { type: CommitType; weight: number } | undefined;
  const newestPerFile: CommitType[] = [];
  for (const [path, fileWeight] of weights) {
    const subjects = fileHistory[path] ?? [];
    const typed = (header: CommitHeader | undefined): header is CommitHeader =>
      header !== undefined && !unlike?.(header);
    const first = subjects.map(parseCommitHeader).find(typed);
    if (first) newestPerFile.push(first.type);
    // Fewer subjects than asked for: the file's whole history, and its oldest subject is the commit that added it.
    const whole = subjects.length > 0 && subjects.length < limit;
    const creation = whole ? parseCommitHeader(subjects[subjects.length - 1] ?? '') : undefined;
    if (typed(creation)) {
      addTo(createdTypes, creation.type, fileWeight);
      createdWeight += fileWeight;
    }
    subjects.forEach((subject, index) => {
      const header = parseCommitHeader(subject);
      if (!header) return;
      const vote = fileWeight / (1 + 0.25 * index);
      const perType = scopes.get(header.type) ?? new Map<string, number>();
      addTo(perType, header.scope ?? '', vote);
      scopes.set(header.type, perType);
      if (!typed(header)) return;
      if (!newest || (index === 0 && fileWeight > newest.weight))
        newest = { type: header.type, weight: index === 0 ? fileWeight : 0 };
      addTo(types, header.type, vote);
      if (!(whole && index === subjects.length - 1)) {
        addTo(laterTypes, header.type, vote);
        laterWeight += vote;
      }
      weight += vote;
    });
  }
  if (weight > 0) for (const [type, value] of types) types.set(type, value / weight);
  if (laterWeight > 0) for (const [type, value] of laterTypes) laterTypes.set(type, value / laterWeight);
  if (createdWeight > 0) for (const [type, value] of createdTypes) createdTypes.set(type, value / createdWeight);
  const priors = { types, scopes, weight, laterTypes, laterWeight, createdTypes, newestPerFile };
  return newest ? { ...priors, newest: newest.type } : priors;
}

/** The share of the repository's commits of this type that carry a scope; undefined when the type is unseen. */
export function scopeShare(profile: HistoryProfile, type: CommitType): number | undefined {
  const entry = profile.scopedByType.get(type);
  if (!entry || entry.total < 2) return undefined;
  return entry.scoped / entry.total;
}

export function addTo<K>(map: Map<K, number>, key: K, value: number): void {
  map.set(key, (map.get(key) ?? 0) + value);
}
