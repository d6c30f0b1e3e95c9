// Real commitlint in test repositories: the project's own install (from the npm registry, as devDependencies) made the
// repository's node_modules, and the real `commitlint` CLI run on a message.
import { appendFileSync, mkdirSync, symlinkSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT, type TempRepo } from './temp-repo.js';

export const COMMITLINT_CLI = join(PROJECT_ROOT, 'node_modules/@commitlint/cli/cli.js');

/** Makes `repo`'s node_modules the project's (a link, kept out of git), so its config's `extends` resolve as a user's would. */
export function installCommitlint(repo: TempRepo): void {
  symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(repo.dir, 'node_modules'), 'dir');
  mkdirSync(join(repo.dir, '.git/info'), { recursive: true });
  appendFileSync(join(repo.dir, '.git/info/exclude'), 'node_modules\n');
}

/** Writes a commitlint configuration (an ES module) to the repository. */
export function writeCommitlintConfig(repo: TempRepo, config: object, name = 'commitlint.config.mjs'): void {
  repo.write(
    name,
    name.endsWith('.json') ? JSON.stringify(config) : `export default ${JSON.stringify(config, null, 2)};\n`,
  );
  appendFileSync(join(repo.dir, '.git/info/exclude'), `${name}\n`);
}

/** The real commitlint CLI on `message`, in the repository: its exit code and report. */
export function runCommitlint(repo: TempRepo, message: string): { code: number; output: string } {
  const result = spawnSync(process.execPath, [COMMITLINT_CLI], {
    cwd: repo.dir,
    env: repo.env,
    input: message,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status ?? -1, output: `${result.stdout}${result.stderr}` };
}

export const CONVENTIONAL = { extends: ['@commitlint/config-conventional'] };
