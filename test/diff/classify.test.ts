import { describe, expect, it } from 'vitest';
import {
  classifyFile,
  classifyRole,
  isGeneratedPath,
  isLockfile,
  isVendoredPath,
  type FileRole,
} from '../../src/diff/classify.js';
import type { FileCategory } from '../../src/diff/types.js';

describe('classifyFile', () => {
  it.each<[string, FileCategory]>([
    // vendored, at any depth, before everything else
    ['vendor/github.com/pkg/errors/errors.go', 'vendored'],
    ['third_party/zlib/zlib.h', 'vendored'],
    ['web/node_modules/left-pad/index.js', 'vendored'],
    ['vendor/lib/test/helper_test.go', 'vendored'],
    ['node_modules/x/package-lock.json', 'vendored'],
    // lockfiles
    ['package-lock.json', 'lockfile'],
    ['yarn.lock', 'lockfile'],
    ['apps/web/pnpm-lock.yaml', 'lockfile'],
    ['bun.lockb', 'lockfile'],
    ['bun.lock', 'lockfile'],
    ['Cargo.lock', 'lockfile'],
    ['Gemfile.lock', 'lockfile'],
    ['poetry.lock', 'lockfile'],
    ['uv.lock', 'lockfile'],
    ['Pipfile.lock', 'lockfile'],
    ['composer.lock', 'lockfile'],
    ['go.sum', 'lockfile'],
    ['flake.lock', 'lockfile'],
    ['mix.lock', 'lockfile'],
    ['pubspec.lock', 'lockfile'],
    ['ios/Podfile.lock', 'lockfile'],
    ['src/App/packages.lock.json', 'lockfile'],
    ['gradle.lockfile', 'lockfile'],
    ['buildscript-gradle.lockfile', 'lockfile'],
    // generated
    ['public/js/app.min.js', 'generated'],
    ['static/site.min.css', 'generated'],
    ['src/index.js.map', 'generated'],
    ['dist/index.js', 'generated'],
    ['packages/core/dist/index.d.ts', 'generated'],
    ['build/output.js', 'generated'],
    ['out/main.js', 'generated'],
    ['packages/ui/build/index.js', 'generated'],
    ['src/api.generated.ts', 'generated'],
    ['proto/user_pb2.py', 'generated'],
    ['api/user.pb.go', 'generated'],
    ['src/__snapshots__/app.test.ts.snap', 'generated'],
    ['lib/models/user.g.dart', 'generated'],
    // build/ and out/ deeper down are ordinary source folders
    ['src/commands/build/index.ts', 'source'],
    ['internal/out/writer.go', 'source'],
    // a workspace member's build/ that holds src/ or lib/ is a package named build (@angular/build), not output
    ['packages/angular/build/src/tools/vite/plugin.ts', 'source'],
    ['packages/ui/build/assets/index.js', 'generated'],
    // at the root it is output: setuptools' build/lib/, tsc's out/src/, a coverage report
    ['build/lib/compile.js', 'generated'],
    ['build/lib/mypkg/core.py', 'generated'],
    ['out/src/extension.js', 'generated'],
    ['coverage/src/index.ts.html', 'generated'],
    // Cargo's build script beside Cargo.toml (under rust-lang's top src/ too), a module named build in a src/
    ['crates/tauri/build.rs', 'build'],
    ['src/tools/rustfmt/build.rs', 'build'],
    ['src/bootstrap/build.rs', 'build'],
    ['tooling/cli/src/mobile/ios/build.rs', 'source'],
    ['tooling/cli/src/build.rs', 'source'],
    ['src/build.rs', 'source'],
    // assets, even when the diff says binary
    ['docs/logo.png', 'asset'],
    ['public/fonts/Inter.woff2', 'asset'],
    ['assets/icon.svg', 'asset'],
    ['media/intro.mp4', 'asset'],
    // ci
    ['.github/workflows/ci.yml', 'ci'],
    ['.github/workflows/test.yml', 'ci'],
    ['.gitlab-ci.yml', 'ci'],
    ['.circleci/config.yml', 'ci'],
    ['azure-pipelines.yml', 'ci'],
    ['Jenkinsfile', 'ci'],
    ['.travis.yml', 'ci'],
    // tests: by name anywhere (also in docs/), by folder
    ['src/parse.test.ts', 'test'],
    ['src/parse.spec.js', 'test'],
    ['src/__tests__/parse.js', 'test'],
    ['test/diff/parse.ts', 'test'],
    ['tests/integration/run.py', 'test'],
    ['spec/models/user_spec.rb', 'test'],
    ['pkg/diff/parse_test.go', 'test'],
    ['app/test_models.py', 'test'],
    ['src/main/java/com/acme/ParserTest.java', 'test'],
    ['docs/example.test.ts', 'test'],
    ['tests/fixtures/config.yml', 'test'],
    ['test/fixtures/package.json', 'test'],
    // docs
    ['README.md', 'docs'],
    ['docs/guide.mdx', 'docs'],
    ['docs/index.rst', 'docs'],
    ['docs/notes.txt', 'docs'],
    ['doc/conf.py', 'docs'],
    ['LICENSE', 'docs'],
    ['LICENSE-MIT', 'docs'],
    ['CHANGELOG.md', 'docs'],
    ['CONTRIBUTING', 'docs'],
    ['tests/README.md', 'docs'],
    ['src/history.ts', 'source'],
    // build
    ['package.json', 'build'],
    ['packages/core/package.json', 'build'],
    ['tsconfig.json', 'build'],
    ['tsconfig.build.json', 'build'],
    ['Makefile', 'build'],
    ['Dockerfile', 'build'],
    ['docker/Dockerfile.dev', 'build'],
    ['build.gradle', 'build'],
    ['app/build.gradle.kts', 'build'],
    ['pom.xml', 'build'],
    ['Cargo.toml', 'build'],
    ['pyproject.toml', 'build'],
    ['setup.py', 'build'],
    ['go.mod', 'build'],
    ['rollup.config.mjs', 'build'],
    ['vite.config.ts', 'build'],
    ['webpack.config.js', 'build'],
    ['esbuild.config.js', 'build'],
    ['tsup.config.ts', 'build'],
    ['CMakeLists.txt', 'build'],
    ['requirements-dev.txt', 'build'],
    // config
    ['.eslintrc.json', 'config'],
    ['.prettierrc', 'config'],
    ['.editorconfig', 'config'],
    ['.gitignore', 'config'],
    ['.vscode/settings.json', 'config'],
    ['.github/dependabot.yml', 'config'],
    ['config/app.yaml', 'config'],
    ['settings.toml', 'config'],
    ['setup.ini', 'config'],
    ['eslint.config.js', 'config'],
    ['docker-compose.yml', 'config'],
    // source
    ['src/index.ts', 'source'],
    ['lib/parser.rs', 'source'],
    ['main.go', 'source'],
    ['scripts/release.sh', 'build'],
    ['src/release.sh', 'source'],
    ['data/strings.json', 'source'],
  ])('%s -> %s', (path, expected) => {
    expect(classifyFile(path)).toBe(expected);
  });

  it.each<[string, boolean, FileCategory]>([
    ['data/blob.bin', true, 'binary'],
    ['data/blob.bin', false, 'source'],
    ['docs/logo.png', true, 'asset'],
    ['bun.lockb', true, 'lockfile'],
    ['vendor/lib.so', true, 'vendored'],
    ['test/fixtures/archive.zip', true, 'binary'],
  ])('%s with binary=%s -> %s', (path, binary, expected) => {
    expect(classifyFile(path, { binary })).toBe(expected);
  });
});

describe('classifyRole', () => {
  it.each<[string, FileRole]>([
    ['pnpm-lock.yaml', 'lockfile'],
    ['sub/yarn.lock', 'lockfile'],
    ['.github/workflows/ci.yml', 'ci'],
    ['.circleci/config.yml', 'ci'],
    ['packages/a/__tests__/__snapshots__/parse.spec.ts.snap', 'snapshot'],
    ['src/parse.test.ts.snap', 'snapshot'],
    ['CHANGELOG.md', 'changelog'],
    ['changelogs/CHANGELOG-3.4.md', 'changelog'],
    ['.changeset/brave-dogs-run.md', 'changelog'],
    ['package.json', 'manifest'],
    ['packages/core/package.json', 'manifest'],
    ['Cargo.toml', 'manifest'],
    ['go.mod', 'manifest'],
    ['requirements-dev.txt', 'manifest'],
    ['packages/core/__tests__/parse.spec.ts', 'test'],
    ['tests/test_parser.py', 'test'],
    ['pkg/diff/parse_test.go', 'test'],
    ['scripts/setup-vitest.ts', 'test'],
    ['src/parse.bench.ts', 'test'],
    ['packages/dts-test/ref.test-d.ts', 'test'],
    ['README.md', 'docs'],
    ['docs/guide/intro.md', 'docs'],
    ['.github/contributing.md', 'docs'],
    ['LICENSE', 'docs'],
    ['rollup.config.js', 'build'],
    ['vite.config.ts', 'build'],
    ['build.config.ts', 'build'],
    ['tsconfig.build.json', 'build'],
    ['Makefile', 'build'],
    ['crates/tauri/build.rs', 'build'],
    ['scripts/build.js', 'build'],
    ['.nvmrc', 'build'],
    // source files named after build tools are code
    ['packages/vite/src/node/build.ts', 'source'],
    ['src/vite.ts', 'source'],
    ['packages/nitro/src/build/vite.ts', 'source'],
    ['vitest.config.ts', 'config'],
    ['.eslintrc.cjs', 'config'],
    ['.github/renovate.json5', 'config'],
    ['src/engines/local/index.ts', 'source'],
    ['lib/parser.rb', 'source'],
    ['assets/logo.png', 'asset'],
    ['dist/bundle.js', 'generated'],
    ['vendor/a/b.go', 'vendored'],
  ])('%s is %s', (path, role) => {
    expect(classifyRole(path)).toBe(role);
  });

  it('derives every category from the role', () => {
    expect(classifyFile('CHANGELOG.md')).toBe('docs');
    expect(classifyFile('Cargo.toml')).toBe('build');
    expect(classifyFile('src/a.test.ts.snap')).toBe('generated');
    expect(classifyRole('data/blob.bin', { binary: true })).toBe('binary');
  });
});

describe('predicates', () => {
  it.each([
    ['yarn.lock', true],
    ['sub/dir/Cargo.lock', true],
    ['locks/yarn.lock.md', false],
    ['src/lock.ts', false],
  ])('isLockfile(%s) = %s', (path, expected) => {
    expect(isLockfile(path)).toBe(expected);
  });

  it.each([
    ['dist/a.js', true],
    ['a.min.js', true],
    ['src/minimal.js', false],
    ['src/roadmap.ts', false],
    ['src/dist.ts', false],
  ])('isGeneratedPath(%s) = %s', (path, expected) => {
    expect(isGeneratedPath(path)).toBe(expected);
  });

  it.each([
    ['vendor/a.go', true],
    ['src/vendor/a.js', true],
    ['vendor.go', false],
    ['src/vendors.ts', false],
  ])('isVendoredPath(%s) = %s', (path, expected) => {
    expect(isVendoredPath(path)).toBe(expected);
  });
});
