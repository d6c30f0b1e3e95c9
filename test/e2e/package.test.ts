// The built CLI needs nothing from node_modules but piscina: a copy of dist/ beside only that package does every job.
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitResponder } from '../support/commit-responder.js';
import { startProviderServer } from '../support/provider-server.js';
import { remoteEnv } from '../support/remote-env.js';
import { PROJECT_ROOT, createRepoWithSources, runCliAsync, type TempRepo } from '../support/temp-repo.js';

let install: string;
let cli: string;
let repo: TempRepo;

beforeAll(() => {
  install = mkdtempSync(join(tmpdir(), 'git-ai-package-'));
  cpSync(join(PROJECT_ROOT, 'dist'), join(install, 'dist'), { recursive: true });
  writeFileSync(join(install, 'package.json'), JSON.stringify({ name: 'git-ai', type: 'module' }));
  mkdirSync(join(install, 'node_modules'));
  symlinkSync(join(PROJECT_ROOT, 'node_modules/piscina'), join(install, 'node_modules/piscina'), 'dir');
  cli = join(install, 'dist/cli.js');
  repo = createRepoWithSources({ count: 6, lines: 120, pathOf: (index) => `src/widgets/w${index}.ts` });
  repo.git('add', '.');
});

afterAll(() => {
  repo?.cleanup();
  rmSync(install, { recursive: true, force: true });
});

describe('the built CLI with only its runtime dependency installed', () => {
  it('writes a message with the offline engine', async () => {
    const result = await runCliAsync(['commit', '--dry-run'], { cwd: repo.dir, env: repo.env, cli });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^\w+(\(\w+\))?: \S/);
    expect(result.stdout).toBe((await runCliAsync(['commit', '--dry-run'], { cwd: repo.dir, env: repo.env })).stdout);
  });

  it('calls each provider through the bundled SDK', async () => {
    const server = await startProviderServer({ apiKey: 'test-key', respond: commitResponder() });
    try {
      for (const provider of ['openai', 'anthropic', 'gemini'] as const) {
        const env = remoteEnv(server, repo.env, { GIT_AI_PROVIDER: provider });
        const result = await runCliAsync(['commit', '--dry-run', '--no-cache'], { cwd: repo.dir, env, cli });
        expect(result.stderr).toBe('');
        expect(result.stdout.trim()).toBe('feat(widgets): add the widget registry');
      }
      expect(server.requests).toHaveLength(3);
    } finally {
      await server.close();
    }
  });

  it('budgets on the worker pool, its worker started from the copied dist/', async () => {
    const env = { ...repo.env, GIT_AI_POOL: 'pool', GIT_AI_MAX_TOKENS: '300' };
    const pooled = await runCliAsync(['prompt', '--model', 'gpt-4o'], { cwd: repo.dir, env, cli });
    const main = await runCliAsync(['prompt', '--model', 'gpt-4o'], {
      cwd: repo.dir,
      env: { ...env, GIT_AI_POOL: 'main' },
      cli,
    });
    expect(pooled.stderr).toBe('');
    expect(pooled.code).toBe(0);
    const report = JSON.parse(pooled.stdout) as {
      budget: { total: number; used: number };
      files: Array<{ truncated?: boolean }>;
    };
    expect(report.budget.used).toBeLessThanOrEqual(300);
    expect(report.files.filter((file) => file.truncated)).toHaveLength(6); // each cut by a worker
    expect(report.files).toHaveLength(6);
    expect(pooled.stdout).toBe(main.stdout);
  });
});
