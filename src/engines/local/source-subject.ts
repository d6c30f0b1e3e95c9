// Subjects for source changes: the behaviour stated, the option or API added, the case guarded, the thing renamed.

import type { CommitType } from '../message.js';
import type { ChangesetNote } from './changeset.js';
import type { FileChange } from './changes.js';
import { describeFix } from './fix-wording.js';
import { statedBehaviour } from './phrasing.js';
import { OPTIONAL_MEMBER, type ChangeSignals } from './signals.js';
import type { DeclaredSymbol } from './symbols.js';
import { codeName, fileLabel } from './wording.js';

export interface SourceSubjectInput {
  type: CommitType;
  signals: ChangeSignals;
  changes: FileChange[];
  changeset: ChangesetNote | undefined;
  room: number;
  backticks: boolean;
}

export function describeSourceChange(input: SourceSubjectInput): string | undefined {
  const { type, signals, room } = input;
  const code = (name: string) => codeName(name, input.backticks);
  const files = [...signals.source].sort((a, b) => size(b) - size(a));
  const added = preferExported(signals.symbolsAdded);
  const removed = preferExported(signals.symbolsRemoved);
  const renamed = pairRenames(signals.symbolsAdded, signals.symbolsRemoved);
  const touched = touchedNames(
    files,
    [...added, ...removed].map((symbol) => symbol.name),
  );
  const where = touched[0] ? code(touched[0]) : fileLabel(files[0]?.file.path ?? '');
  const fit = (text: string) => (text.length <= room ? text : undefined);

  if (renamed && (type === 'refactor' || type === 'chore' || (added.length === 1 && removed.length === 1))) {
    const text = fit(`rename ${code(renamed[0])} to ${code(renamed[1])}`);
    if (text) return text;
  }
  if (type === 'feat' || type === 'fix' || type === 'perf') {
    const stated = statedBehaviour(input.changes, input.changeset, room);
    if (stated) return stated;
  }
  if (type === 'feat' || (added.length > 0 && removed.length === 0 && type !== 'fix' && type !== 'perf')) {
    const option = newOption(files);
    if (option) return fit(`add ${code(option)} option`) ?? `add ${option} option`;
    const [first] = added;
    if (first) return `add ${code(first.name)}`;
    const [exported] = signals.reexported;
    if (exported) return `export ${code(exported)}`;
    const newFile = files.find((change) => change.file.status === 'added');
    if (newFile) return `add ${fileLabel(newFile.file.path)}`;
    return `extend ${where}`;
  }
  const [gone] = removed;
  if (gone && added.length === 0 && signals.sourceAdditions <= signals.sourceDeletions) {
    const deprecated = files.some((change) =>
      change.removedLines.some((line) => /@deprecated|\bdeprecated\b/i.test(line)),
    );
    return `remove ${deprecated ? 'deprecated ' : ''}${code(gone.name)}`;
  }
  switch (type) {
    case 'fix': {
      const guard = describeFix(files);
      if (guard) return fit(`${guard} in ${where}`) ?? guard;
      return `correct ${where}`;
    }
    case 'perf':
      return `speed up ${where}`;
    case 'refactor': {
      const [extracted] = added;
      if (extracted && touched[0]) {
        const text = fit(`extract ${code(extracted.name)} from ${code(touched[0])}`);
        if (text) return text;
      }
      return `${signals.sourceDeletions > signals.sourceAdditions ? 'simplify' : 'clean up'} ${where}`;
    }
    case 'docs':
      return `clarify comments in ${where}`;
    case 'style':
      return `tidy ${where}`;
    case 'test':
      return `adjust test helpers in ${where}`;
    default:
      return `update ${where}`;
  }
}

function size(change: FileChange): number {
  return change.file.additions + change.file.deletions;
}

/** The first optional member new to a type or interface (`name?: Type`): usually a new option. */
function newOption(files: FileChange[]): string | undefined {
  for (const change of files) {
    const before = new Set(change.removedLines.map((line) => OPTIONAL_MEMBER.exec(line)?.[1]));
    for (const line of change.addedLines) {
      const name = OPTIONAL_MEMBER.exec(line)?.[1];
      if (name && !before.has(name)) return name;
    }
  }
  return undefined;
}

/** Exported symbols when there are any, else top-level ones (functions, classes, types), else all. */
function preferExported(symbols: DeclaredSymbol[]): DeclaredSymbol[] {
  const exported = symbols.filter((symbol) => symbol.exported);
  if (exported.length > 0) return exported;
  const declarations = symbols.filter((symbol) => symbol.kind !== 'const');
  return declarations.length > 0 ? declarations : symbols;
}

function touchedNames(files: FileChange[], exclude: string[]): string[] {
  const skip = new Set(exclude);
  return [...new Set(files.flatMap((change) => change.touched))].filter((name) => !skip.has(name));
}

/** One removed and one added symbol of the same kind read as a rename. */
function pairRenames(added: DeclaredSymbol[], removed: DeclaredSymbol[]): [string, string] | undefined {
  for (const gone of removed) {
    const counterpart = added.filter((symbol) => symbol.kind === gone.kind);
    if (counterpart.length === 1 && removed.filter((symbol) => symbol.kind === gone.kind).length === 1) {
      return [gone.name, counterpart[0]?.name ?? ''];
    }
  }
  return undefined;
}
