// The early answer's parts: the digesting stream over a real staged diff, the key's inputs, and the stored entry.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  digestStream,
  earlyAnswerKey,
  readEarlyAnswer,
  writeEarlyAnswer,
  type ChangeIdentity,
  type EarlyAnswer,
} from '../../src/cache/early-answer.js';
import { openCache } from '../../src/cache/disk-cache.js';
import { parseConfig } from '../../src/config/schema.js';
import { startStagedDiff } from '../../src/git/staged-diff.js';
import { createRepoWithSources, type TempRepo } from '../support/temp-repo.js';

let repo: TempRepo | undefined;
const dirs: string[] = [];
afterEach(() => {
  repo?.cleanup();
  repo = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function stagedRepo(): TempRepo {
  repo = createRepoWithSources({ count: 40, lines: 200, pathOf: (index) => `src/m${index}.ts` });
  repo.git('add', '.');
  return repo;
}

async function readAll(lines: AsyncIterable<string[]>): Promise<string[]> {
  const all: string[] = [];
  for await (const batch of lines) all.push(...batch);
  return all;
}

const sha256 = (lines: string[]) =>
  createHash('sha256')
    .update(lines.map((line) => `${line}\n`).join(''))
    .digest('hex');

describe('digestStream', () => {
  it('passes every line through and digests them once the last is read', async () => {
    const { dir, env } = stagedRepo();
    const expected = await readAll(startStagedDiff({ cwd: dir, env }).lines);
    expect(expected.length).toBeGreaterThan(8000);
    const stream = digestStream(startStagedDiff({ cwd: dir, env }));
    expect(stream.digest()).toBeUndefined();
    expect(await readAll(stream.lines)).toEqual(expected);
    expect(stream.digest()).toBe(sha256(expected));
  });

  it('reads a whole diff ahead and then replays it', async () => {
    const { dir, env } = stagedRepo();
    const expected = await readAll(startStagedDiff({ cwd: dir, env }).lines);
    const stream = digestStream(startStagedDiff({ cwd: dir, env }));
    expect(await stream.readAhead(64 * 1024 * 1024)).toBe(true);
    expect(stream.digest()).toBe(sha256(expected));
    expect(await readAll(stream.lines)).toEqual(expected);
  });

  it('stops reading ahead at the cap, and the reader still gets every line', async () => {
    const { dir, env } = stagedRepo();
    const expected = await readAll(startStagedDiff({ cwd: dir, env }).lines);
    const stream = digestStream(startStagedDiff({ cwd: dir, env }));
    expect(await stream.readAhead(1000)).toBe(false);
    expect(stream.digest()).toBeUndefined();
    expect(await readAll(stream.lines)).toEqual(expected);
    expect(stream.digest()).toBe(sha256(expected));
  });
});

describe('earlyAnswerKey', () => {
  const base: ChangeIdentity = {
    config: parseConfig({ provider: 'openai', model: 'gpt-4o-mini', apiKey: 'sk-one' }),
    history: { subjects: ['feat: add a', 'fix: b'], bodies: { withBody: 1, sampled: 2 } },
    guidance: ['Allowed types: feat, fix.'],
    root: '/repo',
    diff: 'a'.repeat(64),
  };
  const key = (identity: Partial<ChangeIdentity>, build = 'build-1') => earlyAnswerKey({ ...base, ...identity }, build);

  it('is the same for the same change and build, whatever the API key', async () => {
    expect(await key({})).toBe(await key({}));
    expect(await key({ config: { ...base.config, apiKey: 'sk-two' } })).toBe(await key({}));
  });

  it('changes with the build, the diff, each setting, the instruction, the history and the rules', async () => {
    const keys = await Promise.all([
      key({}),
      key({}, 'build-2'),
      key({ diff: 'b'.repeat(64) }),
      key({ config: { ...base.config, model: 'gpt-4o' } }),
      key({ config: { ...base.config, maxCommitLength: 60 } }),
      key({ config: { ...base.config, body: true } }),
      key({ config: { ...base.config, exclude: ['*.md'] } }),
      key({ instruction: 'shorter' }),
      key({ history: { ...base.history, subjects: ['feat: add a'] } }),
      key({ history: { ...base.history, bodies: { withBody: 2, sampled: 2 } } }),
      key({ guidance: [] }),
      key({ root: '/other' }),
    ]);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('changes with the .gitaiignore file at the root', async () => {
    const root = mkdtempSync(join(tmpdir(), 'git-ai-early-'));
    dirs.push(root);
    const before = await key({ root });
    writeFileSync(join(root, '.gitaiignore'), 'dist/\n');
    expect(await key({ root })).not.toBe(before);
  });

  it('is undefined without a build (the sources run unbundled)', async () => {
    expect(await earlyAnswerKey(base, undefined)).toBeUndefined();
  });
});

describe('the stored answer', () => {
  const answer: EarlyAnswer = {
    message: { type: 'feat', scope: 'cli', subject: 'add the flag', breaking: false },
    alternatives: [{ type: 'fix', subject: 'guard the flag', breaking: false, body: '- one' }],
    stage: 'fast-path',
    body: false,
    style: 'conventional',
    provider: 'openai',
    model: 'gpt-4o-mini',
    paths: ['src/cli.ts'],
  };
  const cacheDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'git-ai-early-'));
    dirs.push(dir);
    return dir;
  };

  it('reads back what was written, and misses another key', async () => {
    const dir = cacheDir();
    await writeEarlyAnswer(openCache({ dir }), 'ab'.repeat(32), answer);
    expect(await readEarlyAnswer(dir, 'ab'.repeat(32))).toEqual(answer);
    expect(await readEarlyAnswer(dir, 'cd'.repeat(32))).toBeUndefined();
  });

  it('takes an entry of another shape for a miss', async () => {
    const dir = cacheDir();
    await openCache({ dir }).set('ab'.repeat(32), { ...answer, stage: 'local' });
    expect(await readEarlyAnswer(dir, 'ab'.repeat(32))).toBeUndefined();
  });

  it('loses the answer quietly where the cache cannot be written (its directory is a file)', async () => {
    const dir = join(cacheDir(), 'cache');
    writeFileSync(dir, 'not a directory');
    await expect(writeEarlyAnswer(openCache({ dir }), 'ab'.repeat(32), answer)).resolves.toBeUndefined();
    expect(await readEarlyAnswer(dir, 'ab'.repeat(32))).toBeUndefined();
  });
});
