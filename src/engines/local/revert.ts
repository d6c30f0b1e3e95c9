// The message of a revert, as git writes it (`Revert "<subject>"`, `This reverts commit <hash>.`), or in the
// Conventional form `revert: "<subject>"` where the repository's own reverts are written that way (pnpm's are).
import type { CommitMessage } from '../message.js';

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
