import { describe, expect, it } from 'vitest';
import { fileStem, pathTokens, roleOfPath } from '../../../src/engines/local/paths.js';

describe('roleOfPath', () => {
  it.each([
    ['pnpm-lock.yaml', 'lockfile'],
    ['sub/yarn.lock', 'lockfile'],
    ['Cargo.lock', 'lockfile'],
    ['go.sum', 'lockfile'],
    ['.github/workflows/ci.yml', 'ci'],
    ['.gitlab-ci.yml', 'ci'],
    ['.circleci/config.yml', 'ci'],
    ['packages/a/__tests__/__snapshots__/parse.spec.ts.snap', 'snapshot'],
    ['CHANGELOG.md', 'changelog'],
    ['changelogs/CHANGELOG-3.4.md', 'changelog'],
    ['package.json', 'manifest'],
    ['packages/core/package.json', 'manifest'],
    ['Cargo.toml', 'manifest'],
    ['go.mod', 'manifest'],
    ['requirements-dev.txt', 'manifest'],
    ['packages/core/__tests__/parse.spec.ts', 'test'],
    ['src/parse.test.ts', 'test'],
    ['tests/test_parser.py', 'test'],
    ['pkg/diff/parse_test.go', 'test'],
    ['scripts/setup-vitest.ts', 'test'],
    ['README.md', 'docs'],
    ['docs/guide/intro.md', 'docs'],
    ['.github/contributing.md', 'docs'],
    ['LICENSE', 'docs'],
    ['rollup.config.js', 'build'],
    ['tsconfig.build.json', 'build'],
    ['Makefile', 'build'],
    ['Dockerfile', 'build'],
    ['vitest.config.ts', 'config'],
    ['.eslintrc.cjs', 'config'],
    ['.github/renovate.json5', 'config'],
    ['src/engines/local/index.ts', 'source'],
    ['lib/parser.rb', 'source'],
  ])('%s is %s', (path, role) => {
    expect(roleOfPath(path)).toBe(role);
  });

  it.each([
    ['assets/logo.png', 'binary', 'asset'],
    ['dist/bundle.js', 'generated', 'generated'],
    ['weird/file.xyz', 'docs', 'docs'],
    ['src/index.ts', 'lockfile', 'lockfile'],
  ] as const)('%s falls back to the category %s', (path, category, role) => {
    expect(roleOfPath(path, category)).toBe(role);
  });
});

describe('path helpers', () => {
  it.each([
    ['packages/runtime-core/src/components/Suspense.ts', ['packages', 'runtime-core', 'src', 'components', 'Suspense']],
    ['packages/core/__tests__/parse.spec.ts', ['packages', 'core', '__tests__', 'parse']],
    ['README.md', ['README']],
  ])('pathTokens(%s)', (path, tokens) => {
    expect(pathTokens(path)).toEqual(tokens);
  });

  it.each([
    ['src/parse.spec.ts', 'parse'],
    ['types/index.d.ts', 'index'],
    ['a/b/Main.java', 'Main'],
  ])('fileStem(%s) = %s', (path, stem) => {
    expect(fileStem(path)).toBe(stem);
  });
});
