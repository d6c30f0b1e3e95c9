// Chooses the commit type: content evidence from paths and lines, weighed against the repository's own habits.

import type { CommitType } from '../message.js';
import { activityTypes, type Activity } from './activity.js';
import type { DependencyFacts } from './deps.js';
import type { FilePriors, HistoryProfile } from './history.js';
import type { FileRole } from '../../diff/classify.js';
import type { ChangeSignals } from './signals.js';

export interface TypeEvidence {
  signals: ChangeSignals;
  /** Recognised chores (typo fix, formatting, ...), most specific first. */
  activities: Activity[];
  deps: DependencyFacts;
  /** The type this repository gives dependency updates (from its history), chore by default. */
  dependencyType: CommitType;
  profile: HistoryProfile;
  priors: FilePriors;
}

const FEAT_TITLE =
  /\b(support|supports|allow|allows|expose|exposes|new|enable|option|add|adds|provide|accept|accepts|feature)\b/i;
const FIX_TITLE =
  /(#\d+|\bshould not\b|\bnot\b|\bfix|\bbug|\berror|\bwarn|\bedge\b|\bcorrect|\bproperly\b|\bavoid|\bmismatch|\bcrash|\bregression|\binfinite|\bleak|\bwhen\b)/i;

export function scoreTypes(evidence: TypeEvidence): Map<CommitType, number> {
  const scores = new Map<CommitType, number>();
  const add = (type: CommitType, value: number) => scores.set(type, (scores.get(type) ?? 0) + value);
  addContent(evidence, add);
  const { priors, profile } = evidence;
  const fileConfidence = Math.min(1, priors.weight / 3);
  for (const [type, share] of priors.types) add(type, 2.2 * fileConfidence * share);
  const repoTotal = [...profile.typeCounts.values()].reduce((total, count) => total + count, 0);
  // One commit (a new repository's "chore: init") is no habit; a few are weak evidence, four or more a rule.
  const repoConfidence = Math.min(1, (repoTotal - 1) / 3);
  for (const [type, count] of profile.typeCounts) add(type, repoTotal ? (0.6 * repoConfidence * count) / repoTotal : 0);
  return scores;
}

export function inferType(evidence: TypeEvidence): CommitType {
  let best: CommitType = 'fix';
  let bestScore = -Infinity;
  for (const [type, score] of scoreTypes(evidence)) {
    if (score > bestScore) {
      best = type;
      bestScore = score;
    }
  }
  return best;
}

function addContent(evidence: TypeEvidence, add: (type: CommitType, value: number) => void): void {
  const { signals, deps } = evidence;
  const only = (...roles: FileRole[]) => [...signals.roles].every((role) => roles.includes(role));
  const share = (...roles: FileRole[]) => roles.reduce((total, role) => total + (signals.roleShare.get(role) ?? 0), 0);

  if (deps.onlyDependencies) return add(evidence.dependencyType, 4);
  // How this repository typed earlier commits of the same kind (typo fixes, formatting, readme edits) tempers the defaults.
  let habit = 0;
  for (const activity of evidence.activities) {
    const learnt = activityTypes(evidence.profile, activity);
    if (!learnt) continue;
    habit = Math.min(1, learnt.count / 4);
    for (const [type, value] of learnt.shares) add(type, 3 * habit * value);
    break;
  }
  const usual = (type: CommitType, value: number) => add(type, value * (1 - 0.5 * habit));
  if (evidence.activities.includes('typo')) usual('docs', 1.5);
  if (signals.onlyRenames) return usual('refactor', 3);
  if (signals.formatOnly) return usual('style', 3.5);
  if (signals.modeOnly) return usual('chore', 3);
  if (only('ci')) return usual('ci', 4);
  if (only('docs')) return usual('docs', 4);
  if (only('docs', 'changelog')) return usual('docs', 2.5);
  if (only('test', 'snapshot')) return usual('test', 4);
  if (signals.commentOnly && only('source', 'docs')) return usual('docs', 2.5);

  if (signals.roles.has('ci')) add('ci', 1 + 2 * share('ci'));
  add('docs', 2.5 * Math.max(0, share('docs') - 0.4));
  if (signals.source.length > 0) {
    add('test', 2 * Math.max(0, share('test', 'snapshot') - 0.6));
    return addSourceContent(signals, add);
  }
  add('test', 2 * share('test', 'snapshot'));
  if (only('build')) {
    add('build', 1.6);
    add('chore', 0.8);
  } else if (only('build', 'manifest', 'lockfile')) {
    add('build', 1.2);
    add('chore', 1.2);
  } else {
    add('chore', 1.4);
    add('build', 0.5);
  }
}

function addSourceContent(signals: ChangeSignals, add: (type: CommitType, value: number) => void): void {
  const size = signals.sourceAdditions + signals.sourceDeletions;
  const exported = signals.exportedAdded.length + signals.reexported.length;
  add('fix', 0.8);
  if (exported > 0) {
    add('feat', 1.4 + Math.min(0.6, 0.2 * (exported - 1)));
    add('refactor', 0.2);
  }
  if (signals.newSourceFiles > 0 && signals.movedShare < 0.5) add('feat', 0.6);
  if (signals.newOptions > 0) add('feat', 0.6);
  if (signals.newTestCases >= 3) add('feat', 0.6);
  if (signals.issueRefs > 0) add('fix', 0.8);
  if (signals.symbolsRemoved.length > 0) {
    add('refactor', 0.7);
    add('feat', 0.3);
    add('chore', 0.3);
    add('fix', -0.4);
  }
  if (signals.tests.length > 0) {
    add('fix', 0.3);
    add('feat', 0.3);
  } else {
    add('refactor', 0.4);
    add('chore', 0.4);
    add('perf', 0.3);
    add('fix', -0.3);
  }
  for (const title of signals.testTitles.slice(0, 6)) {
    if (FIX_TITLE.test(title)) add('fix', 0.15);
    else if (FEAT_TITLE.test(title)) add('feat', 0.2);
  }
  if (size > 6 && signals.sourceDeletions >= signals.sourceAdditions) {
    add('refactor', 0.6);
    add('chore', 0.3);
    add('fix', -0.2);
  }
  if (signals.movedShare > 0.5) add('refactor', 1.2);
  if (signals.perfLines > 0) add('perf', 1 + Math.min(0.6, 0.2 * signals.perfLines));
}
