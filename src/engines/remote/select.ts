// Picks the best of the model's candidate messages locally: invalid ones dropped, the rest scored, ties broken stably.
import type { Candidate } from '../../providers/answer-shapes.js';
import type { CommitMessage, CommitStyle } from '../message.js';
import { COMMIT_TYPES, formatCommitMessage, isCommitType, parseCommitHeader } from '../message.js';

/** A candidate as the model sent it; `type` is checked here, not trusted. */
export type CandidateInput = Omit<Candidate, 'type'> & { type: string };

export interface SelectOptions {
  candidates: readonly CandidateInput[];
  style: CommitStyle;
  maxLength: number;
  /** The highest-impact files first, with the symbols the analysis named. */
  topFiles: readonly { path: string; symbols: readonly string[] }[];
}

/** A header cut to fit must keep at least this share of the subject's words, or the candidate is dropped. */
export const MIN_KEPT_WORDS = 0.6;
/** Headers shorter than this say too little to score full length fit. */
export const SHORT_HEADER = 20;
export const WEIGHTS = { coverage: 0.55, length: 0.2, imperative: 0.25 } as const;

const INLINE_HEADER = new RegExp(`(?:^|\\s)(?:${COMMIT_TYPES.join('|')})(?:\\([^()]*\\))?!?:\\s`, 'i');
const GENERIC_SEGMENTS = new Set([
  'src',
  'lib',
  'test',
  'tests',
  'spec',
  'index',
  'main',
  'app',
  'packages',
  'pkg',
  'internal',
  'mod',
]);
const IMPERATIVE_EXCEPTIONS = new Set([
  'embed',
  'seed',
  'feed',
  'need',
  'speed',
  'shed',
  'bring',
  'ping',
  'string',
  'ring',
  'focus',
  'alias',
  'canvas',
]);

/** The candidate as a CommitMessage (trimmed, first word lower-cased, trailing period gone), or undefined when it is not one message. */
export function normaliseCandidate(candidate: CandidateInput): CommitMessage | undefined {
  const type = candidate.type.trim().toLowerCase();
  if (!isCommitType(type)) return undefined;
  const [first = '', ...rest] = candidate.subject.trim().split(/\r?\n/);
  const bodyText = [rest.join('\n').trim(), candidate.body?.trim() ?? ''].filter(Boolean).join('\n\n');
  // Several headers in one answer are glued messages, not a subject and a body.
  if (bodyText.split('\n').some((line) => parseCommitHeader(line) !== undefined)) return undefined;
  const header = parseCommitHeader(first);
  let subject = (header?.subject ?? first).replace(/\s+/g, ' ').trim();
  if (INLINE_HEADER.test(subject) || /[.!?]\s+[A-Z]/.test(subject)) return undefined;
  subject = subject.replace(/[.\s]+$/, '');
  if (!/[\p{L}\p{N}]/u.test(subject)) return undefined;
  const firstWord = subject.split(' ', 1)[0] ?? '';
  if (/^[A-Z][a-z]*$/.test(firstWord)) subject = subject.charAt(0).toLowerCase() + subject.slice(1);
  const message: CommitMessage = { type, subject, breaking: candidate.breaking === true || header?.breaking === true };
  const scope = (candidate.scope ?? header?.scope ?? '').trim();
  if (/^[\p{L}\p{N}_./,-]+$/u.test(scope)) message.scope = scope;
  if (bodyText) message.body = bodyText;
  return message;
}

function splitSubject(text: string): string[] {
  return text
    .toLowerCase()
    .split(' ')
    .filter(Boolean)
    .map((word) => word.replace(/[,;:]$/, ''));
}

/** A cut that ends on a word boundary and keeps most of the words still says what the subject said. */
function isSensibleCut(kept: string, subject: string): boolean {
  const keptWords = splitSubject(kept);
  const words = splitSubject(subject);
  return keptWords.length >= MIN_KEPT_WORDS * words.length && keptWords.every((word, index) => word === words[index]);
}

/** The formatted header, and whether cutting it to maxLength kept enough of the subject to still say it. */
function measureHeader(
  message: CommitMessage,
  style: CommitStyle,
  maxLength: number,
): { length: number; full: number; sensible: boolean } {
  const bare = { ...message, body: undefined };
  const fitted = formatCommitMessage(bare, { style, maxLength });
  const full = formatCommitMessage(bare, { style, maxLength: Number.MAX_SAFE_INTEGER });
  const kept = style === 'plain' ? fitted : (parseCommitHeader(fitted)?.subject ?? '');
  return { length: [...fitted].length, full: [...full].length, sensible: isSensibleCut(kept, message.subject) };
}

/** camelCase, snake_case, kebab-case and paths into lower-case words of three letters or more. */
function splitWords(term: string): string[] {
  return term
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length >= 3);
}

function mentions(text: string, term: string): boolean {
  const words = splitWords(term);
  return words.length > 0 && words.every((word) => text.includes(word));
}

/** Weighted share of the top files the message names (by file, directory, symbol or scope); earlier files weigh more. */
function scoreCoverage(message: CommitMessage, topFiles: SelectOptions['topFiles']): number {
  if (topFiles.length === 0) return 0;
  const subject = `${message.scope ?? ''} ${message.subject}`.toLowerCase();
  const body = (message.body ?? '').toLowerCase();
  const scope = message.scope?.toLowerCase();
  let covered = 0;
  let total = 0;
  topFiles.forEach((file, index) => {
    const weight = 1 / (index + 1);
    const segments = file.path.toLowerCase().split('/');
    const stem = (segments.pop() ?? '').replace(/\.[^.]*$/, '');
    const terms = [stem, ...segments, ...file.symbols].filter((term) => !GENERIC_SEGMENTS.has(term));
    const inSubject = terms.some((term) => mentions(subject, term));
    const scoped = scope !== undefined && (scope === stem || segments.includes(scope));
    const inBody = terms.some((term) => mentions(body, term));
    covered += weight * (inSubject ? 1 : scoped ? 0.75 : inBody ? 0.5 : 0);
    total += weight;
  });
  return covered / total;
}

function isImperative(subject: string): boolean {
  const word = (subject.split(' ', 1)[0] ?? '').toLowerCase();
  if (IMPERATIVE_EXCEPTIONS.has(word) || !/^\p{L}+$/u.test(word)) return true;
  return !(/(?:ed|ing)$/.test(word) && word.length > 3) && !/[^siu]s$/.test(word);
}

interface Scored {
  message: CommitMessage;
  score: number;
  headerLength: number;
  text: string;
}

/** The valid candidates, best first; identical messages once. */
export function rankCandidates(options: SelectOptions): CommitMessage[] {
  const { candidates, style, maxLength, topFiles } = options;
  const scored: Scored[] = [];
  for (const candidate of candidates) {
    const message = normaliseCandidate(candidate);
    if (message === undefined) continue;
    const header = measureHeader(message, style, maxLength);
    if (!header.sensible) continue;
    const lengthFit = header.full > maxLength ? 0.3 : Math.min(1, header.full / SHORT_HEADER);
    const score =
      WEIGHTS.coverage * scoreCoverage(message, topFiles) +
      WEIGHTS.length * lengthFit +
      WEIGHTS.imperative * (isImperative(message.subject) ? 1 : 0);
    // Rounded so that float noise never decides between equally good candidates.
    scored.push({
      message,
      score: Math.round(score * 1e6) / 1e6,
      headerLength: header.length,
      text: formatCommitMessage(message, { style, maxLength }),
    });
  }
  scored.sort(
    (a, b) => b.score - a.score || a.headerLength - b.headerLength || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0),
  );
  return [...new Map(scored.map((entry) => [entry.text, entry.message])).values()];
}

export function selectCandidate(options: SelectOptions): CommitMessage | undefined {
  return rankCandidates(options)[0];
}
