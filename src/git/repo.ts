// Questions about the repository that must be answered before a message is generated.
import { UserError } from '../errors.js';
import { GitError, runGit } from './run-git.js';
import { redactName, type Redaction } from '../security/redact.js';
import { readPathSubjects } from './path-subjects.js';

export interface GitContext {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Set when the staged view is a temporary index (for `--all`), so the user's own index is never touched. */
  indexFile?: string;
}

export function gitEnv(context: GitContext): NodeJS.ProcessEnv {
  const env = context.env ?? process.env;
  return context.indexFile ? { ...env, GIT_INDEX_FILE: context.indexFile } : env;
}

/** Returns the work tree's top level; a clear error outside a repository. */
export async function resolveRepository(context: GitContext): Promise<{ root: string; gitDir: string }> {
  try {
    const { stdout } = await runGit(['rev-parse', '--show-toplevel', '--absolute-git-dir'], {
      cwd: context.cwd,
      env: gitEnv(context),
    });
    const [root = '', gitDir = ''] = stdout.trim().split('\n');
    return { root, gitDir };
  } catch (error) {
    if (error instanceof GitError && /not a git repository/i.test(error.stderr)) {
      throw new UserError('NOT_A_REPOSITORY', `${context.cwd} is not in a git repository.`, {
        hint: 'Run git-ai inside a git work tree, or create one with `git init`.',
        cause: error,
      });
    }
    if (error instanceof GitError && /must be run in a work tree|bare repository/i.test(error.stderr)) {
      throw new UserError('NOT_A_REPOSITORY', `This is a bare repository; there is nothing staged to describe.`, {
        hint: 'Run git-ai in a work tree.',
        cause: error,
      });
    }
    // git 2.35.2+ refuses a repository another user owns (CVE-2022-24765) and says how to trust it.
    const stderr = error instanceof GitError ? error.stderr : '';
    const dubious = /dubious ownership in repository at '([^']*)'/.exec(stderr);
    if (dubious) {
      const exception = /^\s*(git config --global --add safe\.directory .*)$/m.exec(stderr);
      throw new UserError(
        'GIT_FAILED',
        `git refuses the repository at ${dubious[1]}: another user owns it (detected dubious ownership).`,
        {
          hint: `If you trust it, \`${exception?.[1]?.trim() ?? `git config --global --add safe.directory ${dubious[1]}`}\`, then run git-ai again.`,
          cause: error,
        },
      );
    }
    const badConfig = error instanceof GitError ? /^fatal: (bad (numeric )?config .*)$/m.exec(error.stderr) : null;
    if (badConfig) {
      throw new UserError('GIT_FAILED', `git cannot read its configuration: ${badConfig[1]!.trim()}.`, {
        hint: 'Fix that line of the file it names, then run git-ai again.',
        cause: error,
      });
    }
    throw error;
  }
}

export interface IndexState {
  staged: boolean;
  conflicted: string[];
  /** The staged paths that HEAD already has (all but added files; without renames, a renamed file's old path too). */
  withHistory: string[];
}

/**
 * What the index holds against HEAD, in one git: whether anything is staged, and the paths with unresolved conflicts
 * (`U` entries; a conflict is the error to report before "nothing staged"). Without rename detection it is as quick
 * as `ls-files --unmerged` and `diff --cached --quiet`, the two processes it replaces.
 */
export async function readIndexState(context: GitContext): Promise<IndexState> {
  const { stdout } = await runGit(['diff', '--cached', '--name-status', '-z', '--no-renames', '--no-relative'], {
    cwd: context.cwd,
    env: gitEnv(context),
  });
  const fields = stdout.split('\0');
  const conflicted = new Set<string>();
  const withHistory: string[] = [];
  for (let index = 0; index + 1 < fields.length; index += 2) {
    if (fields[index] === 'U') conflicted.add(fields[index + 1]!);
    else if (fields[index] !== 'A') withHistory.push(fields[index + 1]!);
  }
  return { staged: stdout !== '', conflicted: [...conflicted], withHistory };
}

/** Fails with a clear line when the index has unresolved conflicts. */
export function assertNoConflicts(conflicted: readonly string[]): void {
  if (conflicted.length > 0) {
    const names =
      conflicted.slice(0, 3).join(', ') + (conflicted.length > 3 ? `, and ${conflicted.length - 3} more` : '');
    throw new UserError('CONFLICTED_INDEX', `The index has unresolved conflicts (${names}).`, {
      hint: 'Resolve them and `git add` the files, or abort the merge, then run git-ai again.',
    });
  }
}

export interface RepositoryHistory {
  /** Newest first, merges left out. */
  subjects: string[];
  /** Of the newest BODY_SAMPLE commits (merges left out), how many have a body with more than trailers. */
  bodies: { withBody: number; sampled: number };
  /** For each path, the newest subjects of commits that touched it. */
  byFile: Map<string, string[]>;
  /** Secrets taken out of the subjects (they are sent as style examples): kind and which subject, never the value. */
  redactions?: Redaction[];
  /** The paths whose `byFile` subjects were read over all of history (to the budget): no older read is needed. */
  filesRead?: Set<string>;
  /** Starts reading the staged paths' subjects, if it has not started (readHistory's `deferPathSubjects`). */
  startFiles?: () => void;
  /** Takes in the staged paths' subjects (started here if need be), waiting at most `budgetMs`. */
  completeFiles?: (budgetMs: number) => Promise<void>;
}

/** Commits readHistory reads (merges left out): fewer read means the whole history was. */
export const HISTORY_LIMIT = 300;

/** How long the staged paths' own history may still be read once the recent subjects are in (it starts beside them). */
export const FILE_HISTORY_BUDGET_MS = 150;

/** Commits whose bodies decide `body = auto`. */
export const BODY_SAMPLE = 100;

const TRAILER_LINE = /^[A-Za-z0-9][A-Za-z0-9-]*:\s?\S/;

/** Whether a commit body says something beyond a closing block of trailers (Signed-off-by, Co-authored-by, …). */
export function hasProseBody(body: string): boolean {
  const paragraphs = body
    .trim()
    .split(/\n\s*\n/)
    .filter((paragraph) => paragraph.trim() !== '');
  const last = paragraphs.at(-1);
  if (last !== undefined && last.split('\n').every((line) => TRAILER_LINE.test(line.trim()))) paragraphs.pop();
  return paragraphs.length > 0;
}

/** Files a commit's subject under each path it touched, newest first, keeping at most `perFile` per path. */
export function addSubject(
  byFile: Map<string, string[]>,
  paths: readonly string[],
  subject: string,
  perFile: number,
): void {
  for (const path of paths) {
    if (path === '') continue;
    const list = byFile.get(path) ?? [];
    if (list.length < perFile) list.push(subject);
    byFile.set(path, list);
  }
}

/** Reads the window's subjects and bodies into `history`; returns its commits' hashes, newest first. */
async function readRecentSubjects(
  context: GitContext & { limit: number; signal?: AbortSignal },
  history: RepositoryHistory,
): Promise<string[]> {
  const { stdout } = await runGit(
    ['log', `-n${context.limit}`, '--no-merges', '--format=%x1e%H%x1f%s%x1f%b%x1f', 'HEAD'],
    { cwd: context.cwd, env: gitEnv(context), signal: context.signal },
  );
  const hashes: string[] = [];
  for (const record of stdout.split('\x1e')) {
    if (record === '') continue;
    const [hash = '', raw = '', body = ''] = record.split('\x1f');
    hashes.push(hash);
    const { text: subject, kinds } = redactName(raw);
    for (const kind of kinds)
      history.redactions?.push({ kind, place: `recent commit subject ${history.subjects.length + 1}` });
    history.subjects.push(subject);
    if (history.bodies.sampled < BODY_SAMPLE) {
      history.bodies.sampled += 1;
      if (hasProseBody(body)) history.bodies.withBody += 1;
    }
  }
  return hashes;
}

/**
 * Reads the recent history: the last `limit` subjects and bodies in one `git log` (no paths: listing every commit's
 * files costs git a tree diff per commit), and beside it the newest `perFile` subjects of each staged path that HEAD
 * has (`staged`, from readIndexState; read here when not given), from one path-limited `git log` over all of history
 * (path-subjects.ts); not with `pathSubjects: false` (only the offline engine reads them: `git ai prompt` does
 * without). That read is awaited here, to FILE_HISTORY_BUDGET_MS after the first; with `deferPathSubjects` it does
 * not even start until `startFiles` (a remote run: once its request is sent) or `completeFiles` (fillFileHistory,
 * where the offline engine writes), so a run that never writes offline neither waits for it nor spends a git process
 * on it before its request. Empty for a repository with no commits.
 */
export async function readHistory(
  context: GitContext & {
    limit?: number;
    perFile?: number;
    signal?: AbortSignal;
    staged?: Promise<IndexState>;
    pathSubjects?: boolean;
    deferPathSubjects?: boolean;
  },
): Promise<RepositoryHistory> {
  const limit = context.limit ?? HISTORY_LIMIT;
  const perFile = context.perFile ?? 10;
  const history: RepositoryHistory = {
    subjects: [],
    bodies: { withBody: 0, sampled: 0 },
    byFile: new Map(),
    redactions: [],
    filesRead: new Set(),
  };
  const budget = new AbortController();
  const stop = () => budget.abort();
  context.signal?.addEventListener('abort', stop, { once: true });
  const staged = context.pathSubjects === false ? undefined : (context.staged ?? readIndexState(context));
  let files: Promise<Awaited<ReturnType<typeof readPathSubjects>> | undefined> | undefined;
  const readFiles = () =>
    (files ??= staged?.then(
      (state) =>
        readPathSubjects(state.withHistory, { cwd: context.cwd, env: gitEnv(context), perFile, signal: budget.signal }),
      () => undefined,
    ));
  if (!context.deferPathSubjects) readFiles()?.catch(() => undefined);
  let window: string[];
  try {
    window = await readRecentSubjects({ ...context, limit }, history);
  } catch {
    stop(); // unborn branch or shallow oddities: no history is a valid answer (git failed before any was read)
    context.signal?.removeEventListener('abort', stop);
    return history;
  }
  if (staged === undefined) {
    context.signal?.removeEventListener('abort', stop);
    return history;
  }
  history.startFiles = () => void readFiles()?.catch(() => undefined);
  history.completeFiles = async (budgetMs) => {
    history.completeFiles = undefined;
    history.startFiles = undefined;
    const timer = setTimeout(stop, budgetMs);
    const read = await readFiles();
    clearTimeout(timer);
    if (read === undefined) return context.signal?.removeEventListener('abort', stop);
    const recent = new Set(window);
    let records = read.records;
    // Stopped at the budget (a loaded machine, a long history): the window's own commits of the paths are read whole,
    // as they always were, whatever the time, and the older ones read before the stop follow them.
    if (read.stopped && !context.signal?.aborted) {
      const oldest = window.at(-1);
      const windowed = await readPathSubjects(read.asked, {
        cwd: context.cwd,
        env: gitEnv(context),
        perFile,
        signal: context.signal,
        revisions: window.length >= limit && oldest !== undefined ? ['HEAD', '--not', `${oldest}^@`] : ['HEAD'],
      });
      records = [...windowed.records, ...records.filter((record) => !recent.has(record.hash))];
    }
    context.signal?.removeEventListener('abort', stop);
    for (const record of records) {
      if (!recent.has(record.hash))
        for (const kind of record.kinds)
          history.redactions?.push({ kind, place: 'older commit subject of a staged file' });
      addSubject(history.byFile, record.paths, record.subject, perFile);
    }
    for (const path of read.asked) history.filesRead?.add(path);
  };
  if (!context.deferPathSubjects) await history.completeFiles(FILE_HISTORY_BUDGET_MS);
  return history;
}
