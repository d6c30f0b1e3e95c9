// The commit type a release note written with the change names: covector's tag (`patch:bug`), the first word of its
// summary (`Fix ...`, `Add ...`), or the first word of its file name (`fix-window-crash.md`).

import type { CommitType } from '../message.js';
import type { ChangesetNote } from './changeset.js';

/** Covector tags and the type each one means. */
const KINDS: [RegExp, CommitType][] = [
  [/^(bug|bugs?fix|fix(es)?|hotfix)$/i, 'fix'],
  [/^(feat(ure)?s?|enhance(ment)?s?|new|added)$/i, 'feat'],
  [/^perf(ormance)?$/i, 'perf'],
  [/^refactor$/i, 'refactor'],
  [/^docs?$/i, 'docs'],
  [/^(deps|dependencies|chore)$/i, 'chore'],
];

/** The words a note starts with, in the summary or the file name, and the type they name. */
const WORDS: [RegExp, CommitType][] = [
  [
    /^(fix(es|ed|ing)?|bug(fix)?|hotfix|correct(s|ed|ly)?|resolve[sd]?|prevent(s|ed)?|avoid(s|ed)?|handle[sd]?|repair(s|ed)?|restore[sd]?|ensure[sd]?|properly|no longer|do not|don'?t)$/i,
    'fix',
  ],
  [
    /^(feat(ure)?|add(s|ed)?|support(s|ed)?|allow(s|ed)?|expose[sd]?|introduce[sd]?|implement(s|ed)?|enable[sd]?|new|provide[sd]?|accept(s|ed)?)$/i,
    'feat',
  ],
  [/^(refactor(s|ed)?|rename[sd]?|move[sd]?|extract(s|ed)?|simplif(y|ies|ied)|clean(s|ed)?|cleanup)$/i, 'refactor'],
  [/^(perf|optimi[sz]e[sd]?|speed|faster|performance)$/i, 'perf'],
  [/^(docs?|document(s|ed)?)$/i, 'docs'],
];

export interface NoteTypes {
  kind?: CommitType;
  summary?: CommitType;
  name?: CommitType;
}

export function noteTypes(note: ChangesetNote | undefined): NoteTypes {
  if (!note) return {};
  const found: NoteTypes = {};
  const kind = note.kind ? KINDS.find(([pattern]) => pattern.test(note.kind ?? ''))?.[1] : undefined;
  if (kind) found.kind = kind;
  const summary = wordType(note.summary.split(/\s+/));
  if (summary) found.summary = summary;
  const name = note.name ? wordType(note.name.split(/[-_.\s]+/)) : undefined;
  if (name) found.name = name;
  return found;
}

/** The type the first word (or the first two, `no longer`, `do not`) names. */
function wordType(words: string[]): CommitType | undefined {
  const [first = '', second = ''] = words.map((word) => word.replace(/[^\w']/g, ''));
  for (const candidate of [`${first} ${second}`, first]) {
    const type = WORDS.find(([pattern]) => pattern.test(candidate))?.[1];
    if (type) return type;
  }
  return undefined;
}
