// How the repository writes its subjects, learnt from its history: Conventional Commits, gitmoji or plain sentences.

import type { CommitStyle, SubjectForm } from '../message.js';
import { parseCommitHeader } from '../message.js';

/** Shares of the recent subjects in each form, and the form they mostly take. */
export interface HouseStyle {
  style: CommitStyle;
  conventional: number;
  gitmoji: number;
  sampled: number;
}

const GITMOJI = /^(?::[a-z0-9_+-]+:|\p{Extended_Pictographic})/u;
// The gitmoji with what may follow it (a variation selector, a space), to read the words after it.
const GITMOJI_PREFIX = /^(?::[a-z0-9_+-]+:|\p{Extended_Pictographic}\uFE0F?)\s*/u;
/** Fewer subjects than this that say how they are cased leave the style's own default. */
const MIN_CASED = 5;
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

/**
 * How the subjects are written within their style: whether their first word is capitalised (counted only over first
 * words that are ordinary words, `Add` or `add`, never names like `useQuery` or `README`), and whether its gitmoji
 * subjects carry a type after the emoji. Left out where the history says too little, so the style's default holds.
 */
export function learnSubjectForm(subjects: string[]): SubjectForm {
  const sample = subjects.slice(0, 300).filter((subject) => subject.trim() && !NOISE.test(subject.trim()));
  let upper = 0;
  let lower = 0;
  let gitmoji = 0;
  let typed = 0;
  for (const subject of sample) {
    let words = subject.trim();
    if (GITMOJI.test(words)) {
      gitmoji++;
      words = words.replace(GITMOJI_PREFIX, '');
      if (parseCommitHeader(words)) typed++;
    }
    words = parseCommitHeader(words)?.subject ?? words;
    const first = /^[A-Za-z][a-z]+(?=[\s,:]|$)/.exec(words)?.[0];
    if (first === undefined) continue;
    if (first.charAt(0) === first.charAt(0).toUpperCase()) upper++;
    else lower++;
  }
  const form: SubjectForm = {};
  if (upper + lower >= MIN_CASED) form.capitalised = upper > lower;
  if (gitmoji >= MIN_CASED && typed * 2 < gitmoji) form.bareGitmoji = true;
  return form;
}

/** The style to write in: an explicit setting wins; `auto` follows the repository. */
export function resolveStyle(setting: CommitStyle | 'auto', subjects: string[]): CommitStyle {
  return setting === 'auto' ? learnHouseStyle(subjects).style : setting;
}
