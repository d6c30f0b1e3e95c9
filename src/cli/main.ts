// The one boundary with the process: argv in, commands run, errors mapped to one line and an exit code.
import { setFlagsFromString } from 'node:v8';
import { cac } from 'cac';
import type { ConfigKey } from '../config/schema.js';
import { UserError, describeUserError, isUserError, toFileAccessError } from '../errors.js';
import { GitError } from '../git/run-git.js';
import { sanitizeLine } from '../security/sanitize.js';
import { settleEarly, startEarly } from './early-start.js';

// fetch parses HTTP with WebAssembly; V8's optimising tier-up of it ran past the answer and held the exit ~60-100 ms
// (npm run bench:e2e). The baseline compiler alone is plenty for a few responses.
setFlagsFromString('--liftoff-only');
// V8 moves objects from allocation sites that kept surviving straight to the old generation. Loading an
// encoding (200k long-lived entries) while git starts the diff taught it that about sites the stream shares,
// so the stream's short-lived lines were tenured and left to full GCs: `git ai prompt` on a 100 MB diff took
// 1.55 s at 255 MB RSS instead of 1.28 s at 153 MB. Commits of 1 and 1,000 files time the same without it.
setFlagsFromString('--no-allocation-site-pretenuring');

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

type Flags = Partial<Record<ConfigKey, string | number | boolean>>;

/** Config keys that are also flags on generating commands; `--no-body` and `--no-cache` are read from argv. */
const FLAG_KEYS: ReadonlyArray<[option: string, key: ConfigKey]> = [
  ['engine', 'engine'],
  ['provider', 'provider'],
  ['model', 'model'],
  ['baseUrl', 'base-url'],
  ['style', 'style'],
  ['maxCommitLength', 'max-commit-length'],
  ['maxTokens', 'max-tokens'],
  ['timeout', 'timeout'],
  ['ticket', 'ticket'],
];

function collectFlags(options: Record<string, unknown>, argv: readonly string[]): Flags {
  const flags: Flags = {};
  for (const [option, key] of FLAG_KEYS) {
    const value = options[option];
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') flags[key] = String(value);
  }
  if (argv.includes('--no-body')) flags.body = 'false';
  if (argv.includes('--no-cache')) flags.cache = 'false';
  return flags;
}

function withGenerationOptions<T extends { option: (name: string, description: string) => T }>(command: T): T {
  return command
    .option('--engine <engine>', 'auto | local | remote (default: auto: remote when a provider is configured)')
    .option('--provider <provider>', 'openai | openai-compatible | anthropic | gemini')
    .option('--model <model>', 'Model name for the remote engine')
    .option('--base-url <url>', 'Endpoint of an OpenAI-compatible server')
    .option('--style <style>', 'auto | conventional | plain | gitmoji')
    .option('--max-commit-length <n>', 'Longest subject line allowed')
    .option('--max-tokens <n>', 'Input token budget for the diff')
    .option('--timeout <seconds>', 'Deadline for the whole generation')
    .option('--ticket <mode>', "auto | off: the branch's ticket in the message (default: auto)")
    .option('--no-body', 'Subject line only')
    .option('--no-cache', 'Neither read nor write the request cache')
    .option('--debug', 'Print a timing tree of the generation to stderr');
}

export async function main(argv: readonly string[]): Promise<number> {
  const args = argv.slice(2);
  const cli = cac('git-ai');
  let pending: Promise<void> | undefined;
  let exitCode = 0;
  const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);

  withGenerationOptions(
    cli
      .command('commit', 'Write a commit message for the staged changes, then commit (asks first on a terminal)')
      .usage('commit [options] [-- <git commit args>]')
      .option('--dry-run', 'Print the message and commit nothing')
      .option('-y, --yes', 'Commit without asking')
      .option('-a, --all', 'Include changes to tracked files, as `git commit -a` does')
      .option('-s, --signoff', 'Add a Signed-off-by trailer (also when format.signOff is set)'),
  ).action((options: Record<string, unknown>) => {
    const early = options.all === true ? undefined : startEarly({ cwd: process.cwd(), env: process.env });
    pending = import('./commands/commit.js').then(({ runCommitCommand }) =>
      runCommitCommand({
        early,
        cwd: process.cwd(),
        env: process.env,
        stdout: process.stdout,
        stderr: process.stderr,
        dryRun: options.dryRun === true,
        yes: options.yes === true,
        all: options.all === true,
        signOff: options.signoff === true,
        debug: options.debug === true,
        flags: collectFlags(options, args),
        gitArgs: (options['--'] as string[] | undefined) ?? [],
        interactive,
      }),
    ).finally(() => settleEarly(early));
  });

  withGenerationOptions(
    cli
      .command('prompt', 'Print, as JSON, the exact requests that would be sent for the staged changes; sends nothing')
      .option('-a, --all', 'Include changes to tracked files, as `git commit -a` does'),
  ).action((options: Record<string, unknown>) => {
    const early = options.all === true ? undefined : startEarly({ cwd: process.cwd(), env: process.env });
    pending = import('./commands/prompt.js').then(({ runPromptCommand }) =>
      runPromptCommand({
        early,
        cwd: process.cwd(),
        env: process.env,
        stdout: process.stdout,
        all: options.all === true,
        flags: collectFlags(options, args),
      }),
    ).finally(() => settleEarly(early));
  });

  cli
    .command('config <action> [key] [value]', 'Read or change settings: get | set | unset | list | path | reset')
    .example('git-ai config set max-commit-length 60')
    .option('--show-secret', 'get: print the API key in clear (it is masked by default)')
    .example('git-ai config list')
    .action((action: string, key: string | undefined, value: string | undefined, options: Record<string, unknown>) => {
      pending = import('./commands/config.js').then(async ({ runConfigCommand }) => {
        const allowed = ['get', 'set', 'unset', 'list', 'path', 'reset'] as const;
        const known = allowed.find((name) => name === action);
        if (!known) {
          throw new UserError('USAGE', `Unknown config action '${action}'.`, { hint: `Use one of: ${allowed.join(', ')}.`, exitCode: 2 });
        }
        const text = await runConfigCommand({ action: known, key, value, cwd: process.cwd(), env: process.env, showSecret: options.showSecret === true });
        if (text) process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
      });
    });

  cli
    .command('hook <action> [...args]', 'Fill in the message of a plain `git commit`: install | reinstall | uninstall | status (git calls run)')
    .option('--force', 'Install over a prepare-commit-msg hook that is not ours; it is kept and runs after git-ai')
    .option('--global', 'Allow a core.hooksPath set in the global git config (a hook there runs in every repository)')
    .example('git-ai hook install')
    .example('git-ai hook status')
    .action((action: string, hookArgs: string[], options: Record<string, unknown>) => {
      pending = import('./commands/hook.js').then(async ({ HOOK_ACTIONS, runHookCommand }) => {
        const known = HOOK_ACTIONS.find((name) => name === action);
        if (!known) {
          throw new UserError('USAGE', `Unknown hook action '${action}'.`, { hint: `Use one of: ${HOOK_ACTIONS.filter((name) => name !== 'run').join(', ')}. See \`git-ai hook --help\`.`, exitCode: 2 });
        }
        const interrupt = known === 'run' ? onInterrupt() : undefined;
        const { detectTerminal } = await import('./ui/terminal.js');
        const spinner = detectTerminal(process, process.env).live ? await import('./ui/spinner.js') : undefined;
        try {
          await runHookCommand({
            action: known,
            cwd: process.cwd(),
            env: process.env,
            stdout: process.stdout,
            stderr: process.stderr,
            force: options.force === true,
            global: options.global === true,
            args: hookArgs,
            launcher: { node: process.execPath, script: argv[1] ?? '' },
            signal: interrupt?.signal,
            progress: spinner && (() => spinner.followProgress({ stream: process.stderr, prefix: 'git-ai: ' })),
          });
        } finally {
          interrupt?.dispose();
        }
      });
    });

  cli
    .command('lint [file]', "Check a commit message (the hook's file, or stdin) against the repository's commitlint rules")
    .example('git-ai lint .git/COMMIT_EDITMSG')
    .action((file: string | undefined) => {
      pending = import('./commands/lint.js').then(async ({ runLintCommand }) => {
        exitCode = await runLintCommand({ cwd: process.cwd(), env: process.env, stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, file });
      });
    });

  cli.help();
  cli.version(VERSION);

  try {
    cli.parse(['node', 'git-ai', ...args], { run: false });
    if (cli.options.help || cli.options.version) return 0;
    if (!cli.matchedCommand) {
      if (args.length === 0) {
        cli.outputHelp();
        return 0;
      }
      throw new UserError('USAGE', `Unknown command '${args[0]}'.`, { hint: 'Run `git-ai --help` to see the commands.', exitCode: 2 });
    }
    await cli.runMatchedCommand();
    await pending;
    return exitCode;
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
  if (error instanceof Error && error.name === 'CACError') {
    process.stderr.write(`git-ai: ${error.message}. Run \`git-ai --help\` for the options.\n`);
    return 2;
  }
  const fileError = toFileAccessError(error);
  if (fileError) return reportError(fileError);
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`git-ai: internal error (a bug; please report it with this output). git-ai ${VERSION}, node ${process.version}\n${detail}\n`);
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

main(process.argv).then(exitWhenFlushed, (error: unknown) => exitWhenFlushed(reportError(error)));
