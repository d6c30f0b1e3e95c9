// The commit message every engine produces, its rendering per style, and reading a header back.

import { wrapBody } from './body-wrap.js';

/** Every Conventional Commits type git-ai writes, in the order the schemas offer them. */
export const COMMIT_TYPES = [
  'feat',
  'fix',
  'refactor',
  'perf',
  'docs',
  'test',
  'build',
  'ci',
  'chore',
  'style',
  'revert',
] as const;

export type CommitType = (typeof COMMIT_TYPES)[number];

export type CommitStyle = 'conventional' | 'plain' | 'gitmoji';

/** How the repository writes a header beyond its style, learnt from its history (engines/local/house-style.ts). */
export interface SubjectForm {
  /** The subject's first word capitalised (`feat: Add x`, `Add x`); without it, lower-cased (`feat: add x`). */
  capitalised?: boolean;
  /** A gitmoji with no type after it (`✨ Add x`), the form gitmoji's own tools write. */
  bareGitmoji?: boolean;
}

export interface CommitMessage {
  type: CommitType;
  scope?: string;
  subject: string;
  body?: string;
  breaking: boolean;
}

export interface CommitHeader {
  type: CommitType;
  scope?: string;
  breaking: boolean;
  subject: string;
}

const GITMOJI: Record<CommitType, string> = {
  feat: '✨',
  fix: '🐛',
  refactor: '♻️',
  perf: '⚡️',
  docs: '📝',
  test: '✅',
  build: '📦️',
  ci: '👷',
  chore: '🔧',
  style: '🎨',
  revert: '⏪️',
};

// Words that read badly at the end of a shortened subject.
const DANGLING = new Set([
  'a',
  'an',
  'the',
  'and',
  'or',
  'of',
  'in',
  'on',
  'to',
  'for',
  'with',
  'from',
  'by',
  'at',
  'as',
  'into',
  'when',
]);

const HEADER = /^(?:(?::\w+:|\p{Extended_Pictographic}\uFE0F?)\s*)?([a-zA-Z]+)(?:\(([^()]*)\))?(!)?:\s*(\S.*)$/u;

export function isCommitType(value: string): value is CommitType {
  return (COMMIT_TYPES as readonly string[]).includes(value);
}

/** Reads `type(scope)!: subject` (optionally after a gitmoji); undefined when the line is not a known conventional header. */
export function parseCommitHeader(line: string): CommitHeader | undefined {
  const match = HEADER.exec(line.trim());
  if (!match) return undefined;
  const type = (match[1] ?? '').toLowerCase();
  if (!isCommitType(type)) return undefined;
  const scope = match[2]?.trim();
  const header: CommitHeader = { type, breaking: match[3] === '!', subject: (match[4] ?? '').trim() };
  if (scope) header.scope = scope;
  return header;
}

export function formatCommitMessage(
  message: CommitMessage,
  options: { style: CommitStyle; maxLength: number; form?: SubjectForm },
): string {
  const header = formatHeader(message, options.style, options.maxLength, options.form ?? {});
  // A model's body may come as long lines: its prose is broken at 72 columns, as git's convention has it.
  const body = message.body?.trim();
  return body ? `${header}\n\n${wrapBody(body)}` : header;
}

function formatHeader(message: CommitMessage, style: CommitStyle, maxLength: number, form: SubjectForm): string {
  const subject = message.subject
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/[.\s]+$/, '');
  const bare = style === 'plain' || (style === 'gitmoji' && form.bareGitmoji === true);
  // A bare subject opens the line, so it is capitalised unless the repository writes it lower-case; after a type,
  // the other way round.
  const text = (form.capitalised ?? bare) ? capitalise(subject) : lowerFirst(subject);
  if (style === 'plain') return fitSubject('', text, maxLength);
  if (bare) return fitSubject(`${GITMOJI[message.type]} `, text, maxLength);
  const emoji = style === 'gitmoji' ? `${GITMOJI[message.type]} ` : '';
  const bang = message.breaking ? '!' : '';
  if (message.scope) {
    const scoped = `${emoji}${message.type}(${message.scope})${bang}: `;
    const room = maxLength - length(scoped);
    if (length(text) <= room || room >= Math.min(length(text), 24)) return fitSubject(scoped, text, maxLength);
  }
  return fitSubject(`${emoji}${message.type}${bang}: `, text, maxLength);
}

/** Prefix + subject, the subject cut at a word boundary so the whole line fits in maxLength code points. */
export function fitSubject(prefix: string, subject: string, maxLength: number): string {
  const room = maxLength - length(prefix);
  if (length(subject) <= room) return prefix + subject;
  if (room <= 0) return [...prefix].slice(0, Math.max(0, maxLength)).join('').trimEnd();
  const words = subject.split(' ');
  const kept: string[] = [];
  for (const word of words) {
    if (length([...kept, word].join(' ')) > room) break;
    kept.push(word);
  }
  while (kept.length > 1 && DANGLING.has((kept[kept.length - 1] ?? '').toLowerCase().replace(/[,;:]$/, ''))) kept.pop();
  const cut = kept.length > 0 ? kept.join(' ').replace(/[,;:]$/, '') : [...subject].slice(0, room).join('');
  return prefix + cut;
}

function length(text: string): number {
  return [...text].length;
}

/** Upper-cases the first letter of an ordinary lower-case first word (never `npm`-style names in backticks or useFoo). */
function capitalise(text: string): string {
  if (!/^[a-z]/.test(text) || /^[a-z]+[A-Z0-9_$]/.test(text)) return text;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Lower-cases the first word unless it looks like an identifier or acronym (README, HTTP, useFoo). */
function lowerFirst(text: string): string {
  const first = text.split(' ', 1)[0] ?? '';
  if (/^[A-Z][a-z]*$/.test(first)) return text.charAt(0).toLowerCase() + text.slice(1);
  return text;
}
