// Older subjects for the staged files the recent-history window missed: one path-limited `git log`, in a time budget.
import type { FileDiff } from '../diff/types.js';
import { redactName } from '../security/redact.js';
import { addSubject, gitEnv, HISTORY_LIMIT, type GitContext, type RepositoryHistory } from './repo.js';
import { streamGitLineBatches } from './run-git.js';

export interface FileHistoryOptions {
  /** Milliseconds git may run; then it is stopped and the commits read so far are used (0: none). */
  budgetMs?: number;
  /** readHistory's limit: a window with fewer subjects held the whole history, and nothing older is asked for. */
  limit?: number;
  /** Subjects wanted per file (readHistory's perFile). */
  perFile?: number;
  /** Most paths asked about, the largest changes first. */
  maxPaths?: number;
}

export const FILE_HISTORY_BUDGET_MS = 150;
const MAX_PATHS = 20;

/** The path whose history a file's message reads: its own, or for a rename with none, the old one. */
function historyPath(file: FileDiff, byFile: RepositoryHistory['byFile']): string {
  return byFile.has(file.path) || !file.oldPath ? file.path : file.oldPath;
}

/**
 * Fills `history.byFile` for the staged paths with fewer than `perFile` subjects from the window, from one
 * `git log -- <paths>` over all history, stopped after the budget. Returns how many paths it asked about and filled.
 */
export async function fillFileHistory(
  history: RepositoryHistory,
  files: readonly FileDiff[],
  context: GitContext & FileHistoryOptions,
): Promise<{ asked: number; filled: number; stopped: boolean }> {
  const perFile = context.perFile ?? 10;
  if (history.subjects.length < (context.limit ?? HISTORY_LIMIT)) return { asked: 0, filled: 0, stopped: false };
  const wanted = [...files]
    .filter((file) => file.status !== 'added' || file.oldPath)
    .sort((a, b) => b.additions + b.deletions - (a.additions + a.deletions))
    .map((file) => historyPath(file, history.byFile))
    .filter((path) => (history.byFile.get(path)?.length ?? 0) < perFile);
  const paths = [...new Set(wanted)].slice(0, context.maxPaths ?? MAX_PATHS);
  if (paths.length === 0) return { asked: 0, filled: 0, stopped: false };
  const budget = context.budgetMs ?? FILE_HISTORY_BUDGET_MS;
  // No budget: git is not started (an already-aborted spawn can still deliver output before the kill lands).
  if (budget <= 0) return { asked: paths.length, filled: 0, stopped: true };
  const signal = AbortSignal.timeout(budget);
  let text = '';
  let stopped = false;
  try {
    const lines = streamGitLineBatches(
      [
        '-c',
        'core.quotePath=false',
        'log',
        `-n${perFile * paths.length}`,
        '--no-merges',
        '--no-renames',
        '--format=%x1e%s',
        '--name-only',
        'HEAD',
        '--',
        ...paths.map((path) => `:(literal)${path}`),
      ],
      { cwd: context.cwd, env: gitEnv(context), signal },
    );
    for await (const batch of lines) text += batch.join('\n') + '\n';
  } catch {
    // Out of time (or git failed): the commits read whole are kept, the one cut off (after the last mark) is not.
    stopped = true;
    text = text.slice(0, Math.max(text.lastIndexOf('\x1e'), 0));
  }
  const found = new Map<string, string[]>();
  for (const record of text.split('\x1e').slice(1)) {
    const [raw = '', ...names] = record.split('\n');
    const { text: subject, kinds } = redactName(raw);
    for (const kind of kinds) history.redactions?.push({ kind, place: 'older commit subject of a staged file' });
    addSubject(found, names, subject, perFile);
  }
  let filled = 0;
  for (const path of paths) {
    const older = found.get(path);
    // Path-limited and newest first, so it holds the window's subjects for the path too, in order.
    if (older && older.length > (history.byFile.get(path)?.length ?? 0)) {
      history.byFile.set(path, older);
      filled += 1;
    }
  }
  return { asked: paths.length, filled, stopped };
}
