// `NODE_OPTIONS=--import=<this file>` with GIT_AI_TEST_MODULE_LOG=<file>: every module file the process loads is
// appended to that file, one URL a line, so a test can tell which bundled chunks a run of the CLI really loaded.
import { register } from 'node:module';
import process from 'node:process';

const log = process.env.GIT_AI_TEST_MODULE_LOG;
if (log) {
  const hooks = `
    import { appendFileSync } from 'node:fs';
    export async function load(url, context, next) {
      if (url.startsWith('file:')) appendFileSync(${JSON.stringify(log)}, url + '\\n');
      return next(url, context);
    }`;
  register(`data:text/javascript,${encodeURIComponent(hooks)}`);
}
