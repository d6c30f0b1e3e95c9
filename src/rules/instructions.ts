// The team's own instructions for the remote engine: `.gitaiinstructions` at the repository root (beside
// `.gitaiignore`) and the user's `instructions` setting, both put into the prompt, and the person's instruction for one
// message (`--context`): each without secret values, as they are sent with the request.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { redactSecrets, type Redaction } from '../security/redact.js';

export const INSTRUCTIONS_FILE = '.gitaiinstructions';
/** More than this many characters of instructions are cut: they are sent with every request. */
export const MAX_INSTRUCTIONS_CHARS = 4000;

export interface Instructions {
  /** The repository file's text, trimmed ('' when there is none). */
  repository: string;
  /** The user's `instructions` setting. */
  user: string;
  /** The secrets taken out of both (kind and place, never the value). */
  redactions: Redaction[];
}

export async function readInstructions(options: { root: string; user?: string }): Promise<Instructions> {
  const text = await readFile(join(options.root, INSTRUCTIONS_FILE), 'utf8').catch(() => '');
  const clip = (value: string) =>
    (value.length > MAX_INSTRUCTIONS_CHARS ? value.slice(0, MAX_INSTRUCTIONS_CHARS) : value).trim();
  const repository = withoutSecrets(clip(text.replace(/^#.*$/gm, '')), INSTRUCTIONS_FILE);
  const user = withoutSecrets(clip(options.user ?? ''), 'the instructions setting');
  return { repository: repository.text, user: user.text, redactions: [...repository.redactions, ...user.redactions] };
}

/** The person's instruction for one message, trimmed and without secret values; undefined when there is none. */
export function cleanInstruction(
  instruction: string | undefined,
): { text: string; redactions: Redaction[] } | undefined {
  const trimmed = instruction?.trim();
  return trimmed ? withoutSecrets(trimmed, 'the instruction for this message') : undefined;
}

function withoutSecrets(text: string, where: string): { text: string; redactions: Redaction[] } {
  if (text === '') return { text, redactions: [] };
  const { text: redacted, findings } = redactSecrets(text);
  return {
    text: redacted,
    redactions: findings.map((finding) => ({ kind: finding.kind, place: `${where} line ${finding.line}` })),
  };
}

/** The instructions as prompt lines; the repository's first, as the team's word. */
export function instructionLines(instructions: Instructions): string[] {
  const lines: string[] = [];
  if (instructions.repository) lines.push(`From the repository (${INSTRUCTIONS_FILE}):`, instructions.repository);
  if (instructions.user) lines.push("From the user's settings:", instructions.user);
  return lines;
}
