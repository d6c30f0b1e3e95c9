// Writes the subject: an imperative phrase naming what changed, within the room the header leaves.

import type { CommitType } from '../message.js';
import type { ChangesetNote } from './changeset.js';
import type { FileChange } from './changes.js';
import type { DependencyConvention } from './dependency-convention.js';
import type { DependencyFacts } from './deps.js';
import { baseName } from './paths.js';
import { describeSourceChange } from './source-subject.js';
import { TEST_CASE, type ChangeSignals } from './signals.js';
import { commonDirectory, displayVersion, fileLabel, testSubject } from './wording.js';

export interface SubjectInput {
  type: CommitType;
  changes: FileChange[];
  signals: ChangeSignals;
  deps: DependencyFacts;
  convention: DependencyConvention;
  changeset?: ChangesetNote | undefined;
  /** Characters available for the subject. */
  room: number;
  /** The repository wraps identifiers in backticks. */
  backticks?: boolean;
}

export function writeSubject(input: SubjectInput): string {
  const { changes, signals, room } = input;
  const only = (...roles: string[]) => changes.every((change) => roles.includes(change.role));
  if (input.deps.onlyDependencies || (input.deps.changes.length > 0 && only('manifest', 'lockfile')))
    return dependencySubject(input);
  if (signals.onlyRenames)
    return renameSubject(
      changes.filter((change) => change.file.oldPath),
      room,
    );
  if (changes.every((change) => change.file.status === 'mode-changed')) return modeSubject(changes);
  if (changes.every((change) => change.file.status === 'deleted')) return `remove ${targetLabel(changes)}`;
  if (signals.formatOnly) return `format ${targetLabel(changes)}`;
  if (only('test', 'snapshot')) return testsSubject(changes);
  if (only('docs', 'changelog')) return docsSubject(changes);
  if (only('ci')) return ciSubject(changes);
  if (signals.source.length > 0) {
    const text = describeSourceChange({
      type: input.type,
      signals,
      changes,
      changeset: input.changeset,
      room,
      backticks: input.backticks ?? false,
    });
    if (text) return text;
  }
  return configSubject(changes);
}

function dependencySubject(input: SubjectInput): string {
  const { changes } = input.deps;
  const bumped = changes.filter((change) => change.from && change.to);
  const added = changes.filter((change) => !change.from && change.to);
  const removed = changes.filter((change) => change.from && !change.to);
  const others = (count: number) =>
    count > 0 ? ` and ${count === 1 ? 'one other dependency' : `${count} other dependencies`}` : '';
  const [single] = bumped;
  if (single && changes.length === 1) {
    const from = input.convention.mentionsFrom && single.from ? ` from ${displayVersion(single.from)}` : '';
    const full = `bump ${single.name}${from} to ${displayVersion(single.to ?? '')}`;
    return full.length <= input.room ? full : `bump ${single.name} to ${displayVersion(single.to ?? '')}`;
  }
  if (added.length > 0 && bumped.length === 0 && removed.length === 0)
    return `add ${added[0]?.name ?? ''}${others(added.length - 1)}`;
  if (removed.length > 0 && bumped.length === 0 && added.length === 0)
    return `remove ${removed[0]?.name ?? ''}${others(removed.length - 1)}`;
  const [first] = bumped.length > 0 ? bumped : changes;
  if (!first) return 'update the lockfile';
  const version = first.to ? ` to ${displayVersion(first.to)}` : '';
  const text = `bump ${first.name}${version}${others(changes.length - 1)}`;
  return text.length <= input.room ? text : `bump ${first.name}${others(changes.length - 1)}`;
}

function modeSubject(changes: FileChange[]): string {
  const executable = changes.every((change) => change.file.newMode?.endsWith('755'));
  return executable ? `make ${targetLabel(changes)} executable` : `change the file mode of ${targetLabel(changes)}`;
}

function renameSubject(changes: FileChange[], room: number): string {
  const [single] = changes;
  if (single && changes.length === 1 && single.file.oldPath) {
    const from = single.file.oldPath;
    const to = single.file.path;
    if (baseName(from) === baseName(to)) return `move ${fileLabel(to)} to ${commonDirectory([to]) || 'the root'}`;
    const short = `rename ${fileLabel(from)} to ${fileLabel(to)}`;
    return short.length <= room ? short : `rename ${fileLabel(from)}`;
  }
  const target = commonDirectory(changes.map((change) => change.file.path));
  const sources = commonDirectory(changes.map((change) => change.file.oldPath ?? change.file.path));
  if (target && target !== sources) return `move ${sources ? `${sources} ` : ''}files to ${target}`;
  return `rename ${fileLabel(changes[0]?.file.oldPath ?? '')} and ${changes.length - 1} other files`;
}

function testsSubject(changes: FileChange[]): string {
  const tests = changes.filter((change) => change.role === 'test');
  if (tests.length === 0) return 'update snapshots';
  const [main] = [...tests].sort((a, b) => b.file.additions + b.file.deletions - (a.file.additions + a.file.deletions));
  const subject = testSubject(main?.file.path ?? '');
  const titles = tests.flatMap((change) => change.addedLines.filter((line) => TEST_CASE.test(line)));
  const removedTitles = tests.flatMap((change) => change.removedLines.filter((line) => TEST_CASE.test(line)));
  if (tests.every((change) => change.file.status === 'added') || titles.length > removedTitles.length)
    return `add tests for ${subject}`;
  if (tests.every((change) => change.file.status === 'deleted') || removedTitles.length > titles.length)
    return `remove tests for ${subject}`;
  return `update tests for ${subject}`;
}

const HEADING = /^#{1,6}\s+(.+?)\s*#*$|^=+\s+(.+)$/;
const TITLE = /^#\s+(.+?)\s*#*$|^title:\s*['"]?(.+?)['"]?\s*$/;

/** A page's title: its first heading or front-matter title when the diff shows it, else a name made from its path. */
export function pageTitle(change: FileChange, withAdded = true): string {
  for (const hunk of change.file.hunks) {
    for (const line of hunk.lines) {
      if (line[0] === '-' || (!withAdded && line[0] === '+')) continue;
      const match = TITLE.exec(line.slice(1).trim());
      const title = (match?.[1] ?? match?.[2])
        ?.replace(/[`*_[\]]/g, '')
        .replace(/\(.*?\)/g, '')
        .trim();
      if (title && title.length <= 50) return title;
    }
  }
  const label = fileLabel(change.file.path);
  if (!/^(readme|index|_index)$/i.test(label)) return `${label.replace(/[-_]/g, ' ')} docs`;
  const directory = commonDirectory([change.file.path]);
  return directory ? `${baseName(directory).replace(/[-_]/g, ' ')} docs` : 'README';
}

function docsSubject(changes: FileChange[]): string {
  const pages = [...changes].sort(
    (a, b) => b.file.additions + b.file.deletions - (a.file.additions + a.file.deletions),
  );
  const [main] = pages;
  if (!main) return 'update the documentation';
  const removedHeadings = new Set(
    changes.flatMap((change) => change.removedLines.map((line) => HEADING.exec(line.trim())?.[1])),
  );
  const fresh = main.addedLines
    .map((line) => HEADING.exec(line.trim())?.[1]?.replace(/[`*_]/g, ''))
    .filter((heading): heading is string => Boolean(heading) && !removedHeadings.has(heading));
  const more =
    pages.length > 1 ? ` and ${pages.length === 2 ? 'one other page' : `${pages.length - 1} other pages`}` : '';
  if (main.file.status === 'added') return `add ${pageTitle(main)} page${more}`;
  if (fresh.length === 1) {
    const title = pageTitle(main, false);
    return title && title !== fresh[0] ? `add ${fresh[0]} section to ${title}` : `add ${fresh[0]} section`;
  }
  if (main.role === 'changelog') return `update the changelog${more}`;
  return `update ${pageTitle(main)}${more}`;
}

function ciSubject(changes: FileChange[]): string {
  const names = [...new Set(changes.map((change) => fileLabel(change.file.path)))];
  const noun = (count: number) => (count === 1 ? 'workflow' : 'workflows');
  if (changes.every((change) => change.file.status === 'added'))
    return `add ${names[0]} ${noun(1)}${names.length > 1 ? ` and ${names.length - 1} more` : ''}`;
  if (changes.every((change) => change.file.status === 'deleted')) return `remove ${names[0]} ${noun(1)}`;
  if (names.length <= 2) return `update ${names.join(' and ')} ${noun(names.length)}`;
  return `update ${names[0]} and ${names.length - 1} other workflows`;
}

function configSubject(changes: FileChange[]): string {
  const added = changes.filter((change) => change.file.status === 'added');
  const deleted = changes.filter((change) => change.file.status === 'deleted');
  if (added.length === changes.length) return `add ${targetLabel(added)}`;
  if (deleted.length === changes.length) return `remove ${targetLabel(deleted)}`;
  return `update ${targetLabel(changes)}`;
}

/** What a set of files is called: the largest one's label, with the others counted when they are few. */
export function targetLabel(changes: FileChange[]): string {
  const sorted = [...changes].sort(
    (a, b) => b.file.additions + b.file.deletions - (a.file.additions + a.file.deletions),
  );
  const labels = [...new Set(sorted.map((change) => fileLabel(change.file.path)))];
  if (labels.length === 1) return labels[0] ?? 'files';
  if (labels.length === 2) return `${labels[0]} and ${labels[1]}`;
  const directory = commonDirectory(changes.map((change) => change.file.path));
  return `${labels[0]} and ${labels.length - 1} other ${directory ? `${baseName(directory)} ` : ''}files`;
}
