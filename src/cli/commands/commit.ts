// `git-ai commit`: generate a message for the staged changes, then print it, ask, or commit.
import type { Writable } from 'node:stream';
import type { ConfigKey } from '../../config/schema.js';
import { createCommit } from '../../git/commit.js';
import { generateCommitMessage } from '../../pipeline/generate.js';
import { sanitizeText } from '../../security/sanitize.js';
import type { AskDecision } from '../ui/ask-decision.js';
import type { EarlyStart } from '../early-start.js';
import { openStagedChange } from './staged-change.js';

export interface CommitCommandOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: Writable;
  stderr: Writable;
  dryRun: boolean;
  yes: boolean;
  all: boolean;
  debug: boolean;
  /** Config values given as flags (highest precedence). */
  flags: Partial<Record<ConfigKey, string | number | boolean>>;
  /** `-s`: add a Signed-off-by trailer to the message. */
  signOff?: boolean;
  /** Arguments after `--`, passed to `git commit`. */
  gitArgs: readonly string[];
  /** Whether a person can answer a question (stdin and stdout are TTYs). */
  interactive: boolean;
  ask?: AskDecision;
  signal?: AbortSignal;
  early?: Promise<EarlyStart>;
}

export async function runCommitCommand(options: CommitCommandOptions): Promise<void> {
  const change = await openStagedChange(options);
  try {
    const generated = await generateCommitMessage({
      context: change.context,
      root: change.root,
      config: change.config,
      env: options.env,
      signal: options.signal,
      diff: change.diff,
      debug: options.debug ? (text) => options.stderr.write(`${text}\n`) : undefined,
      gitDir: change.gitDir,
      signOff: options.signOff,
    });

    const text = sanitizeText(generated.text); // what is printed, asked about and committed
    const mode = options.dryRun || (!options.yes && !options.interactive) ? 'print' : options.yes ? 'commit' : 'ask';
    if (mode === 'print') {
      options.stdout.write(`${text}\n`);
      return;
    }
    const decision = mode === 'commit' ? 'commit' : await (options.ask ?? (await import('../ui/ask-decision.js')).askCommitDecision)(text);
    if (decision === 'cancel') {
      options.stderr.write('Cancelled; nothing was committed.\n');
      return;
    }
    const output = await createCommit({
      cwd: options.cwd,
      env: options.env,
      message: text,
      all: options.all,
      edit: decision === 'edit',
      extraArgs: options.gitArgs,
    });
    if (output) options.stdout.write(output);
  } finally {
    await change.dispose();
  }
}
