import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

// One ESM bundle for the CLI, dependencies included: resolving and loading zod's ~100 files and the other packages
// from node_modules cost ~45 ms of every run (173 vs 220 ms for an offline commit). Provider SDKs, encodings and the
// prompts UI are chunks that load only when used. piscina stays external: it starts workers from a file of its own.
export default defineConfig({
  entry: { cli: 'src/cli/entry.ts', 'diff-worker': 'src/pool/diff-worker.ts' },
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  splitting: true,
  clean: true,
  sourcemap: false,
  noExternal: [/^(?!piscina$)/],
  define: { __VERSION__: JSON.stringify(version) },
  // Bundled CommonJS code (the AI SDK's gateway) calls require() for Node built-ins; ESM has none of its own.
  banner: { js: "#!/usr/bin/env node\nimport { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);" },
});
