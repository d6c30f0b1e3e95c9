// A model answer holding lone surrogates (half an emoji, escaped in its JSON as "\ud83d"): every byte git-ai prints or
// git writes into the commit object is valid UTF-8, the half read as U+FFFD (or dropped), never as CESU-8 or WTF-8 bytes.
import { execFileSync, spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { startProviderServer, type ProviderServer } from '../support/provider-server.js';
import { remoteEnv } from '../support/remote-env.js';
import { BUILT_CLI, MATH_WITH_MULTIPLY, createMathRepo, type TempRepo } from '../support/temp-repo.js';

let repo: TempRepo;
let server: ProviderServer | undefined;
afterEach(async () => {
  repo?.cleanup();
  await server?.close();
  server = undefined;
});

const HIGH = '\uD83D'; // the first half of 😀 (U+1F600) alone
const LOW = '\uDE00'; // its second half alone
const SUBJECT = `feat(math): add multiply ${HIGH}`;
const BODY = `Adds multiply${LOW} beside add.\nKeeps ${LOW}${HIGH} add as it was.`;

async function stageWithSurrogateServer(): Promise<NodeJS.ProcessEnv> {
  server = await startProviderServer({ apiKey: 'test-key', respond: () => ({ text: `${SUBJECT}\n\n${BODY}` }) });
  repo = createMathRepo();
  repo.write('src/math.ts', MATH_WITH_MULTIPLY);
  repo.git('add', '.');
  return remoteEnv(server, repo.env, { GIT_AI_BODY: 'true' });
}

/** Runs a command, its output as raw bytes. */
function run(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: Buffer }> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: repo.dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const parts: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => parts.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => parts.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out: Buffer.concat(parts) }));
  });
}

/** The bytes decoded strictly: a throw for any invalid UTF-8 (a surrogate's own 3 bytes, ED A0 BD, included). */
const strictUtf8 = (bytes: Buffer) => new TextDecoder('utf-8', { fatal: true }).decode(bytes);
const headObject = () => execFileSync('git', ['cat-file', 'commit', 'HEAD'], { cwd: repo.dir, env: repo.env });
/** No surrogate code unit, paired or not: a half is U+FFFD or gone, and no pair was made of the halves. */
const NO_SURROGATE = /^[^\uD800-\uDFFF]*$/;
const readAs = (text: string, prefix: string) =>
  expect(text).toMatch(new RegExp(`${prefix}add multiply( \uFFFD| ?)$`, 'm'));

describe('lone surrogates in a model answer', () => {
  it('commit --dry-run prints valid UTF-8', async () => {
    const env = await stageWithSurrogateServer();
    const printed = await run(process.execPath, [BUILT_CLI, 'commit', '--dry-run', '--no-cache'], env);
    expect(printed.code).toBe(0);
    const text = strictUtf8(printed.out);
    expect(text).toMatch(NO_SURROGATE);
    readAs(text, 'feat\\(math\\): ');
    expect(text).toContain('beside add.');
  });

  it('commit --yes writes a commit object of valid UTF-8', async () => {
    const env = await stageWithSurrogateServer();
    const result = await run(process.execPath, [BUILT_CLI, 'commit', '--yes', '--no-cache'], env);
    expect(result.code).toBe(0);
    expect(strictUtf8(result.out)).toMatch(NO_SURROGATE);
    const object = strictUtf8(headObject());
    expect(object).toMatch(NO_SURROGATE);
    readAs(object, 'feat\\(math\\): ');
    expect(object).toContain('beside add.');
  });

  it('through the prepare-commit-msg hook, the commit object is valid UTF-8', async () => {
    const env = await stageWithSurrogateServer();
    expect((await run(process.execPath, [BUILT_CLI, 'hook', 'install'], env)).code).toBe(0);
    const committed = await run('git', ['commit', '--no-edit'], env);
    expect(committed.code).toBe(0);
    expect(strictUtf8(committed.out)).toMatch(NO_SURROGATE);
    const object = strictUtf8(headObject());
    expect(object).toMatch(NO_SURROGATE);
    readAs(object, 'feat\\(math\\): ');
    expect(object).toContain('beside add.'); // the model's answer, not the offline engine's
    expect(server!.requests).toHaveLength(1);
  });
});
