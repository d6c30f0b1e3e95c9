// Sorts a changed path into a FileCategory, so engines can weigh it and budgets can list bulk files instead of sending them.
import type { FileCategory } from './types.js';

/*
 * Precedence, first match wins:
 *   vendored > lockfile > generated  bulk, whatever it looks like: vendor/x/test/a.js is vendored
 *   asset > binary                   not text worth reading; an image is an asset even when binary
 *   ci                               .github/workflows/test.yml is CI
 *   test by name                     docs/example.test.ts is a test
 *   docs by name or extension        tests/README.md is docs
 *   test by folder, docs by folder   tests/fixtures/a.yml is a test, docs/conf.py is docs
 *   build > config > source          Cargo.toml is build, not generic TOML config
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
  return { lower, base, name, dirs: slash === -1 ? [] : lower.slice(0, slash).split('/'), ext: dot > 0 ? base.slice(dot + 1) : '' };
}

const words = (text: string): Set<string> => new Set(text.split(' '));

const VENDOR_DIRS = words('vendor third_party third-party thirdparty node_modules bower_components jspm_packages .yarn');
const LOCKFILES = words(
  'package-lock.json npm-shrinkwrap.json yarn.lock pnpm-lock.yaml bun.lockb bun.lock deno.lock cargo.lock gemfile.lock ' +
    'poetry.lock uv.lock pdm.lock pixi.lock pipfile.lock composer.lock go.sum go.work.sum gopkg.lock glide.lock flake.lock ' +
    'mix.lock pubspec.lock podfile.lock package.resolved cartfile.resolved packages.lock.json gradle.lockfile conan.lock ' +
    'chart.lock .terraform.lock.hcl paket.lock shard.lock manifest.toml renv.lock',
);
const GENERATED_NAME = /\.min\.(js|mjs|cjs|css)$|\.map$|[._-]generated\.|^zz_generated|_pb2(_grpc)?\.pyi?$|\.pb(\.gw)?\.go$|\.pb\.(cc|h)$|_pb\.(js|d\.ts)$|\.(g|freezed)\.dart$|\.designer\.cs$/;
const OUTPUT_DIRS_ANYWHERE = words('dist __generated__ __snapshots__');
// build/ and out/ are common source folder names deeper down, so only at the root or of a workspace member.
const OUTPUT_DIRS_AT_ROOT = words('build out target coverage .next .nuxt .svelte-kit storybook-static');
const WORKSPACE_DIRS = words('packages apps libs services crates');
const ASSET_EXTS = words(
  'png jpg jpeg gif bmp ico icns webp avif svg tif tiff heic psd woff woff2 ttf otf eot mp3 wav ogg flac m4a aac mp4 webm mov avi mkv pdf',
);
const CI_FILES = words('.gitlab-ci.yml .travis.yml bitbucket-pipelines.yml .drone.yml appveyor.yml .appveyor.yml cloudbuild.yaml cloudbuild.yml codemagic.yaml');
const CI_DIRS = words('.circleci .buildkite .azure-pipelines .woodpecker');
const TEST_NAME = /\.(test|spec)\.|\.(test|spec)-d\.|_(test|spec)s?\.[a-z]+$|^test_.+\.py$|^conftest\.py$/;
const TEST_CLASS = /[a-z0-9](Test|Tests|Spec)\.(java|kt|scala|groovy|cs|fs|php|swift)$/;
const TEST_DIRS = words('test tests __tests__ spec specs __mocks__ __fixtures__ testdata e2e androidtest');
const DOC_EXTS = words('md mdx markdown rst adoc asciidoc rdoc');
const DOC_NAME = /^(readme|licen[cs]e|copying|changelog|changes|history|news|authors|contributors|contributing|notice|code_of_conduct|security|maintainers)([-_.]|$)/;
const DOC_DIRS = words('docs doc documentation');
const BUILD_FILES = words(
  'package.json makefile gnumakefile dockerfile containerfile pom.xml build.xml cargo.toml pyproject.toml setup.py setup.cfg ' +
    'go.mod go.work cmakelists.txt meson.build build build.bazel workspace workspace.bazel module.bazel gemfile rakefile ' +
    'pipfile justfile composer.json mix.exs pubspec.yaml podfile package.swift vcpkg.json deno.json deno.jsonc turbo.json ' +
    'nx.json lerna.json pnpm-workspace.yaml gradle.properties gradlew manifest.in build.sbt build.zig configure.ac',
);
const BUILD_NAME =
  /^(ts|js)config.*\.json$|^(dockerfile|containerfile)\.|\.dockerfile$|\.(gradle|gradle\.kts|mk|cmake|bzl|gemspec|csproj|fsproj|vbproj|vcxproj|sln|cabal)$|^requirements.*\.txt$|^(rollup|vite|webpack|esbuild|tsup|rspack|rolldown)\.([\w-]+\.)*[cm]?[jt]s$/;
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
  if (OUTPUT_DIRS_AT_ROOT.has(top)) return true;
  return output !== undefined && WORKSPACE_DIRS.has(top) && OUTPUT_DIRS_AT_ROOT.has(output);
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

function isBuild({ base, dirs, ext }: PathParts): boolean {
  return BUILD_FILES.has(base) || BUILD_NAME.test(base) || (ext === 'txt' && dirs.at(-1) === 'requirements');
}

function isConfig({ base, dirs, ext }: PathParts): boolean {
  if (base.startsWith('.') || dirs.some((dir) => dir.startsWith('.'))) return true;
  return CONFIG_EXTS.has(ext) || CONFIG_NAME.test(base);
}

/** The category of a changed file; `binary` is what the diff said about its content. */
export function classifyFile(path: string, options: { binary?: boolean } = {}): FileCategory {
  const parts = partsOf(path);
  if (isVendored(parts)) return 'vendored';
  if (isLock(parts)) return 'lockfile';
  if (isGenerated(parts)) return 'generated';
  if (ASSET_EXTS.has(parts.ext)) return 'asset';
  if (options.binary) return 'binary';
  if (isCi(parts)) return 'ci';
  if (TEST_NAME.test(parts.base) || TEST_CLASS.test(parts.name)) return 'test';
  if (isDocByName(parts)) return 'docs';
  if (parts.dirs.some((dir) => TEST_DIRS.has(dir))) return 'test';
  if (parts.dirs.some((dir) => DOC_DIRS.has(dir))) return 'docs';
  if (isBuild(parts)) return 'build';
  if (isConfig(parts)) return 'config';
  return 'source';
}
