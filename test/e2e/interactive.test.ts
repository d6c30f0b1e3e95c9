// `git ai commit` on a real terminal (tmux): the spinner, the question and each answer, cancel and Ctrl-C.
import { afterEach, describe, expect, it } from 'vitest';
import { commitResponder, isMessageRequest } from '../support/commit-responder.js';
import { startProviderServer, type ProviderServer } from '../support/provider-server.js';
import { remoteEnv } from '../support/remote-env.js';
import { startTerminal, type Terminal } from '../support/terminal.js';
import { createTempRepo, type TempRepo } from '../support/temp-repo.js';

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

function seed(): void {
  repo = createTempRepo();
  repo.write('src/a.ts', 'export const a = 1;\n');
  repo.git('add', '.');
  repo.git('commit', '-q', '-m', 'feat: add a');
  repo.write('docs/guide.md', '# Guide\n\nHow to use a.\n');
  repo.git('add', '.');
}

function start(args: string[] = ['commit'], env: NodeJS.ProcessEnv = repo.env): Terminal {
  terminal = startTerminal({ cwd: repo.dir, env, args, scriptDir: repo.home });
  return terminal;
}

const commits = () => repo.git('rev-list', '--count', 'HEAD').trim();
const subject = () => repo.git('log', '-1', '--format=%s').trim();
const QUESTION = /Use this message\?/;
/** Message N shown and the question asked about it (the streamed draft shows the text before the question is there). */
const asked = (count: number) => new RegExp(`feat\\(docs\\): write guide ${count}[^]*Use this message\\?`);
// Answers in the order the question lists them.
const MOVES = {
  commit: [],
  edit: ['Down'],
  regenerate: ['Down', 'Down'],
  instruct: ['Down', 'Down', 'Down'],
  alternatives: ['Down', 'Down', 'Down', 'Down'],
  cancel: ['Up'],
} as const;

/** A provider whose every answer is new: `feat(docs): write guide N`, N counting the requests. */
async function countingProvider(options: { latencyMs?: number } = {}): Promise<NodeJS.ProcessEnv> {
  let count = 0;
  const base = commitResponder();
  server = await startProviderServer({
    apiKey: 'test-key',
    respond: (request) => {
      count += 1;
      // One message per completion, as the prompt asks: several candidates take several completions.
      return isMessageRequest(request) ? { text: `feat(docs): write guide ${count}` } : base(request);
    },
    ...(options.latencyMs ? { latency: { baseMs: options.latencyMs, perInputKTokensMs: 0, perOutputTokenMs: 0 } } : {}),
  });
  return providerEnv(server);
}

/** The repository's environment pointing git-ai at the loopback server as an OpenAI provider. */
function providerEnv(started: ProviderServer): NodeJS.ProcessEnv {
  return remoteEnv(started, repo.env);
}

describe('git-ai commit on a terminal', () => {
  it('Commit commits the message shown', async () => {
    seed();
    const shown = await start().waitFor(QUESTION);
    terminal!.keys('Enter');
    expect(await terminal!.exitCode()).toBe(0);
    expect(subject()).toMatch(/^docs/);
    expect(shown).toContain(subject());
  });

  it('Edit opens the editor on the message and commits what was saved', async () => {
    seed();
    repo.env.GIT_EDITOR = "sed -i '1s/$/ (edited)/'";
    await start().waitFor(QUESTION);
    terminal!.keys(...MOVES.edit, 'Enter');
    expect(await terminal!.exitCode()).toBe(0);
    expect(subject()).toMatch(/^docs.* \(edited\)$/);
  });

  it('Cancel commits nothing, keeps the staged changes and exits 1', async () => {
    seed();
    await start().waitFor(QUESTION);
    terminal!.keys(...MOVES.cancel, 'Enter');
    expect(await terminal!.exitCode()).toBe(1);
    expect(terminal!.screen()).toMatch(/Cancelled; nothing was committed/);
    expect(commits()).toBe('1');
    expect(repo.git('diff', '--cached', '--name-only').trim()).toBe('docs/guide.md');
  });

  it('Ctrl-C at the question commits nothing and exits 130', async () => {
    seed();
    await start().waitFor(QUESTION);
    terminal!.keys('C-c');
    expect(await terminal!.exitCode()).toBe(130);
    expect(commits()).toBe('1');
  });

  it("Regenerate sends a new request (not the cache's answer) and commits the new message", async () => {
    seed();
    const env = await countingProvider();
    await start(['commit'], env).waitFor(asked(1));
    terminal!.keys(...MOVES.regenerate, 'Enter');
    await terminal!.waitFor(asked(2));
    terminal!.keys('Enter');
    expect(await terminal!.exitCode()).toBe(0);
    expect(subject()).toBe('feat(docs): write guide 2');
    expect(server!.requests).toHaveLength(2);
  });

  it('Regenerate with an instruction sends it to the provider, and the new message is committed', async () => {
    seed();
    const env = await countingProvider();
    await start(['commit'], env).waitFor(asked(1));
    terminal!.keys(...MOVES.instruct, 'Enter');
    await terminal!.waitFor(/How should the message change\?/);
    terminal!.type('mention the migration');
    terminal!.keys('Enter');
    await terminal!.waitFor(asked(2));
    terminal!.keys('Enter');
    expect(await terminal!.exitCode()).toBe(0);
    expect(subject()).toBe('feat(docs): write guide 2');
    const [first, second] = server!.requests.map((request) => request.normalized!.system);
    expect(first).not.toContain('mention the migration');
    expect(second).toContain('The person committing asks for this message: "mention the migration"');
  });

  it('Alternatives writes several candidates in parallel to pick from; the one picked is committed', async () => {
    seed();
    const env = await countingProvider();
    await start(['commit'], env).waitFor(asked(1));
    terminal!.keys(...MOVES.alternatives, 'Enter');
    const list = await terminal!.waitFor(/Pick a message/);
    const offered = list.split('Pick a message')[1]!.match(/feat\(docs\): write guide [^\n│]*?(?=\s*$)/gm) ?? [];
    expect(new Set(offered).size, list).toBe(3); // three different candidates
    // the first answer, then one request whose three choices (`n`) are decoded side by side
    expect(server!.requests).toHaveLength(2);
    expect((server!.requests[1]!.body as { n?: number }).n).toBe(3);
    terminal!.keys('Down', 'Enter');
    // The question asked again, after the pick (the first one is still on the screen above it).
    await terminal!.waitFor(/Pick a message[^]*Use this message\?/);
    terminal!.keys('Enter');
    expect(await terminal!.exitCode()).toBe(0);
    expect(subject()).toBe(offered[1]);
  });

  it('streams the message as the provider writes it: the first words show while the server holds the rest', async () => {
    seed();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const base = commitResponder();
    // A header the selector repairs (first word lower-cased, period dropped): the draft is not the final message.
    const header = 'feat(docs): Write the streaming guide for the terminal.';
    server = await startProviderServer({
      apiKey: 'test-key',
      respond: (request) => {
        if (!isMessageRequest(request)) return base(request);
        // 8 tokens: the first 32 characters of the text, `feat(docs): Write the streaming `, then the server waits
        return { text: header, hold: { afterTokens: 8, release: held } };
      },
    });
    const partial = await start(['commit'], providerEnv(server)).waitFor(/feat\(docs\): Write the stre/);
    // what the pane shows now came before the server sent the rest of the answer
    expect(server.requests[0]?.normalized?.stream).toBe(true);
    expect(server.requests[0]?.endedAt).toBeUndefined();
    expect(partial).not.toMatch(/streaming guide/);
    expect(partial).not.toMatch(QUESTION);
    release();
    const shown = await terminal!.waitFor(QUESTION);
    // the draft is gone; the repaired message is shown once
    expect(shown).not.toMatch(/Write the streaming/);
    expect(shown.match(/feat\(docs\): write the streaming guide for the terminal/g)).toHaveLength(1);
    terminal!.keys('Enter');
    expect(await terminal!.exitCode()).toBe(0);
    expect(subject()).toBe('feat(docs): write the streaming guide for the terminal');
  });

  it('--json on a terminal asks for no stream: the text is for a script, not the pane', async () => {
    seed();
    const env = await countingProvider();
    const shown = await start(['commit', '--json', '--dry-run'], env).waitFor(/exit=\d+/);
    expect(shown).toMatch(/"message": "feat\(docs\): write guide 1"/);
    expect(server!.requests.map((request) => request.normalized?.stream)).toEqual([false]);
  });

  it('the spinner shows the phase and the elapsed time while the provider works; Ctrl-C then exits 130', async () => {
    seed();
    const env = await countingProvider({ latencyMs: 60_000 });
    const shown = await start(['commit'], env).waitFor(/writing the message.* \d+\.\ds/);
    expect(shown).toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] writing the message/);
    terminal!.keys('C-c');
    expect(await terminal!.exitCode()).toBe(130);
    expect(commits()).toBe('1');
  });
});
