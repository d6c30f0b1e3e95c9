// After the build: the commands chunk (the code every command runs, tsup.config.ts's lazyGroups) becomes CommonJS
// that src/cli/code-cache.ts compiles with V8's cached data, on every Node version: Node 22.1+'s own compile cache
// (src/cli/entry.ts) keeps what V8 compiled before the module ran, not the functions the run compiled on first call,
// and this chunk's were most of its CPU (Node 24, e2e-ab --warm-code, 12 pairs: one file 195 -> 176 ms, four files
// 284 -> 246 ms). `commands-<hash>.js` is replaced by a stub that imports what the chunk imported and runs `.cjs`
// through the code cache. esbuild does the conversion, so imported bindings stay live (`import_x.name`) and dynamic
// imports stay imports.
import { build, transform } from 'esbuild';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const BANNER_REQUIRE = 'const require = __createRequire(import.meta.url);';

export async function addCodeCache(distDir: string, chunkPrefix = 'commands-'): Promise<void> {
  const name = readdirSync(distDir).find((file) => file.startsWith(chunkPrefix) && file.endsWith('.js'));
  if (name === undefined) throw new Error(`code cache: no ${chunkPrefix}*.js chunk in ${distDir}`);
  const path = join(distDir, name);
  const original = readFileSync(path, 'utf8');
  const stem = name.slice(0, -'.js'.length);

  const analysed = await build({
    entryPoints: [path],
    bundle: true,
    external: ['*'],
    format: 'esm',
    platform: 'node',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const input = Object.values(analysed.metafile.inputs)[0]!;
  const staticImports = [
    ...new Set(input.imports.filter((entry) => entry.kind === 'import-statement').map((entry) => entry.path)),
  ];
  const exports = Object.values(analysed.metafile.outputs)[0]!.exports;
  // The stub copies each export once: only constants (esbuild's `<module>_exports` namespaces) can be copied so.
  if (
    !exports.every((entry) => /^m\d+$/.test(entry)) ||
    !/^export \{\n(?: {2}\w+_exports\d* as m\d+,?\n)+\};$/m.test(original)
  )
    throw new Error(`code cache: ${name} exports more than its modules' namespaces`);

  const body = await transform(original.replace(/^#!.*\n/, '').replace(BANNER_REQUIRE, ''), {
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    define: { 'import.meta.url': '__importMetaUrl' },
    logLevel: 'silent',
  });
  if (body.code.includes('__toESM(require('))
    throw new Error(`code cache: ${name} has a default import, which a namespace passed as require() cannot give`);
  // vm.Script's own dynamic import needs --experimental-vm-modules on Node 20: the stub passes `import()` in. Every
  // one must be an expression (a specifier or a computed URL), so a comment or a string saying `import(` fails here.
  const dynamicImport = /(?<![\w$.])import\(/g;
  for (const match of body.code.matchAll(dynamicImport))
    if (!/^import\((?:"\.\/[\w.-]+\.js"\)|\(0, )/.test(body.code.slice(match.index, match.index + 40)))
      throw new Error(`code cache: ${name} has an import( that is not an expression at ${match.index}`);
  // esbuild's `// src/…` line before each module is lost in the conversion: the body keeps them as a list on top, which
  // the tests read to tell what a run loaded (test/support/module-log.ts).
  const modules = original.match(/^\/\/ (?:src|\S*node_modules)\/\S+$/gm) ?? [];
  writeFileSync(
    join(distDir, `${stem}.cjs`),
    `${modules.join('\n')}\n(function (require, module, exports, __importMetaUrl, __import) {\n"use strict";\n${body.code.replace(dynamicImport, '__import(')}\n})`,
  );

  const lines = [
    "import { loadWithCodeCache } from './code-cache.js';",
    ...staticImports.map((specifier, index) => `import * as d${index} from ${JSON.stringify(specifier)};`),
    `const m = loadWithCodeCache(new URL('./${stem}.cjs', import.meta.url), {`,
    ...staticImports.map((specifier, index) => `    ${JSON.stringify(specifier)}: d${index},`),
    '  }, import.meta.url, (specifier) => import(specifier));',
    ...exports.map((entry) => `export const ${entry} = m.${entry};`),
    '',
  ];
  writeFileSync(path, lines.join('\n'));
}
