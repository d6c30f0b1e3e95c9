// A provider configured by its vendor's own variables, as a new user exports them: the built CLI against the loopback server.
import { afterEach, describe, expect, it } from 'vitest';
import { commitResponder } from '../support/commit-responder.js';
import { startProviderServer, type ProviderServer } from '../support/provider-server.js';
import { createRepoWithSources, runCliAsync, type TempRepo } from '../support/temp-repo.js';

let repo: TempRepo;
let server: ProviderServer;
afterEach(async () => {
  repo?.cleanup();
  await server?.close();
});

function stage(): void {
  repo = createRepoWithSources({ count: 1, lines: 40, pathOf: (index) => `src/widgets/w${index}.ts` });
  repo.git('add', '.');
}

describe('a provider key in the environment, with its vendor variables', () => {
  it('ANTHROPIC_API_KEY with ANTHROPIC_BASE_URL (a gateway): sent there, and config list says where base-url came from', async () => {
    server = await startProviderServer({ apiKey: 'sk-ant-env', respond: commitResponder() });
    stage();
    // An empty OPENAI_API_KEY= (left by a shell profile) is no key.
    const env = {
      ...repo.env,
      OPENAI_API_KEY: '',
      ANTHROPIC_API_KEY: 'sk-ant-env',
      ANTHROPIC_BASE_URL: server.baseUrls.anthropic,
    };
    const result = await runCliAsync(['commit', '--dry-run'], { cwd: repo.dir, env });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout.trim()).toBe('feat(widgets): add the widget registry');
    expect(server.requests.map((request) => request.provider)).toEqual(['anthropic']);
    const listed = await runCliAsync(['config', 'list'], { cwd: repo.dir, env });
    expect(listed.stdout).toMatch(/^provider +anthropic +env ANTHROPIC_API_KEY is set$/m);
    expect(listed.stdout).toContain(`${server.baseUrls.anthropic}  env ANTHROPIC_BASE_URL`);
  });

  it('several keys: --json carries the same line as stderr in its warnings', async () => {
    server = await startProviderServer({ apiKey: 'sk-env-key', respond: commitResponder() });
    stage();
    const env = { ...repo.env, OPENAI_API_KEY: 'sk-env-key', GEMINI_API_KEY: 'sk-env-key' };
    const result = await runCliAsync(['commit', '--dry-run', '--json'], { cwd: repo.dir, env });
    expect(result.code).toBe(0);
    const said = result.stderr.trimEnd().split('\n');
    expect(said).toEqual([expect.stringMatching(/^git-ai: OPENAI_API_KEY, GEMINI_API_KEY are all set/)]);
    expect(JSON.parse(result.stdout)).toMatchObject({ engine: 'local', warnings: said });
    expect(server.requests).toHaveLength(0);
  });
});
