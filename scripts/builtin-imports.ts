// After the build: each chunk's ES imports of Node's built-ins (`import { spawn } from "child_process"`, the banner's
// `node:module`) become `process.getBuiltinModule()` calls. An ES import of a built-in makes Node build its ESM facade,
// which reads every export once, so lazy ones load for nothing: `node:crypto`'s facade loads WebCrypto, `node:util`'s
// the MIME parser, `node:buffer`'s File. The values are the same objects (a built-in's exports never change unless
// module.syncBuiltinESMExports is called, which git-ai does not), read when the chunk runs instead of when it links.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join } from 'node:path';

// esbuild writes each import on one line: `import * as a from "x";`, `import a from "x";`, `import { b, c as d } from
// "x";` or `import a, { b } from "x";`.
const IMPORT = /^import (?:\* as ([\w$]+)|([\w$]+)?(?:, )?(?:\{([^}]*)\})?) from (["'])([^"']+)\4;$/gm;

function rewrite(code: string): string {
  return code.replace(
    IMPORT,
    (statement, namespace?: string, name?: string, named?: string, _quote?, specifier = '') => {
      if (!isBuiltin(specifier)) return statement;
      const module = `process.getBuiltinModule(${JSON.stringify(specifier)})`;
      if (namespace !== undefined) return `const ${namespace} = ${module};`;
      const bindings = named?.trim() ? `{ ${named.trim().replace(/([\w$]+) as ([\w$]+)/g, '$1: $2')} }` : undefined;
      if (name === undefined) return bindings === undefined ? statement : `const ${bindings} = ${module};`;
      return bindings === undefined
        ? `const ${name} = ${module};`
        : `const ${name} = ${module}, ${bindings} = ${name};`;
    },
  );
}

export function loadBuiltinsWithoutFacades(outDir: string): void {
  for (const file of readdirSync(outDir).filter((name) => name.endsWith('.js'))) {
    const path = join(outDir, file);
    const code = readFileSync(path, 'utf8');
    const rewritten = rewrite(code);
    const left = [...rewritten.matchAll(/^import\b.*?from (["'])([^"']+)\1;?$/gm)].find((match) =>
      isBuiltin(match[2]!),
    );
    if (left) throw new Error(`builtin imports: ${file} still imports a built-in: ${left[0]}`);
    if (rewritten !== code) writeFileSync(path, rewritten);
  }
}
