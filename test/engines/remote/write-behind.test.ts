// The stages' cache writes behind: set returns before the write is done, and flushed settles once every write has.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCache } from '../../../src/cache/disk-cache.js';
import type { Cache } from '../../../src/cache/types.js';
import { writeBehind } from '../../../src/engines/remote/write-behind.js';

const KEY_A = 'a'.repeat(64);
const KEY_B = 'b'.repeat(64);

let dir: string | undefined;
afterEach(async () => {
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A cache whose writes finish only when the test lets them. */
function heldCache(): { cache: Cache; written: string[]; release: () => void } {
  const written: string[] = [];
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  const cache: Cache = {
    get: () => Promise.resolve(undefined),
    set: async (key) => {
      await held;
      written.push(key);
    },
    prune: () => Promise.resolve({ removedEntries: 0, removedBytes: 0 }),
    stats: () => Promise.resolve({ entries: 0, bytes: 0 }),
  };
  return { cache, written, release: () => release() };
}

describe('writeBehind', () => {
  it('returns from set before the write is done, and flushed waits for every write', async () => {
    const held = heldCache();
    const behind = writeBehind(held.cache);
    await behind.cache.set(KEY_A, 1);
    await behind.cache.set(KEY_B, 2);
    expect(held.written).toEqual([]);
    let flushed = false;
    const flushing = behind.flushed().then(() => (flushed = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(flushed).toBe(false);
    held.release();
    await flushing;
    expect(held.written).toEqual([KEY_A, KEY_B]);
  });

  it('leaves every entry on disk once flushed, readable by another run', async () => {
    dir = await mkdtemp(join(tmpdir(), 'git-ai-write-behind-'));
    const behind = writeBehind(openCache({ dir }));
    await behind.cache.set(KEY_A, { candidates: ['one'] });
    await behind.flushed();
    expect(await openCache({ dir }).get(KEY_A)).toEqual({ candidates: ['one'] });
  });

  it('settles flushed even when a write fails', async () => {
    const failing: Cache = { ...heldCache().cache, set: () => Promise.reject(new Error('disk full')) };
    const behind = writeBehind(failing);
    await behind.cache.set(KEY_A, 1);
    await expect(behind.flushed()).resolves.toBeUndefined();
  });
});
