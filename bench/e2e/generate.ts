// Builds a case's repository under .bench-tmp/e2e/repos (a committed base, then the staged change), reused while its spec is unchanged.
import { mkdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { benchGit, ensureCachedRepo, hashSpec } from '../cached-repo.js';
import { codeLine, seededRandom } from '../source-text.js';
import type { E2eSpec } from './cases.js';
import { E2E_DIR } from './paths.js';
import { baseFile, between, contentOf, pathOf, type FileKind } from './layout.js';
import { docLine, editBlocks } from './text.js';

// Bump when the generator's output changes, so repositories made by an older one are rebuilt.
const GENERATOR_VERSION = 2;
const MARKER = 'bench-e2e-spec.json';
const REPOS_DIR = join(E2E_DIR, 'repos');

export interface E2eRepo {
  dir: string;
  /** Bytes of `git diff --cached` (renames detected). */
  diffBytes: number;
  created: boolean;
}

interface Counts {
  base: number;
  changed: number;
}

/** Base files of each kind, and how many of them (the lowest indexes) the change touches. */
function countsOf(spec: E2eSpec): Record<FileKind, Counts> {
  const srcChanged = spec.src.modified + spec.deleted + spec.renamed;
  return {
    src: { base: srcChanged + spec.untouched, changed: srcChanged },
    test: { base: spec.tests.modified + Math.ceil(spec.untouched / 5), changed: spec.tests.modified },
    doc: { base: spec.docs.modified + 4 + Math.ceil(spec.untouched / 40), changed: spec.docs.modified },
  };
}

function write(dir: string, path: string, lines: readonly string[]): void {
  const full = join(dir, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, `${lines.join('\n')}\n`);
}

const git = benchGit;

function writeBase(dir: string, spec: E2eSpec): void {
  const counts = countsOf(spec);
  for (const kind of ['src', 'test', 'doc'] as const) {
    for (let index = 0; index < counts[kind].base; index++) {
      const { path, lines } = baseFile(spec, kind, index, index < counts[kind].changed);
      write(dir, path, lines);
    }
  }
  write(dir, 'README.md', [`# workspace ${spec.name}`, '', 'A monorepo of TypeScript packages.']);
}

/** A moved file keeps its name and package but lands in another feature directory. */
function movedPath(path: string, random: () => number): string {
  const parts = path.split('/');
  const features = ['components', 'services', 'models', 'utils', 'hooks', 'routes', 'store', 'lib'].filter(
    (feature) => feature !== parts[3],
  );
  parts[3] = features[Math.floor(random() * features.length)]!;
  return parts.join('/');
}

function stageChange(dir: string, spec: E2eSpec): void {
  const random = seededRandom(spec.seed ^ 0x5eed);
  const counts = countsOf(spec);
  const makers: Record<FileKind, (r: () => number) => string> = {
    src: (r) => codeLine(r),
    test: (r) => codeLine(r, '    '),
    doc: docLine,
  };
  const modified: Record<FileKind, number> = {
    src: spec.src.modified,
    test: spec.tests.modified,
    doc: spec.docs.modified,
  };
  for (const kind of ['src', 'test', 'doc'] as const) {
    for (let index = 0; index < modified[kind]; index++) {
      const { path, lines } = baseFile(spec, kind, index, true);
      write(dir, path, editBlocks(random, lines, between(random, spec.hunks), makers[kind]));
    }
  }
  let index = spec.src.modified;
  for (let k = 0; k < spec.deleted; k++, index++) unlinkSync(join(dir, baseFile(spec, 'src', index, true).path));
  for (let k = 0; k < spec.renamed; k++, index++) {
    const { path, lines } = baseFile(spec, 'src', index, true);
    const target = movedPath(path, random);
    mkdirSync(dirname(join(dir, target)), { recursive: true });
    renameSync(join(dir, path), join(dir, target));
    write(dir, target, editBlocks(random, lines, 1, makers.src));
  }
  const added: Record<FileKind, number> = { src: spec.src.added, test: spec.tests.added, doc: spec.docs.added };
  for (const kind of ['src', 'test', 'doc'] as const) {
    for (let k = 0; k < added[kind]; k++) {
      const at = counts[kind].base + k;
      write(dir, pathOf(spec, kind, at, { clustered: true }), contentOf(spec, kind, at, spec.addedLines, 1));
    }
  }
}

export function specHash(spec: E2eSpec): string {
  return hashSpec(GENERATOR_VERSION, spec);
}

/** The case's repository, built when missing, stale (another spec hash) or when `fresh` is asked. */
export function ensureE2eRepo(spec: E2eSpec, options: { fresh?: boolean } = {}): E2eRepo {
  const { dir, created, meta } = ensureCachedRepo<{ diffBytes: number }>({
    reposDir: REPOS_DIR,
    name: spec.name,
    hash: specHash(spec),
    marker: MARKER,
    spec,
    fresh: options.fresh,
    complete: (saved): saved is { diffBytes: number } => typeof saved.diffBytes === 'number',
    build: (root) => {
      writeBase(root, spec);
      git(root, ['add', '-A']);
      git(root, ['commit', '-q', '--no-verify', '-m', 'chore: import the workspace']);
      stageChange(root, spec);
      git(root, ['add', '-A']);
      return { diffBytes: Buffer.byteLength(git(root, ['diff', '--cached', '-M'])) };
    },
  });
  return { dir, diffBytes: meta.diffBytes, created };
}
