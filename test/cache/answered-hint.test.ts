// The hint that the cache will likely answer: tied to the index file as it is, and harmless when it cannot be written.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { indexFingerprint, noteAnswered, wasLastAnswered } from '../../src/cache/answered-hint.js';
import { createTempRepo, type TempRepo } from '../support/temp-repo.js';

let repo: TempRepo;
afterEach(() => repo?.cleanup());

describe('the last-answered hint', () => {
  it('holds for the index it was noted for, and no longer once something is staged', async () => {
    repo = createTempRepo();
    repo.write('a.txt', 'one\n');
    repo.git('add', 'a.txt');
    const gitDir = join(repo.dir, '.git');
    const cacheDir = join(repo.home, 'cache');
    const before = await indexFingerprint({ gitDir });
    expect(before).toBeDefined();
    expect(await wasLastAnswered(cacheDir, before)).toBe(false);
    await noteAnswered(cacheDir, before);
    expect(await wasLastAnswered(cacheDir, await indexFingerprint({ gitDir }))).toBe(true);
    repo.write('b.txt', 'two\n');
    repo.git('add', 'b.txt');
    expect(await wasLastAnswered(cacheDir, await indexFingerprint({ gitDir }))).toBe(false);
    // a temporary index (--all) is another index
    expect(await indexFingerprint({ gitDir, indexFile: join(gitDir, 'missing-index') })).toBeUndefined();
    expect(await wasLastAnswered(cacheDir, undefined)).toBe(false);
  });

  it('a cache directory that cannot be written loses the hint, not the run', async () => {
    repo = createTempRepo();
    repo.write('a.txt', 'one\n');
    repo.git('add', 'a.txt');
    const blocked = join(repo.home, 'blocked');
    writeFileSync(blocked, 'a file where the directory would be');
    const fingerprint = await indexFingerprint({ gitDir: join(repo.dir, '.git') });
    await expect(noteAnswered(join(blocked, 'git-ai'), fingerprint)).resolves.toBeUndefined();
    expect(await wasLastAnswered(join(blocked, 'git-ai'), fingerprint)).toBe(false);
    const readOnly = join(repo.home, 'read-only');
    mkdirSync(readOnly);
    chmodSync(readOnly, 0o500);
    await expect(noteAnswered(join(readOnly, 'git-ai'), fingerprint)).resolves.toBeUndefined();
  });
});
