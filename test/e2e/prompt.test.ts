// `git-ai prompt` on real staged changes: the requests that would be sent, within budget, every file accounted for.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadTokenizer } from '../../src/tokens/tokenizer.js';
import { commitResponder } from '../support/commit-responder.js';
import { loadedFiles, MODULE_LOG_HOOK } from '../support/module-log.js';
import { startProviderServer } from '../support/provider-server.js';
import { createRepoWithSources, runCli, runCliAsync, type TempRepo } from '../support/temp-repo.js';

interface PromptReport {
  model: string;
  encoding: 'o200k_base' | 'cl100k_base' | 'estimate';
  plan: string[];
  budget: {
    total: number;
    listing: number;
    content: number;
    used: number;
    promptTokens: number;
    reservedOutput: number;
  };
  requests: Array<{
    stage: string;
    request: { model: string; messages: Array<{ role: string; content: string }> };
    tokens: { messages: number[]; total: number };
  }>;
  follows: string;
  files: Array<{ path: string; status: string; omitted?: string; truncated?: boolean }>;
  secretsRedacted: number;
}

let repo: TempRepo;
afterEach(() => repo?.cleanup());

function stageFiles(count: number, lines: number): void {
  repo = createRepoWithSources({ count, lines, pathOf: (index) => `src/area${index % 5}/file${index}.ts` });
  repo.write('package-lock.json', '{\n  "lockfileVersion": 3\n}\n');
  repo.write('config/.env', 'API_TOKEN=abcd1234efgh5678ijkl\n');
  repo.git('add', '.');
}

function prompt(args: string[] = []): PromptReport {
  const result = runCli(['prompt', ...args], { cwd: repo.dir, env: repo.env });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as PromptReport;
}

describe('git-ai prompt', () => {
  it.each([
    {
      name: 'a small change takes the one-request fast path',
      files: 2,
      lines: 10,
      args: [] as string[],
      plan: 'fast-path',
    },
    { name: 'a medium change takes one request', files: 40, lines: 80, args: [], plan: 'single-step' },
    {
      name: 'a large change is analysed chunk by chunk',
      files: 40,
      lines: 80,
      args: [],
      plan: 'multi-step',
      minFiles: '30',
    },
    {
      name: 'a budget of a few hundred tokens',
      files: 40,
      lines: 80,
      args: ['--max-tokens', '300'],
      plan: 'multi-step',
      minFiles: '30',
    },
    {
      name: 'a 1M-token window',
      files: 40,
      lines: 80,
      args: ['--model', 'gpt-4.1', '--max-tokens', '1000000'],
      plan: 'multi-step',
      minFiles: '30',
    },
  ])('$name', async ({ files, lines, args, plan, minFiles }) => {
    stageFiles(files, lines);
    if (minFiles) repo.env.GIT_AI_MULTI_STEP_MIN_FILES = minFiles;
    const report = prompt(args);
    expect(report.plan[0]).toBe(plan);
    const tokenizer = await loadTokenizer(report.encoding);
    const maxTokens = args.includes('--max-tokens') ? Number(args[args.indexOf('--max-tokens') + 1]) : 8000;
    expect(report.budget.total).toBeLessThanOrEqual(maxTokens);
    expect(report.budget.used).toBeLessThanOrEqual(report.budget.total);
    for (const { request, tokens } of report.requests) {
      const counted = request.messages.map((message) => tokenizer.count(message.content));
      expect(tokens.messages).toEqual(counted);
      // the diff and listing stay within the budget; the rest is the fixed prompt
      expect(tokens.total).toBeLessThanOrEqual(report.budget.total + report.budget.promptTokens + 400);
    }
    // every staged file is accounted for; the lockfile and the secrets file are listed, never sent
    expect(report.files).toHaveLength(files + 2);
    expect(report.files.find((file) => file.path === 'package-lock.json')?.omitted).toBe('lockfile');
    expect(report.files.find((file) => file.path === 'config/.env')?.omitted).toBe('secret');
    const sent = report.requests
      .map((entry) => entry.request.messages.map((message) => message.content).join('\n'))
      .join('\n');
    expect(sent).not.toContain('abcd1234efgh5678ijkl');
    expect(sent).not.toContain('lockfileVersion');
    if (plan === 'multi-step') expect(report.follows).toMatch(/one generate request/);
  });

  it('builds its bodies as a call does and with the capture, loading no SDK (nothing is sent)', () => {
    stageFiles(2, 10);
    const log = join(repo.dir, '..', 'modules.log');
    const result = runCli(['prompt'], {
      cwd: repo.dir,
      env: { ...repo.env, NODE_OPTIONS: `--import=${MODULE_LOG_HOOK}`, GIT_AI_TEST_MODULE_LOG: log },
    });
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as PromptReport).requests[0]!.request.model).toBe('gpt-4o-mini');
    // The bundle names each module it holds in a `// src/…` or `// node_modules/…` line.
    const sources = loadedFiles(log).flatMap(
      (file) => readFileSync(file, 'utf8').match(/^\/\/ (?:src|node_modules)\/\S+/gm) ?? [],
    );
    expect(sources).toContain('// src/providers/capture.ts');
    // Plain-text requests to OpenAI are git-ai's own (providers/openai-chat.ts): neither the SDK nor zod loads.
    expect(sources).toContain('// src/providers/openai-chat.ts');
    expect(sources.filter((source) => /^\/\/ node_modules\/(zod|ai|@ai-sdk)\//.test(source))).toEqual([]);
  });

  it("states git's format.signOff, read with the config, as the trailer the message carries", () => {
    stageFiles(2, 10);
    const trailers = () =>
      (JSON.parse(runCli(['prompt'], { cwd: repo.dir, env: repo.env }).stdout) as { rules: { trailers: string[] } })
        .rules.trailers;
    expect(trailers()).toEqual([]);
    repo.git('config', 'format.signOff', 'true');
    expect(trailers()).toEqual([expect.stringMatching(/^Signed-off-by: /)]);
  });

  it('is deterministic', () => {
    stageFiles(30, 60);
    const first = runCli(['prompt', '--max-tokens', '2000'], { cwd: repo.dir, env: repo.env }).stdout;
    const second = runCli(['prompt', '--max-tokens', '2000'], { cwd: repo.dir, env: repo.env }).stdout;
    expect(second).toBe(first);
  });

  it('honours .gitaiignore and the exclude setting', () => {
    stageFiles(3, 5);
    repo.write('.gitaiignore', 'src/area0/\n');
    const report = prompt(['--max-tokens', '4000']);
    expect(report.files.find((file) => file.path === 'src/area0/file0.ts')?.omitted).toBe('ignored');
    const excluded = runCli(['prompt'], { cwd: repo.dir, env: { ...repo.env, GIT_AI_EXCLUDE: 'src/area1/*' } });
    const parsed = JSON.parse(excluded.stdout) as PromptReport;
    expect(parsed.files.find((file) => file.path === 'src/area1/file1.ts')?.omitted).toBe('ignored');
  });

  it.each([
    ['openai', 'gpt-4o-mini', 'openai'],
    ['openai-compatible', 'llama3.2', 'openai'],
    ['anthropic', 'claude-haiku-4-5', 'anthropic'],
    ['gemini', 'gemini-2.5-flash', 'gemini'],
  ] as const)('shows the %s body the provider receives, as commit sends it', async (provider, model, wire) => {
    stageFiles(3, 10);
    const server = await startProviderServer({ apiKey: 'test-key', respond: commitResponder() });
    try {
      const env = {
        ...repo.env,
        GIT_AI_PROVIDER: provider,
        GIT_AI_MODEL: model,
        GIT_AI_BASE_URL: server.baseUrls[wire],
        GIT_AI_API_KEY: 'test-key',
        GIT_AI_LANGUAGE: 'French', // a writing option the prompt must carry as commit does
      };
      const shown = JSON.parse((await runCliAsync(['prompt'], { cwd: repo.dir, env })).stdout) as {
        requests: Array<{ endpoint: string; request: unknown }>;
      };
      expect(server.requests).toHaveLength(0); // prompt sends nothing
      const result = await runCliAsync(['commit', '--dry-run', '--no-cache'], { cwd: repo.dir, env });
      expect(result.code, result.stderr).toBe(0);
      expect(server.requests).toHaveLength(1);
      const received = server.requests[0]!;
      expect(shown.requests).toHaveLength(1);
      expect(shown.requests[0]!.request).toEqual(received.body);
      expect(JSON.stringify(received.body)).toContain('in French');
      expect(new URL(shown.requests[0]!.endpoint).pathname).toBe(received.path.split('?')[0]);
      // each provider's own shape, not an OpenAI body for all
      const body = received.body as Record<string, unknown>;
      if (wire === 'anthropic')
        expect(Object.keys(body)).toEqual(expect.arrayContaining(['system', 'messages', 'max_tokens']));
      if (wire === 'gemini')
        expect(Object.keys(body)).toEqual(expect.arrayContaining(['contents', 'systemInstruction']));
      if (wire === 'openai')
        expect(body.messages).toEqual(expect.arrayContaining([expect.objectContaining({ role: 'system' })]));
    } finally {
      await server.close();
    }
  });
});
