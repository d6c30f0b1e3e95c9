import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { runTokenTasks } from '../../src/pool/run-token-tasks.js';
import { destroyWorkerPool } from '../../src/pool/worker-pool.js';
import { PROJECT_ROOT } from '../support/temp-repo.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'git-ai-pool-'));
afterAll(async () => {
  await destroyWorkerPool();
  rmSync(dir, { recursive: true, force: true });
});

// Uses the pool and never destroys it: the process must still end once the work is done.
function childScript(runTokenTasksUrl: string, workerPoolUrl: string): string {
  return `
import { runTokenTasks } from ${JSON.stringify(runTokenTasksUrl)};
import { getPoolCreationCount } from ${JSON.stringify(workerPoolUrl)};
const text = 'const answer = compute(41) + 1; // ünïcode 😀\\n'.repeat(4000);
const tasks = [0, 1, 2, 3].map((id) => ({ id, encoding: 'o200k_base', maxTokens: 500 * (id + 1), text }));
const results = await runTokenTasks(tasks, { mode: 'pool' });
console.log(JSON.stringify({ created: getPoolCreationCount(), results: results.map((r) => [r.id, r.tokens, r.truncated]) }));
`;
}

async function expectedLine(): Promise<unknown> {
  const text = 'const answer = compute(41) + 1; // ünïcode 😀\n'.repeat(4000);
  const tasks = [0, 1, 2, 3].map((id) => ({ id, encoding: 'o200k_base' as const, maxTokens: 500 * (id + 1), text }));
  const results = await runTokenTasks(tasks, { mode: 'main' });
  return { created: 1, results: results.map((r) => [r.id, r.tokens, r.truncated]) };
}

async function runToExit(args: string[]): Promise<unknown> {
  // The timeout kills a child held open by its workers; execFile then rejects and the test fails.
  const { stdout } = await run(process.execPath, args, { cwd: PROJECT_ROOT, timeout: 20_000 });
  return JSON.parse(stdout.trim());
}

describe('a process using the pool', () => {
  it('exits by itself when run from TypeScript sources (tsx)', async () => {
    const script = join(dir, 'from-sources.mts');
    const src = (path: string): string => new URL(path, new URL(`file://${PROJECT_ROOT}/`)).href;
    writeFileSync(script, childScript(src('src/pool/run-token-tasks.ts'), src('src/pool/worker-pool.ts')));

    expect(await runToExit(['--import', 'tsx', script])).toEqual(await expectedLine());
  });

  it('exits by itself when bundled like the CLI, the worker an entry of its own', async () => {
    const entry = join(dir, 'entry.ts');
    const out = join(dir, 'out');
    writeFileSync(
      entry,
      childScript(join(PROJECT_ROOT, 'src/pool/run-token-tasks.ts'), join(PROJECT_ROOT, 'src/pool/worker-pool.ts')),
    );
    // Dependencies stay external, as tsup leaves them; the bundle finds them through this link.
    symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    await run(
      join(PROJECT_ROOT, 'node_modules/.bin/esbuild'),
      [
        entry,
        join(PROJECT_ROOT, 'src/pool/diff-worker.ts'),
        '--bundle',
        '--splitting',
        '--format=esm',
        '--platform=node',
        '--target=node20',
        '--packages=external',
        '--entry-names=[name]',
        `--outdir=${out}`,
        '--log-level=warning',
      ],
      { cwd: PROJECT_ROOT },
    );

    expect(await runToExit([join(out, 'entry.js')])).toEqual(await expectedLine());
  });
});
