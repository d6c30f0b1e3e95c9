// `git-ai lint [file]`: checks a commit message (the hook's file, or stdin) against the repository's commitlint rules.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { UserError } from '../../errors.js';
import { readCommentChar } from '../../git/message-file.js';
import { findCommitlintConfig } from '../../rules/commitlint/discover.js';
import { CommitlintLoadError, loadCommitlint } from '../../rules/commitlint/load.js';
import { formatLintOutcome } from '../../rules/commitlint/report.js';
import { stripMessageFile } from '../../rules/message-file.js';

export interface LintCommandOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  /** The message file; stdin when absent. */
  file?: string;
}

async function readStream(stream: Readable): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
  return text;
}

/** Resolves to the exit code: 0 when the message passes (warnings allowed), 1 when it breaks a rule. */
export async function runLintCommand(options: LintCommandOptions): Promise<number> {
  const raw = options.file
    ? await readFile(resolve(options.cwd, options.file), 'utf8').catch((error: NodeJS.ErrnoException) => {
        throw new UserError('USAGE', `Cannot read the message file ${options.file} (${error.code ?? error.message}).`, {
          hint: 'Pass the path of a commit message file, or the message on stdin.',
          exitCode: 2,
        });
      })
    : await readStream(options.stdin);
  const configPath = await findCommitlintConfig({ cwd: options.cwd, env: options.env });
  if (!configPath) {
    options.stderr.write(
      'git-ai: no commitlint configuration here (commitlint.config.*, .commitlintrc*, or "commitlint" in package.json); nothing to check.\n',
    );
    return 0;
  }
  const message = stripMessageFile(raw, await readCommentChar(options, raw).catch(() => '#'));
  if (message === '')
    throw new UserError('USAGE', 'The commit message is empty.', {
      hint: 'Write a message in the file (or on stdin), then lint it.',
      exitCode: 2,
    });
  let commitlint;
  try {
    commitlint = await loadCommitlint({ cwd: options.cwd, configPath });
  } catch (error) {
    if (error instanceof CommitlintLoadError)
      throw new UserError('CONFIG_INVALID', `${error.message}.`, {
        hint: 'Fix the configuration, or install what it extends (npm install in the repository).',
      });
    throw error;
  }
  const outcome = await commitlint.lint(message);
  options.stdout.write(formatLintOutcome(outcome));
  return outcome.valid ? 0 : 1;
}
