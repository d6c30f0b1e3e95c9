// The newest subjects of the commits that touched some paths, from one path-limited `git log` over all of history
// (newest first), stopped by a signal (a time budget): what the offline engine reads of a staged file's own history.
import { redactName } from '../security/redact.js';
import { streamGitLineBatches } from './run-git.js';

export interface PathSubject {
  hash: string;
  /** Redacted. */
  subject: string;
  /** What the redaction took out of it. */
  kinds: string[];
  /** The asked-for paths the commit touched. */
  paths: string[];
}

/** Most paths asked about in one read (the offline engine reads the history of its first 200 files). */
export const MAX_HISTORY_PATHS = 200;

/**
 * Up to `perFile` commits per path (`-n perFile × paths`), newest first. Stopped by `signal` (or a failing git), it
 * keeps the commits read whole; `stopped` says so.
 */
export async function readPathSubjects(
  paths: readonly string[],
  options: {
    cwd: string;
    env: NodeJS.ProcessEnv;
    perFile: number;
    signal?: AbortSignal;
    /** The commits walked: HEAD's whole history unless told (e.g. `HEAD --not <oldest>^@`, a window). */
    revisions?: readonly string[];
  },
): Promise<{ records: PathSubject[]; asked: string[]; stopped: boolean }> {
  const asked = [...new Set(paths)].slice(0, MAX_HISTORY_PATHS);
  if (asked.length === 0) return { records: [], asked, stopped: false };
  // No budget: git is not started (an already-aborted spawn can still deliver output before the kill lands).
  if (options.signal?.aborted) return { records: [], asked, stopped: true };
  let text = '';
  let stopped = false;
  try {
    const lines = streamGitLineBatches(
      [
        '-c',
        'core.quotePath=false',
        'log',
        `-n${options.perFile * asked.length}`,
        '--no-merges',
        '--no-renames',
        '--format=%x1e%H%x1f%s',
        '--name-only',
        ...(options.revisions ?? ['HEAD']),
        '--',
        ...asked.map((path) => `:(literal)${path}`),
      ],
      { cwd: options.cwd, env: options.env, signal: options.signal },
    );
    for await (const batch of lines) text += batch.join('\n') + '\n';
  } catch {
    // Out of time (or git failed): the commits read whole are kept, the one cut off (after the last mark) is not.
    stopped = true;
    text = text.slice(0, Math.max(text.lastIndexOf('\x1e'), 0));
  }
  const records: PathSubject[] = [];
  for (const record of text.split('\x1e').slice(1)) {
    const [head = '', ...names] = record.split('\n');
    const [hash = '', raw = ''] = head.split('\x1f');
    const { text: subject, kinds } = redactName(raw);
    records.push({ hash, subject, kinds, paths: names.filter((name) => name !== '') });
  }
  return { records, asked, stopped };
}
