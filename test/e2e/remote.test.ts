// The built CLI against a loopback server speaking each provider's protocol: fast path, multi-step, fallbacks, errors.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { commitResponder, isAnalysisRequest } from '../support/commit-responder.js';
import { startHttpProxy } from '../support/http-proxy.js';
import { startProviderServer, type ProviderServer } from '../support/provider-server.js';
import { remoteEnv } from '../support/remote-env.js';
import { createRepoWithSources, runCliAsync, type TempRepo } from '../support/temp-repo.js';

let repo: TempRepo;
let server: ProviderServer;
afterEach(async () => {
  repo?.cleanup();
  await server?.close();
});

function stage(count: number, lines = 40): void {
  repo = createRepoWithSources({ count, lines, pathOf: (index) => `src/widgets/w${index}.ts` });
  repo.git('add', '.');
}

function envFor(
  provider: 'openai' | 'openai-compatible' | 'anthropic' | 'gemini',
  extra: NodeJS.ProcessEnv = {},
): NodeJS.ProcessEnv {
  return remoteEnv(server, repo.env, { GIT_AI_PROVIDER: provider, ...extra });
}

describe('git-ai commit with a remote provider', () => {
  it.each(['openai', 'openai-compatible', 'anthropic', 'gemini'] as const)(
    '%s: a small change is one request',
    async (provider) => {
      server = await startProviderServer({ apiKey: 'test-key', respond: commitResponder() });
      stage(1);
      const result = await runCliAsync(['commit', '--dry-run'], { cwd: repo.dir, env: envFor(provider) });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout.trim()).toBe('feat(widgets): add the widget registry');
      expect(server.requests).toHaveLength(1);
    },
  );

  it('a larger change: analyses in parallel, then one generate request, with a --debug timing tree', async () => {
    server = await startProviderServer({
      apiKey: 'test-key',
      respond: commitResponder(),
      latency: { baseMs: 20, perInputKTokensMs: 0, perOutputTokenMs: 0 },
    });
    stage(30, 200);
    const env = envFor('openai', { GIT_AI_MULTI_STEP_MIN_FILES: '20' });
    const result = await runCliAsync(['commit', '--dry-run', '--debug'], { cwd: repo.dir, env });
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe('feat(widgets): add the widget registry');
    const analyses = server.requests.filter((request) => isAnalysisRequest(request.normalized!));
    expect(analyses.length).toBeGreaterThan(1);
    expect(server.requests).toHaveLength(analyses.length + 1);
    expect(server.maxInFlight).toBeGreaterThan(1);
    expect(server.maxInFlight).toBeLessThanOrEqual(8);
    expect(result.stderr).toMatch(/multi-step/);
    // a second run on the same staged change is answered from the cache: no request at all
    server.reset();
    const again = await runCliAsync(['commit', '--dry-run'], { cwd: repo.dir, env });
    expect(again.stdout).toBe(result.stdout);
    expect(server.requests).toHaveLength(0);
    // --no-cache asks again
    const fresh = await runCliAsync(['commit', '--dry-run', '--no-cache'], { cwd: repo.dir, env });
    expect(fresh.stdout).toBe(result.stdout);
    expect(server.requests.length).toBeGreaterThan(1);
  });

  it('parallel-api-calls=false sends the analyses one at a time', async () => {
    server = await startProviderServer({
      apiKey: 'test-key',
      respond: commitResponder(),
      latency: { baseMs: 5, perInputKTokensMs: 0, perOutputTokenMs: 0 },
    });
    stage(20, 200);
    const result = await runCliAsync(['commit', '--dry-run', '--no-cache'], {
      cwd: repo.dir,
      env: envFor('openai', { GIT_AI_PARALLEL_API_CALLS: 'false', GIT_AI_MULTI_STEP_MIN_FILES: '10' }),
    });
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe('feat(widgets): add the widget registry');
    const analyses = server.requests.filter((request) => isAnalysisRequest(request.normalized!));
    expect(analyses.length).toBeGreaterThan(1);
    expect(server.requests).toHaveLength(analyses.length + 1);
    expect(server.maxInFlight).toBe(1);
  });

  it('falls back to the offline engine when the provider keeps failing, and says so in one line', async () => {
    server = await startProviderServer({ apiKey: 'test-key', respond: () => ({ status: 500, error: 'down' }) });
    stage(2);
    const result = await runCliAsync(['commit', '--dry-run'], {
      cwd: repo.dir,
      env: envFor('openai', { GIT_AI_TIMEOUT: '3' }),
    });
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toMatch(/^[a-z]+(\([^)]+\))?: \S/);
    expect(result.stderr).toBe(
      'git-ai: openai answered 500 Internal Server Error; the offline engine wrote this message\n',
    );
    expect(server.requests.length).toBeGreaterThan(1); // it did try, and retried
  });

  it('says in one line when the provider does not answer in time, also from the hook', async () => {
    server = await startProviderServer({
      apiKey: 'test-key',
      respond: commitResponder(),
      faults: [{ status: 200, hang: true, times: 1000 }],
    });
    stage(2);
    const env = envFor('openai', { GIT_AI_TIMEOUT: '1' });
    const line = 'git-ai: openai did not answer within 1 s; the offline engine wrote this message\n';
    const result = await runCliAsync(['commit', '--dry-run'], { cwd: repo.dir, env });
    expect(result).toMatchObject({ code: 0, stderr: line });
    const file = join(repo.dir, '.git', 'COMMIT_EDITMSG');
    writeFileSync(file, '\n# Please enter the commit message for your changes.\n');
    const hook = await runCliAsync(['hook', 'run', file], { cwd: repo.dir, env });
    expect(hook).toMatchObject({ code: 0, stdout: '', stderr: line });
    expect(readFileSync(file, 'utf8').split('\n')[0]).toMatch(/^[a-z]+(\([^)]+\))?: \S/);
  });

  it('--engine remote fails with a clear error and a non-zero exit instead of an offline message', async () => {
    server = await startProviderServer({ apiKey: 'test-key', respond: () => ({ status: 503, error: 'down' }) });
    stage(2);
    const result = await runCliAsync(['commit', '--dry-run', '--engine', 'remote'], {
      cwd: repo.dir,
      env: envFor('openai', { GIT_AI_TIMEOUT: '2' }),
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(
        /^git-ai: The remote engine failed: openai answered 503 Service Unavailable; no message was written\. /,
      ),
    ]);
  });

  it('a wrong API key is one clear error, not a silent fallback', async () => {
    server = await startProviderServer({ apiKey: 'the-right-key', respond: commitResponder() });
    stage(1);
    const result = await runCliAsync(['commit', '--dry-run'], { cwd: repo.dir, env: envFor('openai') });
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/api-key/);
  });

  it('an unknown model is one clear error naming the model', async () => {
    server = await startProviderServer({ apiKey: 'test-key', models: ['gpt-4o-mini'], respond: commitResponder() });
    stage(1);
    const result = await runCliAsync(['commit', '--dry-run'], { cwd: repo.dir, env: envFor('openai') });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/test-model/);
    expect(result.stderr).toMatch(/config set model/);
  });
});

describe('through a proxy', () => {
  it('HTTP_PROXY carries every request; NO_PROXY naming the host goes direct', async () => {
    server = await startProviderServer({ apiKey: 'test-key', respond: commitResponder() });
    const proxy = await startHttpProxy();
    try {
      stage(1);
      const result = await runCliAsync(['commit', '--dry-run', '--no-cache'], {
        cwd: repo.dir,
        env: envFor('openai', { HTTP_PROXY: proxy.url }),
      });
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout.trim()).toBe('feat(widgets): add the widget registry');
      expect(proxy.seen).toEqual([`POST ${server.baseUrls.openai}/chat/completions`]);
      const direct = await runCliAsync(['commit', '--dry-run', '--no-cache'], {
        cwd: repo.dir,
        env: envFor('openai', { HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' }),
      });
      expect(direct.code).toBe(0);
      expect(proxy.seen).toHaveLength(1);
      expect(server.requests).toHaveLength(2);
    } finally {
      await proxy.close();
    }
  });
});

describe('a provider key in the environment', () => {
  it('OPENAI_API_KEY alone, with OPENAI_BASE_URL, configures openai: the message comes from the server', async () => {
    server = await startProviderServer({ apiKey: 'sk-env-key', respond: commitResponder() });
    stage(1);
    const env = { ...repo.env, OPENAI_API_KEY: 'sk-env-key', OPENAI_BASE_URL: server.baseUrls.openai };
    const result = await runCliAsync(['commit', '--dry-run'], { cwd: repo.dir, env });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout.trim()).toBe('feat(widgets): add the widget registry');
    expect(server.requests).toHaveLength(1);
    const listed = await runCliAsync(['config', 'list'], { cwd: repo.dir, env });
    expect(listed.stdout).toMatch(/^provider +openai +env OPENAI_API_KEY is set$/m);
  });

  it('several keys: none is guessed, one line says how to choose, the offline engine writes the message', async () => {
    server = await startProviderServer({ apiKey: 'sk-env-key', respond: commitResponder() });
    stage(1);
    const env = {
      ...repo.env,
      OPENAI_API_KEY: 'sk-env-key',
      ANTHROPIC_API_KEY: 'sk-ant-key',
      OPENAI_BASE_URL: server.baseUrls.openai,
    };
    const result = await runCliAsync(['commit', '--dry-run'], { cwd: repo.dir, env });
    expect(result.code).toBe(0);
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(
        /^git-ai: OPENAI_API_KEY, ANTHROPIC_API_KEY are all set and no provider is chosen, so none is used; choose one with `git-ai config set provider <name>`/,
      ),
    ]);
    expect(server.requests).toHaveLength(0);
    const strict = await runCliAsync(['commit', '--dry-run', '--engine', 'remote'], { cwd: repo.dir, env });
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(
      /^git-ai: OPENAI_API_KEY, ANTHROPIC_API_KEY are all set and no provider is chosen\. Choose one/,
    );
  });

  it('git config ai.engine local keeps the repository offline whatever the environment holds', async () => {
    server = await startProviderServer({ apiKey: 'sk-env-key', respond: commitResponder() });
    stage(1);
    repo.git('config', 'ai.engine', 'local');
    const env = { ...repo.env, OPENAI_API_KEY: 'sk-env-key', OPENAI_BASE_URL: server.baseUrls.openai };
    const result = await runCliAsync(['commit', '--dry-run'], { cwd: repo.dir, env });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout.split('\n')[0]).toMatch(/^[a-z]+(\([^)]+\))?: \S/);
    expect(server.requests).toHaveLength(0);
  });
});
