// The multi-step path's analyses answered badly (malformed JSON, JSON against the schema, prose), from the command line
// and through the hook: each asked once more, then one request over the whole diff writes the message, and one line
// says why; no stack trace, the commit made.
import { afterEach, describe, expect, it } from 'vitest';
import { commitResponder, isAnalysisRequest } from '../support/commit-responder.js';
import { startProviderServer, type ProviderServer, type ResponderResult } from '../support/provider-server.js';
import { remoteEnv } from '../support/remote-env.js';
import { createRepoWithSources, runCliAsync, runProcess, type TempRepo } from '../support/temp-repo.js';

let repo: TempRepo | undefined;
let server: ProviderServer | undefined;
afterEach(async () => {
  repo?.cleanup();
  await server?.close();
  repo = server = undefined;
});

const CASES: Array<[name: string, answer: ResponderResult]> = [
  ['malformed JSON', { text: '{"files": [{"file": 1, "summary": "Adds the' }],
  ['JSON against the schema', { object: { files: 'all of them', kind: 42 } }],
  ['prose instead of JSON', { text: 'The change adds thirty widget modules; it looks like a feature.' }],
];
const SUBJECT = 'feat(widgets): add the widget registry';
const LINE =
  /^git-ai: the per-file analysis failed: (\d+) of \1 chunks could not be analysed \(openai's answer held no valid file analyses\); one request over the whole diff wrote this message$/m;

/** 30 files staged, more than the 8,000-token budget holds: analysed chunk by chunk (multi-step) first. */
async function setUp(answer: ResponderResult): Promise<NodeJS.ProcessEnv> {
  const base = commitResponder();
  server = await startProviderServer({
    apiKey: 'test-key',
    respond: (request) => (isAnalysisRequest(request) ? answer : base(request)),
  });
  repo = createRepoWithSources({ count: 30, lines: 200, pathOf: (index) => `src/widgets/w${index}.ts` });
  repo.git('add', '.');
  return remoteEnv(server, repo.env, {
    GIT_AI_CACHE: 'false',
    GIT_AI_TIMEOUT: '20',
    GIT_AI_MULTI_STEP_MIN_FILES: '20',
  });
}

/** Every chunk's analysis (as many as `line` counts) asked twice, then the one single-step request. */
function expectRequests(line: string): void {
  const analyses = server!.requests.filter(
    ({ normalized }) => normalized !== undefined && isAnalysisRequest(normalized),
  );
  const chunks = Number(LINE.exec(line)?.[1]);
  expect(chunks).toBeGreaterThan(1);
  expect(analyses).toHaveLength(2 * chunks);
  expect(server!.requests).toHaveLength(analyses.length + 1);
}

describe.each(CASES)('an analysis answered with %s', (_name, answer) => {
  it('from the command line', async () => {
    const env = await setUp(answer);
    const result = await runCliAsync(['commit', '--dry-run'], { cwd: repo!.dir, env });
    expect(result.stderr).not.toMatch(/internal error|\n\s+at |Error:/);
    expect(result).toMatchObject({ code: 0, stdout: `${SUBJECT}\n` });
    expect(result.stderr.split('\n')).toEqual([expect.stringMatching(LINE), '']);
    expectRequests(result.stderr);
  });

  it('through the hook: the commit is made, with the message', async () => {
    const env = await setUp(answer);
    expect((await runCliAsync(['hook', 'install'], { cwd: repo!.dir, env })).code).toBe(0);
    const commit = await runProcess('git', ['commit', '-q'], { cwd: repo!.dir, env });
    expect(commit).toMatchObject({ code: 0, stdout: '' });
    expect(commit.stderr.split('\n')).toEqual([expect.stringMatching(LINE), '']);
    expect(repo!.git('log', '-1', '--format=%s').trim()).toBe(SUBJECT);
    expect(repo!.git('show', '--name-only', '--format=', 'HEAD').trim().split('\n')).toHaveLength(30);
    expectRequests(commit.stderr);
  });
});
