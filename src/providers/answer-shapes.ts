// The answers' shapes as the code reads them, without zod (which only the analyses' schema and the cached
// analyses need, providers/schemas.ts): the plain-text fast path loads no zod (see providers/openai-chat.ts).
import { COMMIT_TYPES, parseCommitHeader, type CommitType } from '../engines/message.js';
import type { analysisSchema, fileAnalysisSchema } from './schemas.js';
import type * as z from 'zod';

type AnalysisKind = Exclude<CommitType, 'revert'>;
/** Every commit type but `revert`: one file's change on its own is never a revert. A tuple, as `z.enum` wants. */
export const ANALYSIS_KINDS = COMMIT_TYPES.filter(
  (type): type is AnalysisKind => type !== 'revert',
) as unknown as readonly [AnalysisKind, ...AnalysisKind[]];

/** Files one analysis answer describes at most (every answer token costs ~8 ms; the rest are follow-on edits). */
export const ANALYSIS_MAX_FILES = 3;
/** Symbols one file's analysis names at most. */
export const ANALYSIS_MAX_SYMBOLS = 2;

/**
 * A header line as a candidate (the model writes the message as plain text, engines/remote/plain-message.ts: every
 * output token costs about 8 ms, and the header line and body need no JSON around them); one that is not
 * `type(scope)!: subject` keeps its text as the subject (the selector weighs it).
 */
export function toCandidate(header: string, body: string | null): Candidate {
  const parsed = parseCommitHeader(header);
  if (!parsed) return { type: 'chore', scope: null, subject: header.trim(), body, breaking: false };
  return {
    type: parsed.type === 'revert' ? 'revert' : parsed.type,
    scope: parsed.scope ?? null,
    subject: parsed.subject,
    body,
    breaking: parsed.breaking,
  };
}

export type FileAnalysis = z.output<typeof fileAnalysisSchema>;
/** One message as the selection weighs it. */
export interface Candidate {
  type: CommitType;
  scope: string | null;
  subject: string;
  body: string | null;
  breaking: boolean;
}
export type Analysis = z.output<typeof analysisSchema>;

const nullableText = (field: unknown) => field === null || typeof field === 'string';

/** A cached message answer's candidates (`{ candidates: [...] }`), each with just its fields, as the schema reads them; undefined for a corrupt or older entry. */
export function readCachedCandidates(value: unknown): Candidate[] | undefined {
  const candidates = (value as { candidates?: unknown } | null | undefined)?.candidates;
  if (!Array.isArray(candidates)) return undefined;
  const read: Candidate[] = [];
  for (const item of candidates as unknown[]) {
    if (typeof item !== 'object' || item === null) return undefined;
    const { type, scope, subject, body, breaking } = item as Record<string, unknown>;
    if (!(COMMIT_TYPES as readonly unknown[]).includes(type) || typeof subject !== 'string') return undefined;
    if (!nullableText(scope) || !nullableText(body) || typeof breaking !== 'boolean') return undefined;
    read.push({
      type: type as CommitType,
      scope: scope as string | null,
      subject,
      body: body as string | null,
      breaking,
    });
  }
  return read;
}
