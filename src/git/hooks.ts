// The prepare-commit-msg hook: where it goes (git's hooks folder, core.hooksPath, husky's folder), installing, removing, status.
import { chmod, lstat, readFile, realpath, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { UserError, withFileAction } from '../errors.js';
import { makeDirs } from '../fs/make-dirs.js';
import { BACKUP_NAME, HOOK_NAME, isGitAiHook, readLauncher, renderHookScript, type Launcher } from './hook-script.js';
import { resolveRepository } from './repo.js';
import { runGit } from './run-git.js';

export { BACKUP_NAME, HOOK_MARKER, HOOK_NAME, type Launcher } from './hook-script.js';

export interface HookContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** Where the hook lives and why there. */
export interface HookLocation {
  dir: string;
  path: string;
  backup: string;
  /** git's own hooks folder, the folder core.hooksPath names, or husky 9's `.husky/` (core.hooksPath = .husky/_ runs it). */
  via: 'hooks' | 'hooks-path' | 'husky';
  /** core.hooksPath when set, and the git config scope that sets it (local, global, system, worktree, command). */
  hooksPath?: { value: string; scope: string };
}

export interface InstallResult {
  path: string;
  /** 'created' (no hook was there), 'updated' (ours was), or 'chained' (a foreign hook was moved to `backup`). */
  outcome: 'created' | 'updated' | 'chained';
  /** The replaced hook, which the installed one runs after git-ai. */
  backup?: string;
  via: HookLocation['via'];
}

export interface UninstallResult {
  path: string;
  /** 'removed' ours, 'restored' the hook ours had replaced, or found 'none' of ours (a foreign hook is left alone). */
  outcome: 'removed' | 'restored' | 'none';
  foreign: boolean;
}

export interface HookStatus {
  location: HookLocation;
  state: 'none' | 'git-ai' | 'foreign';
  /** What the installed git-ai hook starts, and whether each still exists. */
  launcher?: Launcher & { nodeExists: boolean; scriptExists: boolean };
  /** The hook git-ai's runs after its own part, when there is one. */
  chained?: string;
}

const GLOBAL_SCOPES = new Set(['global', 'system']);
// husky 9 points core.hooksPath at the generated, git-ignored `.husky/_`, whose stubs run `.husky/<hook>`.
const HUSKY_HOOKS_PATH = /(^|[\\/])\.husky[\\/]_[\\/]?$/;

async function readHooksPath(context: HookContext): Promise<HookLocation['hooksPath']> {
  const { stdout } = await runGit(['config', '--show-scope', '--get', 'core.hooksPath'], {
    cwd: context.cwd,
    env: context.env,
    okCodes: [1],
  });
  const match = /^(\S+)\t(.*)$/.exec(stdout.replace(/\n$/, ''));
  return match?.[1] && match[2] ? { scope: match[1], value: match[2] } : undefined;
}

/** Where git runs the hook from: `git rev-parse --git-path hooks` honours core.hooksPath and linked worktrees. */
export async function locateHook(context: HookContext): Promise<HookLocation> {
  await resolveRepository(context); // a clear error outside a repository
  const [{ stdout }, hooksPath] = await Promise.all([
    runGit(['rev-parse', '--git-path', 'hooks'], { cwd: context.cwd, env: context.env }),
    readHooksPath(context),
  ]);
  const hooksDir = resolve(context.cwd, stdout.trim());
  const husky = hooksPath !== undefined && HUSKY_HOOKS_PATH.test(hooksPath.value);
  const dir = husky ? dirname(hooksDir) : hooksDir;
  const via = husky ? 'husky' : hooksPath ? 'hooks-path' : 'hooks';
  return { dir, path: join(dir, HOOK_NAME), backup: join(dir, BACKUP_NAME), via, ...(hooksPath ? { hooksPath } : {}) };
}

/** The directory git runs hooks from. */
export async function resolveHooksDir(context: HookContext): Promise<string> {
  return (await locateHook(context)).dir;
}

async function readHook(path: string): Promise<{ exists: boolean; ours: boolean; text: string }> {
  try {
    await lstat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { exists: false, ours: false, text: '' };
    throw error;
  }
  const text = await readFile(path, 'utf8').catch(() => ''); // a dangling link or a directory is someone else's
  return { exists: true, ours: isGitAiHook(text), text };
}

const exists = (path: string): Promise<boolean> =>
  lstat(path).then(
    () => true,
    () => false,
  );

/** Writes `text` to a temp file beside `path` with exactly `mode`, then renames it over `path`: git sees the old file or the new. */
export async function replaceFileAtomically(path: string, text: string, mode: number): Promise<void> {
  const temporary = `${path}.git-ai-${process.pid}.tmp`;
  try {
    await writeFile(temporary, text, { mode });
    await chmod(temporary, mode); // the umask may have narrowed the mode
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** A core.hooksPath from the global or system config is every repository's: only `--global` installs or removes there. */
function assertScope(location: HookLocation, global: boolean, verb: 'install' | 'uninstall'): void {
  const { hooksPath } = location;
  if (!hooksPath || !GLOBAL_SCOPES.has(hooksPath.scope) || global || location.via === 'husky') return;
  throw new UserError(
    'HOOK_GLOBAL',
    `core.hooksPath is set in your ${hooksPath.scope} git config (${hooksPath.value}): a hook there runs in every repository.`,
    {
      hint: `Run \`git-ai hook ${verb} --global\` to ${verb} it there for all of them, or set a repository's own with \`git config core.hooksPath .git/hooks\`.`,
      exitCode: 2,
    },
  );
}

export interface InstallOptions extends HookContext {
  launcher: Launcher;
  force: boolean;
  /** Allow a core.hooksPath from the global or system config. */
  global?: boolean;
}

export async function installHook(options: InstallOptions): Promise<InstallResult> {
  const location = await locateHook(options);
  assertScope(location, options.global === true, 'install');
  return withFileAction(`install the ${HOOK_NAME} hook at ${location.path}`, () => writeHook(options, location));
}

/** The hook's directory and its parents; one that cannot be made (under /proc, say) is one line with `hint`. */
async function makeDirectories(dir: string, action: string, hint: string): Promise<void> {
  try {
    await makeDirs(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const at = (error as NodeJS.ErrnoException).path ?? dir;
    // The parent is there (found, or made just now) and still says ENOENT: it makes no directories.
    throw new UserError(
      'FILE_ACCESS',
      `Could not ${action}: no directory can be made in ${dirname(at)} (mkdir ${at}: no such file or directory).`,
      { hint, cause: error },
    );
  }
}

async function writeHook(options: InstallOptions, location: HookLocation): Promise<InstallResult> {
  const { dir, path, backup, via, hooksPath } = location;
  await makeDirectories(
    dir,
    `install the ${HOOK_NAME} hook at ${path}`,
    hooksPath
      ? `core.hooksPath (${hooksPath.value}, ${hooksPath.scope} config) must name a directory on a disk: \`git config${hooksPath.scope === 'local' ? '' : ` --${hooksPath.scope}`} core.hooksPath <dir>\`.`
      : 'Hooks must be in a directory on a disk.',
  );
  const current = await readHook(path);
  let outcome: InstallResult['outcome'] = current.ours ? 'updated' : 'created';
  if (current.exists && !current.ours) {
    if (!options.force) {
      throw new UserError('HOOK_EXISTS', `A ${HOOK_NAME} hook that is not git-ai's already exists at ${path}.`, {
        hint: `Run \`git-ai hook install --force\` to move it to ${BACKUP_NAME} and run it after git-ai, or remove it yourself.`,
      });
    }
    if (await exists(backup)) {
      throw new UserError(
        'HOOK_EXISTS',
        `Both a foreign ${HOOK_NAME} hook and an earlier backup (${backup}) exist; neither was changed.`,
        {
          hint: 'Merge or remove one of them yourself, then install again.',
        },
      );
    }
    await rename(path, backup);
    outcome = 'chained';
  }
  const chain = await exists(backup);
  // npm link and `git ai` start the CLI through a link; the hook should not depend on it.
  const script = await realpath(resolve(options.cwd, options.launcher.script)).catch(() => options.launcher.script);
  const text = renderHookScript({ launcher: { node: options.launcher.node, script }, husky: via === 'husky' });
  await replaceFileAtomically(path, text, 0o755);
  return chain ? { path, outcome, backup, via } : { path, outcome, via };
}

export async function uninstallHook(options: HookContext & { global?: boolean }): Promise<UninstallResult> {
  const location = await locateHook(options);
  return withFileAction(`remove the ${HOOK_NAME} hook at ${location.path}`, () => removeHook(options, location));
}

async function removeHook(
  options: HookContext & { global?: boolean },
  location: HookLocation,
): Promise<UninstallResult> {
  const { path, backup } = location;
  const current = await readHook(path);
  if (!current.ours) return { path, outcome: 'none', foreign: current.exists };
  assertScope(location, options.global === true, 'uninstall');
  if (await exists(backup)) {
    await rename(backup, path); // replaces ours in one step
    return { path, outcome: 'restored', foreign: false };
  }
  await rm(path, { force: true });
  return { path, outcome: 'removed', foreign: false };
}

export async function readHookStatus(context: HookContext): Promise<HookStatus> {
  const location = await locateHook(context);
  const current = await readHook(location.path);
  const state = current.ours ? 'git-ai' : current.exists ? 'foreign' : 'none';
  const recorded = current.ours ? readLauncher(current.text) : undefined;
  const launcher = recorded && {
    ...recorded,
    nodeExists: await exists(recorded.node),
    scriptExists: await exists(recorded.script),
  };
  const chained = current.ours && (await exists(location.backup)) ? location.backup : undefined;
  return { location, state, ...(launcher ? { launcher } : {}), ...(chained ? { chained } : {}) };
}
