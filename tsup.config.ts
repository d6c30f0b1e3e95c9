import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { defineConfig, type Options } from 'tsup';
import { loadBuiltinsWithoutFacades } from './scripts/builtin-imports.js';
import { addCodeCache } from './scripts/code-cache-plugin.js';
import { writeLicenseNotices, writeManPage } from './scripts/dist-extras.js';
import { importGroups } from './scripts/import-groups-plugin.js';
import { packedVocabularies } from './scripts/vocabulary-plugin.js';
import { zod3Kinds } from './scripts/zod3-kinds-plugin.js';

type Plugin = NonNullable<Options['esbuildPlugins']>[number];

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

// The build's identity, part of the early answer's cache key (src/cache/early-answer.ts): any change to the sources
// (a prompt's wording, the budgeting, a default) or to a bundled dependency's version is a new key.
function buildId(): string {
  const hash = createHash('sha256');
  const files = readdirSync('src', { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  for (const file of [...files, 'package-lock.json']) hash.update(`${file}\0`).update(readFileSync(file)).update('\0');
  return hash.digest('hex').slice(0, 32);
}

// One ESM bundle for the CLI, dependencies included: resolving and loading zod's ~100 files and the other packages
// from node_modules cost ~45 ms of every run (173 vs 220 ms for an offline commit). Provider SDKs, encodings and the
// prompts UI are chunks that load only when used. piscina stays external: it starts workers from a file of its own.
// commitlint's loader imports a TypeScript-config loader that pulls in all of TypeScript (9.9 MB). The bundled copy
// is only the fallback for repositories without commitlint installed; a `.ts` config there says to install it.
const commitlintTypeScriptShim: Plugin = {
  name: 'commitlint-typescript-shim',
  setup(build) {
    build.onResolve({ filter: /^cosmiconfig-typescript-loader$/ }, () => ({
      path: 'shim',
      namespace: 'commitlint-ts-shim',
    }));
    build.onLoad({ filter: /.*/, namespace: 'commitlint-ts-shim' }, () => ({
      contents:
        "export function TypeScriptLoader() { return () => { throw new Error('a TypeScript commitlint config needs commitlint installed in the repository (npm install -D @commitlint/cli)'); }; }",
      loader: 'js',
    }));
    // The validator reads its JSON schema through createRequire, which a bundle cannot follow: import it instead.
    build.onLoad({ filter: /@commitlint[\\/]config-validator[\\/]lib[\\/]validate\.js$/ }, async (args) => ({
      contents: (await readFile(args.path, 'utf8')).replace(
        'const schema = require("./commitlint.schema.json");',
        'import schema from "./commitlint.schema.json";',
      ),
      loader: 'js',
      resolveDir: dirname(args.path),
    }));
  },
};

// zod re-exports its ~50 message locales (340 kB, 45% of zod) as `z.locales`, which nothing here uses; the bundle
// keeps English only (zod's default, imported by zod itself). Parsing them cost every command ~15-20 ms on Node 20.
const zodEnglishOnly: Plugin = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/]/.test(args.importer)
        ? { path: join(dirname(args.importer), '../locales/index.js'), namespace: 'zod-locales' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: "export { default as en } from './en.js';",
      loader: 'js',
      resolveDir: dirname(args.path),
    }));
  },
};

// Data the bundle reads at run time from beside its chunks (`new URL('./<name>', import.meta.url)`), copied there.
const besideChunks = (files: readonly string[]): Plugin => ({
  name: 'beside-chunks',
  setup(build) {
    build.onEnd((result) => {
      const outdir = build.initialOptions.outdir;
      if (result.errors.length > 0 || outdir === undefined) return;
      mkdirSync(outdir, { recursive: true });
      for (const file of files) copyFileSync(file, join(outdir, basename(file)));
    });
  },
});

// The lazy boundary the common runs cross (scripts/import-groups-plugin.ts): main with every command's own code and
// the remote engine with its provider code, one entry loaded at once. esbuild splits the modules two entries share
// into chunks of their own, and main's and the remote engine's shared most of theirs: a one-file remote dry run loaded
// 26 files as two groups and loads 10 as one, CPU 268 -> 221 ms (Node 20, bench/e2e-ab.ts, 14 interleaved runs
// each, load 10), a warm run 214 -> 208 and `git ai help` 116 -> 117 (git's CPU included, 16 each). Lazy on their
// own still: the offline engine, the AI SDK and zod (the analysis and repair schemas), the tokenizer's vocabularies,
// the worker pool, commitlint and the prompts UI.
const lazyGroups = importGroups({
  root: import.meta.dirname,
  checkedEntry: 'src/cli/entry.ts',
  groups: {
    commands: [
      'src/cli/main.ts',
      'src/cli/parse-argv.ts',
      'src/cli/commands/commit.ts',
      'src/cli/commands/hook.ts',
      'src/cli/commands/staged-change.ts',
      'src/pipeline/generate.ts',
      'src/cache/answered-hint.ts',
      'src/cli/commands/config.ts',
      'src/cli/commands/lint.ts',
      'src/cli/commands/setup.ts',
      'src/config/load.ts',
      'src/cli/help.ts',
      'src/config/keys.ts',
      'src/cli/ui/terminal.ts',
      'src/pipeline/remote-engine.ts',
      'src/providers/provider.ts',
      'src/providers/transport.ts',
      'src/providers/sdk-model.ts',
      'src/providers/exchange.ts',
      'src/providers/openai-chat.ts',
      'src/providers/capture.ts',
      'src/rules/commitlint/load.ts',
      'src/cli/commands/prompt.ts',
      'src/cli/ui/generation-view.ts',
      'src/providers/extra-ca.ts',
      'src/rules/repair-request.ts',
    ],
  },
});

// Where this build writes (`npx tsup --out-dir <dir>`, or bench/build-operation.ts's outDir), for onSuccess's steps,
// which tsup calls without it: they once wrote into dist/ whatever the out dir, so such a build had no code cache.
let outDir = 'dist';
const readOutDir: Plugin = {
  name: 'read-out-dir',
  setup(build) {
    outDir = build.initialOptions.outdir ?? outDir;
  },
};

export default defineConfig({
  entry: {
    cli: 'src/cli/entry.ts',
    'diff-worker': 'src/pool/diff-worker.ts',
    'code-cache': 'src/cli/code-cache.ts', // scripts/code-cache-plugin.ts
  },
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  splitting: true,
  clean: true,
  sourcemap: false,
  noExternal: [/^(?!piscina$|typescript$)/],
  external: ['typescript'],
  esbuildPlugins: [
    commitlintTypeScriptShim,
    zodEnglishOnly,
    packedVocabularies,
    zod3Kinds,
    lazyGroups,
    readOutDir,
    besideChunks(['src/tokens/o200k-pieces.json']), // src/tokens/known-pieces.ts
  ],
  define: { __VERSION__: JSON.stringify(version), __BUILD_ID__: JSON.stringify(buildId()) },
  // The man page (package.json `man`) and the bundled libraries' licence notices ship in dist/ with the bundle.
  metafile: true,
  onSuccess: async () => {
    writeManPage(outDir, version);
    writeLicenseNotices(outDir, process.cwd());
    await addCodeCache(outDir);
    loadBuiltinsWithoutFacades(outDir);
  },
  // Bundled CommonJS code (the AI SDK's gateway) calls require() for Node built-ins; ESM has none of its own.
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
  },
});
