// scripts/import-groups-plugin.ts on a small project built with esbuild's code splitting, as tsup builds the CLI:
// the members of a group become one lazy chunk, each import() still gets its own module's exports, a module outside
// the groups and an exempt importer keep their own, and a member that nothing imports fails the build.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterEach, describe, expect, it } from 'vitest';
import { importGroups } from '../../scripts/import-groups-plugin.js';

let root: string | undefined;
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

/** A project whose entry imports a, b (each with a dependency of its own) and c lazily, and an exempt module b too. */
function writeProject(): string {
  root = mkdtempSync(join(tmpdir(), 'git-ai-import-groups-'));
  mkdirSync(join(root, 'src'));
  const files: Record<string, string> = {
    'entry.ts': [
      "type A = typeof import('./a.js');",
      "const [a, b]: [A, typeof import('./b.js')] = await Promise.all([import('./a.js'), import( './b.js' )]);",
      'const c = await import("./c.js");',
      "const { viaExempt } = await import('./exempt.js');",
      'console.log(a.name, b.name, c.name, await viaExempt());',
    ].join('\n'),
    'a.ts': "import { suffix } from './shared-a.js';\nexport const name = `a${suffix}`;",
    'shared-a.ts': "export const suffix = '!';",
    'b.ts': "import { suffix } from './shared-b.js';\nexport const name = `b${suffix}`;",
    'shared-b.ts': "export const suffix = '?';",
    'c.ts': "export const name = 'c';",
    'exempt.ts': "export const viaExempt = async () => (await import('./b.js')).name;",
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, 'src', name), `${text}\n`);
  return root;
}

async function buildProject(dir: string, groups: Record<string, string[]>, exempt: string[] = []): Promise<void> {
  await build({
    absWorkingDir: dir,
    entryPoints: { entry: join(dir, 'src/entry.ts') },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    outdir: join(dir, 'out'),
    logLevel: 'silent',
    plugins:
      Object.keys(groups).length === 0
        ? []
        : [importGroups({ root: dir, groups, checkedEntry: 'src/entry.ts', exempt })],
  });
}

/** The output files that hold any of these source modules (esbuild names each in a `// src/<name>.ts` line). */
function filesHolding(dir: string, modules: string[]): string[] {
  return readdirSync(join(dir, 'out')).filter((file) => {
    const text = readFileSync(join(dir, 'out', file), 'utf8');
    return modules.some((name) => text.includes(`// src/${name}.ts\n`));
  });
}

const run = (dir: string) => execFileSync(process.execPath, [join(dir, 'out/entry.js')], { encoding: 'utf8' }).trim();

describe('importGroups', () => {
  it("loads a group's members as one chunk, each import() getting its own module", async () => {
    const dir = writeProject();
    await buildProject(dir, {});
    expect(run(dir)).toBe('a! b? c b?');
    expect(filesHolding(dir, ['a', 'b'])).toHaveLength(2);
    rmSync(join(dir, 'out'), { recursive: true });
    await buildProject(dir, { ab: ['src/a.ts', 'src/b.ts'] });
    expect(run(dir)).toBe('a! b? c b?');
    // a and b and their dependencies are one file; c keeps its own.
    expect(filesHolding(dir, ['a', 'shared-a', 'b', 'shared-b'])).toHaveLength(1);
    expect(filesHolding(dir, ['a', 'c'])).toHaveLength(2);
  });

  it("an exempt importer's import() loads only the module it names", async () => {
    const dir = writeProject();
    await buildProject(dir, { ab: ['src/a.ts', 'src/b.ts'] }, ['src/exempt.ts']);
    expect(run(dir)).toBe('a! b? c b?');
    // b is an entry of its own too, for the exempt module: a and b are in two files.
    expect(filesHolding(dir, ['a', 'b'])).toHaveLength(2);
  });

  it('fails the build for a member that nothing imports dynamically', async () => {
    const dir = writeProject();
    await expect(buildProject(dir, { ab: ['src/a.ts', 'src/shared-a.ts'] })).rejects.toThrow(
      /nothing imports .*shared-a\.ts dynamically/,
    );
  });

  it('refuses a member in two groups', () => {
    expect(() =>
      importGroups({ root: '/x', groups: { one: ['src/a.ts'], two: ['src/a.ts'] }, checkedEntry: 'src/entry.ts' }),
    ).toThrow(/src\/a\.ts is in two groups/);
  });
});
