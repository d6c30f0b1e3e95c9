// What role a changed file plays for commit typing, from its path first and the classifier's category second.

import type { FileCategory } from '../../diff/types.js';

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
  | 'generated';

const LOCKFILES = /(^|\/)(pnpm-lock\.yaml|yarn\.lock|package-lock\.json|npm-shrinkwrap\.json|bun\.lockb?|Cargo\.lock|go\.sum|poetry\.lock|uv\.lock|Pipfile\.lock|Gemfile\.lock|composer\.lock|pubspec\.lock|mix\.lock|flake\.lock|packages\.lock\.json|gradle\.lockfile)$/;
const MANIFESTS = /(^|\/)(package\.json|pnpm-workspace\.yaml|Cargo\.toml|go\.mod|pyproject\.toml|requirements[\w.-]*\.txt|Pipfile|Gemfile|[\w-]+\.gemspec|composer\.json|pom\.xml|build\.gradle(\.kts)?|pubspec\.yaml|mix\.exs|deno\.jsonc?|[\w.-]+\.csproj)$/;
const CI = /(^|\/)(\.github\/(workflows|actions)\/|\.circleci\/|\.gitlab-ci\.yml$|\.travis\.yml$|azure-pipelines[\w.-]*\.ya?ml$|Jenkinsfile$|appveyor\.ya?ml$|\.buildkite\/|bitbucket-pipelines\.yml$|\.drone\.yml$|\.woodpecker|netlify\.toml$|vercel\.json$)/;
const CHANGELOG = /(^|\/)(changelogs?\/[^/]+\.md|CHANGELOG[\w.-]*|CHANGES(\.\w+)?|HISTORY\.md|RELEASES?\.md)$/i;
const DOCS = /(\.(md|mdx|markdown|rst|adoc|asciidoc|txt)$|(^|\/)(docs?|documentation)\/|(^|\/)(LICEN[CS]E|COPYING|AUTHORS|CONTRIBUTORS|NOTICE|CODEOWNERS)(\.\w+)?$)/i;
const SNAPSHOT = /(\.snap$|(^|\/)__snapshots__\/)/;
const TEST = /((^|\/)(__tests__|__mocks__|tests?|spec|specs|e2e|test-dts|testing|testdata|fixtures)\/|[._-](spec|test|tests|test-d|bench|e2e)\.\w+$|_test\.(go|py|rs|exs?|dart)$|(^|\/)test_[^/]+\.py$|_spec\.rb$|Tests?\.(java|kt|cs|swift|php)$|(^|\/)(setup-?(vitest|jest|tests?)|(vitest|jest)[.-]setup|setupTests|conftest)\.\w+$)/;
const BUILD = /((^|\/)(Makefile|GNUmakefile|CMakeLists\.txt|[\w-]*\.cmake|meson\.build|BUILD(\.bazel)?|WORKSPACE|Dockerfile[\w.-]*|docker-compose[\w.-]*\.ya?ml|build\.rs|setup\.py|setup\.cfg|MANIFEST\.in|tsconfig[\w.-]*\.json|api-extractor[\w.-]*\.json|\.npmrc|\.nvmrc|\.node-version|\.tool-versions)$|(^|\/)(rollup|webpack|vite|tsup|esbuild|babel|rspack|rolldown|turbo|nx|lerna|gulpfile|Gruntfile|build)([.-][\w.-]*)?\.(c?m?[jt]s|json)$|(^|\/)scripts\/(build|release|bundle|publish|dev)[\w.-]*$)/;
const CONFIG = /(^|\/)(\.[\w.-]*rc(\.\w+)?|\.editorconfig|\.gitignore|\.gitattributes|\.prettierignore|\.eslintignore|\.npmignore|renovate\.json5?|\.?dependabot\.ya?ml|[\w.-]+\.config\.(c?m?[jt]s|json)|\.vscode\/[^/]+|\.devcontainer\/[^/]+|\.husky\/[^/]+|lint-staged[\w.-]*)$/;

/** The role of one path: lockfiles, snapshots and the classifier's bulk categories first, then path patterns, then the category. */
export function roleOfPath(path: string, category?: FileCategory): FileRole {
  if (LOCKFILES.test(path) || category === 'lockfile') return 'lockfile';
  if (SNAPSHOT.test(path)) return 'snapshot';
  if (category === 'generated' || category === 'vendored') return 'generated';
  if (category === 'asset' || category === 'binary') return 'asset';
  if (CI.test(path)) return 'ci';
  if (CHANGELOG.test(path)) return 'changelog';
  if (MANIFESTS.test(path)) return 'manifest';
  if (TEST.test(path) && !/\.(md|txt)$/i.test(path)) return 'test';
  if (DOCS.test(path) && !/(^|\/)(requirements|CMakeLists)[\w.-]*\.txt$/.test(path)) return 'docs';
  if (BUILD.test(path)) return 'build';
  if (CONFIG.test(path)) return 'config';
  switch (category) {
    case 'test': return 'test';
    case 'docs': return 'docs';
    case 'ci': return 'ci';
    case 'build': return 'build';
    case 'config': return 'config';
    default: return 'source';
  }
}

/** Path segments worth matching against scope names: directories and the file stem. */
export function pathTokens(path: string): string[] {
  const parts = path.split('/');
  const file = parts.pop() ?? '';
  const stem = file.replace(/(\.(spec|test|test-d|d|bench|e2e))?\.[\w]+$/, '');
  return [...parts, stem].filter((part) => part.length > 0);
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function fileStem(path: string): string {
  return baseName(path).replace(/(\.(spec|test|test-d|d|bench|e2e|stories))?\.\w+$/, '');
}
