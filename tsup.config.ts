import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

// One ESM bundle for the CLI; provider SDKs and the prompts UI are split into chunks that load only when used.
export default defineConfig({
  entry: { cli: 'src/cli/main.ts', 'diff-worker': 'src/pool/diff-worker.ts' },
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  splitting: true,
  clean: true,
  sourcemap: false,
  define: { __VERSION__: JSON.stringify(version) },
  banner: { js: '#!/usr/bin/env node' },
});
