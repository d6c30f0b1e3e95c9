// The offline engine's regression set (canonical-cases.ts) run in real git repositories. A refit of the type
// weights that gains on the corpus but loses one of these (npm run demo's applyDiscount came out `perf` once) is
// not an improvement.

import { afterEach, describe, expect, it } from 'vitest';
import { generateLocalMessage } from '../../../src/engines/local/index.js';
import { formatCommitMessage } from '../../../src/engines/message.js';
import type { TempRepo } from '../../support/temp-repo.js';
import { stageChange, type ChangeSpec } from './staged-change.js';
import {
  BEFORE,
  CANONICAL_CASES,
  DEMO_CASE,
  DEMO_HISTORY,
  CART,
  HISTORIES,
  MANIFEST,
  MIXED_HISTORY,
  PRICES,
  type Commits,
} from './canonical-cases.js';

let repos: TempRepo[] = [];
afterEach(() => {
  for (const repo of repos) repo.cleanup();
  repos = [];
});

function headerOf(spec: ChangeSpec): string {
  const { repo, input } = stageChange(spec);
  repos.push(repo);
  const message = generateLocalMessage({ ...input, maxLength: 72, body: false });
  return formatCommitMessage(message, { style: 'conventional', maxLength: 72 });
}

describe("npm run demo's change", () => {
  it.each([
    ["in the demo's history", DEMO_HISTORY],
    ['in a mixed history', HISTORIES[1]![1]],
  ])('is a feature %s', (_label, start) => {
    expect(headerOf({ ...start, after: DEMO_CASE.after })).toMatch(DEMO_CASE.header);
  });

  it('is written as scripts/demo.sh shows it', () => {
    expect(headerOf({ ...DEMO_HISTORY, after: DEMO_CASE.after })).toBe('feat(cart): add applyDiscount');
  });
});

describe.each(HISTORIES)('canonical changes, in %s', (_label, start) => {
  it.each(CANONICAL_CASES)('$name', ({ after, header }) => {
    expect(headerOf({ ...start, after })).toMatch(header);
  });
});

describe('canonical changes that depend on the history', () => {
  it('types a dependency bump as the repository does', () => {
    const commits: Commits = [
      { subject: 'build(deps): bump typescript from 5.3.0 to 5.4.0', files: { 'package.json': MANIFEST('^5.0.0') } },
      { subject: 'feat(cart): add cart total', files: { 'src/cart.ts': CART + '// total\n' } },
      { subject: 'build(deps): bump vite from 5.0.0 to 5.0.1', files: { 'package.json': MANIFEST('^5.0.1') } },
    ];
    expect(headerOf({ before: BEFORE, commits, after: { 'package.json': MANIFEST('^5.4.0') } })).toMatch(
      /^build\(deps\): .*vite/,
    );
  });

  it("types a person's edit to a workflow that bots bump as `ci`, not as the bots' dependency type", () => {
    const workflow = (checkout: string) =>
      BEFORE['.github/workflows/test.yml']!.replace(
        '    steps:\n',
        `    steps:\n      - uses: actions/checkout@${checkout}\n`,
      );
    const commits: Commits = [
      ...MIXED_HISTORY,
      ...['v2', 'v3', 'v4'].map((version, index) => ({
        subject: `build(deps): bump actions/checkout from ${['v1', 'v2', 'v3'][index]} to ${version}`,
        files: { '.github/workflows/test.yml': workflow(version) },
      })),
      { subject: 'fix(cart): round the total', files: { 'src/cart.ts': CART + '// rounded\n' } },
    ];
    const after = { '.github/workflows/test.yml': workflow('v4').replace('npm test', 'npm ci\n      - run: npm test') };
    expect(headerOf({ before: BEFORE, commits, after })).toMatch(/^ci(\([a-z]+\))?: /);
  });

  it('marks an export removed from the public entry point as breaking, where the repository marks them', () => {
    const commits: Commits = [
      ...MIXED_HISTORY,
      { subject: 'feat(prices)!: convert returns a promise', files: { 'src/prices.ts': PRICES + '// async\n' } },
    ];
    const header = headerOf({
      before: BEFORE,
      commits,
      after: { 'src/index.ts': "export { total } from './cart';\n" },
    });
    expect(header).toMatch(/^[a-z]+(\([a-z]+\))?!: /);
  });
});
