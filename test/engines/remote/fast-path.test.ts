import { describe, expect, it } from 'vitest';
import type { FileEntry } from '../../../src/diff/prepared.js';
import {
  FAST_PATH_MAX_FILES,
  FAST_PATH_MAX_TOKENS,
  countContentFiles,
  isSmallChange,
} from '../../../src/engines/remote/plan.js';
import { runFastPath } from '../../../src/engines/remote/fast-path.js';
import { makeEntry, makePrepared, smallChange } from './fixtures.js';
import { makeStageContext, useTestResources } from './context.js';

const { start } = useTestResources();
const sources = (count: number): FileEntry[] =>
  Array.from({ length: count }, (_, index) => makeEntry(`src/f${index}.ts`));

describe('isSmallChange', () => {
  it.each<[string, FileEntry[], number, boolean]>([
    [`${FAST_PATH_MAX_FILES} files at the token limit`, sources(FAST_PATH_MAX_FILES), FAST_PATH_MAX_TOKENS, true],
    ['one file more', sources(FAST_PATH_MAX_FILES + 1), 100, false],
    ['one token more', sources(1), FAST_PATH_MAX_TOKENS + 1, false],
    [
      'listed-only files beside the limit',
      [...sources(FAST_PATH_MAX_FILES), makeEntry('package-lock.json', { category: 'lockfile', omitted: 'lockfile' })],
      500,
      true,
    ],
    [
      'binary files beside the limit',
      [...sources(FAST_PATH_MAX_FILES), makeEntry('logo.png', { category: 'binary', binary: true })],
      500,
      true,
    ],
  ])('%s: %s', (_name, files, used, expected) => {
    expect(isSmallChange(makePrepared({ files, used }))).toBe(expected);
  });

  it('counts only the files whose content is sent', () => {
    const files = [...sources(2), makeEntry('dist/a.js', { category: 'generated', omitted: 'generated' })];
    expect(countContentFiles(makePrepared({ files }))).toBe(2);
  });
});

describe('runFastPath', () => {
  it('writes the message from one request over the whole diff', async () => {
    const server = await start();
    const { ctx, trace, counted } = await makeStageContext({ server, prepared: smallChange() });
    expect(await runFastPath(ctx)).toMatchObject({ type: 'feat', subject: 'add runParser to src' });
    expect(server.requests).toHaveLength(1);
    expect(counted()).toBe(1);
    expect(server.requests[0]?.normalized?.messages[0]?.content).toContain('diff --git a/test/parser.test.ts');
    expect(trace.render()).toMatch(/^stage .*contentFiles=2/);
  });
});
