// The shapes of the model's answers: the analyses' response schema (given to the SDK and used again to read the
// result), and the candidate a plain-text message is read into.
import * as z from 'zod';
import { COMMIT_TYPES, parseCommitHeader, type CommitType } from '../engines/message.js';

// Numeric and length constraints are left out of the JSON schemas: some providers reject them (Anthropic) or ignore them.

type AnalysisKind = Exclude<CommitType, 'revert'>;
/** Every commit type but `revert`: one file's change on its own is never a revert. A tuple, as `z.enum` wants. */
export const ANALYSIS_KINDS = COMMIT_TYPES.filter(
  (type): type is AnalysisKind => type !== 'revert',
) as unknown as readonly [AnalysisKind, ...AnalysisKind[]];
export const CANDIDATE_TYPES = COMMIT_TYPES;

/** Files one analysis answer describes at most (every answer token costs ~8 ms; the rest are follow-on edits). */
export const ANALYSIS_MAX_FILES = 3;
/** Symbols one file's analysis names at most. */
export const ANALYSIS_MAX_SYMBOLS = 2;

const clampUnit = (value: number): number => (Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0);

export const fileAnalysisSchema = z.object({
  path: z.string().describe('The file path exactly as it appears in the list of files.'),
  summary: z.string().describe('One sentence on what changed in this file and why it matters; no line counts.'),
  kind: z.enum(ANALYSIS_KINDS).describe("The Conventional Commits type that best fits this file's change on its own."),
  significance: z
    .number()
    .describe(
      'How much this file matters to the change as a whole, from 0 (incidental) to 1 (the heart of the change).',
    )
    .transform(clampUnit),
  symbols: z
    .array(z.string())
    .describe(
      `Names of the functions, types, options or keys added, changed or removed (at most ${ANALYSIS_MAX_SYMBOLS}); empty if none.`,
    )
    .transform((symbols) => symbols.slice(0, ANALYSIS_MAX_SYMBOLS)),
});

export const analysisSchema = z.object({
  files: z
    .array(fileAnalysisSchema)
    .describe(
      `Entries for the files of this part that matter most, at most ${ANALYSIS_MAX_FILES}; mechanical follow-on edits left out.`,
    ),
});

export const candidateSchema = z.object({
  type: z.enum(CANDIDATE_TYPES).describe('The Conventional Commits type of the whole change.'),
  scope: z
    .string()
    .nullable()
    .describe('A short lower-case noun for the area changed (a module, package or directory), or null when none fits.'),
  subject: z
    .string()
    .describe('The description after "type(scope): ": imperative mood, first word lower-case, no trailing period.'),
  body: z
    .string()
    .nullable()
    .describe('What changed and why, wrapped at 72 columns; null when the subject says it all or no body is wanted.'),
  breaking: z
    .boolean()
    .describe('True only if the change breaks existing users (removed or incompatible public API or config).'),
});

// What the code reads. The model writes the message as plain text instead (engines/remote/plain-message.ts): every
// output token costs about 8 ms, and the header line and body need no JSON around them.
type CandidateShape = z.output<typeof candidateSchema>;

/** A header line as a candidate; one that is not `type(scope)!: subject` keeps its text as the subject (the selector weighs it). */
export function toCandidate(header: string, body: string | null): CandidateShape {
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
export type Candidate = z.output<typeof candidateSchema>;
export type Analysis = z.output<typeof analysisSchema>;
