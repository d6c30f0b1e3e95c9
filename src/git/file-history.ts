// The staged files' own subjects where the offline engine writes: what readHistory began reading beside the recent
// history, and for files it did not ask about (a history read without them), one path-limited `git log`, in a time
// budget.
import type { FileDiff } from '../diff/types.js';
import { MAX_HISTORY_PATHS, readPathSubjects } from './path-subjects.js';
import {
  addSubject,
  FILE_HISTORY_BUDGET_MS,
  gitEnv,
  HISTORY_LIMIT,
  type GitContext,
  type RepositoryHistory,
} from './repo.js';

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

/** The path whose history a file's message reads: its own, or for a rename with none, the old one. */
function historyPath(file: FileDiff, byFile: RepositoryHistory['byFile']): string {
  return byFile.has(file.path) || !file.oldPath ? file.path : file.oldPath;
}

/**
 * Takes in what readHistory still reads of the staged paths' own history (within the budget), then fills
 * `history.byFile` for the staged paths with fewer than `perFile` subjects whose history was not read whole
 * (readHistory's `filesRead`), from one `git log -- <paths>` over all history, stopped after the budget. Returns how
 * many paths it asked about and filled.
 */
export async function fillFileHistory(
  history: RepositoryHistory,
  files: readonly FileDiff[],
  context: GitContext & FileHistoryOptions,
): Promise<{ asked: number; filled: number; stopped: boolean }> {
  const perFile = context.perFile ?? 10;
  await history.completeFiles?.(context.budgetMs ?? FILE_HISTORY_BUDGET_MS);
  if (history.subjects.length < (context.limit ?? HISTORY_LIMIT)) return { asked: 0, filled: 0, stopped: false };
  const wanted = [...files]
    .filter((file) => file.status !== 'added' || file.oldPath)
    .sort((a, b) => b.additions + b.deletions - (a.additions + a.deletions))
    .map((file) => historyPath(file, history.byFile))
    .filter((path) => !history.filesRead?.has(path) && (history.byFile.get(path)?.length ?? 0) < perFile);
  const paths = [...new Set(wanted)].slice(0, context.maxPaths ?? MAX_HISTORY_PATHS);
  if (paths.length === 0) return { asked: 0, filled: 0, stopped: false };
  const budget = context.budgetMs ?? FILE_HISTORY_BUDGET_MS;
  if (budget <= 0) return { asked: paths.length, filled: 0, stopped: true };
  const { records, stopped } = await readPathSubjects(paths, {
    cwd: context.cwd,
    env: gitEnv(context),
    perFile,
    signal: AbortSignal.timeout(budget),
  });
  const found = new Map<string, string[]>();
  for (const record of records) {
    for (const kind of record.kinds) history.redactions?.push({ kind, place: 'older commit subject of a staged file' });
    addSubject(found, record.paths, record.subject, perFile);
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
