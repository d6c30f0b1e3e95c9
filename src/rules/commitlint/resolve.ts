// Where the repository's own copy of a commitlint package is: node_modules beside the configuration or above it,
// or beside the repository's @commitlint/cli (pnpm keeps a package's dependencies next to its real directory).
import { readFile, realpath } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

interface PackageJson {
  version?: string;
  main?: string;
  exports?: unknown;
}

/** The file an `import` of the package loads: its "exports" entry for ".", else "main", else index.js. */
function entryOf(pkg: PackageJson): string {
  const root = pkg.exports;
  const dot = typeof root === 'object' && root !== null && '.' in root ? (root as Record<string, unknown>)['.'] : root;
  const pick = (value: unknown): string | undefined => {
    if (typeof value === 'string') return value;
    if (typeof value !== 'object' || value === null) return undefined;
    const conditions = value as Record<string, unknown>;
    return pick(conditions.import) ?? pick(conditions.node) ?? pick(conditions.default);
  };
  return pick(dot) ?? pkg.main ?? 'index.js';
}

/** The package's directory in the nearest node_modules at or above `from`, or undefined. */
async function findPackageDir(name: string, from: string): Promise<{ dir: string; pkg: PackageJson } | undefined> {
  let current = resolve(from);
  for (;;) {
    const dir = join(current, 'node_modules', name);
    const text = await readFile(join(dir, 'package.json'), 'utf8').catch(() => undefined);
    if (text !== undefined) {
      try {
        return { dir, pkg: JSON.parse(text) as PackageJson };
      } catch {
        return undefined;
      }
    }
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

export interface InstalledPackage {
  /** The absolute path of the file an import of the package loads. */
  entry: string;
  version: string;
}

/** The package as the repository installed it, or undefined when it did not. */
export async function resolveRepositoryPackage(name: string, from: string): Promise<InstalledPackage | undefined> {
  const found = await findPackageDir(name, from).then(async (direct) => {
    if (direct) return direct;
    const cli = await findPackageDir('@commitlint/cli', from);
    return cli ? findPackageDir(name, dirname(await realpath(cli.dir).catch(() => cli.dir))) : undefined;
  });
  return found ? { entry: join(found.dir, entryOf(found.pkg)), version: found.pkg.version ?? '0.0.0' } : undefined;
}
