import { afterAll, describe, expect, it } from 'vitest';
import { planBatches, runTokenTasks, TRANSFER_MIN_BYTES } from '../../src/pool/run-token-tasks.js';
import { encodeUtf8 } from '../../src/pool/tasks.js';
import type { TokenTask } from '../../src/pool/tasks.js';
import { destroyWorkerPool, getPoolCreationCount, getWorkerPool } from '../../src/pool/worker-pool.js';

afterAll(() => destroyWorkerPool());

/** Code-like lines that differ from one another, so tokenization does real work. */
function codeLines(count: number, seed = 0): string {
  let text = '';
  for (let i = 0; i < count; i += 1) {
    const n = (i * 7919 + seed) % 1000;
    text += `  const value${n} = compute(items[${i}], { limit: ${n * 3}, name: "item-${n}" }); // step ${i}\n`;
  }
  return text;
}

const unicode = 'Größe ändern — 日本語のテキスト 😀👍🏽 مرحبا\n';
const huge = codeLines(9000, 1); // ~800 KB: sent to workers as transferred bytes

const varied: TokenTask[] = [
  { id: 0, encoding: 'o200k_base', maxTokens: 10_000, text: codeLines(40) },
  { id: 1, encoding: 'o200k_base', maxTokens: 120, text: codeLines(40, 2) },
  { id: 2, encoding: 'cl100k_base', maxTokens: 90, text: unicode.repeat(30) },
  { id: 3, encoding: 'cl100k_base', maxTokens: 50_000, text: unicode.repeat(30) },
  { id: 4, encoding: 'o200k_base', maxTokens: 25, text: '' },
  { id: 5, encoding: 'o200k_base', maxTokens: 0, text: codeLines(5) },
  { id: 6, encoding: 'o200k_base', maxTokens: 2_000, text: huge },
  { id: 7, encoding: 'o200k_base', maxTokens: 600_000, text: huge },
  { id: 8, encoding: 'estimate', maxTokens: 3_000, text: unicode.repeat(3000) },
  { id: 9, encoding: 'o200k_base', maxTokens: 5_000, text: `\uFEFF${codeLines(2000, 3)}` },
  { id: 10, encoding: 'cl100k_base', maxTokens: 4_000, text: `lone \uD800 surrogate\n${codeLines(2000, 4)}` },
  { id: 11, encoding: 'o200k_base', maxTokens: 3, text: 'one line without a newline at the end' },
  { id: 12, encoding: 'o200k_base', maxTokens: 300, text: encodeUtf8(codeLines(60, 5)) },
];

describe('planBatches', () => {
  it.each<[string, number[], number, number[][]]>([
    ['nothing', [], 100, []],
    ['all in one batch', [10, 20, 30], 100, [[0, 1, 2]]],
    [
      'splits when the next would pass the target',
      [60, 30, 20, 50],
      100,
      [
        [0, 1],
        [2, 3],
      ],
    ],
    ['a task over the target goes alone', [10, 500, 10], 100, [[0], [1], [2]]],
    ['empty texts join a batch', [0, 0, 100, 0], 100, [[0, 1, 2, 3]]],
  ])('%s', (_name, sizes, target, expected) => {
    expect(planBatches(sizes, target)).toEqual(expected);
  });
});

describe('runTokenTasks', () => {
  it('gives the same results on the pool as on the main thread', async () => {
    expect(new TextEncoder().encode(huge).length).toBeGreaterThan(TRANSFER_MIN_BYTES);
    const main = await runTokenTasks(varied, { mode: 'main' });
    const pooled = await runTokenTasks(varied, { mode: 'pool' });

    expect(pooled).toEqual(main);
    expect(main.filter((r) => r.truncated).map((r) => r.id)).toEqual([1, 2, 5, 6, 8, 9, 10, 11, 12]);
    expect(main.every((r) => typeof r.text === 'string')).toBe(true);
    expect(main[9]?.text.startsWith('\uFEFF')).toBe(true);
    expect(main[10]?.text.startsWith('lone \uD800 surrogate\n')).toBe(true);
  });

  it('returns results in task order, whatever the ids and the finishing order', async () => {
    const tasks: TokenTask[] = Array.from({ length: 60 }, (_, i) => ({
      id: (i * 37) % 61,
      encoding: 'o200k_base',
      maxTokens: 100_000,
      text: codeLines(i % 2 === 0 ? 2000 - i * 30 : 10, i),
    }));
    const results = await runTokenTasks(tasks, { mode: 'pool' });

    expect(results.map((r) => r.id)).toEqual(tasks.map((t) => t.id));
    expect(results.map((r) => r.text)).toEqual(tasks.map((t) => t.text));
  });

  it('creates the pool once for several runs', async () => {
    await destroyWorkerPool();
    const before = getPoolCreationCount();
    await runTokenTasks(varied.slice(0, 4), { mode: 'pool' });
    const pool = getWorkerPool();
    await runTokenTasks(varied, { mode: 'auto', thresholdBytes: 1 });
    await runTokenTasks(varied.slice(6, 8), { mode: 'pool' });

    expect(getWorkerPool()).toBe(pool);
    expect(getPoolCreationCount()).toBe(before + 1);
  });

  it('keeps small input on the main thread in auto mode, and uses the pool past the threshold', async () => {
    await destroyWorkerPool();
    const before = getPoolCreationCount();
    const small = varied.slice(0, 5);
    const results = await runTokenTasks(small, { mode: 'auto' });

    expect(results).toEqual(await runTokenTasks(small, { mode: 'main' }));
    expect(getPoolCreationCount()).toBe(before);

    await runTokenTasks(small, { mode: 'auto', thresholdBytes: 1024 });
    expect(getPoolCreationCount()).toBe(before + 1);
  });

  it('copies bytes a caller passes rather than detaching them', async () => {
    const bytes = encodeUtf8(huge);
    const [result] = await runTokenTasks([{ id: 1, encoding: 'o200k_base', maxTokens: 100, text: bytes }], {
      mode: 'pool',
    });

    expect(bytes.byteLength).toBeGreaterThan(TRANSFER_MIN_BYTES);
    expect(result?.truncated).toBe(true);
    expect(huge.startsWith(result?.text ?? 'missing')).toBe(true);
  });

  it.each(['main', 'pool', 'auto'] as const)(
    'rejects with an AbortError when aborted before the start (%s)',
    async (mode) => {
      const controller = new AbortController();
      controller.abort();

      await expect(runTokenTasks(varied, { mode, signal: controller.signal })).rejects.toMatchObject({
        name: 'AbortError',
      });
    },
  );

  it('rejects with an AbortError when aborted while workers run, and the pool still works after', async () => {
    const controller = new AbortController();
    const running = runTokenTasks(varied, { mode: 'pool', signal: controller.signal });
    controller.abort();

    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    expect(await runTokenTasks(varied, { mode: 'pool' })).toEqual(await runTokenTasks(varied, { mode: 'main' }));
  });

  it('returns nothing for no tasks', async () => {
    expect(await runTokenTasks([], { mode: 'pool' })).toEqual([]);
  });
});
