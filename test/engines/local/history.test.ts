import { describe, expect, it } from 'vitest';
import { profileFileHistory, profileHistory, scopeShare } from '../../../src/engines/local/history.js';

describe('history profiles', () => {
  it('counts types, scopes and scope habits per type', () => {
    const profile = profileHistory([
      'feat(api): a',
      'fix(api): b',
      'fix: c',
      'chore: d',
      'chore: e',
      'release: v1.0.0',
    ]);
    expect(profile.conventionalShare).toBeCloseTo(5 / 6);
    expect(profile.typeCounts.get('fix')).toBe(2);
    expect(profile.scopeCounts.get('api')).toBe(2);
    expect(scopeShare(profile, 'fix')).toBe(0.5);
    expect(scopeShare(profile, 'chore')).toBe(0);
    expect(scopeShare(profile, 'feat')).toBeUndefined();
  });

  it('weighs the changed files and recent subjects more', () => {
    const priors = profileFileHistory(
      { 'src/a.ts': ['fix(a): new', 'feat(a): older', 'feat(a): oldest'], 'src/b.ts': ['docs: x'] },
      new Map([
        ['src/a.ts', 0.9],
        ['src/b.ts', 0.1],
      ]),
    );
    const fix = priors.types.get('fix') ?? 0;
    expect(fix).toBeGreaterThan(0.3);
    expect(priors.types.get('feat')).toBeGreaterThan(fix);
    expect(priors.types.get('docs')).toBeLessThan(0.1);
    expect(priors.scopes.get('feat')?.get('a')).toBeGreaterThan(0);
  });
});
