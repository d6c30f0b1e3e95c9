// The prepare-commit-msg hook: where git looks for hooks, and installing or removing ours (chained to a hook it replaced).
import { chmod, lstat, mkdir, readFile, realpath, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { UserError } from '../errors.js';
import { resolveRepository } from './repo.js';
import { runGit } from './run-git.js';

export const HOOK_NAME = 'prepare-commit-msg';
export const HOOK_MARKER = '# git-ai prepare-commit-msg hook';
export const BACKUP_NAME = `${HOOK_NAME}.git-ai-backup`;

/** How the hook starts git-ai: this node and this CLI script (links are resolved at install), so PATH is not needed. */
export interface Launcher {
  node: string;
  script: string;
}

export interface HookContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export interface InstallResult {
  path: string;
  /** 'created' (no hook was there), 'updated' (ours was), or 'chained' (a foreign hook was moved to `backup`). */
  outcome: 'created' | 'updated' | 'chained';
  /** The replaced hook, which the installed one runs first. */
  backup?: string;
}

export interface UninstallResult {
  path: string;
  /** 'removed' ours, 'restored' the hook ours had replaced, or found 'none' of ours (a foreign hook is left alone). */
  outcome: 'removed' | 'restored' | 'none';
  foreign: boolean;
}

/** The directory git runs hooks from: `git rev-parse --git-path hooks` honours core.hooksPath and linked worktrees. */
export async function resolveHooksDir(context: HookContext): Promise<string> {
  await resolveRepository(context); // a clear error outside a repository
  const { stdout } = await runGit(['rev-parse', '--git-path', 'hooks'], { cwd: context.cwd, env: context.env });
  return resolve(context.cwd, stdout.trim());
}

export function isGitAiHook(text: string): boolean {
  return text.split('\n').some((line) => line.trim() === HOOK_MARKER);
}

const shellQuote = (text: string): string => `'${text.replaceAll("'", `'\\''`)}'`;

/** The installed script: the replaced hook first (its failure still stops the commit, as before), then git-ai, which never does. */
export function renderHookScript(options: { launcher: Launcher; chain: boolean }): string {
  const chain = options.chain
    ? [
        `backup="$(dirname "$0")/${BACKUP_NAME}"`,
        'if [ -x "$backup" ]; then "$backup" "$@" || exit $?; fi',
      ]
    : [];
  return [
    '#!/bin/sh',
    HOOK_MARKER,
    '# Fills in the message of a plain `git commit`; never fails the commit. Remove with `git-ai hook uninstall`.',
    ...chain,
    `node=${shellQuote(options.launcher.node)}`,
    `cli=${shellQuote(options.launcher.script)}`,
    'if [ -x "$node" ] && [ -f "$cli" ]; then',
    '  "$node" "$cli" hook run "$@"',
    'elif command -v git-ai >/dev/null 2>&1; then',
    '  git-ai hook run "$@"',
    'else',
    `  echo "git-ai: not found at $cli nor on PATH; the ${HOOK_NAME} hook did nothing (reinstall it with \\\`git-ai hook install\\\`)." >&2`,
    'fi',
    'exit 0',
    '',
  ].join('\n');
}

async function readHook(path: string): Promise<{ exists: boolean; ours: boolean }> {
  try {
    await lstat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { exists: false, ours: false };
    throw error;
  }
  const text = await readFile(path, 'utf8').catch(() => ''); // a dangling link or a directory is someone else's
  return { exists: true, ours: isGitAiHook(text) };
}

const exists = (path: string): Promise<boolean> => lstat(path).then(() => true, () => false);

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

export async function installHook(options: HookContext & { launcher: Launcher; force: boolean }): Promise<InstallResult> {
  const dir = await resolveHooksDir(options);
  const path = join(dir, HOOK_NAME);
  const backup = join(dir, BACKUP_NAME);
  await mkdir(dir, { recursive: true });
  const current = await readHook(path);
  let outcome: InstallResult['outcome'] = current.ours ? 'updated' : 'created';
  if (current.exists && !current.ours) {
    if (!options.force) {
      throw new UserError('HOOK_EXISTS', `A ${HOOK_NAME} hook that is not git-ai's already exists at ${path}.`, {
        hint: `Run \`git-ai hook install --force\` to move it to ${BACKUP_NAME} and run it before git-ai, or remove it yourself.`,
      });
    }
    if (await exists(backup)) {
      throw new UserError('HOOK_EXISTS', `Both a foreign ${HOOK_NAME} hook and an earlier backup (${backup}) exist; neither was changed.`, {
        hint: 'Merge or remove one of them yourself, then install again.',
      });
    }
    await rename(path, backup);
    outcome = 'chained';
  }
  const chain = await exists(backup);
  // npm link and `git ai` start the CLI through a link; the hook should not depend on it.
  const script = await realpath(resolve(options.cwd, options.launcher.script)).catch(() => options.launcher.script);
  await replaceFileAtomically(path, renderHookScript({ launcher: { node: options.launcher.node, script }, chain }), 0o755);
  return chain ? { path, outcome, backup } : { path, outcome };
}

export async function uninstallHook(options: HookContext): Promise<UninstallResult> {
  const dir = await resolveHooksDir(options);
  const path = join(dir, HOOK_NAME);
  const backup = join(dir, BACKUP_NAME);
  const current = await readHook(path);
  if (!current.ours) return { path, outcome: 'none', foreign: current.exists };
  if (await exists(backup)) {
    await rename(backup, path); // replaces ours in one step
    return { path, outcome: 'restored', foreign: false };
  }
  await rm(path, { force: true });
  return { path, outcome: 'removed', foreign: false };
}
