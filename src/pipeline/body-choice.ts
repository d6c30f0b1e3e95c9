// `body = auto` and `style = auto` decided once per change, before any engine runs: engines are given concrete values.
import type { Config, ResolvedConfig } from '../config/schema.js';
import { learnSubjectForm, resolveStyle } from '../engines/local/house-style.js';
import type { RepositoryHistory } from '../git/repo.js';

/** The share of recent commits with a body from which the repository is taken to write bodies. */
export const BODY_HABIT_SHARE = 0.2;
/** A change this small (files and changed lines) says everything in its subject. */
export const SMALL_EDIT = { files: 2, lines: 20 } as const;

export function isSmallEdit(files: readonly { additions: number; deletions: number }[]): boolean {
  const lines = files.reduce((sum, file) => sum + file.additions + file.deletions, 0);
  return files.length <= SMALL_EDIT.files && lines <= SMALL_EDIT.lines;
}

/** Whether the repository's own recent history writes bodies (a fifth of its last 100 non-merge commits). */
export function writesBodies(bodies: RepositoryHistory['bodies']): boolean {
  return bodies.sampled > 0 && bodies.withBody >= BODY_HABIT_SHARE * bodies.sampled;
}

export function resolveBody(
  setting: Config['body'],
  history: RepositoryHistory,
  files: readonly { additions: number; deletions: number }[],
): boolean {
  if (setting !== 'auto') return setting;
  return writesBodies(history.bodies) && !isSmallEdit(files);
}

/** The config with `body` decided for this change and `style = auto` read from the repository's subjects. */
export function resolveConfig(config: Config, body: boolean, subjects: string[] = []): ResolvedConfig {
  return { ...config, body, style: resolveStyle(config.style, subjects), form: learnSubjectForm(subjects) };
}
