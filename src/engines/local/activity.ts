// Recognisable chores (typo fixes, formatting, comments, snapshots, readme and changelog edits) and how this repository types them.

import type { CommitType } from '../message.js';
import type { FileChange } from './changes.js';
import { addTo, type HistoryProfile } from './history.js';
import type { ChangeSignals } from './signals.js';

export type Activity = 'typo' | 'format' | 'comment' | 'snapshot' | 'readme' | 'changelog';

const SUBJECTS: Record<Activity, RegExp> = {
  typo: /\btypos?\b|\bspelling\b|\bmisspel/i,
  format: /\bformat(ting)?\b|\bprettier\b|\bre-?indent|\bwhitespace\b|\bcode style\b/i,
  comment: /\bcomments?\b|\bjsdoc\b|\btsdoc\b|\bdocstrings?\b/i,
  snapshot: /\bsnapshots?\b/i,
  readme: /\breadme\b/i,
  changelog: /\bchangelog\b/i,
};

/** The activities this change is an instance of, most specific first. */
export function detectActivities(changes: FileChange[], signals: ChangeSignals): Activity[] {
  const found: Activity[] = [];
  if (changes.length > 0 && changes.every(isTypoFix)) found.push('typo');
  if (signals.formatOnly) found.push('format');
  if (signals.commentOnly) found.push('comment');
  const roles = [...signals.roles];
  if (roles.length > 0 && roles.every((role) => role === 'snapshot')) found.push('snapshot');
  if (changes.length > 0 && changes.every((change) => /(^|\/)readme(\.\w+)?$/i.test(change.file.path)))
    found.push('readme');
  if (roles.length > 0 && roles.every((role) => role === 'changelog')) found.push('changelog');
  return found;
}

// Behaviour changes (a fix about HTML comments, a feature about formatting) say nothing about how chores are typed.
const BEHAVIOUR: ReadonlySet<CommitType> = new Set(['feat', 'fix', 'perf', 'revert']);

/** How the repository typed past commits of this activity (shares, and how many there were); undefined below two. */
export function activityTypes(
  profile: HistoryProfile,
  activity: Activity,
): { shares: Map<CommitType, number>; count: number } | undefined {
  const matches = profile.headers.filter(
    (header) => !BEHAVIOUR.has(header.type) && SUBJECTS[activity].test(header.subject),
  );
  if (matches.length < 2) return undefined;
  const shares = new Map<CommitType, number>();
  let total = 0;
  matches.forEach((header, index) => {
    const vote = 1 / (1 + index / 10);
    addTo(shares, header.type, vote);
    total += vote;
  });
  for (const [type, vote] of shares) shares.set(type, vote / total);
  return { shares, count: matches.length };
}

/** Every changed line pair differs by one or two words, each a small spelling change. */
function isTypoFix(change: FileChange): boolean {
  const { addedLines, removedLines } = change;
  if (addedLines.length === 0 || addedLines.length !== removedLines.length || addedLines.length > 12) return false;
  return addedLines.every((added, index) => isSpellingEdit(removedLines[index] ?? '', added));
}

function isSpellingEdit(before: string, after: string): boolean {
  const a = before.trim().split(/\s+/);
  const b = after.trim().split(/\s+/);
  if (a.length !== b.length) return false;
  const differing = a.map((word, index) => [word, b[index] ?? ''] as const).filter(([x, y]) => x !== y);
  return differing.length >= 1 && differing.length <= 2 && differing.every(([x, y]) => isMisspelling(x, y));
}

/** Two spellings of one word: only letters differ, and only a little. */
function isMisspelling(before: string, after: string): boolean {
  const skeleton = (word: string) => word.replace(/[a-z]/gi, '');
  return (
    /[a-z]{3}/i.test(before) &&
    skeleton(before) === skeleton(after) &&
    editDistance(before, after) <= Math.max(2, Math.ceil(0.3 * before.length))
  );
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
