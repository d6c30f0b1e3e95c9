// The body: a short bullet list of the notable changes the subject leaves out, wrapped at 72 columns.

import type { FileChange } from './changes.js';
import type { DependencyChange } from './deps.js';
import { baseName } from './paths.js';
import { TEST_CASE } from './signals.js';
import { displayVersion, docLabel, joinNames, testSubject } from './wording.js';

const MAX_BULLETS = 5;
const WIDTH = 72;

interface Note {
  text: string;
  /** What the note is about; a note whose names all appear in the subject adds nothing. */
  names: string[];
}

export interface BodyInput {
  changes: FileChange[];
  dependencies: DependencyChange[];
  /** The change only moves dependency versions: the files say nothing the version notes do not. */
  onlyDependencies: boolean;
  subject: string;
}

export function writeBody(input: BodyInput): string | undefined {
  const { changes, dependencies, subject } = input;
  const notes = [
    ...dependencies.map(dependencyNote),
    ...[...changes]
      .filter(
        (change) =>
          !input.onlyDependencies &&
          (dependencies.length === 0 || (change.role !== 'manifest' && change.role !== 'lockfile')),
      )
      .sort((a, b) => weight(b) - weight(a))
      .map(noteFor),
  ].filter((note): note is Note => note !== undefined && !note.names.every((name) => mentions(subject, name)));
  const unique = [...new Map(notes.map((note) => [note.text, note])).keys()];
  if (unique.length === 0) return undefined;
  const lines: string[] = [];
  for (const text of unique.slice(0, MAX_BULLETS)) lines.push(...wrap(`- ${text}`));
  return lines.join('\n');
}

/** The subject names it as a word (`a` is not mentioned by "bump"). */
function mentions(subject: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(`(^|[^\\w@/.-])${escaped}($|[^\\w/-])`).test(subject);
}

function weight(change: FileChange): number {
  const lines = change.file.additions + change.file.deletions;
  return change.role === 'source' ? lines * 2 : change.role === 'lockfile' || change.role === 'snapshot' ? 0 : lines;
}

function dependencyNote(change: DependencyChange): Note {
  const to = change.to ? displayVersion(change.to) : undefined;
  const from = change.from ? displayVersion(change.from) : undefined;
  if (from && to) return { text: `bump ${change.name} from ${from} to ${to}`, names: [change.name, to] };
  if (to) return { text: `add ${change.name} ${to}`, names: [change.name] };
  return { text: `remove ${change.name}`, names: [change.name] };
}

function noteFor(change: FileChange): Note | undefined {
  const name = baseName(change.file.path);
  const { status, oldPath } = change.file;
  if (oldPath && (status === 'renamed' || status === 'copied')) {
    const verb = status === 'copied' ? 'copy' : baseName(oldPath) === name ? 'move' : 'rename';
    const target = verb === 'move' ? change.file.path : name;
    return { text: `${verb} ${baseName(oldPath)} to ${target}`, names: [baseName(oldPath), target] };
  }
  if (
    change.role === 'lockfile' ||
    change.role === 'snapshot' ||
    change.role === 'generated' ||
    change.role === 'vendored'
  )
    return undefined;
  if (status === 'deleted') return { text: `remove ${name}`, names: [name] };
  if (change.role === 'test') {
    const subject = testSubject(change.file.path);
    if (subject === '') return undefined; // a placeholder (`.gitkeep`) names no tests
    const cases = (lines: string[]) => lines.filter((line) => TEST_CASE.test(line)).length;
    const verb = status === 'added' || cases(change.addedLines) > cases(change.removedLines) ? 'add' : 'update';
    return { text: `${verb} tests for ${subject}`, names: [`tests for ${subject}`] };
  }
  if (change.role === 'docs' || change.role === 'changelog')
    return { text: `update ${docLabel(change.file.path)}`, names: [docLabel(change.file.path)] };
  const added = change.added.filter((symbol) => symbol.exported).map((symbol) => symbol.name);
  const removed = change.removed.map((symbol) => symbol.name);
  if (added.length > 0) return { text: `add ${joinNames(added, 50)} in ${name}`, names: added };
  if (change.reexported.length > 0)
    return { text: `export ${joinNames(change.reexported, 50)} from ${name}`, names: change.reexported };
  if (removed.length > 0) return { text: `remove ${joinNames(removed, 50)} from ${name}`, names: removed };
  if (status === 'added') return { text: `add ${name}`, names: [name] };
  const touched = change.touched.slice(0, 3);
  if (touched.length > 0) return { text: `update ${joinNames(touched, 40)} in ${name}`, names: touched };
  return { text: `update ${name}`, names: [name] };
}

function wrap(text: string): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    if (current && current.length + 1 + word.length > WIDTH) {
      lines.push(current);
      current = `  ${word}`;
    } else {
      current = current ? `${current} ${word}` : word;
    }
  }
  if (current) lines.push(current);
  return lines;
}
