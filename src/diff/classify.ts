// The one path classifier: the role a changed file plays (engines type commits by it) and the coarser category budgets use.
import type { FileCategory } from './types.js';

/** What a changed file is, finer than its category: a snapshot, a changelog, a dependency manifest. */
export type FileRole =
  | 'source'
  | 'test'
  | 'snapshot'
  | 'docs'
  | 'changelog'
  | 'ci'
  | 'manifest'
  | 'lockfile'
  | 'build'
  | 'config'
  | 'asset'
  | 'binary'
  | 'generated'
  | 'vendored';

const CATEGORY_OF_ROLE: Record<FileRole, FileCategory> = {
  source: 'source',
  test: 'test',
  snapshot: 'generated',
  docs: 'docs',
  changelog: 'docs',
  ci: 'ci',
  manifest: 'build',
  lockfile: 'lockfile',
  build: 'build',
  config: 'config',
  asset: 'asset',
  binary: 'binary',
  generated: 'generated',
  vendored: 'vendored',
};

/*
 * Precedence, first match wins:
 *   vendored > lockfile > snapshot > generated  bulk, whatever it looks like: vendor/x/test/a.js is vendored
 *   asset > binary                   not text worth reading; an image is an asset even when binary
 *   ci                               .github/workflows/test.yml is CI
 *   test by name                     docs/example.test.ts is a test
 *   changelog, docs by name or ext   tests/README.md is docs
 *   test by folder, docs by folder   tests/fixtures/a.yml is a test, docs/conf.py is docs
 *   manifest > build > config > source  Cargo.toml is a manifest, not generic TOML config
 */

interface PathParts {
  /** Lower-cased whole path, basename and folder segments; `name` keeps the case (FooTest.java). */
  lower: string;
  base: string;
  name: string;
  dirs: string[];
  /** Lower-cased text after the last dot of the basename, '' when none (dotfiles included). */
  ext: string;
}

function partsOf(path: string): PathParts {
  const slash = path.lastIndexOf('/');
  const name = path.slice(slash + 1);
  const lower = path.toLowerCase();
  const base = name.toLowerCase();
  const dot = base.lastIndexOf('.');
  return {
    lower,
    base,
    name,
    dirs: slash === -1 ? [] : lower.slice(0, slash).split('/'),
    ext: dot > 0 ? base.slice(dot + 1) : '',
  };
}

const words = (text: string): Set<string> => new Set(text.split(' '));

const VENDOR_DIRS = words(
  'vendor third_party third-party thirdparty node_modules bower_components jspm_packages .yarn',
);
const LOCKFILES = words(
  'package-lock.json npm-shrinkwrap.json yarn.lock pnpm-lock.yaml bun.lockb bun.lock deno.lock cargo.lock gemfile.lock ' +
    'poetry.lock uv.lock pdm.lock pixi.lock pipfile.lock composer.lock go.sum go.work.sum gopkg.lock glide.lock flake.lock ' +
    'mix.lock pubspec.lock podfile.lock package.resolved cartfile.resolved packages.lock.json gradle.lockfile conan.lock ' +
    'chart.lock .terraform.lock.hcl paket.lock shard.lock manifest.toml renv.lock',
);
const GENERATED_NAME =
  /\.min\.(js|mjs|cjs|css)$|\.map$|[._-]generated\.|^zz_generated|_pb2(_grpc)?\.pyi?$|\.pb(\.gw)?\.go$|\.pb\.(cc|h)$|_pb\.(js|d\.ts)$|\.(g|freezed)\.dart$|\.designer\.cs$/;
const OUTPUT_DIRS_ANYWHERE = words('dist __generated__');
const SNAPSHOT = /\.snap$/;
const SNAPSHOT_DIRS = words('__snapshots__');
// build/ and out/ are common source folder names deeper down, so only at the root or of a workspace member.
const OUTPUT_DIRS_AT_ROOT = words('build out target coverage .next .nuxt .svelte-kit storybook-static');
const WORKSPACE_DIRS = words('packages apps libs services crates');
const SOURCE_DIRS = words('src lib');
const ASSET_EXTS = words(
  'png jpg jpeg gif bmp ico icns webp avif svg tif tiff heic psd woff woff2 ttf otf eot mp3 wav ogg flac m4a aac mp4 webm mov avi mkv pdf',
);
const CI_FILES = words(
  '.gitlab-ci.yml .travis.yml bitbucket-pipelines.yml .drone.yml appveyor.yml .appveyor.yml cloudbuild.yaml cloudbuild.yml codemagic.yaml netlify.toml vercel.json',
);
const CI_DIRS = words('.circleci .buildkite .azure-pipelines .woodpecker');
const TEST_NAME =
  /\.(test|spec|bench|e2e)\.|\.(test|spec)-d\.|_(test|spec)s?\.[a-z]+$|^test_.+\.py$|^conftest\.py$|^(setup-?(vitest|jest|tests?)|(vitest|jest)[.-]setup|setuptests)\.[cm]?[jt]sx?$/;
const TEST_CLASS = /[a-z0-9](Test|Tests|Spec)\.(java|kt|scala|groovy|cs|fs|php|swift)$/;
const TEST_DIRS = words(
  'test tests __tests__ spec specs __mocks__ __fixtures__ fixtures testdata testing e2e androidtest test-dts dts-test __typetests__',
);
const DOC_EXTS = words('md mdx markdown rst adoc asciidoc rdoc');
const DOC_NAME =
  /^(readme|licen[cs]e|copying|authors|contributors|contributing|notice|code_of_conduct|security|maintainers)([-_.]|$)/;
const CHANGELOG_NAME = /^(changelog|changes|history|news|releases?)([-_.][\w.-]*)?$/;
const CHANGELOG_DIRS = words('changelogs changelog .changeset');
const DOC_DIRS = words('docs doc documentation');
// Files that declare dependencies (their version lines are read as dependency changes).
const MANIFEST_FILES = words(
  'package.json pnpm-workspace.yaml cargo.toml go.mod go.work pyproject.toml pipfile gemfile composer.json pom.xml ' +
    'build.gradle build.gradle.kts pubspec.yaml mix.exs deno.json deno.jsonc package.swift vcpkg.json podfile',
);
const MANIFEST_NAME = /^requirements[\w.-]*\.txt$|\.(gemspec|csproj|fsproj|vbproj)$/;
const BUILD_FILES = words(
  'makefile gnumakefile dockerfile containerfile build.xml setup.py setup.cfg build.rs ' +
    'cmakelists.txt meson.build build build.bazel workspace workspace.bazel module.bazel rakefile ' +
    'justfile turbo.json nx.json lerna.json gradle.properties gradlew manifest.in build.sbt build.zig configure.ac ' +
    '.npmrc .nvmrc .node-version .tool-versions',
);
// Bundler configs by their config name only: a source file called vite.ts or build.ts is code, not build config.
const BUILD_NAME =
  /^(ts|js)config.*\.json$|^api-extractor[\w.-]*\.json$|^(dockerfile|containerfile)\.|\.dockerfile$|\.(gradle|gradle\.kts|mk|cmake|bzl|sln|vcxproj|cabal)$|^(rollup|vite|webpack|esbuild|tsup|tsdown|rspack|rolldown|babel|build|unbuild)(\.[\w-]+)*\.config(\.[\w-]+)*\.([cm]?[jt]s|json)$|^(webpack|rollup)\.[\w-]+\.[cm]?[jt]s$|^(gulpfile|gruntfile)\.[cm]?[jt]s$/;
// Build and release scripts: at the root (build.js) or in scripts/ (scripts/release.ts).
const BUILD_SCRIPT = /^(build|release|bundle|publish)([.-][\w.-]*)?\.([cm]?[jt]s|sh|py)$/;
const CONFIG_EXTS = words('yml yaml toml ini cfg conf properties env');
const CONFIG_NAME = /\.config\.([cm]?[jt]s|json)$|^codeowners$|^procfile$/;

function isVendored({ dirs }: PathParts): boolean {
  return dirs.some((dir) => VENDOR_DIRS.has(dir));
}

function isLock({ base }: PathParts): boolean {
  return LOCKFILES.has(base) || base.endsWith('.lockfile');
}

function isGenerated({ base, dirs }: PathParts): boolean {
  if (GENERATED_NAME.test(base) || dirs.some((dir) => OUTPUT_DIRS_ANYWHERE.has(dir))) return true;
  const [top, , output] = dirs;
  if (top === undefined) return false;
  // build/lib/ and out/src/ at the root are setuptools' and tsc's output; a workspace member's build/ that holds src/
  // or lib/ is a package named build (angular-cli's packages/angular/build/src/).
  if (OUTPUT_DIRS_AT_ROOT.has(top)) return true;
  return (
    output !== undefined &&
    WORKSPACE_DIRS.has(top) &&
    OUTPUT_DIRS_AT_ROOT.has(output) &&
    !SOURCE_DIRS.has(dirs[3] ?? '')
  );
}

export const isVendoredPath = (path: string): boolean => isVendored(partsOf(path));
export const isLockfile = (path: string): boolean => isLock(partsOf(path));
export const isGeneratedPath = (path: string): boolean => isGenerated(partsOf(path));

function isCi({ lower, base, dirs }: PathParts): boolean {
  if (lower.startsWith('.github/workflows/') || lower.startsWith('.github/actions/')) return true;
  if (dirs[0] !== undefined && CI_DIRS.has(dirs[0])) return true;
  return CI_FILES.has(base) || base.startsWith('jenkinsfile') || base.startsWith('azure-pipelines');
}

function isDocByName({ base, ext }: PathParts): boolean {
  if (DOC_EXTS.has(ext)) return true;
  return DOC_NAME.test(base) && (ext === '' || ext === 'txt' || base.startsWith('licen'));
}

function isManifest({ base, dirs, ext }: PathParts): boolean {
  return MANIFEST_FILES.has(base) || MANIFEST_NAME.test(base) || (ext === 'txt' && dirs.at(-1) === 'requirements');
}

function isBuild({ base, dirs }: PathParts): boolean {
  // Cargo's build script sits beside Cargo.toml, which the path does not show: a build.rs right in src/ or under a
  // crate's src/ (tauri's tooling/cli/src/mobile/ios/build.rs) is a module; under a top src/ of crates (rust-lang's
  // src/bootstrap/build.rs) it is a build script.
  if (base === 'build.rs' && (dirs.at(-1) === 'src' || dirs.indexOf('src', 1) > 0)) return false;
  if (BUILD_FILES.has(base) || BUILD_NAME.test(base)) return true;
  return BUILD_SCRIPT.test(base) && (dirs.length === 0 || dirs.at(-1) === 'scripts');
}

function isChangelog({ base, dirs, ext }: PathParts): boolean {
  if (CHANGELOG_NAME.test(base) && (ext === '' || DOC_EXTS.has(ext) || ext === 'txt')) return true;
  return DOC_EXTS.has(ext) && dirs.some((dir) => CHANGELOG_DIRS.has(dir));
}

function isConfig({ base, dirs, ext }: PathParts): boolean {
  if (base.startsWith('.') || dirs.some((dir) => dir.startsWith('.'))) return true;
  return CONFIG_EXTS.has(ext) || CONFIG_NAME.test(base);
}

/** The role of a changed file; `binary` is what the diff said about its content. */
export function classifyRole(path: string, options: { binary?: boolean } = {}): FileRole {
  const parts = partsOf(path);
  if (isVendored(parts)) return 'vendored';
  if (isLock(parts)) return 'lockfile';
  if (SNAPSHOT.test(parts.base) || parts.dirs.some((dir) => SNAPSHOT_DIRS.has(dir))) return 'snapshot';
  if (isGenerated(parts)) return 'generated';
  if (ASSET_EXTS.has(parts.ext)) return 'asset';
  if (options.binary) return 'binary';
  if (isCi(parts)) return 'ci';
  if (TEST_NAME.test(parts.base) || TEST_CLASS.test(parts.name)) return 'test';
  if (isChangelog(parts)) return 'changelog';
  if (isDocByName(parts)) return 'docs';
  if (parts.dirs.some((dir) => TEST_DIRS.has(dir))) return 'test';
  if (parts.dirs.some((dir) => DOC_DIRS.has(dir))) return 'docs';
  if (isManifest(parts)) return 'manifest';
  if (isBuild(parts)) return 'build';
  if (isConfig(parts)) return 'config';
  return 'source';
}

/** The category of a changed file (for budgets and listings): its role, coarsened. */
export function classifyFile(path: string, options: { binary?: boolean } = {}): FileCategory {
  return CATEGORY_OF_ROLE[classifyRole(path, options)];
}
