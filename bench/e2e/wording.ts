// Model-like wording for the responder: one-sentence file summaries, commit headers of 40-60 characters, short bodies.
import type { ListedFile } from './prompt-text.js';

const NOUNS = [
  'cache entry',
  'request',
  'config file',
  'token budget',
  'session',
  'retry',
  'queue',
  'schema',
  'route',
  'option',
];
const PLURALS = [
  'cache entries',
  'requests',
  'config files',
  'token budgets',
  'sessions',
  'retries',
  'queued jobs',
  'schemas',
  'routes',
  'options',
];
const FIXES = ['refactor', 'fix', 'feat', 'perf'] as const;

/** A stable small number from a text, for choices that look varied but repeat run after run. */
export function hashOf(text: string): number {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619) >>> 0;
  return hash;
}

function choose<T>(items: readonly T[], seed: number): T {
  return items[seed % items.length]!;
}

function baseName(path: string): string {
  return path
    .split('/')
    .pop()!
    .replace(/\.\w+$/, '');
}

export function fileKindOf(file: ListedFile): 'source' | 'test' | 'docs' {
  if (/\.test\.\w+$|\/test\//.test(file.path)) return 'test';
  return file.path.endsWith('.md') ? 'docs' : 'source';
}

export interface FileSummary {
  summary: string;
  kind: string;
  significance: number;
}

/** What a model says about one file: at most 15 words on what changed and why. */
export function summariseFile(file: ListedFile, symbols: readonly string[]): FileSummary {
  const seed = hashOf(file.path);
  const name = symbols[0] ?? baseName(file.path);
  const noun = choose(NOUNS, seed);
  const other = choose(NOUNS, seed >>> 4);
  const kind = fileKindOf(file);
  if (kind === 'test')
    return {
      summary: `Covers ${name} with cases for an empty ${noun} and a failing ${other}.`,
      kind: 'test',
      significance: 0.3,
    };
  if (kind === 'docs')
    return {
      summary: `Documents the new ${noun} settings and how the ${other} is configured.`,
      kind: 'docs',
      significance: 0.15,
    };
  if (file.status === 'added')
    return {
      summary: `Adds ${name}, a ${noun} helper the ${other} service now uses to build requests.`,
      kind: 'feat',
      significance: 0.75,
    };
  if (file.status === 'deleted')
    return {
      summary: `Removes the unused ${baseName(file.path)} module and its ${noun} helpers.`,
      kind: 'refactor',
      significance: 0.3,
    };
  if (file.status === 'renamed')
    return {
      summary: `Moves ${baseName(file.path)} into its feature directory without changing behaviour.`,
      kind: 'refactor',
      significance: 0.2,
    };
  const templates = [
    `Validates the ${noun} in ${name} before it reaches the ${other}, so bad input fails early.`,
    `Moves ${noun} handling out of ${name} into a helper shared with the ${other} code.`,
    `Caches the ${noun} lookup in ${name}, so repeated ${other} calls skip a second read.`,
    `Fixes ${name} returning a stale ${noun} when the ${other} changes between calls.`,
  ];
  return {
    summary: choose(templates, seed >>> 8),
    kind: choose(FIXES, seed >>> 12),
    significance: 0.55 + (seed % 35) / 100,
  };
}

const SUBJECTS = [
  'validate cache entries before building requests',
  'retry failed requests once before giving up',
  'share token budgeting across request builders',
  'move config loading into the session service',
  'keep request order when merging cached results',
  'stop reading the config file on every call',
  'add a scheduler for background sync jobs',
  'reject invalid options before the first fetch',
  'cache schema lookups per session',
  'split the request queue by priority',
];

/** `count` distinct headers of 40-60 characters: `type(scope): subject`, the scope dropped when none fits. */
export function writeHeaders(options: { type: string; scope?: string; count: number; seed: number }): string[] {
  const prefix = options.scope ? `${options.type}(${options.scope}): ` : `${options.type}: `;
  const fitting = SUBJECTS.filter(
    (subject) => prefix.length + subject.length >= 40 && prefix.length + subject.length <= 60,
  );
  const pool = fitting.length >= options.count ? fitting : SUBJECTS;
  const start = options.seed % pool.length;
  return Array.from({ length: options.count }, (_, k) => `${prefix}${pool[(start + k) % pool.length]!}`);
}

/** A body of 1-3 bullet lines, each under 72 columns. */
export function writeBody(options: { files: number; scope?: string; seed: number }): string {
  const where = options.scope ? `the ${options.scope} package` : 'the affected packages';
  const lines = [
    `- ${choose(['Validate', 'Cache', 'Reorder'], options.seed)} ${choose(PLURALS, options.seed >>> 3)} in ${where} before use`,
    '- Update the tests and the guide for the new behaviour',
  ];
  if (options.files > 100) lines.push('- Remove the legacy helpers that the new services replace');
  return lines.join('\n');
}
