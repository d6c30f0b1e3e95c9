// `git-ai hook run <file> [<source> [<sha>]]`, what the installed hook calls: fill in a plain commit's message, never fail it.
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { UserError, describeUserError, isUserError, toFileAccessError } from '../../errors.js';
import { SOURCES_WITH_MESSAGE } from '../../git/hook-script.js';
import { replaceFileAtomically } from '../../git/hooks.js';
import { GitError } from '../../git/run-git.js';
import type { GeneratedMessage } from '../../pipeline/generate.js';
import type { ProgressListener } from '../../pipeline/progress.js';
import { sanitizeLine } from '../../security/sanitize.js';
import { insertMessage, isMessageEmpty, readCommentChar } from '../../git/message-file.js';
import { trailersInMessageFile } from '../../rules/trailers.js';

export interface HookRunOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stderr: Writable;
  /** git's arguments, `<message-file> [<source> [<sha>]]`. */
  args: readonly string[];
  /** Aborted on Ctrl-C: the file is left as it was. */
  signal?: AbortSignal;
  /** Shows what the hook is doing (only when stderr is a terminal). */
  progress?: () => { listener: ProgressListener; stop(): void };
}

type Outcome = { kind: 'written'; note?: string } | { kind: 'untouched'; reason: string } | { kind: 'quiet' };

/** Any failure is one line on stderr, and either the offline engine's message or the file as it was: exit 0 always. */
export async function runHook(options: HookRunOptions): Promise<void> {
  const [file] = options.args;
  // The pre-commit framework passes only the file, and the source in its environment.
  const source = options.args[1] ?? options.env.PRE_COMMIT_COMMIT_MSG_SOURCE ?? '';
  if ((SOURCES_WITH_MESSAGE as readonly string[]).includes(source)) return;
  const shown = options.progress?.();
  let outcome: Outcome;
  try {
    if (!file)
      throw new UserError('USAGE', '`hook run` needs the commit message file that git passes to the hook.', {
        hint: 'Install the hook with `git-ai hook install`.',
      });
    outcome = await fillMessageFile({ ...options, file: resolve(options.cwd, file), listener: shown?.listener });
  } catch (error) {
    outcome = { kind: 'untouched', reason: describeFailure(error) };
  } finally {
    shown?.stop();
  }
  if (outcome.kind === 'untouched')
    options.stderr.write(`git-ai: ${sanitizeLine(outcome.reason)} (the hook left the commit message as it was)\n`);
  if (outcome.kind === 'written' && outcome.note) options.stderr.write(`git-ai: ${sanitizeLine(outcome.note)}\n`);
}

function describeFailure(error: unknown): string {
  if (isUserError(error)) return describeUserError(error);
  if (error instanceof GitError) return error.message;
  const fileError = toFileAccessError(error);
  if (fileError) return describeUserError(fileError);
  const text = error instanceof Error ? error.message : String(error);
  return `internal error (a bug; please report it): ${text.split('\n')[0]}`;
}

const firstLine = (text: string): string => text.split('\n')[0] ?? '';

/** The stderr note when the offline engine wrote the message instead: why (without its full stop), then who wrote it. */
const offlineNote = (reason: string, how = ''): string =>
  `${reason.replace(/\.$/, '')}; the offline engine wrote this message${how}`;

async function fillMessageFile(
  options: HookRunOptions & { file: string; listener: ProgressListener | undefined },
): Promise<Outcome> {
  const existing = await readFile(options.file, 'utf8');
  const commentChar = await readCommentChar(options, existing);
  if (!isMessageEmpty(existing, commentChar)) return { kind: 'quiet' }; // never overwrite what the user or git wrote
  // git sets GIT_INDEX_FILE for `commit -a` and `commit <paths>`: passing env on makes the diff come from that index.
  const [{ openStagedChange }, { generateCommitMessage }] = await Promise.all([
    import('./staged-change.js'),
    import('../../pipeline/generate.js'),
  ]);
  let change;
  try {
    change = await openStagedChange({
      cwd: options.cwd,
      env: options.env,
      flags: {},
      all: false,
      configFallback: true,
    });
  } catch (error) {
    if (isUserError(error) && error.code === 'NOTHING_STAGED') return { kind: 'quiet' }; // `--allow-empty`: nothing to describe
    throw error;
  }
  const write = async (generated: GeneratedMessage) => {
    await replaceFileAtomically(
      options.file,
      insertMessage(existing, generated.text),
      (await stat(options.file)).mode & 0o777,
    );
  };
  const deadline = AbortSignal.timeout(Math.min(change.config.hookTimeout * 1000, 2 ** 31 - 1));
  const signal = AbortSignal.any([deadline, ...(options.signal ? [options.signal] : [])]);
  // `-s`, `--trailer "Co-authored-by: ..."`: git's trailers stay, in one block with the message's own.
  const trailers = trailersInMessageFile(existing, commentChar);
  const base = {
    context: change.context,
    root: change.root,
    gitDir: change.gitDir,
    trailers,
    env: options.env,
    onProgress: options.listener,
    formatSignOff: change.formatSignOff,
  };
  try {
    await write(await generateCommitMessage({ ...base, config: change.config, signal, diff: change.diff }));
    // A config that cannot be read must not block the commit: the defaults wrote it, and one line says why.
    if (change.configProblem)
      return {
        kind: 'written',
        note: offlineNote(firstLine(describeFailure(change.configProblem)), ' with the default settings'),
      };
    return { kind: 'written' };
  } catch (error) {
    if (options.signal?.aborted) return { kind: 'untouched', reason: 'interrupted' };
    const reason = deadline.aborted
      ? `no message within hook-timeout (${change.config.hookTimeout} s)`
      : firstLine(describeFailure(error));
    if (change.config.engine === 'local' || (change.config.engine === 'auto' && !change.config.provider))
      return { kind: 'untouched', reason };
    // The remote engine failed (a wrong key, an unknown model, no answer in time): the offline engine still writes one.
    await write(
      await generateCommitMessage({ ...base, config: { ...change.config, engine: 'local' }, signal: options.signal }),
    );
    return { kind: 'written', note: offlineNote(reason) };
  } finally {
    await change.dispose();
  }
}
