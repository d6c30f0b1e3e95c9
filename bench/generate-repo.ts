// Builds a case's repository once (a committed base, then staged changes) and reuses it while its spec is unchanged.
import { mkdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { benchGit, ensureCachedRepo, hashSpec } from './cached-repo.js';
import type { RepoSpec } from './cases.js';
import { REPOS_DIR } from './env.js';
import {
  binaryBytes,
  editLines,
  FEATURES,
  lockfileText,
  minifiedLine,
  PACKAGES,
  pick,
  seededRandom,
  sourceFile,
  type Random,
} from './source-text.js';

// Bump when the generator's output changes, so repositories made by an older one are rebuilt.
const GENERATOR_VERSION = 3;
const MARKER = 'bench-spec.json';

const SUBDIRS = ['', 'internal/', 'v2/', 'legacy/', 'helpers/'];

export interface GeneratedRepo {
  dir: string;
  hash: string;
  /** True when this run built it, false when it was reused. */
  created: boolean;
  generateMs: number;
}

export function specHash(spec: RepoSpec): string {
  return hashSpec(GENERATOR_VERSION, spec);
}

function filePath(random: Random, index: number, prefix = ''): string {
  const ext = random() < 0.8 ? 'ts' : 'js';
  return `packages/${pick(random, PACKAGES)}/src/${pick(random, FEATURES)}/${pick(random, SUBDIRS)}${prefix}${pick(random, ['index', 'model', 'service', 'view', 'util'])}-${index}.${ext}`;
}

function between(random: Random, [min, max]: [number, number]): number {
  return min + Math.floor(random() * (max - min + 1));
}

function write(dir: string, path: string, content: string | Buffer): void {
  const full = join(dir, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, content);
}

const git = benchGit;

/** Per-file generators seeded from the case and the file, so the base can be regenerated for editing. */
function baseFile(spec: RepoSpec, index: number): { path: string; lines: string[] } {
  const random = seededRandom(spec.seed * 1_000_003 + index);
  const path = filePath(random, index);
  return { path, lines: sourceFile(random, between(random, spec.baseLines)) };
}

function writeBase(dir: string, spec: RepoSpec): void {
  for (let index = 0; index < spec.baseFiles; index++) {
    const { path, lines } = baseFile(spec, index);
    write(dir, path, lines.join('\n') + '\n');
  }
  write(dir, 'README.md', `# bench ${spec.name}\n`);
  if (spec.lockfileEntries > 0)
    write(dir, 'package-lock.json', lockfileText(seededRandom(spec.seed), spec.lockfileEntries));
}

function stageChanges(dir: string, spec: RepoSpec): void {
  const random = seededRandom(spec.seed ^ 0x5eed);
  let index = 0;
  for (let k = 0; k < spec.modified; k++, index++) {
    const { path, lines } = baseFile(spec, index);
    write(dir, path, editLines(random, lines, { sites: between(random, spec.editSites) }).join('\n') + '\n');
  }
  for (let k = 0; k < spec.deleted; k++, index++) unlinkSync(join(dir, baseFile(spec, index).path));
  for (let k = 0; k < spec.renamed; k++, index++) {
    const target = filePath(random, index, 'moved-');
    mkdirSync(dirname(join(dir, target)), { recursive: true });
    renameSync(join(dir, baseFile(spec, index).path), join(dir, target));
  }
  for (let k = 0; k < spec.added; k++) {
    write(
      dir,
      filePath(random, spec.baseFiles + k, 'new-'),
      sourceFile(random, between(random, spec.addedLines)).join('\n') + '\n',
    );
  }
  // A lockfile regenerated with other versions and more packages: large, and listed only.
  if (spec.lockfileEntries > 0)
    write(dir, 'package-lock.json', lockfileText(seededRandom(spec.seed + 1), Math.ceil(spec.lockfileEntries * 1.1)));
  if (spec.binary) write(dir, 'assets/logo.png', binaryBytes(random, 48 * 1024));
  if (spec.longLineMB) write(dir, 'web/app.bundle.js', `${minifiedLine(random, spec.longLineMB * 1024 * 1024)}\n`);
}

/** The case's repository, built when missing, stale (another spec hash) or when `fresh` is asked. */
export function ensureRepo(spec: RepoSpec, options: { fresh?: boolean } = {}): GeneratedRepo {
  const hash = specHash(spec);
  const started = performance.now();
  const { dir, created } = ensureCachedRepo({
    reposDir: REPOS_DIR,
    name: spec.name,
    hash,
    marker: MARKER,
    spec,
    fresh: options.fresh,
    build: (root) => {
      writeBase(root, spec);
      git(root, ['add', '-A']);
      git(root, ['commit', '-q', '--no-verify', '-m', 'base']);
      stageChanges(root, spec);
      git(root, ['add', '-A']);
      return {};
    },
  });
  return { dir, hash, created, generateMs: created ? performance.now() - started : 0 };
}
