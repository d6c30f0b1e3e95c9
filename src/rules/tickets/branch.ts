// The ticket a branch name carries: a Jira-style key (`feature/PROJ-123-login`), an issue number (`fix/456-crash`),
// or a GitHub issue (`gh-78`).

export interface Ticket {
  /** `PROJ-123`, or the issue number without `#`. */
  id: string;
  kind: 'key' | 'number';
}

const GITHUB = /(?:^|[/_-])gh-(\d+)(?=$|[/_-])/i;
// Upper-case only: `add-2fa` or `release-2` are words, not keys.
const KEY = /(?:^|[/_-])([A-Z][A-Z0-9]{1,9}-\d+)(?=$|[/_.-])/;
const NUMBER = /(?:^|\/)(?:(?:issues?|bug|ticket)[-_])?#?(\d+)(?=$|[/_-])/i;

export function ticketFromBranch(branch: string): Ticket | undefined {
  const github = GITHUB.exec(branch);
  if (github?.[1]) return { id: github[1], kind: 'number' };
  const key = KEY.exec(branch);
  if (key?.[1]) return { id: key[1], kind: 'key' };
  const number = NUMBER.exec(branch);
  if (number?.[1]) return { id: number[1], kind: 'number' };
  return undefined;
}

/** The current branch from HEAD, or undefined when HEAD is detached (a rebase, a bisect) or unreadable. */
export function branchFromHead(headFile: string): string | undefined {
  const match = /^ref: refs\/heads\/(.+)$/m.exec(headFile);
  return match?.[1]?.trim() || undefined;
}
