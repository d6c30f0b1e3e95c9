// The message of a revert, as git writes it (`Revert "<subject>"`, `This reverts commit <hash>.`), or in the
// Conventional form `revert: "<subject>"` where the repository's own reverts are written that way (pnpm's are).
import type { CommitMessage } from '../message.js';
import type { FileChange } from './changes.js';

export interface RevertedCommit {
  commit: string;
  subject: string;
}

/** `revert: ...`/`revert(...): ...` subjects outnumber git's `Revert "..."` ones in the history. */
export function writesConventionalReverts(history: readonly string[]): boolean {
  let git = 0;
  let conventional = 0;
  for (const subject of history) {
    if (subject.startsWith('Revert "')) git += 1;
    else if (/^revert(?:\([^)]*\))?!?: /i.test(subject)) conventional += 1;
  }
  return conventional > git;
}

/** The message and its text: the header git's `revert` would write (or the history's form of it) and git's body. */
export function writeRevertMessage(
  reverted: RevertedCommit,
  history: readonly string[],
): { message: CommitMessage; text: string } {
  const body = `This reverts commit ${reverted.commit}.`;
  const header = writesConventionalReverts(history) ? `revert: "${reverted.subject}"` : `Revert "${reverted.subject}"`;
  return {
    message: { type: 'revert', subject: reverted.subject, body, breaking: false },
    text: `${header}\n\n${body}`,
  };
}

// Words of a subject that name nothing in particular.
const PLAIN_WORDS = new Set(
  'with from when that this into should support update remove make allow does more only file files test tests use using fix feat docs chore build'.split(
    ' ',
  ),
);

/**
 * How much the change looks like undoing the commit that last touched its files (a revert written by hand, or
 * `git revert` committed without its message): most changed files share that newest subject, the repository wrote it
 * lately, more lines go than come, and the names the subject speaks of leave the code without coming back. 0 to 1.
 */
export function undoEvidence(
  changes: readonly FileChange[],
  fileHistory: Readonly<Record<string, readonly string[]>>,
  history: readonly string[],
): number {
  const files = changes.filter((change) => change.role !== 'lockfile');
  const counts = new Map<string, number>();
  for (const change of files) {
    const newest = fileHistory[change.file.path]?.[0];
    if (newest) counts.set(newest, (counts.get(newest) ?? 0) + 1);
  }
  const [subject, count] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
  if (count * 2 < files.length || /^(?:revert|reland)\b/i.test(subject)) return 0;
  const index = history.indexOf(subject);
  if (index < 0 || index >= RECENT_SUBJECTS) return 0;
  const added = files.reduce((total, change) => total + change.file.additions, 0);
  const removed = files.reduce((total, change) => total + change.file.deletions, 0);
  if (removed <= added) return 0;
  const words = new Set(
    (
      subject
        .replace(/^\w+(?:\([^)]*\))?!?:\s*/, '')
        .replace(/\(#\d+\)/g, '')
        .match(/[A-Za-z_][\w.-]{3,}/g) ?? []
    )
      .map((word) => word.toLowerCase())
      .filter((word) => !PLAIN_WORDS.has(word)),
  );
  const addedText = files
    .flatMap((change) => change.addedLines)
    .join('\n')
    .toLowerCase();
  const removedText = files
    .flatMap((change) => change.removedLines)
    .join('\n')
    .toLowerCase();
  let gone = 0;
  for (const word of words) {
    if (addedText.includes(word)) return 0;
    if (removedText.includes(word)) gone += 1;
  }
  return Math.min(1, gone / 2);
}

/** How far back (in the repository's subjects) a commit is still recent enough to be reverted by hand. */
const RECENT_SUBJECTS = 30;
