// A real change in a temporary git repository, read as the engine receives it: the staged diff parsed, the recent
// subjects and each changed file's own subjects from `git log`.

import { parseUnifiedDiff } from '../../../src/diff/parse.js';
import { STAGED_DIFF_ARGS } from '../../../src/git/staged-diff.js';
import type { LocalEngineInput } from '../../../src/engines/local/index.js';
import { createTempRepo, type TempRepo } from '../../support/temp-repo.js';

export interface ChangeSpec {
  /** Files committed first, as `chore: init` (or firstSubject). */
  before: Record<string, string>;
  firstSubject?: string;
  /** Commits made after that, oldest first: a subject and the files it writes. */
  commits?: { subject: string; files: Record<string, string> }[];
  /** The staged change: new contents, or null to delete. */
  after: Record<string, string | null>;
}

export type StagedInput = Pick<LocalEngineInput, 'files' | 'history' | 'fileHistory'>;

export function stageChange(spec: ChangeSpec): { repo: TempRepo; input: StagedInput } {
  const repo = createTempRepo();
  const writeAll = (files: Record<string, string>) => {
    for (const [path, content] of Object.entries(files)) repo.write(path, content);
  };
  writeAll(spec.before);
  repo.git('add', '-A');
  repo.git('commit', '-q', '-m', spec.firstSubject ?? 'chore: init');
  for (const commit of spec.commits ?? []) {
    writeAll(commit.files);
    repo.git('add', '-A');
    repo.git('commit', '-q', '--allow-empty', '-m', commit.subject);
  }
  for (const [path, content] of Object.entries(spec.after)) {
    if (content === null) repo.git('rm', '-q', path);
    else repo.write(path, content);
  }
  repo.git('add', '-A');
  const files = parseUnifiedDiff(repo.git(...STAGED_DIFF_ARGS));
  const history = repo.git('log', '-n', '300', '--format=%s').split('\n').filter(Boolean);
  const fileHistory = Object.fromEntries(
    files.map((file) => [
      file.path,
      repo.git('log', '-n', '10', '--format=%s', '--', file.path).split('\n').filter(Boolean),
    ]),
  );
  return { repo, input: { files, history, fileHistory } };
}
