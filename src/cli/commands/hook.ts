// `git-ai hook install|reinstall|uninstall|status`, and `run`, what the hook calls (see hook-run.ts).
import type { Writable } from 'node:stream';
import {
  installHook,
  readHookStatus,
  uninstallHook,
  type HookLocation,
  type HookStatus,
  type Launcher,
} from '../../git/hooks.js';
import { runHook, type HookRunOptions } from './hook-run.js';

export const HOOK_ACTIONS = ['install', 'reinstall', 'uninstall', 'status', 'run'] as const;
export type HookAction = (typeof HOOK_ACTIONS)[number];

export interface HookCommandOptions {
  action: HookAction;
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: Writable;
  stderr: Writable;
  /** install: move a foreign hook aside and chain to it. */
  force: boolean;
  /** install/uninstall: allow a core.hooksPath set in the global or system git config. */
  global: boolean;
  /** run: git's arguments, `<message-file> [<source> [<sha>]]`. */
  args: readonly string[];
  /** install: the node binary and CLI script the hook starts. */
  launcher: Launcher;
  signal?: AbortSignal;
  progress?: HookRunOptions['progress'];
}

export async function runHookCommand(options: HookCommandOptions): Promise<void> {
  switch (options.action) {
    case 'run':
      return runHook(options);
    case 'status':
      options.stdout.write(renderHookStatus(await readHookStatus(options)));
      return;
    case 'uninstall': {
      const result = await uninstallHook(options);
      const line =
        result.outcome === 'restored'
          ? `Removed the git-ai hook and restored the previous one at ${result.path}.`
          : result.outcome === 'removed'
            ? `Removed the git-ai hook at ${result.path}.`
            : `No git-ai hook to remove at ${result.path}${result.foreign ? " (the hook there is not git-ai's; it was left alone)" : ''}.`;
      options.stdout.write(`${line}\n`);
      return;
    }
    case 'install':
    case 'reinstall': {
      const result = await installHook(options);
      const verb =
        options.action === 'reinstall' && result.outcome === 'updated'
          ? 'Reinstalled'
          : result.outcome === 'updated'
            ? 'Updated'
            : 'Installed';
      const chained = result.backup ? `; the previous hook, kept at ${result.backup}, runs after it` : '';
      const husky = result.via === 'husky' ? ' (husky runs it; commit it with your other husky hooks)' : '';
      options.stdout.write(`${verb} the git-ai prepare-commit-msg hook at ${result.path}${husky}${chained}.\n`);
    }
  }
}

function describeLocation(location: HookLocation): string {
  const { hooksPath } = location;
  if (location.via === 'husky')
    return `husky (core.hooksPath = ${hooksPath?.value}, ${hooksPath?.scope} config, runs ${location.path})`;
  if (hooksPath)
    return `core.hooksPath = ${hooksPath.value} (${hooksPath.scope} config${hooksPath.scope === 'global' || hooksPath.scope === 'system' ? ': every repository' : ''})`;
  return "the repository's hooks folder";
}

const missing = (present: boolean): string => (present ? '' : ' (missing)');

/** What is installed, where, what it starts and whether that still exists, and what it chains. */
export function renderHookStatus(status: HookStatus): string {
  const { location, launcher } = status;
  const state = status.state === 'git-ai' ? "git-ai's" : status.state === 'foreign' ? "not git-ai's" : 'none installed';
  const lines = [`hook:    ${location.path} (${state})`, `from:    ${describeLocation(location)}`];
  if (launcher) {
    lines.push(
      `node:    ${launcher.node}${missing(launcher.nodeExists)}`,
      `cli:     ${launcher.script}${missing(launcher.scriptExists)}`,
    );
    if (!launcher.nodeExists || !launcher.scriptExists) {
      const gone = !launcher.nodeExists
        ? `the node it was installed with (${launcher.node}) is missing`
        : `the CLI it was installed with (${launcher.script}) is missing`;
      lines.push(
        `warning: ${gone}; the hook falls back to git-ai on PATH. Run \`git-ai hook reinstall\` to record this one.`,
      );
    }
  }
  if (status.state === 'git-ai') lines.push(`chains:  ${status.chained ?? 'nothing'}`);
  if (status.state === 'none') lines.push('Run `git-ai hook install` to install it.');
  if (status.state === 'foreign') lines.push('Run `git-ai hook install --force` to keep it and run it after git-ai.');
  return `${lines.join('\n')}\n`;
}
