// Everything the repository asks of a message, gathered once before an engine runs: its commitlint rules, the
// branch's ticket and the history's form for it, the team's instructions, and the trailers to carry.
// Without a commitlint configuration nothing of commitlint is imported; the rest is a few small reads.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config/schema.js';
import { runGit } from '../git/run-git.js';
import { findCommitlintConfig } from './commitlint/discover.js';
import type { Commitlint } from './commitlint/load.js';
import type { MessageConstraints } from './commitlint/constraints.js';
import { readInstructions, type Instructions } from './instructions.js';
import { branchFromHead, ticketFromBranch, type Ticket } from './tickets/branch.js';
import { DEFAULT_TICKET_FORM, detectTicketForm, type TicketForm } from './tickets/history.js';
import { readSignOffSetting, signOffLine } from './trailers.js';

export interface RepositoryRules {
  commitlint?: Commitlint;
  constraints?: MessageConstraints;
  ticket?: { ticket: Ticket; form: TicketForm; fromHistory: boolean };
  instructions: Instructions;
  /** Trailer lines the message must end with (a sign-off, the message file's own). */
  trailers: string[];
  /** What could not be honoured while loading, one line each (without the `git-ai: ` prefix). */
  notices: string[];
}

export interface LoadRulesOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** The work tree's top level. */
  root: string;
  /** The repository's git directory (HEAD names the branch); asked of git when absent. */
  gitDir?: string;
  config: Config;
  /** `-s`: add a Signed-off-by trailer whatever format.signOff says. */
  signOff?: boolean;
  /** git's format.signOff when the caller read it already (with the config: one git process for both). */
  formatSignOff?: boolean;
  /** Trailers already in the message file (the hook's), kept. */
  trailers?: readonly string[];
}

async function readBranch(options: LoadRulesOptions): Promise<string | undefined> {
  if (options.gitDir) return branchFromHead(await readFile(join(options.gitDir, 'HEAD'), 'utf8').catch(() => ''));
  const { stdout } = await runGit(['symbolic-ref', '-q', '--short', 'HEAD'], {
    cwd: options.cwd,
    env: options.env,
    okCodes: [1, 128],
  });
  return stdout.trim() || undefined;
}

/** The repository's recent full messages, for the form its ticket references take. */
async function readMessages(options: LoadRulesOptions): Promise<string[]> {
  const { stdout } = await runGit(['log', '-n100', '--no-merges', '--format=%B%x1e', 'HEAD'], {
    cwd: options.cwd,
    env: options.env,
    okCodes: [128],
  });
  return stdout
    .split('\x1e')
    .map((message) => message.trim())
    .filter(Boolean);
}

async function loadTicket(options: LoadRulesOptions): Promise<RepositoryRules['ticket']> {
  if (options.config.ticket === 'off') return undefined;
  const branch = await readBranch(options);
  const ticket = branch ? ticketFromBranch(branch) : undefined;
  if (!ticket) return undefined;
  const form = detectTicketForm(await readMessages(options));
  return { ticket, form: form ?? DEFAULT_TICKET_FORM, fromHistory: form !== undefined };
}

async function loadCommitlintRules(
  options: LoadRulesOptions,
  notices: string[],
): Promise<Pick<RepositoryRules, 'commitlint' | 'constraints'>> {
  const configPath = await findCommitlintConfig({ cwd: options.cwd, env: options.env });
  if (!configPath) return {};
  const [{ loadCommitlint }, { readConstraints }] = await Promise.all([
    import('./commitlint/load.js'),
    import('./commitlint/constraints.js'),
  ]);
  try {
    const commitlint = await loadCommitlint({ cwd: options.cwd, configPath });
    return { commitlint, constraints: readConstraints(commitlint.rules) };
  } catch (error) {
    notices.push(
      `${error instanceof Error ? error.message : String(error)}; the message was written without its rules`,
    );
    return {};
  }
}

export async function loadRepositoryRules(options: LoadRulesOptions): Promise<RepositoryRules> {
  const notices: string[] = [];
  const [commitlint, ticket, instructions, signOffSetting] = await Promise.all([
    loadCommitlintRules(options, notices),
    loadTicket(options),
    readInstructions({ root: options.root, user: options.config.instructions }),
    options.signOff || options.formatSignOff !== undefined
      ? Boolean(options.signOff || options.formatSignOff)
      : readSignOffSetting(options),
  ]);
  const trailers = [...(options.trailers ?? [])];
  const signOffRequired =
    commitlint.constraints?.trailers.some((trailer) => /^signed-off-by:?$/i.test(trailer.trim())) ?? false;
  if (signOffSetting || signOffRequired) {
    const line = await signOffLine(options);
    if (line) trailers.push(line);
  }
  return { ...commitlint, ...(ticket ? { ticket } : {}), instructions, trailers, notices };
}
