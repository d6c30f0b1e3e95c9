// Writes the subject: an imperative phrase naming what changed, within the room the header leaves.

import type { CommitType } from '../message.js';
import type { FileChange } from './changes.js';
import type { DependencyConvention } from './dependency-convention.js';
import type { DependencyFacts } from './deps.js';
import { baseName } from './paths.js';
import { describeSourceChange } from './source-subject.js';
import { TEST_CASE, type ChangeSignals } from './signals.js';
import { commonDirectory, displayVersion, docLabel, fileLabels, joinNames, testSubject } from './wording.js';

export interface SubjectInput {
  type: CommitType;
  changes: FileChange[];
  signals: ChangeSignals;
  deps: DependencyFacts;
  convention: DependencyConvention;
  /** Characters available for the subject. */
  room: number;
}

export function writeSubject(input: SubjectInput): string {
  const { changes, signals, room } = input;
  const only = (...roles: string[]) => changes.every((change) => roles.includes(change.role));
  if (input.deps.onlyDependencies || (input.deps.changes.length > 0 && only('manifest', 'lockfile'))) return dependencySubject(input);
  if (signals.onlyRenames) return renameSubject(changes, room);
  if (changes.every((change) => change.file.status === 'mode-changed')) return modeSubject(changes, room);
  if (changes.every((change) => change.file.status === 'deleted')) return `remove ${targetLabel(changes, room - 7)}`;
  if (signals.formatOnly) return `format ${targetLabel(changes, room - 7)}`;
  if (only('test', 'snapshot')) return testsSubject(changes, room);
  if (only('docs', 'changelog')) return docsSubject(changes, room);
  if (only('ci')) return ciSubject(changes, room);
  if (signals.source.length > 0) return describeSourceChange({ type: input.type, signals, room }) ?? `update ${targetLabel(changes, room - 7)}`;
  return configSubject(changes, room);
}

function dependencySubject(input: SubjectInput): string {
  const { changes } = input.deps;
  const bumped = changes.filter((change) => change.from && change.to);
  const added = changes.filter((change) => !change.from && change.to);
  const removed = changes.filter((change) => change.from && !change.to);
  const [single] = bumped;
  if (single && changes.length === 1) {
    const from = input.convention.mentionsFrom && single.from ? ` from ${displayVersion(single.from)}` : '';
    const full = `bump ${single.name}${from} to ${displayVersion(single.to ?? '')}`;
    return full.length <= input.room ? full : `bump ${single.name} to ${displayVersion(single.to ?? '')}`;
  }
  if (added.length > 0 && bumped.length === 0 && removed.length === 0) return `add ${joinNames(added.map((change) => change.name), input.room - 4)}`;
  if (removed.length > 0 && bumped.length === 0 && added.length === 0) return `remove ${joinNames(removed.map((change) => change.name), input.room - 7)}`;
  if (changes.length >= 2 && changes.length <= 3) {
    const text = `bump ${joinNames(changes.map((change) => change.name), input.room - 5)}`;
    if (!/ more$/.test(text)) return text;
  }
  return 'update dependencies';
}

function modeSubject(changes: FileChange[], room: number): string {
  const executable = changes.every((change) => change.file.newMode?.endsWith('755'));
  return executable ? `make ${targetLabel(changes, room - 16)} executable` : `change file mode of ${targetLabel(changes, room - 20)}`;
}

function renameSubject(changes: FileChange[], room: number): string {
  const [single] = changes;
  if (single && changes.length === 1 && single.file.oldPath) {
    const from = single.file.oldPath;
    const to = single.file.path;
    if (baseName(from) === baseName(to)) return `move ${baseName(to)} to ${commonDirectory([to]) || 'the root'}`;
    const short = `rename ${baseName(from)} to ${baseName(to)}`;
    const full = `rename ${from} to ${to}`;
    return commonDirectory([from]) !== commonDirectory([to]) && full.length <= room ? full : short;
  }
  const target = commonDirectory(changes.map((change) => change.file.path));
  const sources = commonDirectory(changes.map((change) => change.file.oldPath ?? change.file.path));
  if (target && target !== sources) return `move ${changes.length} files to ${target}`;
  return `rename ${changes.length} files`;
}

function testsSubject(changes: FileChange[], room: number): string {
  const tests = changes.filter((change) => change.role === 'test');
  if (tests.length === 0) return 'update snapshots';
  const subjects = tests.map((change) => testSubject(change.file.path));
  const titles = tests.flatMap((change) => change.addedLines.filter((line) => TEST_CASE.test(line)));
  const removedTitles = tests.flatMap((change) => change.removedLines.filter((line) => TEST_CASE.test(line)));
  if (tests.every((change) => change.file.status === 'added') || titles.length > removedTitles.length) return `add tests for ${joinNames(subjects, room - 14)}`;
  if (tests.every((change) => change.file.status === 'deleted') || removedTitles.length > titles.length) return `remove tests for ${joinNames(subjects, room - 17)}`;
  return `update tests for ${joinNames(subjects, room - 17)}`;
}

function docsSubject(changes: FileChange[], room: number): string {
  const headings = changes.filter((change) => change.role === 'docs').flatMap((change) => change.addedLines.map((line) => /^#{1,4}\s+(.+)$/.exec(line)?.[1]?.trim()).filter((heading): heading is string => Boolean(heading)));
  const removedHeadings = new Set(changes.flatMap((change) => change.removedLines.map((line) => /^#{1,4}\s+(.+)$/.exec(line)?.[1]?.trim())));
  const fresh = headings.filter((heading) => !removedHeadings.has(heading));
  const labels = [...new Set(changes.map((change) => docLabel(change.file.path)))];
  if (changes.every((change) => change.file.status === 'added')) return `add ${joinNames(labels, room - 4)}`;
  if (fresh.length > 0 && fresh.length <= 2) {
    const text = `document ${joinNames(fresh.map((heading) => heading.replace(/[`*_]/g, '')), room - 9)}`;
    if (text.length <= room) return text;
  }
  if (labels.length > 3) return 'update docs';
  return `update ${joinNames(labels, room - 7)}`;
}

function ciSubject(changes: FileChange[], room: number): string {
  const names = changes.map((change) => baseName(change.file.path).replace(/\.ya?ml$/, ''));
  if (changes.every((change) => change.file.status === 'added')) return `add ${joinNames(names, room - 13)} workflow`;
  if (changes.every((change) => change.file.status === 'deleted')) return `remove ${joinNames(names, room - 16)} workflow`;
  const text = `update ${joinNames(names, room - 16)} workflow${names.length > 1 ? 's' : ''}`;
  return text.length <= room ? text : 'update ci workflows';
}

function configSubject(changes: FileChange[], room: number): string {
  const added = changes.filter((change) => change.file.status === 'added');
  const deleted = changes.filter((change) => change.file.status === 'deleted');
  if (added.length === changes.length) return `add ${joinNames(fileLabels(added.map((change) => change.file.path)), room - 4)}`;
  if (deleted.length === changes.length) return `remove ${joinNames(fileLabels(deleted.map((change) => change.file.path)), room - 7)}`;
  return `update ${targetLabel(changes, room - 7)}`;
}

/** What a set of files is called: one or a few file names, else their common directory. */
export function targetLabel(changes: FileChange[], room: number): string {
  const paths = changes.map((change) => change.file.path);
  const labels = fileLabels(paths);
  if (labels.length <= 3) {
    const text = joinNames(labels, room);
    if (!/ more$/.test(text)) return text;
  }
  const directory = commonDirectory(paths);
  return directory ? `${directory} files` : `${changes.length} files`;
}
