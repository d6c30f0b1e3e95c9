// The parsed shape of a staged diff, shared by every stage after `git diff --cached`.

export type FileStatus = 'added' | 'modified' | 'deleted' | 'renamed' | 'copied' | 'mode-changed';

/** What kind of file this is, for weighing (engines) and budgeting (lockfiles, generated and binary files are listed, not sent). */
export type FileCategory =
  'source' | 'test' | 'docs' | 'config' | 'build' | 'ci' | 'lockfile' | 'generated' | 'vendored' | 'asset' | 'binary';

export interface Hunk {
  /** The full `@@ -a,b +c,d @@ section` line. */
  header: string;
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** Text after the second `@@` (git's function context), trimmed; '' when absent. */
  section: string;
  /** Body lines with their prefix kept: '+', '-', ' ' or '\' (for "\ No newline at end of file"). No trailing newline. */
  lines: string[];
}

export interface FileDiff {
  /** Path after the change (for a deletion, the deleted path). Decoded: git's C-style quoting removed. */
  path: string;
  /** Path before the change, set for renames and copies. */
  oldPath?: string;
  status: FileStatus;
  binary: boolean;
  oldMode?: string;
  newMode?: string;
  /** Rename/copy similarity index, 0-100. */
  similarity?: number;
  hunks: Hunk[];
  additions: number;
  deletions: number;
  category: FileCategory;
}
