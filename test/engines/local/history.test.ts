import { describe, expect, it } from 'vitest';
import { isDependencyHeader } from '../../../src/engines/local/dependency-convention.js';
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

  it('leaves out of the type votes the subjects it is told say nothing of the change, but keeps their scopes', () => {
    const history = {
      '.github/workflows/ci.yml': [
        'build(deps): bump actions/checkout from 3 to 4',
        'chore(deps): update actions/setup-node action to v4',
        'ci: run on node 22',
        'build(deps): bump actions/cache from 3 to 4',
      ],
    };
    const weights = new Map([['.github/workflows/ci.yml', 1]]);
    const all = profileFileHistory(history, weights);
    expect(all.newest).toBe('build');
    const without = profileFileHistory(history, weights, undefined, isDependencyHeader);
    expect([...without.types]).toEqual([['ci', 1]]);
    expect(without).toMatchObject({ newest: 'ci', newestPerFile: ['ci'] });
    expect(without.weight).toBeLessThan(all.weight);
    expect(without.scopes.get('build')?.get('deps')).toBe(all.scopes.get('build')?.get('deps'));
  });
});
