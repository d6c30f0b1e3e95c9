// Where a worker thread's code is, for the token pool's workers.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

export interface WorkerEntry {
  filename: string;
  execArgv?: string[];
}

/**
 * Where the worker `name`'s code is, judged from the starting module's own URL: next to it as `name`.js in the
 * bundle (dist/, where every chunk sits side by side), or as `name`.ts beside the module under tsx/vitest, where
 * the worker needs tsx loaded as well.
 */
export function resolveWorkerEntry(moduleUrl: string, name = 'diff-worker'): WorkerEntry {
  if (!moduleUrl.endsWith('.ts')) return { filename: new URL(`./${name}.js`, moduleUrl).href };
  // An absolute URL, so the worker finds tsx whatever the current directory is.
  const tsx = pathToFileURL(createRequire(moduleUrl).resolve('tsx')).href;
  return { filename: new URL(`./${name}.ts`, moduleUrl).href, execArgv: ['--import', tsx] };
}
