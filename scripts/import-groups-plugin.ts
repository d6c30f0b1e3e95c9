// Dynamic imports grouped into fewer lazy boundaries. esbuild makes every import() target an entry point and puts each
// module in a chunk per set of entry points that reach it, so many small lazy targets on one path split its modules
// into many files, each one more file for Node to resolve (a realpath and a stat per import edge), read, compile and
// link, in one more wave per level of import(). Here each group's members become one entry, a module that re-exports
// them: `import('./x.js')` of a member, in git-ai's sources, loads the group and takes that member's exports.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Options } from 'tsup';

type Plugin = NonNullable<Options['esbuildPlugins']>[number];

const NAMESPACE = 'import-group';

/** `import('<relative path>')` with no second argument, not in a type (`typeof import(...)`). */
const DYNAMIC_IMPORT = /(?<![\w$.]|typeof\s)import\(\s*(['"])(\.\.?\/[^'"]+)\1\s*\)/g;

/**
 * The plugin for `groups`: a group's name to its members, source files relative to `root`. A member of two groups
 * is an error, as is, in a build of `checkedEntry` (the CLI's), a member nothing imports dynamically (moved, renamed).
 * The dynamic imports in `exempt` files load only the module they name.
 */
export function importGroups(options: {
  root: string;
  groups: Readonly<Record<string, readonly string[]>>;
  checkedEntry: string;
  exempt?: readonly string[];
}): Plugin {
  const { root, groups } = options;
  const exempt = new Set((options.exempt ?? []).map((file) => resolve(root, file)));
  const memberOf = new Map<string, { group: string; index: number }>();
  for (const [group, members] of Object.entries(groups))
    members.forEach((member, index) => {
      const file = resolve(root, member);
      if (memberOf.has(file)) throw new Error(`import groups: ${member} is in two groups`);
      memberOf.set(file, { group, index });
    });
  const seen = new Set<string>();
  return {
    name: 'import-groups',
    setup(build) {
      const entries = Object.values(build.initialOptions.entryPoints ?? {}).map(String);
      const checked = entries.some((entry) => resolve(root, entry) === resolve(root, options.checkedEntry));
      build.onStart(() => seen.clear());
      build.onResolve({ filter: /^import-group:/ }, (args) => ({
        path: args.path.slice(`${NAMESPACE}:`.length),
        namespace: NAMESPACE,
      }));
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => ({
        contents: groups[args.path]!.map(
          (member, index) => `export * as m${index} from ${JSON.stringify(resolve(root, member))};`,
        ).join('\n'),
        loader: 'ts',
        resolveDir: root,
      }));
      build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => {
        if (exempt.has(args.path)) return undefined;
        const source = await readFile(args.path, 'utf8');
        const contents = source.replace(DYNAMIC_IMPORT, (whole, _quote: string, specifier: string) => {
          const target = memberOf.get(resolve(dirname(args.path), specifier.replace(/\.js$/, '.ts')));
          if (target === undefined) return whole;
          seen.add(`${target.group}:${target.index}`);
          return `import(${JSON.stringify(`${NAMESPACE}:${target.group}`)}).then((group) => group.m${target.index})`;
        });
        return contents === source ? undefined : { contents, loader: 'ts' };
      });
      build.onEnd(() => {
        if (checked)
          for (const [file, { group, index }] of memberOf)
            if (!seen.has(`${group}:${index}`)) throw new Error(`import groups: nothing imports ${file} dynamically`);
      });
    },
  };
}
