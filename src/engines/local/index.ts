// The offline engine: a Conventional Commits message inferred from the parsed diff and the repository's history.

import type { FileDiff } from '../../diff/types.js';
import type { CommitMessage, CommitType } from '../message.js';
import { detectActivities, type Activity } from './activity.js';
import { writeBody } from './body.js';
import { isBreaking } from './breaking.js';
import { describeFile, type FileChange } from './changes.js';
import { readChangesets, type ChangesetNote } from './changeset.js';
import { findDependencyConvention, isDependencyHeader, type DependencyConvention } from './dependency-convention.js';
import { findDependencyChanges, type DependencyFacts } from './deps.js';
import { computeTypeFeatures, type TypeFeatures } from './features.js';
import {
  profileFileHistory,
  profileHistory,
  withoutInitialCommit,
  type FilePriors,
  type HistoryProfile,
} from './history.js';
import { inferScope } from './infer-scope.js';
import { collectSignals, type ChangeSignals } from './signals.js';
import { writeSubject } from './subject.js';
import { bestType, explainType, scoreTypes } from './type-model.js';

export interface LocalEngineInput {
  files: FileDiff[];
  /** The repository's recent commit subjects, newest first. */
  history?: string[];
  /** For each changed path, the newest subjects that touched it. */
  fileHistory?: Record<string, string[]>;
  maxLength: number;
  body: boolean;
  /** Receives which features decided the type (--debug). */
  explain?: (text: string) => void;
}

/** Everything the engine knows about a change before it writes: what the type model and the writers read. */
export interface ChangeAnalysis {
  changes: FileChange[];
  weights: Map<string, number>;
  profile: HistoryProfile;
  priors: FilePriors;
  deps: DependencyFacts;
  convention: DependencyConvention;
  signals: ChangeSignals;
  activities: Activity[];
  changeset: ChangesetNote | undefined;
  features: TypeFeatures;
}

const LIGHT_ROLES = new Set(['lockfile', 'snapshot', 'generated', 'vendored']);

export function analyseChange(input: Pick<LocalEngineInput, 'files' | 'history' | 'fileHistory'>): ChangeAnalysis {
  const changes = input.files.map(describeFile);
  const weights = changeWeights(changes);
  const profile = profileHistory(withoutInitialCommit(input.history ?? []));
  const deps = findDependencyChanges(changes);
  // A file's bumps by a bot say nothing of how its authors type a change that bumps nothing.
  const priors = profileFileHistory(
    mapValues(input.fileHistory ?? {}, withoutInitialCommit),
    weights,
    undefined,
    deps.changes.length === 0 ? isDependencyHeader : undefined,
  );
  const convention = findDependencyConvention(profile, deps.changes);
  const signals = collectSignals(changes);
  const activities = detectActivities(changes, signals);
  const changeset = readChangesets(changes);
  const features = computeTypeFeatures({
    changes,
    signals,
    activities,
    deps,
    dependencyType: convention.type,
    profile,
    priors,
    changeset,
    fileHistory: input.fileHistory ?? {},
    history: input.history ?? [],
  });
  return { changes, weights, profile, priors, deps, convention, signals, activities, changeset, features };
}

export function chooseType(analysis: ChangeAnalysis, explain?: (text: string) => void): CommitType {
  if (analysis.deps.onlyDependencies) {
    explain?.(`type ${analysis.convention.type}: only dependency versions change, typed as this repository types them`);
    return analysis.convention.type;
  }
  if (analysis.signals.onlyRenames) {
    explain?.('type refactor: every file is only moved or renamed');
    return 'refactor';
  }
  const scores = scoreTypes(analysis.features);
  explain?.(explainType(analysis.features, scores));
  return bestType(scores);
}

export function generateLocalMessage(input: LocalEngineInput): CommitMessage {
  if (input.files.length === 0) return { type: 'chore', subject: 'update files', breaking: false };
  const analysis = analyseChange(input);
  const { changes, weights, profile, priors, deps, convention, signals, changeset } = analysis;
  const type = chooseType(analysis, input.explain);
  const scope =
    deps.onlyDependencies && type === convention.type
      ? convention.scope
      : inferScope({
          type,
          changes,
          weights,
          profile,
          priors,
          dependencies: deps.changes.length > 0,
          ...(input.explain ? { explain: input.explain } : {}),
        });
  const prefix = type.length + (scope ? scope.length + 2 : 0) + 2;
  const room = Math.max(input.maxLength - prefix, Math.min(24, input.maxLength - type.length - 2));
  const backticks = usesBackticks(input.history ?? []);
  const subject = writeSubject({ type, changes, signals, deps, convention, changeset, room, backticks });
  const message: CommitMessage = { type, subject, breaking: isBreaking(changes, profile) };
  if (scope) message.scope = scope;
  if (input.body) {
    const body = writeBody({
      changes,
      dependencies: deps.changes.slice(0, 20),
      onlyDependencies: deps.onlyDependencies,
      subject,
    });
    if (body) message.body = body;
  }
  return message;
}

function mapValues<T>(record: Record<string, T>, map: (value: T) => T): Record<string, T> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, map(value)]));
}

/** At least one subject in ten wraps a name in backticks. */
function usesBackticks(subjects: string[]): boolean {
  return subjects.length > 0 && subjects.filter((subject) => /`[^`]+`/.test(subject)).length * 10 >= subjects.length;
}

/** Each path's share of the change; lockfiles, snapshots and generated files count little, tests little beside source. */
function changeWeights(changes: FileChange[]): Map<string, number> {
  const hasSource = changes.some((change) => change.role === 'source');
  const raw = changes.map((change) => {
    const lines = Math.max(1, change.file.additions + change.file.deletions);
    const light = LIGHT_ROLES.has(change.role) ? 0.1 : hasSource && change.role === 'test' ? 0.35 : 1;
    return [change.file.path, light * Math.sqrt(lines)] as const;
  });
  const total = raw.reduce((sum, [, weight]) => sum + weight, 0);
  return new Map(raw.map(([path, weight]) => [path, total > 0 ? weight / total : 0]));
}
