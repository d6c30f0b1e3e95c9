// A streamed answer (SSE) that ends badly, on a real terminal (tmux): one without `data: [DONE]`, one without a finish
// reason, one cut mid-event.
// What reaches the pane has none of the answer's escape sequences, the message shown is whole, and it is committed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { commitResponder, isMessageRequest } from '../support/commit-responder.js';
import { startProviderServer, type ProviderServer, type ResponderResult } from '../support/provider-server.js';
import { C1, CLEAR, CLIPBOARD, CONCEALED, ESC, TITLE } from '../support/escape-payloads.js';
import { remoteEnv } from '../support/remote-env.js';
import { startTerminal, type Terminal } from '../support/terminal.js';
import { MATH_WITH_MULTIPLY, createMathRepo, type TempRepo } from '../support/temp-repo.js';

const HOSTILE = `feat(math): ${CLEAR}add multiply${TITLE}\x07\n\nAdds multiply${CLIPBOARD}.\n${CONCEALED}\nKeeps add as it was.${C1}`;
const SUBJECT = 'feat(math): add multiply';
const BODY = 'Adds multiply.\nrm -rf ~\nKeeps add as it was.';
/** The answer's payloads, any of which in the pane's bytes would mean the terminal acted on them. */
const PAYLOADS = [']52;', 'pwned', `${ESC}[8m`, `${ESC}[2J`, '\x07', '\u009b', '\u009d', 'c1 title'];

let repo: TempRepo;
let terminal: Terminal | undefined;
let server: ProviderServer | undefined;
afterEach(async () => {
  terminal?.close();
  terminal = undefined;
  await server?.close();
  server = undefined;
  repo?.cleanup();
});

/** Chat Completions chunks carrying `text` in pieces of 16 characters, as the loopback server streams it. */
function chunks(text: string): string[] {
  const chunk = (delta: object, finish: string | null = null) =>
    `data: ${JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 0, model: 'test-model', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
  const pieces = [chunk({ role: 'assistant', content: '' })];
  for (let at = 0; at < text.length; at += 16) pieces.push(chunk({ content: text.slice(at, at + 16) }));
  return [...pieces, chunk({}, 'stop')];
}

/** The message requests answered in turn by `answers` (the last one repeated); any other request as usual. */
async function serve(answers: ResponderResult[]): Promise<NodeJS.ProcessEnv> {
  const base = commitResponder();
  let asked = 0;
  server = await startProviderServer({
    apiKey: 'test-key',
    respond: (request) => (isMessageRequest(request) ? answers[Math.min(asked++, answers.length - 1)]! : base(request)),
  });
  repo = createMathRepo();
  repo.write('src/math.ts', MATH_WITH_MULTIPLY);
  repo.git('add', '.');
  return remoteEnv(server, repo.env, { GIT_AI_BODY: 'true', GIT_AI_CACHE: 'false', GIT_AI_TIMEOUT: '20' });
}

/** Runs `git ai commit` on the terminal, recording its bytes; commits what it shows; the pane and the bytes. */
async function commitOnTerminal(env: NodeJS.ProcessEnv): Promise<{ shown: string; bytes: string; title: string }> {
  const record = join(repo.home, 'pane.bytes');
  terminal = startTerminal({ cwd: repo.dir, env, args: ['commit'], scriptDir: repo.home, record });
  const shown = await terminal.waitFor(/Use this message\?/);
  terminal.keys('Enter');
  expect(await terminal.exitCode()).toBe(0);
  return { shown, bytes: readFileSync(record, 'latin1'), title: terminal.title() };
}

function expectCommitted(result: { shown: string; bytes: string; title: string }): void {
  expect(result.bytes).toContain('Use this message?'); // the recording holds what the CLI wrote
  for (const payload of PAYLOADS) expect(result.bytes, JSON.stringify(payload)).not.toContain(payload);
  expect(result.title).not.toMatch(/pwned|c1 title/);
  // The message shown whole, once: the draft streamed before it is gone.
  expect(result.shown.match(/feat\(math\): add multiply/g)).toHaveLength(1);
  expect(result.shown).toContain('Keeps add as it was.');
  expect(repo.git('log', '-1', '--format=%B')).toBe(`${SUBJECT}\n\n${BODY}\n\n`);
  expect(repo.git('cat-file', 'commit', 'HEAD')).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/); // eslint-disable-line no-control-regex
}

describe('a streamed answer that ends badly, on a terminal', () => {
  it('without `data: [DONE]`: the message is whole, its escape sequences never reach the pane, and it is committed', async () => {
    const env = await serve([{ raw: chunks(HOSTILE).join('') }]);
    expectCommitted(await commitOnTerminal(env));
    expect(server!.requests.filter((request) => request.normalized?.stream)).toHaveLength(1);
  });

  it('without a finish reason but ended by `data: [DONE]`, as some OpenAI-compatible servers send it: whole, committed once asked', async () => {
    const frames = chunks(HOSTILE).slice(0, -1); // no frame with a finish_reason
    const env = await serve([{ raw: `${frames.join('')}data: [DONE]\n\n` }]);
    expectCommitted(await commitOnTerminal(env));
    expect(server!.requests.filter((request) => isMessageRequest(request.normalized))).toHaveLength(1);
  });

  it('cut mid-event, the connection dropped: asked again, the whole message shown and committed', async () => {
    const frames = chunks(HOSTILE);
    const half = frames.slice(0, 5).join('') + frames[5]!.slice(0, 40); // a frame cut inside its JSON
    const env = await serve([{ raw: half, dropAfterRaw: true }, { raw: frames.join('') }]);
    expectCommitted(await commitOnTerminal(env));
    expect(server!.requests.filter((request) => isMessageRequest(request.normalized))).toHaveLength(2);
  });

  it('cut mid-event, the body ended there: the part received is no message, asked again, the whole one committed', async () => {
    const frames = chunks(HOSTILE);
    const half = frames.slice(0, 5).join('') + frames[5]!.slice(0, 40);
    const env = await serve([{ raw: half }, { raw: frames.join('') }]);
    expectCommitted(await commitOnTerminal(env));
    expect(server!.requests.filter((request) => isMessageRequest(request.normalized))).toHaveLength(2);
  });
});
