import { describe, expect, it } from 'vitest';
import { describeFile } from '../../../src/engines/local/changes.js';
import { findDependencyConvention } from '../../../src/engines/local/dependency-convention.js';
import { findDependencyChanges } from '../../../src/engines/local/deps.js';
import { profileHistory } from '../../../src/engines/local/history.js';
import { makeDiff } from './make-diff.js';

const packageJsonBump = makeDiff('package.json', [
  '   "devDependencies": {',
  '-    "vite": "^5.0.1",',
  '+    "vite": "^5.0.2",',
  '     "vitest": "^1.0.0"',
]);

describe('findDependencyChanges', () => {
  it.each([
    ['package.json', packageJsonBump, [{ name: 'vite', from: '^5.0.1', to: '^5.0.2', dev: true }]],
    [
      'package.json runtime dependency',
      makeDiff('packages/core/package.json', [
        '   "dependencies": {',
        '-    "entities": "^4.5.0"',
        '+    "entities": "^5.0.0"',
      ]),
      [{ name: 'entities', from: '^4.5.0', to: '^5.0.0', dev: false }],
    ],
    [
      'Cargo.toml',
      makeDiff('Cargo.toml', [
        ' [dependencies]',
        '-serde = "1.0.100"',
        '+serde = { version = "1.0.200", features = ["derive"] }',
      ]),
      [{ name: 'serde', from: '1.0.100', to: '1.0.200', dev: false }],
    ],
    [
      'go.mod',
      makeDiff('go.mod', [' require (', '-\tgithub.com/spf13/cobra v1.7.0', '+\tgithub.com/spf13/cobra v1.8.0', ' )']),
      [{ name: 'github.com/spf13/cobra', from: 'v1.7.0', to: 'v1.8.0' }],
    ],
    [
      'requirements.txt',
      makeDiff('requirements.txt', ['-requests==2.31.0', '+requests==2.32.0']),
      [{ name: 'requests', from: '==2.31.0', to: '==2.32.0' }],
    ],
    [
      'workflow action',
      makeDiff('.github/workflows/ci.yml', [
        '       - uses: actions/checkout@v3',
        '-      - uses: actions/setup-node@v3',
        '+      - uses: actions/setup-node@v4',
      ]),
      [{ name: 'actions/setup-node', from: 'v3', to: 'v4', dev: true }],
    ],
  ])('reads %s', (_label, diff, expected) => {
    const facts = findDependencyChanges([describeFile(diff)]);
    expect(facts.changes).toEqual(expected);
    expect(facts.onlyDependencies).toBe(true);
  });

  it.each([
    [
      'yarn.lock',
      makeDiff('yarn.lock', [
        ' "@babel/parser@^7.1.0", "@babel/parser@^7.15.0":',
        '-  version "7.15.3"',
        '+  version "7.15.7"',
        '   resolved "https://x"',
      ]),
      { name: '@babel/parser', from: '7.15.3', to: '7.15.7' },
    ],
    [
      'pnpm-lock.yaml',
      makeDiff('pnpm-lock.yaml', ["-  'vite@5.0.1':", "+  'vite@5.0.2':", '     resolution: {integrity: sha512-x}']),
      { name: 'vite', from: '5.0.1', to: '5.0.2' },
    ],
    [
      'package-lock.json',
      makeDiff('package-lock.json', [
        '     "node_modules/zod": {',
        '-      "version": "3.22.0",',
        '+      "version": "3.23.0",',
      ]),
      { name: 'zod', from: '3.22.0', to: '3.23.0' },
    ],
    [
      'Cargo.lock',
      makeDiff('Cargo.lock', [' name = "serde"', '-version = "1.0.100"', '+version = "1.0.200"']),
      { name: 'serde', from: '1.0.100', to: '1.0.200' },
    ],
  ])('reads a %s when no manifest changed', (_label, diff, expected) => {
    expect(findDependencyChanges([describeFile(diff)]).changes).toEqual([expected]);
  });

  it('prefers manifests over lockfile entries and ignores the package version', () => {
    const manifest = makeDiff('package.json', ['-  "version": "1.0.0",', '+  "version": "1.1.0",']);
    const facts = findDependencyChanges([describeFile(manifest)]);
    expect(facts.changes).toEqual([]);
    expect(facts.onlyDependencies).toBe(false);
  });

  it('is not only dependencies when a script changes too', () => {
    const manifest = makeDiff('package.json', [
      '-    "vite": "^5.0.1",',
      '+    "vite": "^5.0.2",',
      '+    "clean": "rimraf dist",',
    ]);
    expect(
      findDependencyChanges([describeFile(manifest), describeFile(makeDiff('src/a.ts', ['+x']))]).onlyDependencies,
    ).toBe(false);
  });
});

describe('findDependencyConvention', () => {
  it.each([
    [[], { type: 'chore', scope: 'deps', mentionsFrom: false }],
    [['feat: a', 'fix: b', 'chore: c'], { type: 'chore', mentionsFrom: false }],
    [
      ['build(deps-dev): bump rollup from 1.0.0 to 1.0.1', 'build(deps-dev): bump jest from 2 to 3', 'fix(core): x'],
      { type: 'build', scope: 'deps-dev', mentionsFrom: true },
    ],
    [
      [
        'chore(deps): update dependency vite to v5',
        'fix(deps): update dependency zod to v3.2',
        'chore(deps): update all non-major dependencies',
      ],
      { type: 'chore', scope: 'deps', mentionsFrom: false },
    ],
  ])('learns %j', (history, expected) => {
    expect(findDependencyConvention(profileHistory(history), [{ name: 'left-pad', from: '1', to: '2' }])).toEqual(
      expected,
    );
  });

  it.each([
    [{ name: 'entities', from: '1', to: '2', dev: false }, 'fix', 'deps'],
    [{ name: 'vite', from: '1', to: '2', dev: true }, 'chore', 'deps'],
    [{ name: '@types/node', from: '1', to: '2' }, 'chore', 'deps'],
  ])('labels %j like the bots this repository uses', (change, type, scope) => {
    const history = [
      'chore(deps): update dependency vite to v5',
      'fix(deps): update dependency zod to v3.2',
      'chore(deps): update all non-major dependencies',
    ];
    expect(findDependencyConvention(profileHistory(history), [change])).toMatchObject({ type, scope });
  });

  it('reuses the header of an earlier update of the same package', () => {
    const history = [
      'build(deps): bump @babel/parser from 7.1 to 7.2',
      'build(deps-dev): bump typescript from 4.1 to 4.2',
      'build(deps-dev): bump jest from 1 to 2',
    ];
    expect(
      findDependencyConvention(profileHistory(history), [{ name: '@babel/parser', from: '7.2', to: '7.3' }]),
    ).toMatchObject({ type: 'build', scope: 'deps' });
  });
});

describe('a package.json rewritten whole', () => {
  const rewrite = (before: string, after: string) =>
    describeFile(
      makeDiff('package.json', [...before.split('\n').map((l) => `-${l}`), ...after.split('\n').map((l) => `+${l}`)]),
    );

  it('reads a one-line manifest bump from the parsed objects, not as a removal', () => {
    const facts = findDependencyChanges([
      rewrite(
        '{"name":"demo","dependencies":{"lodash":"^4.17.20"}}',
        '{"name":"demo","dependencies":{"lodash":"^4.17.21"}}',
      ),
    ]);
    expect(facts.changes).toEqual([{ name: 'lodash', from: '^4.17.20', to: '^4.17.21', dev: false }]);
    expect(facts.onlyDependencies).toBe(true);
  });

  it('sees through a reformat: only the dependency that changed, and nothing removed that stayed', () => {
    const before = JSON.stringify(
      { name: 'demo', dependencies: { lodash: '^4.17.21', chalk: '^5.3.0' }, devDependencies: { vitest: '^1.0.0' } },
      null,
      2,
    );
    const after = '{"name":"demo","dependencies":{"lodash":"^4.17.22"},"devDependencies":{"vitest":"^1.0.0"}}';
    const facts = findDependencyChanges([rewrite(before, after)]);
    expect(facts.changes).toEqual([
      { name: 'lodash', from: '^4.17.21', to: '^4.17.22', dev: false },
      { name: 'chalk', from: '^5.3.0', dev: false },
    ]);
    expect(facts.onlyDependencies).toBe(true);
  });

  it('is not only dependencies when another field changed in the rewrite', () => {
    const facts = findDependencyChanges([
      rewrite('{"name":"demo","version":"1.0.0"}', '{"name":"demo","version":"1.1.0","dependencies":{"zod":"^3.0.0"}}'),
    ]);
    expect(facts.changes).toEqual([{ name: 'zod', to: '^3.0.0', dev: false }]);
    expect(facts.onlyDependencies).toBe(false);
  });
});
