// Reading what test/support/module-log.mjs recorded: the hook to pass in NODE_OPTIONS, and the files a run loaded.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `NODE_OPTIONS: --import=${MODULE_LOG_HOOK}` with GIT_AI_TEST_MODULE_LOG=<file> logs every module a run loads. */
export const MODULE_LOG_HOOK = join(import.meta.dirname, 'module-log.mjs');

/**
 * The module files a run loaded, each once, as paths; throws if the hook wrote no log. A chunk the code cache runs
 * (scripts/code-cache-plugin.ts) is its stub in the log: the CommonJS body the stub ran, which lists esbuild's
 * `// src/…` lines of its modules on top, is listed with it.
 */
export function loadedFiles(log: string): string[] {
  if (!existsSync(log)) throw new Error('the module log was not written: the hook did not run');
  const files = readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((url) => fileURLToPath(url));
  const withCopies = files.flatMap((file) => {
    const body = file.replace(/\.js$/, '.cjs');
    return body !== file && existsSync(body) ? [file, body] : [file];
  });
  return [...new Set(withCopies)];
}
