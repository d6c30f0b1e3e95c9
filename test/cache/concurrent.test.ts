import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCache } from '../../src/cache/disk-cache.js';
import { decodeEntry } from '../../src/cache/entry.js';
import { ledgerPath } from '../../src/cache/size-ledger.js';
import { cacheKey } from '../../src/cache/key.js';

const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const WORKER = fileURLToPath(new URL('./fixtures/cache-worker.ts', import.meta.url));

interface Summary {
  writer: string;
  hits: number;
  misses: number;
  bad: number;
}

interface Worker {
  ready: Promise<void>;
  done: Promise<{ code: number | null; stdout: string; stderr: string }>;
  go: () => void;
}

function startWorker(args: string[]): Worker {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, ...args], { cwd: PROJECT_ROOT });
  let stdout = '';
  let stderr = '';
  let signalReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (signalReady = resolve));
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (stdout.startsWith('ready\n')) signalReady();
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    child.on('close', (code) => {
      signalReady();
      resolve({ code, stdout, stderr });
    });
  });
  return { ready, done, go: () => child.stdin.end('go\n') };
}

/** Two real Node processes, released together, writing keys 0-199 (A) and 100-299 (B), the shared 100 first, in step. */
async function runTwoWorkers(dir: string, maxBytes: number): Promise<Summary[]> {
  const workers = [
    startWorker([dir, 'A', '100-199,0-99', String(maxBytes)]),
    startWorker([dir, 'B', '100-199,200-299', String(maxBytes)]),
  ];
  await Promise.all(workers.map((worker) => worker.ready));
  for (const worker of workers) worker.go();
  const results = await Promise.all(workers.map((worker) => worker.done));
  for (const result of results) expect(result, result.stderr).toMatchObject({ code: 0, stderr: '' });
  return results.map((result) => JSON.parse(result.stdout.split('\n')[1] ?? '') as Summary);
}

async function listTree(dir: string): Promise<string[]> {
  const entries = await readdir(join(dir, 'v1'), { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

async function expectEveryFileValid(dir: string): Promise<number> {
  const all = await listTree(dir);
  expect(all.filter((file) => !file.endsWith('.json'))).toEqual([]);
  // The size ledger beside the shards is no entry: a total both runs wrote, whole (an atomic rename).
  const ledger = JSON.parse(await readFile(ledgerPath(dir), 'utf8')) as { bytes: unknown };
  expect(ledger.bytes).toBeGreaterThan(0);
  const files = all.filter((file) => file !== ledgerPath(dir));
  for (const file of files) {
    const key = file.slice(file.lastIndexOf('/') + 1, -'.json'.length);
    expect(decodeEntry(await readFile(file, 'utf8'), key).ok, file).toBe(true);
  }
  return files.length;
}

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'git-ai-cache-concurrent-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('two concurrent runs on one cache dir', () => {
  it('with room for everything: every key readable and valid, no temp files left', async () => {
    const summaries = await runTwoWorkers(dir, 50 * 1024 * 1024);
    expect(summaries).toEqual([
      { writer: 'A', hits: 600, misses: 0, bad: 0 },
      { writer: 'B', hits: 600, misses: 0, bad: 0 },
    ]);
    expect(await expectEveryFileValid(dir)).toBe(300);
    const cache = openCache({ dir });
    for (let i = 0; i < 300; i += 1) {
      const value = await cache.get<{ i: number; writer: string }>(cacheKey({ kind: 'concurrency', i }));
      expect(value?.i).toBe(i);
      // Keys 100-199 were written by both: either writer's whole entry, never a mix or anything else.
      if (i >= 100 && i < 200) expect(['A', 'B']).toContain(value?.writer);
      else expect(value?.writer).toBe(i < 100 ? 'A' : 'B');
    }
  });

  it('with a small cap (both prune concurrently): no crash, no bad reads, what remains is valid', async () => {
    const maxBytes = 200 * 1024;
    const summaries = await runTwoWorkers(dir, maxBytes);
    for (const summary of summaries) {
      expect(summary.bad).toBe(0);
      expect(summary.hits + summary.misses).toBe(600);
    }
    const remaining = await expectEveryFileValid(dir);
    expect(remaining).toBeGreaterThan(0);
    expect(remaining).toBeLessThan(300);
    expect((await openCache({ dir }).stats()).bytes).toBeLessThanOrEqual(2 * maxBytes);
  });
});
