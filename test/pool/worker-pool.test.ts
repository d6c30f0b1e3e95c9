import { availableParallelism } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import {
  destroyWorkerPool,
  getPoolCreationCount,
  getWorkerPool,
  resolveWorkerEntry,
} from '../../src/pool/worker-pool.js';

afterAll(() => destroyWorkerPool());

describe('resolveWorkerEntry', () => {
  it.each([
    ['file:///app/dist/cli.js', 'file:///app/dist/diff-worker.js'],
    ['file:///app/dist/chunk-AB12CD.js', 'file:///app/dist/diff-worker.js'],
  ])('bundled %s runs %s as it is', (moduleUrl, filename) => {
    expect(resolveWorkerEntry(moduleUrl)).toEqual({ filename });
  });

  it('from TypeScript sources runs diff-worker.ts with tsx loaded by absolute URL', () => {
    const entry = resolveWorkerEntry(new URL('../../src/pool/worker-pool.ts', import.meta.url).href);

    expect(entry.filename).toBe(new URL('../../src/pool/diff-worker.ts', import.meta.url).href);
    expect(entry.execArgv).toHaveLength(2);
    expect(entry.execArgv?.[0]).toBe('--import');
    expect(entry.execArgv?.[1]).toMatch(/^file:\/\/.*\/node_modules\/tsx\/.*\.mjs$/);
  });
});

describe('getWorkerPool', () => {
  it('creates one pool sized to the cores, reused until destroyed', async () => {
    await destroyWorkerPool();
    const before = getPoolCreationCount();
    const pool = getWorkerPool();

    expect(getWorkerPool()).toBe(pool);
    expect(pool.maxThreads).toBe(availableParallelism());
    expect(getPoolCreationCount()).toBe(before + 1);

    await destroyWorkerPool();
    expect(getWorkerPool()).not.toBe(pool);
    expect(getPoolCreationCount()).toBe(before + 2);
  });
});
