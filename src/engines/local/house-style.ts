// How the repository writes its subjects, learnt from its history: Conventional Commits, gitmoji or plain sentences.

import type { CommitStyle } from '../message.js';
import { parseCommitHeader } from '../message.js';

/** Shares of the recent subjects in each form, and the form they mostly take. */
export interface HouseStyle {
  style: CommitStyle;
  conventional: number;
  gitmoji: number;
  sampled: number;
}

const GITMOJI = /^(?::[a-z0-9_+-]+:|\p{Extended_Pictographic})/u;
// Subjects that say nothing of the author's habit: merges, reverts, release commits written by tools.
const NOISE = /^(Merge\b|Revert\b|v?\d+\.\d+\.\d+|Release\b|Bump version\b|Initial commit\b)/i;

export function learnHouseStyle(subjects: string[]): HouseStyle {
  const sample = subjects.slice(0, 300).filter((subject) => subject.trim() && !NOISE.test(subject.trim()));
  const conventional = sample.filter(
    (subject) => parseCommitHeader(subject) !== undefined && !GITMOJI.test(subject.trim()),
  ).length;
  const gitmoji = sample.filter((subject) => GITMOJI.test(subject.trim())).length;
  const n = sample.length;
  const result = { conventional: n ? conventional / n : 0, gitmoji: n ? gitmoji / n : 0, sampled: n };
  // Too few subjects to be a habit: Conventional Commits, the default.
  if (n < 5) return { style: 'conventional', ...result };
  if (result.gitmoji >= 0.4) return { style: 'gitmoji', ...result };
  if (result.conventional >= 0.3) return { style: 'conventional', ...result };
  return { style: 'plain', ...result };
}

/** The style to write in: an explicit setting wins; `auto` follows the repository. */
export function resolveStyle(setting: CommitStyle | 'auto', subjects: string[]): CommitStyle {
  return setting === 'auto' ? learnHouseStyle(subjects).style : setting;
}
