import { describe, expect, it } from 'vitest';
import { activityTypes, detectActivities } from '../../../src/engines/local/activity.js';
import { describeFile } from '../../../src/engines/local/changes.js';
import { profileHistory } from '../../../src/engines/local/history.js';
import { collectSignals } from '../../../src/engines/local/signals.js';
import { makeDiff } from './make-diff.js';

describe('signals and activities', () => {
  it('counts issue references, new options and new test cases', () => {
    const signals = collectSignals([
      describeFile(makeDiff('src/options.ts', [' export interface Options {', '+  strict?: boolean', ' }'])),
      describeFile(
        makeDiff('test/options.test.ts', ["+it('rejects empty input (#123)', () => {})", "+test('b', () => {})"]),
      ),
    ]);
    expect(signals).toMatchObject({ newOptions: 1, newTestCases: 2, issueRefs: 1 });
  });

  it.each([
    ['rayon', 'src/sum.rs', '+    let total: u64 = rows.par_iter().map(|row| row.len() as u64).sum();'],
    ['an unchecked read', 'src/take.rs', '+        let value = unsafe { *values.get_unchecked(index) };'],
    ['a capacity', 'src/take.rs', '+    let mut out = Vec::with_capacity(indices.len());'],
  ])('counts %s as code written for speed', (_label, path, line) => {
    expect(collectSignals([describeFile(makeDiff(path, [' fn take() {', line, ' }']))]).perfLines).toBe(1);
    expect(
      collectSignals([describeFile(makeDiff(path, [' fn take() {', '+    let out = Vec::new();', ' }']))]).perfLines,
    ).toBe(0);
  });

  it.each([
    ['typo', ['-  // the efect is registred', '+  // the effect is registered'], ['typo', 'comment']],
    ['renamed variable', ['-  const count = 1', '+  const total = 1'], []],
    ['format', ['-f(a,b)', '+f(a, b)'], ['format']],
  ])('recognises a %s', (_label, lines, expected) => {
    const changes = [describeFile(makeDiff('src/a.ts', lines))];
    expect(detectActivities(changes, collectSignals(changes))).toEqual(expected);
  });

  it('learns how the repository types an activity, ignoring behaviour changes', () => {
    const profile = profileHistory([
      'chore: fix typo',
      'fix: typo in error message breaks parsing',
      'docs: fix typo',
      'chore: typos',
    ]);
    const learnt = activityTypes(profile, 'typo');
    expect(learnt?.count).toBe(3);
    expect(learnt?.shares.get('chore')).toBeGreaterThan(learnt?.shares.get('docs') ?? 1);
    expect(learnt?.shares.has('fix')).toBe(false);
    expect(activityTypes(profile, 'format')).toBeUndefined();
  });
});
