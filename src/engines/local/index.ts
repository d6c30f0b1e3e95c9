// The offline engine: a Conventional Commits message inferred from the parsed diff and the repository's history.

import type { FileDiff } from '../../diff/types.js';
import type { CommitMessage } from '../message.js';
import { detectActivities } from './activity.js';
import { writeBody } from './body.js';
import { describeFile, type FileChange } from './changes.js';
import { findDependencyConvention } from './dependency-convention.js';
import { findDependencyChanges } from './deps.js';
import { profileFileHistory, profileHistory } from './history.js';
import { inferScope } from './infer-scope.js';
import { inferType } from './infer-type.js';
import { collectSignals } from './signals.js';
import { writeSubject } from './subject.js';

export interface LocalEngineInput {
  files: FileDiff[];
  /** The repository's recent commit subjects, newest first. */
  history?: string[];
  /** For each changed path, the newest subjects that touched it. */
  fileHistory?: Record<string, string[]>;
  maxLength: number;
  body: boolean;
}

const LIGHT_ROLES = new Set(['lockfile', 'snapshot', 'generated', 'vendored']);

export function generateLocalMessage(input: LocalEngineInput): CommitMessage {
  if (input.files.length === 0) return { type: 'chore', subject: 'update files', breaking: false };
  const changes = input.files.map(describeFile);
  const weights = changeWeights(changes);
  const profile = profileHistory(input.history ?? []);
  const priors = profileFileHistory(input.fileHistory ?? {}, weights);
  const deps = findDependencyChanges(changes);
  const convention = findDependencyConvention(profile, deps.changes);
  const signals = collectSignals(changes);
  const activities = detectActivities(changes, signals);
  const type = inferType({ signals, activities, deps, dependencyType: convention.type, profile, priors });
  const scope = deps.onlyDependencies && type === convention.type ? convention.scope : inferScope({ type, changes, weights, profile, priors });
  const prefix = type.length + (scope ? scope.length + 2 : 0) + 2;
  const room = Math.max(input.maxLength - prefix, Math.min(24, input.maxLength - type.length - 2));
  const subject = writeSubject({ type, changes, signals, deps, convention, room });
  const message: CommitMessage = { type, subject, breaking: false };
  if (scope) message.scope = scope;
  if (input.body) {
    const body = writeBody({ changes, dependencies: deps.changes.slice(0, 20), onlyDependencies: deps.onlyDependencies, subject });
    if (body) message.body = body;
  }
  return message;
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
