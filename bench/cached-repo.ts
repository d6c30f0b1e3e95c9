// Generated benchmark repositories, built once and reused while their spec (hashed with its generator's version) holds.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isolatedEnv } from './env.js';

/** git in a generated repository, with nobody's config and no background gc. */
export function benchGit(dir: string, args: string[]): string {
  return execFileSync('git', ['-c', 'gc.auto=0', ...args], {
    cwd: dir,
    env: isolatedEnv(),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
}

export function hashSpec(generatorVersion: number | string, spec: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify({ GENERATOR_VERSION: generatorVersion, spec }))
    .digest('hex')
    .slice(0, 12);
}

export interface CachedRepoOptions<Meta extends object> {
  reposDir: string;
  /** The case's name: older repositories of the same name are removed when it is rebuilt. */
  name: string;
  hash: string;
  /** File under .git that records the spec hash (and `Meta`) of a finished repository. */
  marker: string;
  spec: unknown;
  fresh?: boolean;
  /** Writes and commits the base, then stages the change; returns what the marker keeps beside the hash. */
  build(dir: string): Meta;
  /** Whether a saved marker holds everything a reuse needs (defaults to yes). */
  complete?(saved: Partial<Meta>): saved is Meta;
}

/** The repository's folder and its recorded `Meta`, built when missing, stale (another hash) or when `fresh` is asked. */
export function ensureCachedRepo<Meta extends object>(
  options: CachedRepoOptions<Meta>,
): { dir: string; created: boolean; meta: Meta } {
  const dir = join(options.reposDir, `${options.name}-${options.hash}`);
  const marker = join(dir, '.git', options.marker);
  if (!options.fresh && existsSync(marker)) {
    const saved = JSON.parse(readFileSync(marker, 'utf8')) as Partial<Meta> & { hash?: string };
    if (saved.hash === options.hash && (options.complete?.(saved) ?? true))
      return { dir, created: false, meta: saved as Meta };
  }
  mkdirSync(options.reposDir, { recursive: true });
  for (const entry of readdirSync(options.reposDir)) {
    if (entry.startsWith(`${options.name}-`)) rmSync(join(options.reposDir, entry), { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });
  benchGit(dir, ['init', '-q', '-b', 'main']);
  const meta = options.build(dir);
  writeFileSync(
    marker,
    JSON.stringify({ hash: options.hash, spec: options.spec, ...meta, generatedAt: new Date().toISOString() }, null, 2),
  );
  return { dir, created: true, meta };
}
