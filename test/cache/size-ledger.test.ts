import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCache } from '../../src/cache/disk-cache.js';
import { cacheKey } from '../../src/cache/key.js';
import { LEDGER_MAX_AGE_MS, ledgerPath, readFreshLedger } from '../../src/cache/size-ledger.js';

const keyOf = (i: number): string => cacheKey({ kind: 'ledger-test', i });
const payload = { message: 'feat: add the thing'.repeat(20) };
const CLOCK = 1_700_000_000_000;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'git-ai-ledger-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Twelve entries written under no cap, then the ledger set to `ledger` (raw text), as another run might leave it. */
async function overTheCap(ledger: string): Promise<number> {
  const roomy = openCache({ dir, now: () => CLOCK });
  for (let i = 0; i < 12; i += 1) await roomy.set(keyOf(i), payload);
  const { bytes, entries } = await roomy.stats();
  expect(entries).toBe(12);
  await writeFile(ledgerPath(dir), ledger);
  return bytes / entries;
}

describe('the size ledger', () => {
  it('a fresh ledger spares the scan: its total is trusted and grown by the write', async () => {
    const size = await overTheCap(JSON.stringify({ bytes: 0, measuredAt: CLOCK - 60_000 }));
    const capped = openCache({ dir, maxBytes: size * 10, now: () => CLOCK });
    await capped.set(keyOf(12), payload);
    // The tree holds 13 entries, over the cap of 10, but the ledger said 0 bytes: no scan, so no prune.
    expect((await capped.stats()).entries).toBe(13);
    const ledger = JSON.parse(await readFile(ledgerPath(dir), 'utf8')) as { bytes: number; measuredAt: number };
    expect(ledger.measuredAt).toBe(CLOCK - 60_000);
    expect(ledger.bytes).toBeGreaterThan(0);
    expect(ledger.bytes).toBeLessThan(size * 2);
  });

  it.each([
    ['a day old', JSON.stringify({ bytes: 0, measuredAt: CLOCK - LEDGER_MAX_AGE_MS })],
    ['ahead of the clock', JSON.stringify({ bytes: 0, measuredAt: CLOCK + 60_000 })],
    ['garbled', '{"bytes": 0, "measu'],
    ['of the wrong shape', JSON.stringify({ bytes: -5, measuredAt: CLOCK })],
  ])('a ledger %s is not trusted: the tree is measured and pruned to 80%% of the cap', async (_name, text) => {
    const size = await overTheCap(text);
    const capped = openCache({ dir, maxBytes: size * 10, now: () => CLOCK });
    await capped.set(keyOf(12), payload);
    const { entries, bytes } = await capped.stats();
    expect(entries).toBe(8);
    const ledger = JSON.parse(await readFile(ledgerPath(dir), 'utf8')) as { bytes: number; measuredAt: number };
    expect(ledger).toEqual({ bytes, measuredAt: CLOCK });
  });

  it('warmed first (while a request is out), two sets at once leave a ledger of both entries, each counted once', async () => {
    const cache = openCache({ dir, now: () => CLOCK });
    cache.warm?.();
    await Promise.all([cache.set(keyOf(0), payload), cache.set(keyOf(1), { ...payload, other: true })]);
    const { entries, bytes } = await cache.stats();
    expect(entries).toBe(2);
    expect(JSON.parse(await readFile(ledgerPath(dir), 'utf8'))).toEqual({ bytes, measuredAt: CLOCK });
  });

  it('warm() makes no directory and no file where the cache cannot be (under a regular file)', async () => {
    const under = join(dir, 'file');
    await writeFile(under, 'not a directory');
    const cache = openCache({ dir: join(under, 'cache'), now: () => CLOCK });
    cache.warm?.();
    await cache.set(keyOf(0), payload);
    expect(await readFile(under, 'utf8')).toBe('not a directory');
  });

  it('readFreshLedger reads no ledger where there is none', async () => {
    expect(await readFreshLedger(dir, CLOCK)).toBeUndefined();
  });
});
