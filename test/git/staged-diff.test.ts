// The staged diff started ahead of its reader: the same lines as a diff read at once, and a clean stop when unread.
import { readdirSync, readFileSync, readlinkSync, realpathSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startStagedDiff, streamStagedDiffBatches } from '../../src/git/staged-diff.js';
import { createRepoWithSources, createTempRepo, type TempRepo } from '../support/temp-repo.js';

let repo: TempRepo;
afterEach(() => repo?.cleanup());

/** Waits (up to 5 s) until no `git` process has `dir` as its working directory; Linux's /proc tells. */
async function gitProcessesGone(path: string): Promise<boolean> {
  const dir = realpathSync(path);
  const running = () =>
    readdirSync('/proc').some((pid) => {
      if (!/^\d+$/.test(pid)) return false;
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'git' && readlinkSync(`/proc/${pid}/cwd`) === dir;
      } catch {
        return false; // gone meanwhile, or not ours to read
      }
    });
  for (let waited = 0; waited < 5000; waited += 50) {
    if (!running()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

async function readAll(lines: AsyncIterable<string[]>): Promise<string[]> {
  const all: string[] = [];
  for await (const batch of lines) all.push(...batch);
  return all;
}

describe('startStagedDiff', () => {
  it('yields exactly the lines of the staged diff read when asked', async () => {
    repo = createRepoWithSources({ count: 40, lines: 300, pathOf: (index) => `src/module-${index}.ts` });
    repo.git('add', '.');
    const started = startStagedDiff({ cwd: repo.dir, env: repo.env });
    const expected = await readAll(streamStagedDiffBatches({ cwd: repo.dir, env: repo.env }));
    const lines = await readAll(started.lines);
    expect(expected.filter((line) => line.startsWith('diff --git'))).toHaveLength(40);
    expect(lines).toEqual(expected);
    started.cancel(); // harmless once read
  });

  it('ends without lines when nothing is staged', async () => {
    repo = createTempRepo();
    repo.write('README.md', '# demo\n');
    repo.git('add', '.');
    repo.git('commit', '-q', '-m', 'chore: init');
    expect(await readAll(startStagedDiff({ cwd: repo.dir, env: repo.env }).lines)).toEqual([]);
  });

  it('stops git when cancelled before a read, and a late read says so', async () => {
    repo = createRepoWithSources({ count: 400, lines: 400, pathOf: (index) => `src/module-${index}.ts` });
    repo.git('add', '.');
    const started = startStagedDiff({ cwd: repo.dir, env: repo.env });
    started.cancel();
    await expect(readAll(started.lines)).rejects.toMatchObject({ name: 'AbortError' });
  });

  it.runIf(process.platform === 'linux')('stops git when the reader stops after the first batch', async () => {
    repo = createRepoWithSources({ count: 400, lines: 400, pathOf: (index) => `src/module-${index}.ts` });
    repo.git('add', '.');
    const started = startStagedDiff({ cwd: repo.dir, env: repo.env });
    const first = await started.lines.next();
    expect(first.done).toBe(false);
    expect(first.value!.length).toBeGreaterThan(0);
    await started.lines.return(undefined); // what `break` in a for-await loop does
    expect(await started.lines.next()).toEqual({ done: true, value: undefined });
    // git was killed, not left blocked on a full pipe: no git process runs in the repository any more.
    expect(await gitProcessesGone(repo.dir)).toBe(true);
  });

  it("reports git's own failure to the reader", async () => {
    repo = createTempRepo({ init: false });
    await expect(
      readAll(startStagedDiff({ cwd: repo.dir, env: { ...repo.env, GIT_CEILING_DIRECTORIES: repo.dir } }).lines),
    ).rejects.toMatchObject({
      name: 'GitError',
      exitCode: expect.any(Number),
    });
  });
});

describe('the staged side', () => {
  // git takes a staged blob from the work-tree file when the index's stat data match it, and for a racily clean entry
  // (written in the second of `git add`) hashes the file again, above the big-file threshold by deflating it all:
  // ~1 s for a 50 MB bundle. A file edited after `git add` to the same size and given back its mtime shows which one
  // a diff read: the blob (staged) or the file (not staged).
  const sameStatEdit = (path: string, staged: string, edited: string) => {
    const old = new Date(1_000_000_000_000); // long before the index was written: not racy, so git trusts the stat
    repo.write(path, staged);
    utimesSync(join(repo.dir, path), old, old);
    repo.git('add', path);
    repo.write(path, edited);
    utimesSync(join(repo.dir, path), old, old);
    expect(repo.git('diff', '--cached')).toContain(`+${edited.split('\n')[0]}`); // git alone reads the file
  };

  it('is read from the blob, never from a work-tree file the index takes for it', async () => {
    repo = createTempRepo();
    repo.git('config', 'core.trustctime', 'false'); // the edit's ctime is the one stat field it cannot give back
    sameStatEdit('notes.txt', 'staged line\n', 'edited line\n');
    const lines = await readAll(streamStagedDiffBatches({ cwd: repo.dir, env: repo.env }));
    expect(lines).toContain('+staged line');
    expect(lines).not.toContain('+edited line');
  });

  it('of a file above the threshold diffed again alone is read from the blob too', async () => {
    repo = createTempRepo();
    repo.env.GIT_AI_BIG_FILE_BYTES = '4096';
    repo.git('config', 'core.trustctime', 'false');
    const lock = (word: string) =>
      `${word}\n` + Array.from({ length: 400 }, (_, i) => `"pkg-${i}": "1.0.0",`).join('\n') + '\n';
    sameStatEdit('lock.json', lock('staged'), lock('edited'));
    const lines = await readAll(streamStagedDiffBatches({ cwd: repo.dir, env: repo.env }, undefined, () => undefined));
    expect(lines).toContain('+staged');
    expect(lines).not.toContain('+edited');
  });
});
