// One line per changed file, so a request always shows the whole extent of a change; folded per directory when that is too long.
import type { FileEntry } from '../diff/prepared.js';
import type { FileStatus } from '../diff/types.js';

const STATUS_LETTER: Record<FileStatus, string> = {
  added: 'A',
  modified: 'M',
  deleted: 'D',
  renamed: 'R',
  copied: 'C',
  'mode-changed': 'T',
};

/** 12034 -> "12,034", as Intl's en-US format writes integers, without Intl: its first use costs ~13 ms of ICU start-up. */
export function groupDigits(value: number): string {
  const digits = String(Math.trunc(value));
  // Most counts have no group to mark: the regex ran three times per file line (~12 ms of a 1,300-file listing).
  return digits.length < 4 ? digits : digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function renderFileLine(entry: FileEntry): string {
  const path = entry.oldPath && entry.oldPath !== entry.path ? `${entry.oldPath} -> ${entry.path}` : entry.path;
  const size = entry.binary ? 'binary' : `+${groupDigits(entry.additions)} -${groupDigits(entry.deletions)}`;
  const cut = entry.cutLines ? ` [${groupDigits(entry.cutLines)} long line${entry.cutLines === 1 ? '' : 's'} cut]` : '';
  const note = entry.omitted && entry.omitted !== 'budget' ? ` [${entry.omitted}, not shown]` : cut;
  return `${STATUS_LETTER[entry.status]} ${path} (${size})${note}`;
}

interface Group {
  dir: string;
  files: number;
  additions: number;
  deletions: number;
}

function parentOf(dir: string): string {
  const trimmed = dir.endsWith('/') ? dir.slice(0, -1) : dir;
  const slash = trimmed.lastIndexOf('/');
  return slash === -1 ? '' : trimmed.slice(0, slash + 1);
}

function renderGroup(group: Group): string {
  const files = `${groupDigits(group.files)} file${group.files === 1 ? '' : 's'}`;
  return `${group.dir || './'}: ${files}, +${groupDigits(group.additions)} -${groupDigits(group.deletions)}`;
}

/** The listing, one line per file; where it does not fit its share, foldListing folds it. */
export function renderListing(entries: readonly FileEntry[]): string {
  return entries.map(renderFileLine).join('\n');
}

/**
 * The listing folded into directories, deepest first, until `fits(text)` (a single `./` line at worst), for a caller
 * that already knows one line per file does not fit. `fits` is last called on the text returned.
 */
export function foldListing(entries: readonly FileEntry[], fits: (text: string) => boolean): string {
  // Start from each file as a group in its own directory, then merge the deepest directories upward.
  let groups: Group[] = entries.map((entry) => ({
    dir: parentOf(entry.path),
    files: 1,
    additions: entry.additions,
    deletions: entry.deletions,
  }));
  groups = merge(groups, (group) => group.dir);
  for (;;) {
    const text = groups.map(renderGroup).join('\n');
    const depth = Math.max(...groups.map((group) => group.dir.split('/').length - 1));
    if (fits(text) || depth <= 0) return text;
    groups = merge(groups, (group) => (group.dir.split('/').length - 1 === depth ? parentOf(group.dir) : group.dir));
  }
}

function merge(groups: readonly Group[], keyOf: (group: Group) => string): Group[] {
  const merged = new Map<string, Group>();
  for (const group of groups) {
    const dir = keyOf(group);
    const into = merged.get(dir);
    if (into) {
      into.files += group.files;
      into.additions += group.additions;
      into.deletions += group.deletions;
    } else merged.set(dir, { ...group, dir });
  }
  return [...merged.values()].sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
}
