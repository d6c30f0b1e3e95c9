import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  INSTRUCTIONS_FILE,
  MAX_INSTRUCTIONS_CHARS,
  cleanInstruction,
  instructionLines,
  readInstructions,
} from '../../src/rules/instructions.js';

/** Clearly fake secrets in their real formats, built so that no scanner of this file's source sees them whole. */
const GITHUB_TOKEN = ['ghp', '_', 'R4nd0mL00k1ngT0k3nV4lu3xYz9876543210'].join('');
const SLACK_TOKEN = ['xoxb', '-1234567890-1234567890123-', 'AbCdEfGhIjKlMnOpQrStUvWx'].join('');

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
      redactions: [],
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

  it('sends no secret a team or a user put in them, and says where each was', async () => {
    root = mkdtempSync(join(tmpdir(), 'git-ai-instructions-'));
    writeFileSync(
      join(root, INSTRUCTIONS_FILE),
      `Mention the ticket.\nOur bot token is ${SLACK_TOKEN} (do not share).\n`,
    );
    const instructions = await readInstructions({ root, user: `Use ${GITHUB_TOKEN} for nothing.` });
    expect(instructions.repository).toBe(
      'Mention the ticket.\nOur bot token is [REDACTED:slack-token] (do not share).',
    );
    expect(instructions.user).not.toContain(GITHUB_TOKEN);
    expect(instructions.user).toMatch(/^Use \[REDACTED:[a-z-]+\] for nothing\.$/);
    expect(instructions.redactions).toEqual([
      { kind: 'slack-token', place: `${INSTRUCTIONS_FILE} line 2` },
      { kind: expect.any(String), place: 'the instructions setting line 1' },
    ]);
  });
});

describe('cleanInstruction', () => {
  it("trims the person's instruction and takes out a secret value, or is undefined for none", () => {
    expect(cleanInstruction(undefined)).toBeUndefined();
    expect(cleanInstruction('  \n')).toBeUndefined();
    expect(cleanInstruction(' shorter ')).toEqual({ text: 'shorter', redactions: [] });
    const cleaned = cleanInstruction(`mention that ${SLACK_TOKEN} was rotated`);
    expect(cleaned?.text).toBe('mention that [REDACTED:slack-token] was rotated');
    expect(cleaned?.redactions).toEqual([{ kind: 'slack-token', place: 'the instruction for this message line 1' }]);
  });
});
