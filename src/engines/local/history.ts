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
  /** The type of the newest conventional subject of the heaviest changed file that has one. */
  newest?: CommitType;
  /** Each changed file's newest conventional subject's type, for the files that have one. */
  newestPerFile?: CommitType[];
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

/** Votes from each changed file's own history; files weigh by how much of the change they carry. */
export function profileFileHistory(fileHistory: Record<string, string[]>, weights: Map<string, number>): FilePriors {
  const types = new Map<CommitType, number>();
  const scopes = new Map<CommitType, Map<string, number>>();
  let weight = 0;
  let newest: { type: CommitType; weight: number } | undefined;
  const newestPerFile: CommitType[] = [];
  for (const [path, fileWeight] of weights) {
    const subjects = fileHistory[path] ?? [];
    const first = subjects.map(parseCommitHeader).find((header) => header !== undefined);
    if (first) newestPerFile.push(first.type);
    subjects.forEach((subject, index) => {
      const header = parseCommitHeader(subject);
      if (!header) return;
      if (!newest || (index === 0 && fileWeight > newest.weight))
        newest = { type: header.type, weight: index === 0 ? fileWeight : 0 };
      const vote = fileWeight / (1 + 0.25 * index);
      addTo(types, header.type, vote);
      const perType = scopes.get(header.type) ?? new Map<string, number>();
      addTo(perType, header.scope ?? '', vote);
      scopes.set(header.type, perType);
      weight += vote;
    });
  }
  if (weight > 0) for (const [type, value] of types) types.set(type, value / weight);
  return newest
    ? { types, scopes, weight, newest: newest.type, newestPerFile }
    : { types, scopes, weight, newestPerFile };
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
