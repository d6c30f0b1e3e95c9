// The type model's inputs: one vector of change features, and per-type evidence from the repository's history.

import { COMMIT_TYPES, type CommitType } from '../message.js';
import { activityTypes, type Activity } from './activity.js';
import type { FileChange } from './changes.js';
import { collectLineEvidence } from './line-evidence.js';
import { isReleaseNote, type ChangesetNote } from './changeset.js';
import { noteTypes } from './note-type.js';
import { undoEvidence } from './revert.js';
import type { DependencyFacts } from './deps.js';
import type { FilePriors, HistoryProfile } from './history.js';
import type { ChangeSignals } from './signals.js';

export interface TypeFeatureInput {
  changes: FileChange[];
  signals: ChangeSignals;
  activities: Activity[];
  deps: DependencyFacts;
  /** The type this repository gives dependency updates. */
  dependencyType: CommitType;
  profile: HistoryProfile;
  priors: FilePriors;
  changeset: ChangesetNote | undefined;
  /** The changed files' own subjects, newest first, and the repository's (for the undo evidence). */
  fileHistory?: Record<string, string[]>;
  history?: string[];
}

export interface TypeFeatures {
  /** Facts about the change, each in [0, 1] (bias is 1): every type has its own weight for each. */
  shared: Record<string, number>;
  /** Evidence for one type at a time (its share in the history, ...): one weight for all types. */
  perType: Record<CommitType, Record<string, number>>;
}

const FEAT_TITLE = /\b(supports?|allows?|exposes?|new|enables?|options?|adds?|provides?|accepts?|feature)\b/i;
const FIX_TITLE =
  /(#\d+|\bshould not\b|\bnot\b|\bfix|\bbug|\berror|\bwarn|\bedge\b|\bcorrect|\bproperly\b|\bavoid|\bmismatch|\bcrash|\bregression|\binfinite|\bleak|\bwhen\b)/i;
const GUARD =
  /^\s*(?:\}\s*)?(?:else\s+)?if\b|\?\?|\?\.|^\s*(?:return|continue|break)\s*;?\s*$|^\s*guard\b|^\s*unless\b|\bif\s+err\s*!=\s*nil/;
const CONDITION = /\bif\b|&&|\|\||[!=]==?|[<>]=?|\?\s/;

/**
 * The per-type features read from the repository's history. A new repository has none of them: the fit also learns
 * from copies of its rows without them (and with `no_history` set), so the change alone types a first commit.
 */
export const HISTORY_FEATURES = [
  'repo_share',
  'file_share',
  'file_later_share',
  'file_created',
  'file_newest',
  'files_newest',
  'recent_share',
  'last_type',
  'habit',
] as const;

/** The shared features that read the history: zero for a repository without one. */
export const HISTORY_SHARED_FEATURES = ['undoes_newest'] as const;

const clamp = (value: number) => Math.max(0, Math.min(1, value));

export function computeTypeFeatures(input: TypeFeatureInput): TypeFeatures {
  const { changes, signals, deps, profile, priors } = input;
  const share = (...roles: string[]) =>
    roles.reduce((total, role) => total + (signals.roleShare.get(role as never) ?? 0), 0);
  const only = (...roles: string[]) => changes.length > 0 && changes.every((change) => roles.includes(change.role));
  const source = signals.source;
  const size = signals.sourceAdditions + signals.sourceDeletions;
  const modifiedSource = source.filter((change) => change.file.status === 'modified');
  let guards = 0;
  let conditions = 0;
  let edits = 0;
  for (const change of modifiedSource) {
    const removed = new Set(change.removedLines.map((line) => line.trim()));
    // A guard inside a function this change adds is part of the new code, not a fix to the old.
    for (const line of change.editedLines) {
      if (removed.has(line.trim()) || !line.trim()) continue;
      edits += 1;
      if (GUARD.test(line)) guards += 1;
    }
    const pairs = Math.min(change.addedLines.length, change.removedLines.length);
    for (let index = 0; index < pairs; index += 1) {
      const before = change.removedLines[index] ?? '';
      const after = change.addedLines[index] ?? '';
      if (before.trim() !== after.trim() && CONDITION.test(before) && CONDITION.test(after)) conditions += 1;
    }
  }
  const addedSource = source.reduce((total, change) => total + change.addedLines.length, 0);
  const editedSource = source.reduce((total, change) => total + change.editedLines.length, 0);
  const titles = signals.testTitles.slice(0, 8);
  const lines_ = collectLineEvidence(changes);
  const hasSource = source.length > 0;
  const lines = changes.reduce((total, change) => total + change.file.additions + change.file.deletions, 0);
  const shared: Record<string, number> = {
    bias: 1,
    no_history: profile.headers.length === 0 && priors.weight === 0 ? 1 : 0,
    share_source: share('source'),
    share_test: share('test', 'snapshot'),
    share_docs: share('docs'),
    share_changelog: share('changelog'),
    share_ci: share('ci'),
    share_build: share('build'),
    share_manifest: share('manifest', 'lockfile'),
    share_config: share('config'),
    share_other: share('asset', 'binary', 'generated', 'vendored'),
    only_source: only('source') ? 1 : 0,
    only_test: only('test', 'snapshot') ? 1 : 0,
    only_docs: only('docs') ? 1 : 0,
    only_docs_changelog: only('docs', 'changelog') ? 1 : 0,
    only_ci: only('ci') ? 1 : 0,
    only_build: only('build') ? 1 : 0,
    only_build_manifest: only('build', 'manifest', 'lockfile') ? 1 : 0,
    only_config: only('config') ? 1 : 0,
    source_and_tests: source.length > 0 && signals.tests.length > 0 ? 1 : 0,
    only_deps: deps.onlyDependencies ? 1 : 0,
    some_deps: deps.changes.length > 0 ? 1 : 0,
    renames_only: signals.onlyRenames ? 1 : 0,
    format_only: signals.formatOnly ? 1 : 0,
    comment_only: signals.commentOnly ? 1 : 0,
    mode_only: signals.modeOnly ? 1 : 0,
    typo: input.activities.includes('typo') ? 1 : 0,
    pure_export_addition:
      signals.exportedAdded.length + signals.reexported.length > 0 &&
      signals.symbolsRemoved.length === 0 &&
      signals.sourceDeletions * 4 <= signals.sourceAdditions
        ? 1
        : 0,
    exported_added: clamp((signals.exportedAdded.length + signals.reexported.length) / 2),
    new_source_files: clamp(signals.newSourceFiles / 2),
    new_options: clamp(signals.newOptions / 2),
    new_test_cases: clamp(signals.newTestCases / 4),
    issue_refs: signals.issueRefs > 0 ? 1 : 0,
    symbols_added: clamp(signals.symbolsAdded.length / 3),
    symbols_removed: clamp(signals.symbolsRemoved.length / 3),
    deletions_dominant: size > 6 && signals.sourceDeletions > signals.sourceAdditions ? 1 : 0,
    added_only: size > 0 && signals.sourceDeletions === 0 ? 1 : 0,
    moved_share: signals.movedShare,
    perf_lines: clamp(signals.perfLines / 2),
    speed_talk: clamp(signals.speedTalk),
    fix_titles: titles.length ? titles.filter((title) => FIX_TITLE.test(title)).length / titles.length : 0,
    feat_titles: titles.length
      ? titles.filter((title) => !FIX_TITLE.test(title) && FEAT_TITLE.test(title)).length / titles.length
      : 0,
    guards: clamp(guards / 2),
    // Guards as a share of the lines that edit existing code: a small edit that is mostly a guard is a fix.
    guard_share: edits ? guards / edits : 0,
    conditions: clamp(conditions / 2),
    small_source: size > 0 && size <= 12 ? 1 : 0,
    size_log: clamp(Math.log10(1 + lines) / 4),
    files_log: clamp(Math.log10(1 + changes.length) / 2),
    type_level: source.length > 0 && source.every((change) => change.typeLevel) ? 1 : 0,
    deleted_files: changes.some((change) => change.file.status === 'deleted') ? 1 : 0,
    changeset_patch: input.changeset?.bump === 'patch' && !input.changeset.kind ? 1 : 0,
    changeset_minor: input.changeset?.bump === 'minor' ? 1 : 0,
    changeset_major: input.changeset?.bump === 'major' ? 1 : 0,
    reformat_share: lines_.reformatShare,
    format_files_share: lines_.formatFilesShare,
    error_handling: hasSource ? clamp(lines_.errorHandling / 2) : 0,
    skipped_tests: clamp(lines_.skippedTests),
    deprecations: clamp(lines_.deprecations),
    version_bump: lines_.versionBump ? 1 : 0,
    benchmark: lines_.benchmark ? 1 : 0,
    removed_share: lines_.removedShare,
    source_and_docs:
      hasSource && changes.some((change) => change.role === 'docs' && !isReleaseNote(change.file.path)) ? 1 : 0,
    new_test_files: clamp(signals.tests.filter((change) => change.file.status === 'added').length / 2),
    modified_only: changes.every((change) => change.file.status === 'modified') ? 1 : 0,
    test_edits_only: only('test', 'snapshot') && changes.every((change) => change.file.status === 'modified') ? 1 : 0,
    new_code_share: addedSource ? 1 - editedSource / addedSource : 0,
    undoes_newest: undoEvidence(changes, input.fileHistory ?? {}, input.history ?? []),
    new_files_share: changes.length
      ? changes.filter((change) => change.file.status === 'added').length / changes.length
      : 0,
  };
  const repoTotal = [...profile.typeCounts.values()].reduce((total, count) => total + count, 0);
  const repoConfidence = clamp((repoTotal - 1) / 3);
  const fileConfidence = clamp(priors.weight / 3);
  const laterConfidence = clamp(priors.laterWeight / 3);
  const habit = firstHabit(input);
  const newest = priors.newest;
  const note = noteTypes(input.changeset);
  const recent = recentShares(profile);
  const newestShares = newestPerFile(input);
  const perType = {} as Record<CommitType, Record<string, number>>;
  for (const type of COMMIT_TYPES) {
    perType[type] = {
      repo_share: repoTotal ? (repoConfidence * (profile.typeCounts.get(type) ?? 0)) / repoTotal : 0,
      file_share: fileConfidence * (priors.types.get(type) ?? 0),
      file_later_share: laterConfidence * (priors.laterTypes.get(type) ?? 0),
      file_created: priors.createdTypes.get(type) ?? 0,
      file_newest: newest === type ? 1 : 0,
      files_newest: newestShares.get(type) ?? 0,
      // A new repository's one commit ("chore: init") is no series: scaled like the repository's mix.
      recent_share: repoConfidence * (recent.get(type) ?? 0),
      last_type: profile.headers[0]?.type === type ? repoConfidence : 0,
      habit: habit?.get(type) ?? 0,
      // covector's tag and the summary's first word say the same thing; one weight, learnt where either is written.
      note_says: note.kind === type || (!note.kind && note.summary === type) ? 1 : 0,
      note_name: note.name === type ? 1 : 0,
      dependency_type: deps.onlyDependencies && type === input.dependencyType ? 1 : 0,
      some_dependency_type: !deps.onlyDependencies && deps.changes.length > 0 && type === input.dependencyType ? 1 : 0,
    };
  }
  return { shared, perType };
}

/** How the repository typed earlier commits of the first recognised activity, scaled by how many there were. */
function firstHabit(input: TypeFeatureInput): Map<CommitType, number> | undefined {
  for (const activity of input.activities) {
    const learnt = activityTypes(input.profile, activity);
    if (!learnt) continue;
    const confidence = Math.min(1, learnt.count / 4);
    return new Map([...learnt.shares].map(([type, value]) => [type, confidence * value]));
  }
  return undefined;
}

/** The type mix of the last ten conventional subjects, newer ones weighing more: the series the author is in. */
function recentShares(profile: HistoryProfile): Map<CommitType, number> {
  const shares = new Map<CommitType, number>();
  let total = 0;
  profile.headers.slice(0, 10).forEach((header, index) => {
    const vote = 1 / (1 + index / 3);
    shares.set(header.type, (shares.get(header.type) ?? 0) + vote);
    total += vote;
  });
  for (const [type, vote] of shares) shares.set(type, vote / total);
  return shares;
}

/** Per type, the share of the changed files whose newest conventional subject has that type. */
function newestPerFile(input: TypeFeatureInput): Map<CommitType, number> {
  const shares = new Map<CommitType, number>();
  const types = input.priors.newestPerFile ?? [];
  for (const type of types) shares.set(type, (shares.get(type) ?? 0) + 1 / types.length);
  return shares;
}
