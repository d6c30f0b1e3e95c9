// Builds a case's repository under .bench-tmp/e2e/repos (a committed base, then the staged change), reused while its spec is unchanged.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { codeLine, seededRandom } from '../source-text.js';
import { isolatedEnv } from '../env.js';
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

function git(dir: string, args: string[]): string {
  return execFileSync('git', ['-c', 'gc.auto=0', ...args], { cwd: dir, env: isolatedEnv(), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}

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
  const features = ['components', 'services', 'models', 'utils', 'hooks', 'routes', 'store', 'lib'].filter((feature) => feature !== parts[3]);
  parts[3] = features[Math.floor(random() * features.length)]!;
  return parts.join('/');
}

function stageChange(dir: string, spec: E2eSpec): void {
  const random = seededRandom(spec.seed ^ 0x5eed);
  const counts = countsOf(spec);
  const makers: Record<FileKind, (r: () => number) => string> = { src: (r) => codeLine(r), test: (r) => codeLine(r, '    '), doc: docLine };
  const modified: Record<FileKind, number> = { src: spec.src.modified, test: spec.tests.modified, doc: spec.docs.modified };
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
  return createHash('sha256').update(JSON.stringify({ GENERATOR_VERSION, spec })).digest('hex').slice(0, 12);
}

/** The case's repository, built when missing, stale (another spec hash) or when `fresh` is asked. */
export function ensureE2eRepo(spec: E2eSpec, options: { fresh?: boolean } = {}): E2eRepo {
  const hash = specHash(spec);
  const dir = join(REPOS_DIR, `${spec.name}-${hash}`);
  const marker = join(dir, '.git', MARKER);
  if (!options.fresh && existsSync(marker)) {
    const saved = JSON.parse(readFileSync(marker, 'utf8')) as { hash?: string; diffBytes?: number };
    if (saved.hash === hash && typeof saved.diffBytes === 'number') return { dir, diffBytes: saved.diffBytes, created: false };
  }
  mkdirSync(REPOS_DIR, { recursive: true });
  for (const entry of readdirSync(REPOS_DIR)) {
    if (entry.startsWith(`${spec.name}-`)) rmSync(join(REPOS_DIR, entry), { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });
  git(dir, ['init', '-q', '-b', 'main']);
  writeBase(dir, spec);
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '--no-verify', '-m', 'chore: import the workspace']);
  stageChange(dir, spec);
  git(dir, ['add', '-A']);
  const diffBytes = Buffer.byteLength(git(dir, ['diff', '--cached', '-M']));
  writeFileSync(marker, JSON.stringify({ hash, spec, diffBytes, generatedAt: new Date().toISOString() }, null, 2));
  return { dir, diffBytes, created: true };
}
