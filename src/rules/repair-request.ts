// The remote engine's second chance: one more request that quotes the commitlint rules its message broke (after the
// mechanical repair) and asks for the message fixed. Loaded only on the remote path, when a rule still fails.
import type { LanguageModel } from 'ai';
import type { LintOutcome } from '@commitlint/types';
import { callStructured } from '../providers/call.js';

export interface RepairRequestOptions {
  model: LanguageModel;
  /** The message as it stands, after the mechanical repair. */
  text: string;
  errors: LintOutcome['errors'];
  /** The repository's rules in words (src/rules/guidance.ts). */
  guidance: readonly string[];
  deadline: number;
  signal?: AbortSignal;
  /** The configured window (`context-window`), if any: a reasoning model's output bound stays inside it. */
  contextWindow?: number;
}

export const REPAIR_SCHEMA_NAME = 'corrected_commit_message';

/** The answer's schema. zod loads with it, only when a repair is asked for: this module loads with main's code. */
export async function loadRepairSchema() {
  const z = await import('zod');
  return z.object({
    header: z.string().describe('The corrected header line, `type(scope)!: subject` (scope optional).'),
    body: z
      .string()
      .nullable()
      .describe('The corrected body, with any footer lines at its end after a blank line; null when there is none.'),
  });
}

const SYSTEM = [
  "You correct a git commit message so that it passes the repository's commitlint rules.",
  'Keep what the message says; change only what the failed rules need. Conventional Commits form: `type(scope)!: subject`, a blank line, the body, a blank line, the footer.',
  'Answer only with the structured JSON object the response schema describes: the header line, and the body (with any footer lines at its end), or null.',
].join('\n');

export function buildRepairPrompt(options: Pick<RepairRequestOptions, 'text' | 'errors' | 'guidance'>): {
  system: string;
  prompt: string;
} {
  const prompt = [
    'The message:',
    '<message>',
    options.text,
    '</message>',
    '',
    'commitlint rejected it:',
    ...options.errors.map((error) => `- ${error.name}: ${error.message}`),
    '',
    ...options.guidance,
    '',
    'Write the corrected message.',
  ];
  return { system: SYSTEM, prompt: prompt.join('\n') };
}

/** The corrected message text, or undefined when the model gave none in time (the mechanically repaired text stands). */
export async function requestRuleRepair(options: RepairRequestOptions): Promise<string | undefined> {
  const { system, prompt } = buildRepairPrompt(options);
  try {
    const result = await callStructured({
      model: options.model,
      system,
      prompt,
      schema: await loadRepairSchema(),
      schemaName: REPAIR_SCHEMA_NAME,
      signal: options.signal,
      deadline: options.deadline,
      contextWindow: options.contextWindow,
    });
    const header = result.value.header.trim().split('\n')[0] ?? '';
    if (header === '') return undefined;
    const body = result.value.body?.trim();
    return body ? `${header}\n\n${body}` : header;
  } catch (error) {
    if (options.signal?.aborted) throw error;
    return undefined;
  }
}
