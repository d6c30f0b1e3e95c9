// Installing and removing the prepare-commit-msg hook in real repositories, and real commits through what was installed.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { BACKUP_NAME, HOOK_MARKER, installHook, resolveHooksDir, uninstallHook } from '../../src/git/hooks.js';
import { BUILT_CLI, MATH_WITH_MULTIPLY, createMathRepo, type TempRepo } from '../support/temp-repo.js';

const launcher = { node: process.execPath, script: BUILT_CLI };
const FOREIGN = '#!/bin/sh\necho "old hook: $2" >> "$HOME/old-hook.log"\n';

let repo: TempRepo;
afterEach(() => repo?.cleanup());

function seed(): TempRepo {
  repo = createMathRepo();
  return repo;
}

function stageChange(): void {
  repo.write('src/math.ts', MATH_WITH_MULTIPLY);
  repo.git('add', '.');
}

/** `git commit` with no message: git runs the hook, then GIT_EDITOR=true keeps what it prepared. */
function commit(env: NodeJS.ProcessEnv = repo.env, cwd = repo.dir) {
  const result = spawnSync('git', ['commit', '-q'], { cwd, env, encoding: 'utf8' });
  return {
    code: result.status,
    stderr: result.stderr,
    message: result.status === 0 ? repo.git('log', '-1', '--format=%B').trim() : '',
  };
}

function writeForeignHook(path: string, text = FOREIGN): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text, { mode: 0o755 });
}

const context = () => ({ cwd: repo.dir, env: repo.env });

describe('installHook', () => {
  it('writes an executable sh script with the marker, this node and this CLI into .git/hooks', async () => {
    seed();
    const result = await installHook({ ...context(), launcher, force: false });
    const path = join(repo.dir, '.git/hooks/prepare-commit-msg');
    expect(result).toEqual({ path, outcome: 'created', via: 'hooks' });
    const text = readFileSync(path, 'utf8');
    expect(text.split('\n').slice(0, 2)).toEqual(['#!/bin/sh', HOOK_MARKER]);
    expect(text).toContain(`node='${process.execPath}'`);
    expect(text).toContain(`cli='${BUILT_CLI}'`);
    expect(statSync(path).mode & 0o777).toBe(0o755);
    stageChange();
    expect(commit()).toMatchObject({ code: 0, message: expect.stringMatching(/^feat\(math\): .*multiply/) });
  });

  it('installs where core.hooksPath points (relative to the top level), also when run from a subdirectory', async () => {
    seed();
    repo.git('config', 'core.hooksPath', '.githooks');
    const result = await installHook({ cwd: join(repo.dir, 'src'), env: repo.env, launcher, force: false });
    expect(result.path).toBe(join(repo.dir, '.githooks/prepare-commit-msg'));
    expect(existsSync(join(repo.dir, '.git/hooks/prepare-commit-msg'))).toBe(false);
    stageChange();
    expect(commit()).toMatchObject({ code: 0, message: expect.stringMatching(/multiply/) });
  });

  it('makes the missing directories core.hooksPath names, and where none can be made (/proc) ends in one line', async () => {
    seed();
    repo.git('config', 'core.hooksPath', 'tools/git/hooks');
    const made = await installHook({ ...context(), launcher, force: false });
    expect(made.path).toBe(join(repo.dir, 'tools/git/hooks/prepare-commit-msg'));
    // Node 20's recursive mkdir loops for ever under /proc (ENOENT with the parent there); the CLI is given 20 s.
    repo.git('config', 'core.hooksPath', '/proc/git-ai-test/hooks');
    const result = spawnSync(process.execPath, [BUILT_CLI, 'hook', 'install'], {
      cwd: repo.dir,
      env: repo.env,
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.signal).toBeNull();
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'git-ai: Could not install the prepare-commit-msg hook at /proc/git-ai-test/hooks/prepare-commit-msg: no directory can be made in /proc (mkdir /proc/git-ai-test: no such file or directory). core.hooksPath (/proc/git-ai-test/hooks, local config) must name a directory on a disk: `git config core.hooksPath <dir>`.\n',
    );
  });

  it('from a linked worktree, installs into the hooks directory the worktrees share', async () => {
    seed();
    const worktree = join(repo.dir, '..', 'worktree');
    repo.git('worktree', 'add', '-q', worktree);
    expect(await resolveHooksDir({ cwd: worktree, env: repo.env })).toBe(join(repo.dir, '.git/hooks'));
    const result = await installHook({ cwd: worktree, env: repo.env, launcher, force: false });
    expect(result.path).toBe(join(repo.dir, '.git/hooks/prepare-commit-msg'));
  });

  it('refuses to replace a hook that is not ours, naming --force, and leaves it as it was', async () => {
    seed();
    const path = join(repo.dir, '.git/hooks/prepare-commit-msg');
    writeForeignHook(path);
    const error = await installHook({ ...context(), launcher, force: false }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toContain(path);
    expect((error as UserError).hint).toMatch(/--force/);
    expect(readFileSync(path, 'utf8')).toBe(FOREIGN);
    expect(existsSync(join(repo.dir, '.git/hooks', BACKUP_NAME))).toBe(false);
  });

  it('with force, moves the old hook aside and runs it after git-ai, on the message git-ai wrote', async () => {
    seed();
    const path = join(repo.dir, '.git/hooks/prepare-commit-msg');
    writeForeignHook(path);
    const result = await installHook({ ...context(), launcher, force: true });
    const backup = join(repo.dir, '.git/hooks', BACKUP_NAME);
    expect(result).toEqual({ path, outcome: 'chained', backup, via: 'hooks' });
    expect(readFileSync(backup, 'utf8')).toBe(FOREIGN);
    stageChange();
    const committed = commit();
    expect(committed).toMatchObject({ code: 0, message: expect.stringMatching(/multiply/) });
    expect(readFileSync(join(repo.home, 'old-hook.log'), 'utf8')).toBe('old hook: \n');
  });

  it("chained: a hook that prefixes a ticket decorates git-ai's message, and still runs for `-m`", async () => {
    seed();
    const path = join(repo.dir, '.git/hooks/prepare-commit-msg');
    writeForeignHook(path, '#!/bin/sh\nprintf "ABC-1 %s" "$(cat "$1")" > "$1.new" && mv "$1.new" "$1"\n');
    await installHook({ ...context(), launcher, force: true });
    stageChange();
    expect(commit()).toMatchObject({ code: 0, message: expect.stringMatching(/^ABC-1 feat\(math\): .*multiply/) });
    repo.write('src/other.ts', 'export const other = 1;\n');
    repo.git('add', '.');
    expect(spawnSync('git', ['commit', '-q', '-m', 'mine'], { cwd: repo.dir, env: repo.env }).status).toBe(0);
    expect(repo.git('log', '-1', '--format=%s').trim()).toBe('ABC-1 mine');
  });

  it('chained: a message the old hook writes is kept, and its failure still stops the commit as before', async () => {
    seed();
    const path = join(repo.dir, '.git/hooks/prepare-commit-msg');
    writeForeignHook(path, '#!/bin/sh\nprintf "from the old hook\\n" > "$1"\n');
    await installHook({ ...context(), launcher, force: true });
    stageChange();
    expect(commit()).toMatchObject({ code: 0, message: 'from the old hook' });

    writeFileSync(join(repo.dir, '.git/hooks', BACKUP_NAME), '#!/bin/sh\necho "old hook says no" >&2\nexit 3\n');
    repo.write('src/other.ts', 'export const other = 1;\n');
    repo.git('add', '.');
    const refused = commit();
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('old hook says no');
    expect(repo.git('rev-list', '--count', 'HEAD').trim()).toBe('2');
  });

  it('refuses --force when a backup already exists, so no earlier hook is lost', async () => {
    seed();
    const dir = join(repo.dir, '.git/hooks');
    writeForeignHook(join(dir, 'prepare-commit-msg'));
    writeForeignHook(join(dir, BACKUP_NAME), '#!/bin/sh\n# the first one\n');
    await expect(installHook({ ...context(), launcher, force: true })).rejects.toThrow(/earlier backup/);
    expect(readFileSync(join(dir, 'prepare-commit-msg'), 'utf8')).toBe(FOREIGN);
    expect(readFileSync(join(dir, BACKUP_NAME), 'utf8')).toBe('#!/bin/sh\n# the first one\n');
  });

  it('installing again updates ours in place: same script, no backup, no temporary file left', async () => {
    seed();
    const first = await installHook({ ...context(), launcher, force: false });
    const text = readFileSync(first.path, 'utf8');
    const again = await installHook({ ...context(), launcher, force: true });
    expect(again).toEqual({ path: first.path, outcome: 'updated', via: 'hooks' });
    expect(readFileSync(first.path, 'utf8')).toBe(text);
    expect(
      readdirSync(join(repo.dir, '.git/hooks')).filter(
        (name) => name.startsWith('prepare-commit-msg') && !name.endsWith('.sample'),
      ),
    ).toEqual(['prepare-commit-msg']);
  });

  it('falls back to git-ai on PATH when the installed node or CLI is gone, and never fails the commit when neither is there', async () => {
    seed();
    await installHook({
      ...context(),
      launcher: { node: process.execPath, script: join(repo.home, 'gone/cli.js') },
      force: false,
    });
    const bin = join(repo.home, 'bin');
    mkdirSync(bin);
    symlinkSync(BUILT_CLI, join(bin, 'git-ai'));
    chmodSync(BUILT_CLI, 0o755);
    stageChange();
    expect(commit({ ...repo.env, PATH: `${bin}:${process.env.PATH ?? ''}` })).toMatchObject({
      code: 0,
      message: expect.stringMatching(/multiply/),
    });

    repo.write('src/other.ts', 'export const other = 1;\n');
    repo.git('add', '.');
    const result = spawnSync('git', ['commit', '-q', '-m', 'typed by hand'], {
      cwd: repo.dir,
      env: repo.env,
      encoding: 'utf8',
    });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe(''); // -m starts no Node, so nothing is missed
    expect(repo.git('log', '-1', '--format=%s').trim()).toBe('typed by hand');
    repo.write('src/third.ts', 'export const third = 1;\n');
    repo.git('add', '.');
    const plain = spawnSync('git', ['commit', '-q'], {
      cwd: repo.dir,
      env: recordingEditor('typed by hand'),
      encoding: 'utf8',
    });
    expect(plain.status).toBe(0);
    expect(plain.stderr.trim()).toMatch(/^git-ai: not found at .*gone\/cli\.js nor on PATH; .*`git-ai hook reinstall`/);
    expect(repo.git('log', '-1', '--format=%s').trim()).toBe('typed by hand');
  });
});

/** An editor that appends a line to the message, as a person typing would. */
function recordingEditor(append: string): NodeJS.ProcessEnv {
  const script = join(repo.home, 'editor.sh');
  writeFileSync(script, `#!/bin/sh\nprintf '%s\\n' '${append}' >> "$1"\n`, { mode: 0o755 });
  return { ...repo.env, GIT_EDITOR: script };
}

describe('uninstallHook', () => {
  it('removes ours', async () => {
    seed();
    const { path } = await installHook({ ...context(), launcher, force: false });
    expect(await uninstallHook(context())).toEqual({ path, outcome: 'removed', foreign: false });
    expect(existsSync(path)).toBe(false);
  });

  it('restores the hook that --force moved aside, executable as it was', async () => {
    seed();
    const path = join(repo.dir, '.git/hooks/prepare-commit-msg');
    writeForeignHook(path);
    await installHook({ ...context(), launcher, force: true });
    expect(await uninstallHook(context())).toEqual({ path, outcome: 'restored', foreign: false });
    expect(readFileSync(path, 'utf8')).toBe(FOREIGN);
    expect(statSync(path).mode & 0o777).toBe(0o755);
    expect(existsSync(join(repo.dir, '.git/hooks', BACKUP_NAME))).toBe(false);
  });

  it('leaves a hook that is not ours alone, and is a no-op where there is none', async () => {
    seed();
    const path = join(repo.dir, '.git/hooks/prepare-commit-msg');
    expect(await uninstallHook(context())).toEqual({ path, outcome: 'none', foreign: false });
    writeForeignHook(path);
    expect(await uninstallHook(context())).toEqual({ path, outcome: 'none', foreign: true });
    expect(readFileSync(path, 'utf8')).toBe(FOREIGN);
  });
});
