// `git-ai hook`: install or remove the prepare-commit-msg hook, and `run`, what the hook calls (it never fails a commit).
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { UserError, describeUserError, isUserError } from '../../errors.js';
import { installHook, replaceFileAtomically, uninstallHook, type Launcher } from '../../git/hooks.js';
import { GitError, runGit } from '../../git/run-git.js';
import { sanitizeText } from '../../security/sanitize.js';

export interface HookCommandOptions {
  action: 'install' | 'uninstall' | 'run';
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: Writable;
  stderr: Writable;
  /** install: move a foreign hook aside and chain to it. */
  force: boolean;
  /** run: git's arguments, `<message-file> [<source> [<sha>]]`. */
  args: readonly string[];
  /** install: the node binary and CLI script the hook starts. */
  launcher: Launcher;
  signal?: AbortSignal;
}

export async function runHookCommand(options: HookCommandOptions): Promise<void> {
  if (options.action === 'run') return runHook(options);
  if (options.action === 'uninstall') {
    const result = await uninstallHook(options);
    const line =
      result.outcome === 'restored'
        ? `Removed the git-ai hook and restored the previous one at ${result.path}.`
        : result.outcome === 'removed'
          ? `Removed the git-ai hook at ${result.path}.`
          : `No git-ai hook to remove at ${result.path}${result.foreign ? ' (the hook there is not git-ai\'s; it was left alone)' : ''}.`;
    options.stdout.write(`${line}\n`);
    return;
  }
  const result = await installHook(options);
  const verb = result.outcome === 'updated' ? 'Updated' : 'Installed';
  const chained = result.backup ? `; the previous hook, kept at ${result.backup}, runs first` : '';
  options.stdout.write(`${verb} the git-ai prepare-commit-msg hook at ${result.path}${chained}.\n`);
}

/** Any failure is one line on stderr and the message file as it was: the hook must never stop a commit. */
async function runHook(options: HookCommandOptions): Promise<void> {
  const [file, source = ''] = options.args;
  // Only a plain `git commit` (also -a, -v): message, template, merge, squash and commit sources already have their text.
  if (source !== '') return;
  try {
    if (!file) throw new UserError('USAGE', '`hook run` needs the commit message file that git passes to the hook.', { hint: 'Install the hook with `git-ai hook install`.' });
    await fillMessageFile({ ...options, file: resolve(options.cwd, file) });
  } catch (error) {
    options.stderr.write(`git-ai: ${sanitizeText(describeFailure(error))} (the hook left the commit message as it was)\n`);
  }
}

function describeFailure(error: unknown): string {
  if (isUserError(error)) return describeUserError(error);
  if (error instanceof GitError) return error.message;
  const text = error instanceof Error ? error.message : String(error);
  return `internal error (a bug; please report it): ${text.split('\n')[0]}`;
}

async function fillMessageFile(options: HookCommandOptions & { file: string }): Promise<void> {
  const existing = await readFile(options.file, 'utf8');
  const commentChar = await readCommentChar(options, existing);
  if (!isMessageEmpty(existing, commentChar)) return; // never overwrite what the user or git wrote
  // git sets GIT_INDEX_FILE for `commit -a` and `commit <paths>`: passing env on makes the diff come from that index.
  const [{ openStagedChange }, { generateCommitMessage }] = await Promise.all([import('./staged-change.js'), import('../../pipeline/generate.js')]);
  const change = await openStagedChange({ cwd: options.cwd, env: options.env, flags: {}, all: false });
  try {
    const generated = await generateCommitMessage({
      context: change.context,
      root: change.root,
      config: change.config,
      env: options.env,
      signal: AbortSignal.any([AbortSignal.timeout(backstopMs(change.config.timeout)), ...(options.signal ? [options.signal] : [])]),
    });
    await replaceFileAtomically(options.file, insertMessage(existing, sanitizeText(generated.text)), (await stat(options.file)).mode & 0o777);
  } finally {
    await change.dispose();
  }
}

// A backstop past the engine's own deadline, so that nothing can hold a commit forever; Node timers end at 2^31-1 ms.
const backstopMs = (timeoutSeconds: number): number => Math.min((timeoutSeconds + 10) * 1000, 2 ** 31 - 1);

// core.commentChar (or commentString) 'auto' makes git pick a character no message line starts with; the file shows which.
const AUTO_CANDIDATES = '#;@!$%^&|:';

async function readCommentChar(options: HookCommandOptions, existing: string): Promise<string> {
  const { stdout } = await runGit(['config', '--get-regexp', '^core\\.comment(char|string)$'], { cwd: options.cwd, env: options.env, okCodes: [1] });
  const value = /^\S+ (.+)$/.exec(stdout.trim().split('\n').at(-1) ?? '')?.[1];
  if (!value) return '#';
  if (value !== 'auto') return value;
  const first = existing.split('\n').find((line) => line.trim() !== '')?.[0];
  return first !== undefined && AUTO_CANDIDATES.includes(first) ? first : '#';
}

// `commit -s` and `--trailer` put trailers below an empty subject line: ours goes above them. A token with a colon on the
// first line is a message, not a trailer (`wip: mine`).
const TRAILER = /^[A-Za-z0-9][A-Za-z0-9-]*: \S/;

/** Whether the part above git's scissors line (the `-v` diff is below it) holds no message: blanks, comments, git's trailers. */
export function isMessageEmpty(text: string, commentChar: string): boolean {
  const scissors = `${commentChar} ------------------------ >8 ------------------------`;
  const lines = text.split('\n');
  const cut = lines.indexOf(scissors);
  const head = cut === -1 ? lines : lines.slice(0, cut);
  const content = head.filter((line) => line.trim() !== '' && !line.startsWith(commentChar));
  return content.length === 0 || (head[0]?.trim() === '' && content.every((line) => TRAILER.test(line)));
}

/** The message on top, then what git wrote (trailers, the status comments, the scissors and diff) after one blank line. */
export function insertMessage(existing: string, message: string): string {
  const rest = existing.replace(/^(?:[ \t]*\r?\n)+/, '');
  return rest === '' ? `${message.trimEnd()}\n` : `${message.trimEnd()}\n\n${rest}`;
}
