// Reading what test/support/module-log.mjs recorded: the hook to pass in NODE_OPTIONS, and the files a run loaded.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `NODE_OPTIONS: --import=${MODULE_LOG_HOOK}` with GIT_AI_TEST_MODULE_LOG=<file> logs every module a run loads. */
export const MODULE_LOG_HOOK = join(import.meta.dirname, 'module-log.mjs');

/** The module files a run loaded, each once, as paths; throws if the hook wrote no log. */
export function loadedFiles(log: string): string[] {
  if (!existsSync(log)) throw new Error('the module log was not written: the hook did not run');
  return [...new Set(readFileSync(log, 'utf8').split('\n').filter(Boolean))].map((url) => fileURLToPath(url));
}
