// `git-ai commit`: generate a message for the staged changes (or the given paths), then print it, ask, or commit.
import type { Readable, Writable } from 'node:stream';
import type { Config, ConfigKey } from '../../config/schema.js';
import { UserError } from '../../errors.js';
import { createCommit } from '../../git/commit.js';
import { generateCommitMessage, type GeneratedMessage } from '../../pipeline/generate.js';
import type { CommitPrompts } from '../ui/commit-prompts.js';
import { detectTerminal } from '../ui/terminal.js'; // in the bundle beside main: an import() added a module
import type { EarlyStart } from '../early-start.js';
import { openStagedChange, type StagedChange } from './staged-change.js';
import { toTerminalJson } from '../../security/terminal-json.js';
import { sanitizeText } from '../../security/sanitize.js';

export interface CommitCommandOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdin: Readable;
  stdout: Writable;
  stderr: Writable & { isTTY?: boolean; columns?: number };
  dryRun: boolean;
  yes: boolean;
  all: boolean;
  json: boolean;
  debug: boolean;
  /** Commit only these paths, as `git commit <paths>` does. */
  paths: readonly string[];
  /** An instruction for the message (`--context`). */
  instruction?: string;
  /** Config values given as flags (highest precedence). */
  flags: Partial<Record<ConfigKey, string | number | boolean>>;
  /** `-s`: add a Signed-off-by trailer to the message. */
  signOff?: boolean;
  /** Arguments after `--`, passed to `git commit`. */
  gitArgs: readonly string[];
  /** Whether a person can answer a question (stdin and stdout are TTYs). */
  interactive: boolean;
  /** The questions; the terminal's own when absent. */
  prompts?: CommitPrompts;
  /** Aborted on Ctrl-C: nothing is committed and the command exits 130. */
  signal?: AbortSignal;
  early?: Promise<EarlyStart>;
}

const interrupted = () => new UserError('CANCELLED', 'Interrupted; nothing was committed.', { exitCode: 130 });
const cancelled = () => new UserError('CANCELLED', 'Cancelled; nothing was committed.', { exitCode: 1 });

/** The candidates of a generation, the chosen one first (the remote engine returns the others as alternatives). */
function candidatesOf(generated: GeneratedMessage): string[] {
  return [generated.text, ...generated.alternatives.filter((text) => text !== generated.text)];
}

export async function runCommitCommand(options: CommitCommandOptions): Promise<number> {
  const started = performance.now();
  const change = await openStagedChange({ ...options, paths: options.paths });
  try {
    const warnings: string[] = [];
    const generate = createGenerator(options, change, warnings);
    let generated = await generate({ instruction: options.instruction });
    const mode = options.json
      ? options.yes && !options.dryRun
        ? 'commit'
        : 'print'
      : options.dryRun || (!options.yes && !options.interactive)
        ? 'print'
        : options.yes
          ? 'commit'
          : 'ask';
    let text = generated.text;
    let edit = false;
    if (mode === 'ask') {
      const prompts =
        options.prompts ??
        (await import('../ui/commit-prompts.js')).createCommitPrompts({ input: options.stdin, output: options.stderr });
      const decided = await decide({
        prompts,
        generate,
        first: generated,
        instruction: options.instruction,
        config: change.config,
      });
      if (decided === 'cancel') throw cancelled();
      ({ text, edit, generated } = decided);
    }
    if (options.signal?.aborted) throw interrupted();
    if (mode === 'print') {
      options.stdout.write(
        options.json ? `${toTerminalJson(report(generated, { committed: false, started, warnings }))}\n` : `${text}\n`,
      );
      return 0;
    }
    const output = await createCommit({
      cwd: options.cwd,
      env: options.env,
      message: text,
      all: options.all,
      edit,
      extraArgs: options.gitArgs,
      paths: options.paths,
    });
    if (options.json)
      options.stdout.write(`${toTerminalJson(report(generated, { committed: true, started, warnings }))}\n`);
    else if (output) options.stdout.write(output);
    return 0;
  } finally {
    await change.dispose();
  }
}

type Generate = (request: { instruction?: string; fresh?: boolean; candidates?: number }) => Promise<GeneratedMessage>;

/**
 * One generation, with a spinner (and the streamed text) on a live stderr; Ctrl-C during it exits 130. Its stderr
 * lines (a fallback, several keys, a big file not diffed) are also kept in `warnings`, for `--json`.
 */
function createGenerator(options: CommitCommandOptions, change: StagedChange, warnings: string[]): Generate {
  let first = true;
  return async (request) => {
    warnings.length = 0;
    const config: Config = {
      ...change.config,
      // A regenerate is a new request: the cache would give back the answer just rejected.
      ...(request.fresh ? { cache: false } : {}),
      ...(request.candidates ? { candidates: request.candidates } : {}),
    };
    const live = detectTerminal({ stdin: {}, stdout: {}, stderr: options.stderr }, options.env).live && !options.json;
    const view = live
      ? (await import('../ui/generation-view.js')).startGenerationView({ stream: options.stderr })
      : undefined;
    try {
      const generated = await generateCommitMessage({
        context: change.context,
        root: change.root,
        config,
        env: options.env,
        signal: options.signal,
        diff: first ? change.diff : undefined, // the early diff serves the first generation only
        history: first ? change.history : undefined,
        // The trace and the redactions name files: their names reach the terminal sanitised.
        debug: options.debug ? (text) => options.stderr.write(`${sanitizeText(text)}\n`) : undefined,
        onProgress: view?.listener,
        // Only where the view prints the text as it comes: not for --json, the hook or a stderr that is no terminal.
        streamDraft: view !== undefined,
        gitDir: change.gitDir,
        signOff: options.signOff,
        formatSignOff: change.formatSignOff,
        warn: (line) => {
          warnings.push(line);
          options.stderr.write(`${line}\n`);
        },
        ...(request.instruction ? { instruction: request.instruction } : {}),
      });
      if (options.signal?.aborted) throw interrupted();
      return generated;
    } catch (error) {
      if (options.signal?.aborted) throw interrupted();
      throw error;
    } finally {
      first = false;
      view?.stop();
    }
  };
}

type Decided = 'cancel' | { text: string; edit: boolean; generated: GeneratedMessage };

/** The question, until the person commits, edits or cancels; every regenerate is a new request. */
async function decide(options: {
  prompts: CommitPrompts;
  generate: Generate;
  first: GeneratedMessage;
  instruction?: string;
  config: Config;
}): Promise<Decided> {
  const { prompts, generate } = options;
  let generated = options.first;
  let text = generated.text;
  for (;;) {
    await prompts.show(text, 'Commit message');
    const decision = await prompts.decide();
    if (decision === 'interrupt') throw interrupted();
    if (decision === 'cancel') return 'cancel';
    if (decision === 'commit' || decision === 'edit') return { text, edit: decision === 'edit', generated };
    if (decision === 'regenerate') {
      generated = await generate({ fresh: true, instruction: options.instruction });
      text = generated.text;
    } else if (decision === 'instruct') {
      const instruction = await prompts.instruction();
      if (instruction === 'interrupt') throw interrupted();
      if (instruction === 'cancel') continue;
      generated = await generate({ fresh: true, instruction });
      text = generated.text;
    } else {
      let candidates = candidatesOf(generated);
      if (candidates.length < 2) {
        generated = await generate({
          fresh: true,
          instruction: options.instruction,
          candidates: Math.max(3, options.config.candidates),
        });
        candidates = candidatesOf(generated);
      }
      const picked = await prompts.pick(candidates);
      if (picked === 'interrupt') throw interrupted();
      if (picked !== 'cancel') text = candidates[picked] ?? text;
    }
  }
}

/** What `--json` prints, for scripts and editors. */
function report(generated: GeneratedMessage, options: { committed: boolean; started: number; warnings: string[] }) {
  return {
    message: generated.text,
    candidates: candidatesOf(generated),
    engine: generated.engine,
    stage: generated.stage,
    ...(generated.provider ? { provider: generated.provider } : {}),
    ...(generated.model ? { model: generated.model } : {}),
    requests: generated.requests,
    warnings: options.warnings,
    committed: options.committed,
    timings: { totalMs: Math.round(performance.now() - options.started) },
  };
}
