// The staged diff started ahead of its reader: the same lines as a diff read at once, and a clean stop when unread.
import { afterEach, describe, expect, it } from 'vitest';
import { startStagedDiff, streamStagedDiffBatches } from '../../src/git/staged-diff.js';
import { createRepoWithSources, createTempRepo, type TempRepo } from '../support/temp-repo.js';

let repo: TempRepo;
afterEach(() => repo?.cleanup());

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

  it("reports git's own failure to the reader", async () => {
    repo = createTempRepo({ init: false });
    await expect(readAll(startStagedDiff({ cwd: repo.dir, env: { ...repo.env, GIT_CEILING_DIRECTORIES: repo.dir } }).lines)).rejects.toMatchObject({
      name: 'GitError',
      exitCode: expect.any(Number),
    });
  });
});
