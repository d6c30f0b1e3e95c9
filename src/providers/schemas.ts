// The analyses' zod schema (read again from the cache, and a response schema's JSON). The shapes the code reads and
// the constants are in answer-shapes.ts, without zod.
import * as z from 'zod';
import { ANALYSIS_KINDS, ANALYSIS_MAX_FILES, ANALYSIS_MAX_SYMBOLS } from './answer-shapes.js';

// Numeric and length constraints are left out of the JSON schemas: some providers reject them (Anthropic) or ignore them.

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
