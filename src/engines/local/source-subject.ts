// Subjects for source changes: added, removed, renamed and touched symbols, phrased for the commit type.

import type { CommitType } from '../message.js';
import type { FileChange } from './changes.js';
import { fileStem } from './paths.js';
import type { ChangeSignals } from './signals.js';
import { describeFix } from './fix-wording.js';
import type { DeclaredSymbol } from './symbols.js';
import { joinNames } from './wording.js';

export interface SourceSubjectInput {
  type: CommitType;
  signals: ChangeSignals;
  room: number;
}

export function describeSourceChange(input: SourceSubjectInput): string | undefined {
  const { type, signals, room } = input;
  const files = [...signals.source].sort((a, b) => size(b) - size(a));
  const added = preferExported(signals.symbolsAdded);
  const removed = preferExported(signals.symbolsRemoved);
  const renamed = pairRenames(signals.symbolsAdded, signals.symbolsRemoved);
  const touched = touchedNames(files, [...added, ...removed].map((symbol) => symbol.name));
  const where = touched.length > 0 ? touched : files.map((change) => fileStem(change.file.path));
  const within = (verb: string, names: string[]) => phrase(verb, names, room);

  if (renamed && (type === 'refactor' || type === 'chore' || (added.length === 1 && removed.length === 1))) {
    const text = `rename ${renamed[0]} to ${renamed[1]}`;
    if (text.length <= room) return text;
  }
  if (type === 'feat' || (added.length > 0 && removed.length === 0 && type !== 'fix' && type !== 'perf')) {
    if (added.length > 0) return within('add', added.map((symbol) => symbol.name));
    if (signals.reexported.length > 0) return within('export', signals.reexported);
    const newFiles = files.filter((change) => change.file.status === 'added');
    if (newFiles.length > 0) return within('add', newFiles.map((change) => fileStem(change.file.path)));
    return within('extend', where);
  }
  if (removed.length > 0 && added.length === 0 && signals.sourceAdditions <= signals.sourceDeletions) {
    const deprecated = files.some((change) => change.removedLines.some((line) => /@deprecated|\bdeprecated\b/i.test(line)));
    return within(deprecated ? 'remove deprecated' : 'remove', removed.map((symbol) => symbol.name));
  }
  switch (type) {
    case 'fix': {
      const guard = describeFix(files);
      const target = joinNames(where, Math.max(8, room - (guard?.length ?? 0) - 12));
      if (guard && `${guard} in ${target}`.length <= room) return `${guard} in ${target}`;
      return within('fix', where);
    }
    case 'perf':
      return within('optimize', where);
    case 'refactor':
      if (added.length > 0 && touched.length > 0) {
        const text = `extract ${joinNames(added.map((symbol) => symbol.name), room / 2)} from ${touched[0]}`;
        if (text.length <= room) return text;
      }
      return within(signals.sourceDeletions > signals.sourceAdditions ? 'simplify' : 'refactor', where);
    case 'docs':
      return within('document', where);
    case 'style':
      return within('tidy', where);
    case 'test':
      return within('adjust test helpers in', where);
    default:
      return within('update', where);
  }
}

function phrase(verb: string, names: string[], room: number): string {
  return `${verb} ${joinNames(names, room - verb.length - 1)}`;
}

function size(change: FileChange): number {
  return change.file.additions + change.file.deletions;
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
