// npm runs this (`prepare`) after installing the devDependencies. lefthook's own postinstall runs `lefthook install`
// in this repository: it writes its prepare-commit-msg hook into our hooks folder and an example lefthook.yml. The
// tests need only lefthook's binary (they install it in their own temporary repositories), so both are removed here.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const git = (...args) => execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();

try {
  const hooks = git('rev-parse', '--path-format=absolute', '--git-path', 'hooks');
  for (const name of ['prepare-commit-msg']) {
    const path = join(hooks, name);
    if (existsSync(path) && readFileSync(path, 'utf8').includes('call_lefthook')) rmSync(path);
  }
  const config = join(git('rev-parse', '--show-toplevel'), 'lefthook.yml');
  const tracked = git('ls-files', config) !== '';
  if (!tracked && existsSync(config) && readFileSync(config, 'utf8').startsWith('# EXAMPLE USAGE:')) rmSync(config);
} catch {
  // not a git checkout (an unpacked tarball): lefthook installed nothing here either
}
