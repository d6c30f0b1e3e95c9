// Builds the CLI once before the suite so end-to-end tests run what users run.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from './temp-repo.js';

export default function setup(): void {
  execFileSync(process.execPath, [join(PROJECT_ROOT, 'node_modules/tsup/dist/cli-default.js'), '--silent'], {
    cwd: PROJECT_ROOT,
    stdio: 'inherit',
  });
}
