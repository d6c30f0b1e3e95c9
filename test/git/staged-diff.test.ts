// The staged diff started ahead of its reader: the same lines as a diff read at once, and a clean stop when unread.
import { readdirSync, readFileSync, readlinkSync, realpathSync } from 'node:fs';
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
