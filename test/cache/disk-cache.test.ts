import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { disabledCache, openCache } from '../../src/cache/disk-cache.js';
import { cacheKey } from '../../src/cache/key.js';
import { resolveEntryPath } from '../../src/cache/paths.js';

/** Whether chmod 0500 really stops writes here (it does not for root), probed rather than assumed. */
function chmodBlocksWrites(): boolean {
  const probe = mkdtempSync(join(tmpdir(), 'git-ai-probe-'));
  try {
    chmodSync(probe, 0o500);
    writeFileSync(join(probe, 'x'), 'x');
    return false;
  } catch {
    return true;
  } finally {
    chmodSync(probe, 0o700);
    rmSync(probe, { recursive: true, force: true });
  }
}

const readOnlyDirsWork = chmodBlocksWrites();
const keyOf = (i: number): string => cacheKey({ kind: 'test', i });
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'git-ai-cache-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('openCache round trip', () => {
  it('stores and returns JSON values under content-addressed files', async () => {
    const cache = openCache({ dir, now: () => 1_700_000_000_000 });
    const value = { summary: 'adds a parser', files: ['src/a.ts'], weight: 0.75 };
    expect(await cache.get(keyOf(1))).toBeUndefined();
    await cache.set(keyOf(1), value);
    expect(await cache.get(keyOf(1))).toEqual(value);
    const file = JSON.parse(
      await readFile(join(dir, 'v1', keyOf(1).slice(0, 2), `${keyOf(1)}.json`), 'utf8'),
    ) as unknown;
    expect(file).toMatchObject({ v: 1, key: keyOf(1), createdAt: 1_700_000_000_000, value });
    expect(await cache.stats()).toEqual({ entries: 1, bytes: (await stat(resolveEntryPath(dir, keyOf(1)))).size });
  });

  it('reads entries written by another cache instance, and overwrites a key', async () => {
    await openCache({ dir }).set(keyOf(2), 'first');
    const second = openCache({ dir });
    expect(await second.get(keyOf(2))).toBe('first');
    await second.set(keyOf(2), 'second');
    expect(await openCache({ dir }).get(keyOf(2))).toBe('second');
  });

  it.each([
    ['undefined', undefined],
    ['a BigInt', 10n],
  ])('stores nothing for %s and does not throw', async (_name, value) => {
    const cache = openCache({ dir });
    await expect(cache.set(keyOf(3), value)).resolves.toBeUndefined();
    expect(await cache.get(keyOf(3))).toBeUndefined();
    expect(await cache.stats()).toEqual({ entries: 0, bytes: 0 });
  });

  it('rejects a key that is not lowercase hex (a bug, not an I/O problem)', async () => {
    const cache = openCache({ dir });
    await expect(cache.get('../escape')).rejects.toThrow(TypeError);
    await expect(cache.set('ABC', 1)).rejects.toThrow(TypeError);
  });
});

describe('corrupt entries', () => {
  it.each([
    ['garbage', (_body: string) => '\u0000\u0001 not json'],
    ['truncated JSON', (body: string) => body.slice(0, Math.floor(body.length / 2))],
    ['empty file', (_body: string) => ''],
    ['checksum mismatch', (body: string) => body.replace('"original"', '"tampered"')],
    ['wrong version', (body: string) => body.replace('"v":1', '"v":7')],
    ['key mismatch', (body: string) => body.replace(keyOf(4), keyOf(5))],
  ])('%s is a miss, is deleted, then replaced by a set', async (_name, corrupt) => {
    const cache = openCache({ dir });
    const path = resolveEntryPath(dir, keyOf(4));
    await cache.set(keyOf(4), { text: 'original' });
    const corrupted = corrupt(await readFile(path, 'utf8'));
    expect(corrupted).not.toBe(await readFile(path, 'utf8'));
    await writeFile(path, corrupted);
    expect(await cache.get(keyOf(4))).toBeUndefined();
    expect(existsSync(path)).toBe(false);
    await cache.set(keyOf(4), { text: 'fresh' });
    expect(await cache.get(keyOf(4))).toEqual({ text: 'fresh' });
  });
});

describe('LRU eviction', () => {
  const payload = { text: 'x'.repeat(900) };
  // Every clock value below has 7 digits so that every entry file has the same size.

  async function entrySize(): Promise<number> {
    const scratch = join(dir, 'scratch');
    const cache = openCache({ dir: scratch, now: () => 1_000_000 });
    await cache.set(keyOf(999), payload);
    return (await cache.stats()).bytes;
  }

  it('keeps recently read entries and evicts the least recently used down to 80%', async () => {
    const size = await entrySize();
    let clock = 0;
    const cache = openCache({ dir, maxBytes: size * 10, now: () => clock });
    for (let i = 0; i < 10; i += 1) {
      clock = 1_001_000 + 1_000 * i;
      await cache.set(keyOf(i), payload);
    }
    expect(await cache.stats()).toEqual({ entries: 10, bytes: size * 10 });
    clock = 1_050_000;
    expect(await cache.get(keyOf(0))).toEqual(payload);
    expect(await cache.get(keyOf(1))).toEqual(payload);
    clock = 1_060_000;
    await cache.set(keyOf(10), payload);
    const present = (i: number): boolean => existsSync(resolveEntryPath(dir, keyOf(i)));
    expect([0, 1, 10].map(present)).toEqual([true, true, true]);
    expect([2, 3, 4].map(present)).toEqual([false, false, false]);
    expect([5, 6, 7, 8, 9].map(present)).toEqual([true, true, true, true, true]);
    expect(await cache.stats()).toEqual({ entries: 8, bytes: size * 8 });
  });

  it('prune() on a tree over the cap, run twice at once, removes each victim exactly once', async () => {
    const size = await entrySize();
    const filler = openCache({ dir, now: () => 1_000_000 });
    for (let i = 0; i < 20; i += 1) await filler.set(keyOf(i), payload);
    const [first, second] = await Promise.all([
      openCache({ dir, maxBytes: size * 10 }).prune(),
      openCache({ dir, maxBytes: size * 10 }).prune(),
    ]);
    expect(first.removedEntries + second.removedEntries).toBe(12);
    expect(first.removedBytes + second.removedBytes).toBe(size * 12);
    expect(await filler.stats()).toEqual({ entries: 8, bytes: size * 8 });
  });

  it('prune() removes temp files left by a dead run, and leaves fresh ones', async () => {
    const now = Date.now();
    const cache = openCache({ dir, now: () => now });
    await cache.set(keyOf(1), payload);
    const shard = join(dir, 'v1', keyOf(1).slice(0, 2));
    const stale = join(shard, `${keyOf(1)}.json.1.aa.tmp`);
    const fresh = join(shard, `${keyOf(1)}.json.2.bb.tmp`);
    await writeFile(stale, '{"v":1');
    await writeFile(fresh, '{"v":1');
    await utimes(stale, new Date(now - 2 * 3_600_000), new Date(now - 2 * 3_600_000));
    expect(await cache.prune()).toEqual({ removedEntries: 0, removedBytes: 0 });
    expect((await readdir(shard)).sort()).toEqual([`${keyOf(1)}.json`, `${keyOf(1)}.json.2.bb.tmp`]);
  });
});

describe('unusable directories', () => {
  it('a cache dir that cannot exist (under a regular file) gives misses and no-op sets', async () => {
    const blocker = join(dir, 'file');
    await writeFile(blocker, 'not a directory');
    const cache = openCache({ dir: join(blocker, 'cache') });
    await expect(cache.set(keyOf(1), 'value')).resolves.toBeUndefined();
    expect(await cache.get(keyOf(1))).toBeUndefined();
    expect(await cache.stats()).toEqual({ entries: 0, bytes: 0 });
    expect(await cache.prune()).toEqual({ removedEntries: 0, removedBytes: 0 });
  });

  it.skipIf(!readOnlyDirsWork)(
    'a read-only cache dir (chmod 0500) still serves hits; sets are silent no-ops',
    async () => {
      const cache = openCache({ dir });
      await cache.set(keyOf(1), 'kept');
      await mkdir(join(dir, 'v1', keyOf(2).slice(0, 2)), { recursive: true });
      const dirs = [dir, join(dir, 'v1'), join(dir, 'v1', keyOf(1).slice(0, 2)), join(dir, 'v1', keyOf(2).slice(0, 2))];
      await Promise.all(dirs.map((path) => chmod(path, 0o500)));
      try {
        expect(await cache.get(keyOf(1))).toBe('kept');
        await expect(cache.set(keyOf(2), 'lost')).resolves.toBeUndefined();
        expect(await cache.get(keyOf(2))).toBeUndefined();
      } finally {
        await Promise.all(dirs.map((path) => chmod(path, 0o700)));
      }
    },
  );
});

describe('disabledCache', () => {
  it('never stores anything', async () => {
    await disabledCache.set(keyOf(1), 'value');
    expect(await disabledCache.get(keyOf(1))).toBeUndefined();
    expect(await disabledCache.stats()).toEqual({ entries: 0, bytes: 0 });
    expect(await disabledCache.prune()).toEqual({ removedEntries: 0, removedBytes: 0 });
  });
});

describe('file modes', () => {
  it('writes entries 0600 in directories 0700, and narrows a cache directory an earlier version left 0755', async () => {
    const root = join(dir, 'git-ai');
    await mkdir(root, { mode: 0o755 });
    await chmod(root, 0o755);
    const cache = openCache({ dir: root });
    await cache.set(keyOf(1), { message: 'feat: private' });
    const entry = resolveEntryPath(root, keyOf(1));
    expect((await stat(entry)).mode & 0o777).toBe(0o600);
    const shard = join(entry, '..');
    for (const path of [root, join(shard, '..'), shard]) expect((await stat(path)).mode & 0o777).toBe(0o700);
    expect(await cache.get(keyOf(1))).toEqual({ message: 'feat: private' });
  });
});
