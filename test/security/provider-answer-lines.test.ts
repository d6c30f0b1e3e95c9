// What an outside probe sends where an answer should be, and the one line each gets: an error object under HTTP 200
// (gateways and OpenAI-compatible servers send them), an HTML page under 200 (a captive portal, a proxy's login), JSON
// of another API, and headers larger than Node's HTTP parser reads. From the command line and through the hook: the
// offline message, exit 0, and one `git-ai:` line that says what came back, never `failed (AI_APICallError)`.
import { afterEach, describe, expect, it } from 'vitest';
import { startProviderServer, type ProviderServer, type ResponderResult } from '../support/provider-server.js';
import { remoteEnv } from '../support/remote-env.js';
import {
  CONVENTIONAL_HEADER,
  MATH_WITH_MULTIPLY,
  createMathRepo,
  runCliAsync,
  runProcess,
  type CliResult,
  type TempRepo,
} from '../support/temp-repo.js';

const OFFLINE = '; the offline engine wrote this message';
const CASES: Array<{ name: string; answer: ResponderResult; line: string | RegExp }> = [
  {
    name: 'HTTP 200 whose body is an error object',
    answer: {
      raw: JSON.stringify({ error: { message: 'You exceeded your current quota.', type: 'insufficient_quota' } }),
    },
    line: `git-ai: openai answered with an error instead of a message: "You exceeded your current quota."${OFFLINE}`,
  },
  {
    name: 'HTTP 200 whose body is an HTML page',
    answer: { raw: '<html><body>Sign in to the guest network</body></html>', headers: { 'content-type': 'text/html' } },
    line: `git-ai: openai answered 200 OK with a body that is not JSON (text/html)${OFFLINE}`,
  },
  {
    name: 'HTTP 200 with JSON of another API',
    answer: { raw: JSON.stringify({ status: 'ok', data: [] }) },
    line: `git-ai: openai answered 200 OK with JSON that is not an answer of its API${OFFLINE}`,
  },
  {
    name: 'an answer with a 100 KB header',
    answer: { text: 'feat(widgets): add the widget registry', headers: { 'x-padding': 'a'.repeat(100_000) } },
    line: `git-ai: openai answered with headers over Node's 16 KB limit (HPE_HEADER_OVERFLOW)${OFFLINE}`,
  },
];

let repo: TempRepo | undefined;
let server: ProviderServer | undefined;
afterEach(async () => {
  repo?.cleanup();
  await server?.close();
  repo = server = undefined;
});

async function setUp(answer: ResponderResult): Promise<{ repo: TempRepo; env: NodeJS.ProcessEnv }> {
  server = await startProviderServer({ apiKey: 'test-key', respond: () => answer });
  repo = createMathRepo();
  repo.write('src/math.ts', MATH_WITH_MULTIPLY);
  repo.git('add', '.');
  return { repo, env: remoteEnv(server, repo.env, { GIT_AI_CACHE: 'false', GIT_AI_TIMEOUT: '10' }) };
}

function expectOneLine(result: CliResult, line: string | RegExp): void {
  expect(result.code, result.stderr).toBe(0);
  expect(result.stderr.split('\n')).toEqual([typeof line === 'string' ? line : expect.stringMatching(line), '']);
}

describe.each(CASES)('$name', ({ answer, line }) => {
  it('from the command line: the offline message and one line saying what came back', async () => {
    const { repo, env } = await setUp(answer);
    const result = await runCliAsync(['commit', '--dry-run'], { cwd: repo.dir, env });
    expectOneLine(result, line);
    expect(result.stdout.split('\n')[0]).toMatch(/^feat\(math\): .*multiply/);
    expect(server!.requests).toHaveLength(1); // none of these is retried: the same request gets the same answer
  });

  it('through the hook: the commit is made with the offline message, and the same line', async () => {
    const { repo, env } = await setUp(answer);
    expect((await runCliAsync(['hook', 'install'], { cwd: repo.dir, env })).code).toBe(0);
    const commit = await runProcess('git', ['commit', '-q'], { cwd: repo.dir, env });
    expectOneLine(commit, line);
    expect(repo.git('log', '-1', '--format=%s').trim()).toMatch(CONVENTIONAL_HEADER);
    expect(repo.git('show', '--name-only', '--format=', 'HEAD').trim()).toBe('src/math.ts');
  });
});
