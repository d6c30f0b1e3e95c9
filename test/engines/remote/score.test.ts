import { describe, expect, it } from 'vitest';
import type { FileEntry } from '../../../src/diff/prepared.js';
import type { FileAnalysis } from '../../../src/providers/answer-shapes.js';
import { describeEntry, rankAnalyses, scoreHeuristic, scoreImpact } from '../../../src/engines/remote/score.js';
import { makeEntry } from './fixtures.js';

const analysis = (path: string, significance: number, symbols: string[] = []): FileAnalysis => ({
  path,
  summary: `changes ${path}`,
  kind: 'feat',
  significance,
  symbols,
});

describe('scoreHeuristic', () => {
  it.each<[string, Partial<FileEntry>, Partial<FileEntry>]>([
    ['an added file above a modified one', { status: 'added' }, { status: 'modified' }],
    ['a modified file above a deleted one', { status: 'modified' }, { status: 'deleted' }],
    ['a deleted file above a renamed one', { status: 'deleted' }, { status: 'renamed' }],
    ['source above test', { category: 'source' }, { category: 'test' }],
    ['test above config', { category: 'test' }, { category: 'config' }],
    ['build above docs', { category: 'build' }, { category: 'docs' }],
    ['docs above a lockfile', { category: 'docs' }, { category: 'lockfile' }],
    ['docs above generated code', { category: 'docs' }, { category: 'generated' }],
    ['a larger change above a smaller one', { additions: 200 }, { additions: 20 }],
  ])('ranks %s', (_name, higher, lower) => {
    expect(scoreHeuristic(makeEntry('a.ts', higher))).toBeGreaterThan(scoreHeuristic(makeEntry('a.ts', lower)));
  });

  it('grows with size on a log scale and stays within 0..1', () => {
    const at = (lines: number) =>
      scoreHeuristic(makeEntry('a.ts', { additions: lines, deletions: 0, status: 'added' }));
    expect(at(100) - at(10)).toBeCloseTo(at(1000) - at(100), 1);
    expect(at(1_000_000)).toBeLessThanOrEqual(1);
    expect(at(1_000_000)).toBe(at(1000));
    expect(at(0)).toBeGreaterThan(0);
  });
});

describe('scoreImpact', () => {
  const entry = makeEntry('src/a.ts');

  const impact = (significance?: number) =>
    scoreImpact({ entry, analysis: significance === undefined ? undefined : analysis(entry.path, significance) });

  it('is the heuristic alone without an analysis', () => {
    expect(impact()).toBe(scoreHeuristic(entry));
  });

  it('grows with the significance the model gives, within 0..1', () => {
    const scores = [0, 0.25, 0.5, 0.75, 1].map((significance) => impact(significance));
    for (let index = 1; index < scores.length; index++) expect(scores[index]).toBeGreaterThan(scores[index - 1]!);
    expect(scores[0]).toBeGreaterThanOrEqual(0);
    expect(scores.at(-1)).toBeLessThanOrEqual(1);
  });

  it('clamps a significance out of range and reads NaN as 0', () => {
    expect(impact(7)).toBe(impact(1));
    expect(impact(-3)).toBe(impact(0));
    expect(impact(Number.NaN)).toBe(impact(0));
  });

  it('keeps a huge lockfile below a small source change', () => {
    const lockfile = makeEntry('package-lock.json', { category: 'lockfile', additions: 5000, deletions: 4000 });
    expect(scoreHeuristic(lockfile)).toBeLessThan(
      scoreHeuristic(makeEntry('src/a.ts', { additions: 1, deletions: 1 })) / 5,
    );
  });

  it('lets the model lift a small test above a large source file it calls incidental', () => {
    const test = scoreImpact({
      entry: makeEntry('test/a.test.ts', { category: 'test', additions: 5 }),
      analysis: analysis('test/a.test.ts', 0.95),
    });
    const source = scoreImpact({
      entry: makeEntry('src/a.ts', { additions: 300 }),
      analysis: analysis('src/a.ts', 0.05),
    });
    expect(test).toBeGreaterThan(source);
  });
});

describe('rankAnalyses', () => {
  it('sorts by impact, ties by path, and keeps the entry sizes and status', () => {
    const files = [
      makeEntry('src/b.ts'),
      makeEntry('src/a.ts'),
      makeEntry('docs/x.md', { category: 'docs' }),
      makeEntry('src/c.ts', { status: 'added' }),
    ];
    const ranked = rankAnalyses({
      files,
      analyses: [analysis('src/b.ts', 0.5), analysis('src/a.ts', 0.5), analysis('docs/x.md', 0.9)],
    });
    // src/c.ts has no analysis: its heuristic alone (an added source file) puts it first.
    expect(ranked.map((item) => item.path)).toEqual(['src/c.ts', 'docs/x.md', 'src/a.ts', 'src/b.ts']);
    expect(ranked[0]).toMatchObject({
      status: 'added',
      additions: 10,
      deletions: 2,
      summary: 'added source file (+10 -2)',
      symbols: [],
    });
  });

  it('gives files without analysis a neutral one from their listing entry', () => {
    const lockfile = makeEntry('package-lock.json', { category: 'lockfile', omitted: 'lockfile', additions: 900 });
    expect(rankAnalyses({ files: [lockfile], analyses: [] })[0]).toMatchObject({
      path: 'package-lock.json',
      kind: 'build',
      summary: 'modified lockfile file (+900 -2), content not sent (lockfile)',
      impact: scoreHeuristic(lockfile),
    });
  });

  it('matches paths the model echoed with a/ or b/ and drops paths not in the change', () => {
    const ranked = rankAnalyses({
      files: [makeEntry('src/a.ts')],
      analyses: [analysis('b/src/a.ts', 1, ['parse']), analysis('src/ghost.ts', 1)],
    });
    expect(ranked).toHaveLength(1);
    expect(ranked[0]).toMatchObject({ path: 'src/a.ts', symbols: ['parse'] });
  });

  it('describes a renamed file with where it came from', () => {
    expect(
      describeEntry(makeEntry('src/new.ts', { status: 'renamed', oldPath: 'src/old.ts', additions: 0, deletions: 0 }))
        .summary,
    ).toBe('renamed source file from src/old.ts (+0 -0)');
  });
});
