// The built CLI with a provider the environment names and GIT_AI_PROVIDER_THREAD=worker: the commit command's provider
// thread loads the SDK and makes the request (its --debug tree shows the wait for it, and no SDK load in the main
// thread), and the provider receives the very body a run without the thread (the default) sends, for each provider's
// wire protocol.
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

describe('git ai commit with a provider the environment names', () => {
  it.each(['openai', 'anthropic', 'gemini'] as const)(
    '%s: the provider thread sends the request a run without it sends',
    async (provider) => {
      server = await startProviderServer({ apiKey: 'test-key', respond: commitResponder() });
      repo = createRepoWithSources({ count: 2, lines: 30, pathOf: (index) => `src/parts/p${index}.ts` });
      repo.git('add', '.');
      const env = (thread: 'worker' | 'main'): NodeJS.ProcessEnv => ({
        ...repo.env,
        GIT_AI_PROVIDER: provider,
        GIT_AI_BASE_URL: server.baseUrls[provider],
        GIT_AI_API_KEY: 'test-key',
        GIT_AI_MODEL: 'test-model',
        ...(thread === 'worker' ? { GIT_AI_PROVIDER_THREAD: 'worker' } : {}),
      });
      const args = ['commit', '--dry-run', '--debug', '--no-cache'];
      const threaded = await runCliAsync(args, { cwd: repo.dir, env: env('worker') });
      expect(threaded.code).toBe(0);
      expect(threaded.stderr).toMatch(/^ {2}provider thread /m);
      expect(threaded.stderr).not.toMatch(/load sdk/);
      const sent = server.requests.map((request) => [request.path, request.body]);
      expect(sent).toHaveLength(1);

      server.reset();
      const inProcess = await runCliAsync(args, { cwd: repo.dir, env: env('main') });
      expect(inProcess.code).toBe(0);
      expect(inProcess.stderr).toMatch(/^ {2}load sdk /m);
      expect(server.requests.map((request) => [request.path, request.body])).toEqual(sent);
      expect(threaded.stdout).toBe(inProcess.stdout);
      expect(threaded.stdout).toMatch(/^\w+(\([\w-]+\))?: \S/);
    },
  );

  it('reads the thread’s errors as the provider’s: a fallback’s one warning line, a wrong key’s one error', async () => {
    server = await startProviderServer({ apiKey: 'test-key', respond: commitResponder() });
    repo = createRepoWithSources({ count: 1, lines: 20, pathOf: () => 'src/only.ts' });
    repo.git('add', '.');
    const env = (key: string) => ({
      ...repo.env,
      GIT_AI_PROVIDER_THREAD: 'worker',
      GIT_AI_PROVIDER: 'openai',
      GIT_AI_BASE_URL: server.baseUrls.openai,
      GIT_AI_API_KEY: key,
    });
    server.addFault({ status: 503, times: 20 });
    const fallback = await runCliAsync(['commit', '--dry-run', '--timeout', '3'], {
      cwd: repo.dir,
      env: env('test-key'),
    });
    expect(fallback.code).toBe(0);
    expect(fallback.stdout).toMatch(/^\w+(\([\w-]+\))?: \S/);
    expect(fallback.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^git-ai: openai .*503.*offline engine/),
    ]);
    expect(server.requests.length).toBeGreaterThan(1); // retried in the thread, as the provider asked

    server.reset();
    const wrongKey = await runCliAsync(['commit', '--dry-run'], { cwd: repo.dir, env: env('wrong-key') });
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(wrongKey.stderr).toMatch(/^git-ai: openai rejected the API key \(HTTP 401\)/);
  });
});
