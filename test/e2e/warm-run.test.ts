// A run the cache answers: the same message with no request, and without loading the AI SDK (which only a request needs).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { commitResponder } from '../support/commit-responder.js';
import { loadedFiles, MODULE_LOG_HOOK } from '../support/module-log.js';
import { startProviderServer, type ProviderServer } from '../support/provider-server.js';
import { remoteEnv } from '../support/remote-env.js';
import { createRepoWithSources, runCliAsync, type TempRepo } from '../support/temp-repo.js';

let repo: TempRepo;
let server: ProviderServer;
afterEach(async () => {
  repo?.cleanup();
  await server?.close();
});

/**
 * The bundled files a run loaded that hold the AI SDK (the bundle keeps a `// node_modules/<package>/…` line per
 * module). git-ai's own Chat Completions request (providers/openai-chat.ts) loads with main's code.
 */
function sdkChunksLoaded(log: string): string[] {
  const files = loadedFiles(log);
  expect(files.some((file) => file.endsWith('cli.js'))).toBe(true);
  return files.filter((file) =>
    /^\/\/ (?:\S*\/)?node_modules\/(ai|@ai-sdk\/[a-z-]+)\/dist\//m.test(readFileSync(file, 'utf8')),
  );
}

describe('a second run on the same staged change', () => {
  it.each(['openai', 'anthropic', 'gemini'] as const)(
    '%s: answers from the cache without a request and without loading the SDK',
    async (provider) => {
      server = await startProviderServer({ apiKey: 'test-key', respond: commitResponder() });
      repo = createRepoWithSources({ count: 2, lines: 40, pathOf: (index) => `src/widgets/w${index}.ts` });
      repo.git('add', '.');
      const env = (log: string): NodeJS.ProcessEnv =>
        remoteEnv(server, repo.env, {
          GIT_AI_PROVIDER: provider,
          NODE_OPTIONS: `--import=${MODULE_LOG_HOOK}`,
          GIT_AI_TEST_MODULE_LOG: join(repo.dir, '..', `${log}.log`),
        });
      const cold = await runCliAsync(['commit', '--dry-run', '--debug'], { cwd: repo.dir, env: env('cold') });
      expect(cold.code).toBe(0);
      expect(server.requests).toHaveLength(1);
      expect(cold.stderr).toMatch(/^ {2}load sdk /m);
      // OpenAI's plain-text request is git-ai's own, without the SDK; the others' go through it.
      expect(sdkChunksLoaded(env('cold').GIT_AI_TEST_MODULE_LOG!).length > 0).toBe(provider !== 'openai');

      server.reset();
      const warm = await runCliAsync(['commit', '--dry-run', '--debug'], { cwd: repo.dir, env: env('warm') });
      expect(warm.code).toBe(0);
      expect(warm.stdout).toBe(cold.stdout);
      expect(server.requests).toHaveLength(0);
      expect(warm.stderr).toMatch(/cacheHit=true/);
      expect(warm.stderr).not.toMatch(/load sdk/);
      expect(sdkChunksLoaded(env('warm').GIT_AI_TEST_MODULE_LOG!)).toEqual([]);
    },
  );
});
