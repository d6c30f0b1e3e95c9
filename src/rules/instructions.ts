// The team's own instructions for the remote engine: `.gitaiinstructions` at the repository root (beside
// `.gitaiignore`) and the user's `instructions` setting, both put into the prompt.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export const INSTRUCTIONS_FILE = '.gitaiinstructions';
/** More than this many characters of instructions are cut: they are sent with every request. */
export const MAX_INSTRUCTIONS_CHARS = 4000;

export interface Instructions {
  /** The repository file's text, trimmed ('' when there is none). */
  repository: string;
  /** The user's `instructions` setting. */
  user: string;
}

export async function readInstructions(options: { root: string; user?: string }): Promise<Instructions> {
  const text = await readFile(join(options.root, INSTRUCTIONS_FILE), 'utf8').catch(() => '');
  const clip = (value: string) =>
    (value.length > MAX_INSTRUCTIONS_CHARS ? value.slice(0, MAX_INSTRUCTIONS_CHARS) : value).trim();
  return { repository: clip(text.replace(/^#.*$/gm, '')), user: clip(options.user ?? '') };
}

/** The instructions as prompt lines; the repository's first, as the team's word. */
export function instructionLines(instructions: Instructions): string[] {
  const lines: string[] = [];
  if (instructions.repository) lines.push(`From the repository (${INSTRUCTIONS_FILE}):`, instructions.repository);
  if (instructions.user) lines.push("From the user's settings:", instructions.user);
  return lines;
}
