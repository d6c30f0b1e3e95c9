// Release notes written with the change (changesets, covector `.changes/`): their bump, packages and summary.

import type { FileChange } from './changes.js';

export interface ChangesetNote {
  /** The largest bump named: major, minor or patch. */
  bump: 'major' | 'minor' | 'patch';
  /** covector's tag after the bump (`patch:bug` -> bug, `minor:feat` -> feat), when there is one. */
  kind?: string;
  packages: string[];
  /** The first sentence of the note, as written. */
  summary: string;
  /** covector's `breaking` tag on any package (`"tauri": patch:breaking`): the authors call the change breaking. */
  breaking?: boolean;
  /** The note's file name without `.md` (covector's are written by hand, `fix-window-crash`; changesets' are random words). */
  name?: string;
}

const NOTE_PATH = /(^|\/)\.(changeset|changes)\/[^/]+\.md$/;
const ENTRY =
  /^\s*['"]?(?<name>[@\w./-]+)['"]?\s*:\s*['"]?(?<bump>major|minor|patch|prerelease)(?::(?<kind>[\w-]+))?['"]?\s*$/;
const RANK = { patch: 0, minor: 1, major: 2 } as const;

/** A release note written with the change (`.changeset/x.md`, covector's `.changes/x.md`). */
export function isReleaseNote(path: string): boolean {
  return NOTE_PATH.test(path);
}

export function readChangesets(changes: FileChange[]): ChangesetNote | undefined {
  let note: ChangesetNote | undefined;
  for (const change of changes) {
    if (change.file.status !== 'added' || !NOTE_PATH.test(change.file.path)) continue;
    const parsed = parseNote(change.addedLines);
    if (!parsed) continue;
    parsed.name = change.file.path.slice(change.file.path.lastIndexOf('/') + 1).replace(/\.md$/, '');
    if (!note) note = parsed;
    else {
      if (RANK[parsed.bump] > RANK[note.bump]) note.bump = parsed.bump;
      note.packages.push(...parsed.packages.filter((name) => !note?.packages.includes(name)));
      if (parsed.breaking) note.breaking = true;
    }
  }
  return note;
}

function parseNote(lines: string[]): ChangesetNote | undefined {
  const fence = lines.findIndex((line) => line.trim() === '---');
  const close = fence >= 0 ? lines.findIndex((line, index) => index > fence && line.trim() === '---') : -1;
  if (close < 0) return undefined;
  const packages: string[] = [];
  let bump: ChangesetNote['bump'] = 'patch';
  let kind: string | undefined;
  let breaking = false;
  for (const line of lines.slice(fence + 1, close)) {
    const groups = ENTRY.exec(line)?.groups;
    if (!groups?.name) continue;
    packages.push(groups.name);
    const found = groups.bump === 'prerelease' ? 'patch' : (groups.bump as ChangesetNote['bump']);
    if (RANK[found] > RANK[bump]) bump = found;
    if (groups.kind === 'breaking') breaking = true;
    else kind ??= groups.kind;
  }
  const text = lines
    .slice(close + 1)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .join(' ');
  const summary = (/^(.+?[.!?])(\s|$)/.exec(text)?.[1] ?? text).replace(/\.$/, '').trim();
  if (packages.length === 0 && !summary) return undefined;
  const note: ChangesetNote = kind ? { bump, kind, packages, summary } : { bump, packages, summary };
  if (breaking) note.breaking = true;
  return note;
}
