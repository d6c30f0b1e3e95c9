// The one boundary with the process: argv in, commands run, errors mapped to one line and an exit code.
import { setFlagsFromString } from 'node:v8';
import type { ConfigKey } from '../config/schema.js';
import { UserError, describeUserError, isUserError, toFileAccessError } from '../errors.js';
import { GitError } from '../git/run-git.js';
import { sanitizeLine } from '../security/sanitize.js';
import { COMMANDS, FLAG_KEYS, findCommand } from './definitions.js';
import { settleEarly, startEarly } from './early-start.js';

// V8 moves objects from allocation sites that kept surviving straight to the old generation. Loading an
// encoding (200k long-lived entries) while git starts the diff taught it that about sites the stream shares,
// so the stream's short-lived lines were tenured and left to full GCs: `git ai prompt` on a 100 MB diff took
// 1.55 s at 255 MB RSS instead of 1.28 s at 153 MB. Commits of 1 and 1,000 files time the same without it.
setFlagsFromString('--no-allocation-site-pretenuring');

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

type Flags = Partial<Record<ConfigKey, string | number | boolean>>;
type Options = Record<string, unknown>;

function collectFlags(options: Options): Flags {
  const flags: Flags = {};
  for (const [option, key] of FLAG_KEYS) {
    const value = options[option];
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      flags[key] = String(value);
  }
  if (options.noBody === true) flags.body = 'false';
  if (options.noCache === true) flags.cache = 'false';
  return flags;
}

interface Invocation {
  args: readonly string[];
  /** The positional arguments, one per slot of the definition's argv. */
  positional: unknown[];
  options: Options;
  /** The CLI script's path, for the hook's launcher. */
  script: string;
}

const io = () => ({ cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr });
const interactive = () => Boolean(process.stdin.isTTY && process.stdout.isTTY);
const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;

function usageError(command: string, message: string, hint = ''): UserError {
  return new UserError('USAGE', message, {
    hint: `${hint}${hint ? ' ' : ''}See \`git ai ${command} --help\`.`,
    exitCode: 2,
  });
}

/** Each command's runner: the exit code it returns (0 when it returns nothing). */
const RUNNERS: Record<string, (invocation: Invocation) => Promise<number | void>> = {
  async commit({ positional, options }) {
    const paths = (positional[0] as string[] | undefined) ?? [];
    const early =
      options.all === true || paths.length > 0 ? undefined : startEarly({ cwd: process.cwd(), env: process.env });
    const interrupt = onInterrupt();
    try {
      const { runCommitCommand } = await import('./commands/commit.js');
      return await runCommitCommand({
        ...io(),
        early,
        stdin: process.stdin,
        dryRun: options.dryRun === true,
        yes: options.yes === true,
        all: options.all === true,
        signOff: options.signoff === true,
        json: options.json === true,
        debug: options.debug === true,
        paths,
        instruction: text(options.context),
        flags: collectFlags(options),
        gitArgs: (options['--'] as string[] | undefined) ?? [],
        interactive: interactive(),
        signal: interrupt.signal,
      });
    } finally {
      interrupt.dispose();
      await settleEarly(early);
    }
  },
  async prompt({ options }) {
    const early =
      options.all === true ? undefined : startEarly({ cwd: process.cwd(), env: process.env, pathSubjects: false });
    try {
      const { runPromptCommand } = await import('./commands/prompt.js');
      await runPromptCommand({ ...io(), early, all: options.all === true, flags: collectFlags(options) });
    } finally {
      await settleEarly(early);
    }
  },
  async setup() {
    const { runSetupCommand } = await import('./commands/setup.js');
    return runSetupCommand({ ...io(), stdin: process.stdin, interactive: interactive() });
  },
  async config({ positional: [action, key, value], options }) {
    const { CONFIG_ACTIONS, runConfigCommand } = await import('./commands/config.js');
    const known = CONFIG_ACTIONS.find((name) => name === action);
    if (!known)
      throw usageError(
        'config',
        `Unknown config action '${String(action)}'.`,
        `Use one of: ${CONFIG_ACTIONS.join(', ')}.`,
      );
    const output = await runConfigCommand({
      action: known,
      key: text(key),
      value: text(value),
      cwd: process.cwd(),
      env: process.env,
      showSecret: options.showSecret === true,
    });
    if (output) process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
  },
  async hook({ positional: [action, hookArgs], options, script }) {
    const { HOOK_ACTIONS, runHookCommand } = await import('./commands/hook.js');
    const known = HOOK_ACTIONS.find((name) => name === action);
    if (!known)
      throw usageError(
        'hook',
        `Unknown hook action '${String(action)}'.`,
        `Use one of: ${HOOK_ACTIONS.filter((name) => name !== 'run').join(', ')}.`,
      );
    const interrupt = known === 'run' ? onInterrupt() : undefined;
    const { detectTerminal } = await import('./ui/terminal.js');
    const spinner =
      known === 'run' && detectTerminal(process, process.env).live ? await import('./ui/spinner.js') : undefined;
    try {
      await runHookCommand({
        ...io(),
        action: known,
        force: options.force === true,
        global: options.global === true,
        args: (hookArgs as string[] | undefined) ?? [],
        launcher: { node: process.execPath, script },
        signal: interrupt?.signal,
        progress: spinner && (() => spinner.followProgress({ stream: process.stderr, prefix: 'git-ai: ' })),
      });
    } finally {
      interrupt?.dispose();
    }
  },
  async lint({ positional: [file] }) {
    const { runLintCommand } = await import('./commands/lint.js');
    return runLintCommand({ ...io(), stdin: process.stdin, file: text(file) });
  },
  async help({ positional: [name] }) {
    const help = await import('./help.js');
    if (name === undefined) {
      process.stdout.write(help.renderMainHelp(VERSION));
      return;
    }
    const command = findCommand(String(name));
    if (!command) throw await unknownCommand(String(name));
    process.stdout.write(help.renderCommandHelp(command));
  },
};

async function unknownCommand(name: string): Promise<UserError> {
  const { editDistance } = await import('../config/keys.js');
  const near = COMMANDS.map((command) => ({ name: command.name, distance: editDistance(name, command.name) }))
    .filter((candidate) => candidate.distance <= 2)
    .sort((a, b) => a.distance - b.distance)[0];
  const guess = near ? ` Did you mean \`git ai ${near.name}\`?` : '';
  return new UserError('USAGE', `Unknown command '${name}'.${guess}`, {
    hint: 'Run `git ai help` to see the commands.',
    exitCode: 2,
  });
}

/** `-h`/`--help` anywhere before `--`: the help of the command named first, or the overview. */
function helpRequest(args: readonly string[]): { command?: string } | undefined {
  const end = args.indexOf('--');
  const head = end === -1 ? args : args.slice(0, end);
  if (!head.some((arg) => arg === '-h' || arg === '--help')) return undefined;
  const name = head.find((arg) => !arg.startsWith('-'));
  return name === undefined ? {} : { command: name };
}

export async function main(argv: readonly string[]): Promise<number> {
  const args = argv.slice(2);
  try {
    if (args.length === 1 && (args[0] === '-v' || args[0] === '--version')) {
      process.stdout.write(`git-ai/${VERSION}\n`);
      return 0;
    }
    const wanted = helpRequest(args);
    if (wanted || args.length === 0)
      return (await RUNNERS.help!({ args, positional: [wanted?.command], options: {}, script: '' })) ?? 0;
    const matched = findCommand(args[0] ?? '');
    if (!matched) throw await unknownCommand(args[0] ?? '');
    const { parseCommandLine } = await import('./parse-argv.js');
    const invocation: Invocation = { ...parseCommandLine(matched, args.slice(1)), args, script: argv[1] ?? '' };
    return (await RUNNERS[matched.name]!(invocation)) ?? 0;
  } catch (error) {
    return reportError(error);
  }
}

/** Ctrl-C aborts the signal instead of killing the process, so the command can leave things as they were. */
function onInterrupt(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const abort = () => controller.abort(new Error('interrupted'));
  process.on('SIGINT', abort);
  return { signal: controller.signal, dispose: () => process.off('SIGINT', abort) };
}

function reportError(error: unknown): number {
  if (isUserError(error)) {
    process.stderr.write(`git-ai: ${describeUserError(error)}\n`);
    return error.exitCode;
  }
  if (error instanceof GitError) {
    process.stderr.write(`git-ai: ${sanitizeLine(error.message)}\n`);
    return 1;
  }
  const fileError = toFileAccessError(error);
  if (fileError) return reportError(fileError);
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(
    `git-ai: internal error (a bug; please report it with this output). git-ai ${VERSION}, node ${process.version}\n${detail}\n`,
  );
  return 70;
}

/**
 * Exits once stdout and stderr are flushed, without waiting for idle keep-alive sockets or timers: a commit tool
 * that lingers ~0.1 s after its answer is felt on every commit.
 */
function exitWhenFlushed(code: number): void {
  process.exitCode = code;
  let open = 2;
  const done = () => {
    open -= 1;
    if (open === 0) process.exit(code);
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}

/** The CLI's run, started by the binary's entry (src/cli/entry.ts): importing this module runs nothing. */
export function runMain(argv: readonly string[]): void {
  main(argv).then(exitWhenFlushed, (error: unknown) => exitWhenFlushed(reportError(error)));
}
