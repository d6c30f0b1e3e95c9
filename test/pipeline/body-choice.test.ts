// `body = auto`: a body when the repository's history writes them and the change is more than a small edit.
import { afterEach, describe, expect, it } from 'vitest';
import { hasProseBody, readHistory } from '../../src/git/repo.js';
import { isSmallEdit, resolveBody } from '../../src/pipeline/body-choice.js';
import { createTempRepo, type TempRepo } from '../support/temp-repo.js';

const big = [
  { additions: 30, deletions: 4 },
  { additions: 2, deletions: 0 },
];
const small = [{ additions: 3, deletions: 1 }];

describe('hasProseBody', () => {
  it.each([
    ['', false],
    ['Signed-off-by: A <a@b.c>', false],
    ['Signed-off-by: A <a@b.c>\nCo-authored-by: B <b@c.d>\n', false],
    ['Explains why.\n\nSigned-off-by: A <a@b.c>', true],
    ['- one point\n- another', true],
    ['Fixes: a crash on start', false],
  ])('%j -> %s', (body, expected) => {
    expect(hasProseBody(body)).toBe(expected);
  });
});

describe('resolveBody', () => {
  const history = (withBody: number, sampled: number) => ({
    subjects: [],
    byFile: new Map(),
    bodies: { withBody, sampled },
  });
  it('keeps true and false as they are', () => {
    expect(resolveBody(true, history(0, 100), small)).toBe(true);
    expect(resolveBody(false, history(100, 100), big)).toBe(false);
  });
  it('writes a body from a fifth of the sampled commits, and not for a small edit', () => {
    expect(resolveBody('auto', history(20, 100), big)).toBe(true);
    expect(resolveBody('auto', history(19, 100), big)).toBe(false);
    expect(resolveBody('auto', history(100, 100), small)).toBe(false);
    expect(resolveBody('auto', history(0, 0), big)).toBe(false);
  });
  it('counts files and lines for a small edit', () => {
    expect(isSmallEdit(small)).toBe(true);
    expect(isSmallEdit(big)).toBe(false);
    expect(
      isSmallEdit([
        { additions: 1, deletions: 0 },
        { additions: 1, deletions: 0 },
        { additions: 1, deletions: 0 },
      ]),
    ).toBe(false);
  });
});

describe('readHistory: bodies', () => {
  let repo: TempRepo | undefined;
  afterEach(() => repo?.cleanup());

  it('counts the commits whose body says more than trailers, merges left out', () => {
    repo = createTempRepo();
    const commit = (message: string) => repo?.git('commit', '-q', '--allow-empty', '-m', message);
    commit('feat: one\n\nWhy it matters.');
    commit('fix: two\n\nSigned-off-by: A <a@b.c>');
    commit('chore: three');
    commit('docs: four\n\n- a point\n- another');
    return readHistory({ cwd: repo.dir, env: repo.env }).then((history) => {
      expect(history.bodies).toEqual({ withBody: 2, sampled: 4 });
      expect(history.subjects).toEqual(['docs: four', 'chore: three', 'fix: two', 'feat: one']);
    });
  });
});
