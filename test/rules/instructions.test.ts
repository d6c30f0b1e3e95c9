import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  INSTRUCTIONS_FILE,
  MAX_INSTRUCTIONS_CHARS,
  instructionLines,
  readInstructions,
} from '../../src/rules/instructions.js';

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('readInstructions', () => {
  it("reads the repository's file without its comment lines, and the user's setting", async () => {
    root = mkdtempSync(join(tmpdir(), 'git-ai-instructions-'));
    writeFileSync(
      join(root, INSTRUCTIONS_FILE),
      '# for git-ai\nMention the Jira ticket.\nScope is the package name.\n',
    );
    const instructions = await readInstructions({ root, user: 'Write in the past tense.' });
    expect(instructions).toEqual({
      repository: 'Mention the Jira ticket.\nScope is the package name.',
      user: 'Write in the past tense.',
    });
    expect(instructionLines(instructions)).toEqual([
      `From the repository (${INSTRUCTIONS_FILE}):`,
      'Mention the Jira ticket.\nScope is the package name.',
      "From the user's settings:",
      'Write in the past tense.',
    ]);
  });

  it('is empty without either, and cuts a very long file', async () => {
    root = mkdtempSync(join(tmpdir(), 'git-ai-instructions-'));
    expect(instructionLines(await readInstructions({ root }))).toEqual([]);
    writeFileSync(join(root, INSTRUCTIONS_FILE), 'x'.repeat(MAX_INSTRUCTIONS_CHARS * 2));
    expect((await readInstructions({ root })).repository).toHaveLength(MAX_INSTRUCTIONS_CHARS);
  });
});
