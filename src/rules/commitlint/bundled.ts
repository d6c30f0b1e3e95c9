// The copy of commitlint's loader and linter bundled with git-ai: a chunk of its own, imported only when a configuration
// exists (see load.ts for when the repository's own install is used instead, and tsup.config.ts for what is left out).
import lintPackage from '@commitlint/lint/package.json' with { type: 'json' };

export { default as load } from '@commitlint/load';
export { default as lint } from '@commitlint/lint';
export const version: string = lintPackage.version;
