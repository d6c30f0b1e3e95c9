// Where each generated file lives and what it holds: the same spec and index always give the same path and text.
import { FEATURES, PACKAGES, seededRandom, sourceFile, pick, type Random } from '../source-text.js';
import { changedFiles, type E2eSpec } from './cases.js';
import { docFile, testFile } from './text.js';

const SUBDIRS = ['', '', 'internal/', 'adapters/', 'v2/'];
const NAMES = ['index', 'model', 'service', 'view', 'util', 'client', 'schema', 'handler', 'format', 'state'];
const TOPICS = ['guide', 'config', 'api', 'migration', 'faq', 'architecture'];

export type FileKind = 'src' | 'test' | 'doc';

export interface LaidOutFile {
  path: string;
  lines: string[];
}

export function between(random: Random, [min, max]: [number, number]): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** Changed files stay within a few packages, as a real change does; the largest one spreads over all of them. */
function packageOf(spec: E2eSpec, random: Random): string {
  const spread = Math.min(PACKAGES.length, 1 + Math.ceil(changedFiles(spec) / 60));
  return pick(random, PACKAGES.slice(0, spread));
}

function seedOf(spec: E2eSpec, kind: FileKind, index: number, salt = 0): Random {
  const kindSalt = kind === 'src' ? 1 : kind === 'test' ? 2 : 3;
  return seededRandom(spec.seed * 1_000_003 + kindSalt * 100_003 + index * 7 + salt);
}

/** A file's path; changed files (`clustered`) stay in a few packages, untouched ones go anywhere. */
export function pathOf(
  spec: E2eSpec,
  kind: FileKind,
  index: number,
  options: { clustered: boolean; prefix?: string },
): string {
  const random = seedOf(spec, kind, index, options.prefix === undefined ? 0 : 1);
  const pkg = options.clustered ? packageOf(spec, random) : pick(random, PACKAGES);
  const prefix = options.prefix ?? '';
  if (kind === 'doc') return `docs/${pkg}/${prefix}${pick(random, TOPICS)}-${index}.md`;
  const feature = pick(random, FEATURES);
  const name = `${prefix}${pick(random, NAMES)}-${index}`;
  if (kind === 'test') return `packages/${pkg}/test/${feature}/${name}.test.ts`;
  return `packages/${pkg}/src/${feature}/${pick(random, SUBDIRS)}${name}.ts`;
}

/** The text of a file of the given kind and size, seeded by its index. */
export function contentOf(
  spec: E2eSpec,
  kind: FileKind,
  index: number,
  lineRange: [number, number],
  salt = 0,
): string[] {
  const random = seedOf(spec, kind, index, 10 + salt);
  const count = between(random, lineRange);
  if (kind === 'test') return testFile(random, Math.max(20, Math.round(count * 0.6)), `${pick(random, NAMES)}${index}`);
  if (kind === 'doc') return docFile(random, Math.max(12, Math.round(count / 4)), `${pick(random, TOPICS)} ${index}`);
  return sourceFile(random, count);
}

/** A base file as committed before the change. */
export function baseFile(spec: E2eSpec, kind: FileKind, index: number, clustered: boolean): LaidOutFile {
  return { path: pathOf(spec, kind, index, { clustered }), lines: contentOf(spec, kind, index, spec.baseLines) };
}
