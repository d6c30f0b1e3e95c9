// A minified bundle of one 30 MB line, end to end: offline, remote and through the hook, the line is cut and said.
// It is above the big-file threshold (16 MiB), so git never reads it: its head is read alone, and one line says so.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitResponder } from '../support/commit-responder.js';
import { startProviderServer, type ProviderServer } from '../support/provider-server.js';
import {
  CONVENTIONAL_HEADER,
  MATH_WITH_MULTIPLY,
  createMathRepo,
  runCli,
  runCliAsync,
  type TempRepo,
} from '../support/temp-repo.js';

const LINE_BYTES = 30 * 1024 * 1024;
const CUT = / \[git-ai: line cut, (\d+) more characters\]/;
const NOTE =
  /^git-ai: web\/app\.js is 31\.5 MB of long lines, more than any request can use: read as its first \d+ KiB, not diffed\n$/;

let repo: TempRepo;
beforeAll(() => {
  repo = createMathRepo();
  const statement = 'var a=function(b){return b*2};';
  repo.write('web/app.js', `${statement.repeat(Math.ceil(LINE_BYTES / statement.length))}\n`);
  repo.write('src/math.ts', MATH_WITH_MULTIPLY);
  repo.git('add', '.');
});
afterAll(() => repo?.cleanup());

describe('one line of 30 MB', () => {
  it('git ai prompt: the listing and the diff say the line was cut, and the output stays small', () => {
    const result = runCli(['prompt'], { cwd: repo.dir, env: repo.env });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(NOTE); // what was withheld, and why
    expect(result.stdout.length).toBeLessThan(200_000);
    const report = JSON.parse(result.stdout) as {
      requests: Array<{ request: { messages: Array<{ content: string }> } }>;
    };
    const sent = report.requests[0]!.request.messages.map((message) => message.content).join('\n');
    expect(sent).toContain('A web/app.js (+1 -0) [1 long line cut]');
    const cut = CUT.exec(sent);
    expect(Number(cut?.[1])).toBeGreaterThan(LINE_BYTES - 100_000);
    expect(sent).toContain('+export function multiply');
  });

  it('git ai commit --dry-run (offline) writes a message', () => {
    const result = runCli(['commit', '--dry-run'], { cwd: repo.dir, env: repo.env });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(NOTE);
    expect(result.stdout.split('\n')[0]).toMatch(CONVENTIONAL_HEADER);
    expect(result.stdout.length).toBeLessThan(2000);
  });

  describe('against a provider', () => {
    let server: ProviderServer;
    beforeAll(async () => {
      server = await startProviderServer({ apiKey: 'test-key', respond: commitResponder() });
    });
    afterAll(() => server?.close());

    it('git ai commit --dry-run sends the head of the line, not the line', async () => {
      const env = {
        ...repo.env,
        GIT_AI_PROVIDER: 'openai',
        GIT_AI_BASE_URL: server.baseUrls.openai,
        GIT_AI_API_KEY: 'test-key',
        GIT_AI_CACHE: 'false',
      };
      const result = await runCliAsync(['commit', '--dry-run'], { cwd: repo.dir, env });
      expect(result.code).toBe(0);
      expect(result.stderr).toMatch(NOTE);
      expect(result.stdout.trim()).toBe('feat(widgets): add the widget registry');
      expect(server.requests).toHaveLength(1);
      const body = JSON.stringify(server.requests[0]!.body);
      expect(body.length).toBeLessThan(200_000);
      expect(body).toMatch(CUT);
    });
  });

  it('through the hook, `git commit` commits with a message', () => {
    expect(runCli(['hook', 'install'], { cwd: repo.dir, env: repo.env }).code).toBe(0);
    const commit = spawnSync('git', ['commit', '-q'], { cwd: repo.dir, env: repo.env, encoding: 'utf8' });
    expect(commit.status).toBe(0);
    expect(commit.stderr).toMatch(NOTE);
    expect(repo.git('log', '-1', '--format=%s').trim()).toMatch(CONVENTIONAL_HEADER);
    expect(repo.git('show', '--stat', '--format=', 'HEAD')).toContain('web/app.js');
  });
});
