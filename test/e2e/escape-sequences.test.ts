// A model answer full of escape sequences and controls reaches neither the terminal nor the commit object (CLI and hook).
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { startProviderServer, type ProviderServer } from '../support/provider-server.js';
import { C1, CLEAR, CLIPBOARD, CONCEALED, ESC, TITLE } from '../support/escape-payloads.js';
import { remoteEnv } from '../support/remote-env.js';
import { MATH_WITH_MULTIPLY, createMathRepo, runCliAsync, type TempRepo } from '../support/temp-repo.js';

/** Anything a terminal could act on: C0 but tab and newline, DEL, C1. */
// eslint-disable-next-line no-control-regex -- control characters are what this matches
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

let repo: TempRepo;
let server: ProviderServer | undefined;
afterEach(async () => {
  repo?.cleanup();
  await server?.close();
  server = undefined;
});

async function hostileServer(): Promise<ProviderServer> {
  server = await startProviderServer({
    apiKey: 'test-key',
    // One message per completion (three when alternatives are asked for), each with the same hostile body.
    respond: (request) => {
      const headers = [`feat(math): ${CLEAR}add multiply${TITLE}\x07`, `feat: add ${C1}multiply`, 'chore: update math'];
      const body = `Adds multiply${CLIPBOARD}.\n${CONCEALED}\nKeeps add as it was\x08\x08\x08.${C1}`;
      return { text: `${headers[request.choice % headers.length]}\n\n${body}` };
    },
  });
  return server;
}

function stageChange(server: ProviderServer): NodeJS.ProcessEnv {
  repo = createMathRepo();
  repo.write('src/math.ts', MATH_WITH_MULTIPLY);
  repo.git('add', '.');
  return remoteEnv(server, repo.env, { GIT_AI_BODY: 'true' });
}

/** The raw commit object of HEAD, bytes as latin1 so a C1 byte cannot hide in a decoding. */
const headObject = () => Buffer.from(repo.git('cat-file', 'commit', 'HEAD'), 'utf8').toString('latin1');
const EXPECTED_SUBJECT = 'feat(math): add multiply';
const EXPECTED_BODY = 'Adds multiply.\nrm -rf ~\nKeeps add as it was.';

function expectClean(text: string): void {
  expect(text).not.toMatch(CONTROL);
  expect(text).not.toContain('52;c;');
  expect(text).not.toContain('pwned');
  expect(text).not.toContain('c1 title');
}

describe('escape sequences in a model answer', () => {
  it('commit --dry-run prints the message without them', async () => {
    const server = await hostileServer();
    const env = stageChange(server);
    const printed = await runCliAsync(['commit', '--dry-run', '--no-cache'], { cwd: repo.dir, env });
    expect(printed.code).toBe(0);
    expectClean(printed.stdout);
    expectClean(printed.stderr);
    expect(printed.stdout).toBe(`${EXPECTED_SUBJECT}\n\n${EXPECTED_BODY}\n`);
  });

  it('commit --yes writes a commit object without them, and prints none', async () => {
    const server = await hostileServer();
    const env = stageChange(server);
    const result = await runCliAsync(['commit', '--yes', '--no-cache'], { cwd: repo.dir, env });
    expect(result.code).toBe(0);
    expectClean(result.stdout + result.stderr);
    const object = headObject();
    expectClean(object);
    expect(repo.git('log', '-1', '--format=%B')).toBe(`${EXPECTED_SUBJECT}\n\n${EXPECTED_BODY}\n\n`);
  });

  it('through the prepare-commit-msg hook, the commit object has none', async () => {
    const server = await hostileServer();
    const env = stageChange(server);
    expect((await runCliAsync(['hook', 'install'], { cwd: repo.dir, env })).code).toBe(0);
    const committed = await new Promise<{ code: number | null; output: string }>((resolve, reject) => {
      const child = spawn('git', ['commit', '--no-edit'], { cwd: repo.dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('latin1')));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('latin1')));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, output }));
    });
    expect(committed.code).toBe(0);
    expectClean(committed.output);
    expectClean(headObject());
    expect(repo.git('log', '-1', '--format=%s')).toBe(`${EXPECTED_SUBJECT}\n`);
    expect(server.requests).toHaveLength(1); // the hook asked the hostile model, and its answer was cleaned
  });
});

describe('escape sequences in a file name', () => {
  it('the offline engine writes no control character from a name into the message or the commit', async () => {
    repo = createMathRepo();
    repo.write(`src/${ESC}]0;pwned\x07${ESC}[2Jwidget.ts`, 'export const widget = 1;\n');
    repo.git('add', '.');
    const printed = await runCliAsync(['commit', '--dry-run'], { cwd: repo.dir, env: repo.env });
    expect(printed.code).toBe(0);
    expectClean(printed.stdout + printed.stderr);
    expect(printed.stdout).toMatch(/widget/);
    const committed = await runCliAsync(['commit', '--yes'], { cwd: repo.dir, env: repo.env });
    expect(committed.code).toBe(0);
    expect(committed.stdout + committed.stderr).not.toMatch(CONTROL); // git itself prints the name quoted: \033]0;pwned...
    expectClean(headObject());
  });
});
