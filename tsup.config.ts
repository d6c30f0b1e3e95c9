import { defineConfig } from 'tsup';

// One ESM bundle for the CLI; provider SDKs and the prompts UI are split into chunks that load only when used.
export default defineConfig({
  entry: { cli: 'src/cli/main.ts', 'diff-worker': 'src/pool/diff-worker.ts' },
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  splitting: true,
  clean: true,
  sourcemap: false,
  banner: { js: '#!/usr/bin/env node' },
});
