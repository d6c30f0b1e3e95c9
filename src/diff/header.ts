// The header lines of one file in a git diff (modes, renames, labels, binary markers, hunk headers) and the FileDiff they add up to.
import { classifyFile } from './classify.js';
import { parseLabel, resolvePaths } from './paths.js';
import type { FileDiff, FileStatus, Hunk } from './types.js';
import { unquoteGitPath } from './unquote.js';

/** What the parser has gathered about the current file so far. */
export interface FileRecord {
  /** What follows `diff --git `. */
  gitLine: string;
  minus?: string | null;
  plus?: string | null;
  renameFrom?: string;
  renameTo?: string;
  copyFrom?: string;
  copyTo?: string;
  oldMode?: string;
  newMode?: string;
  created: boolean;
  removed: boolean;
  similarity?: number;
  binary: boolean;
  hunks: Hunk[];
  additions: number;
  deletions: number;
}

export function createRecord(gitLine: string): FileRecord {
  return { gitLine, created: false, removed: false, binary: false, hunks: [], additions: 0, deletions: 0 };
}

type Apply = (record: FileRecord, value: string) => void;

// `index`, `dissimilarity index` and anything unknown are ignored.
const HEADER_LINES: ReadonlyArray<readonly [string, Apply]> = [
  [
    '--- ',
    (r, v) => {
      r.minus = parseLabel(v);
    },
  ],
  [
    '+++ ',
    (r, v) => {
      r.plus = parseLabel(v);
    },
  ],
  [
    'old mode ',
    (r, v) => {
      r.oldMode = v;
    },
  ],
  [
    'new mode ',
    (r, v) => {
      r.newMode = v;
    },
  ],
  [
    'new file mode ',
    (r, v) => {
      r.created = true;
      r.newMode = v;
    },
  ],
  [
    'deleted file mode ',
    (r, v) => {
      r.removed = true;
      r.oldMode = v;
    },
  ],
  [
    'rename from ',
    (r, v) => {
      r.renameFrom = unquoteGitPath(v);
    },
  ],
  [
    'rename to ',
    (r, v) => {
      r.renameTo = unquoteGitPath(v);
    },
  ],
  // Older spellings that `git apply` still accepts.
  [
    'rename old ',
    (r, v) => {
      r.renameFrom = unquoteGitPath(v);
    },
  ],
  [
    'rename new ',
    (r, v) => {
      r.renameTo = unquoteGitPath(v);
    },
  ],
  [
    'copy from ',
    (r, v) => {
      r.copyFrom = unquoteGitPath(v);
    },
  ],
  [
    'copy to ',
    (r, v) => {
      r.copyTo = unquoteGitPath(v);
    },
  ],
  [
    'similarity index ',
    (r, v) => {
      r.similarity = Number.parseInt(v, 10);
    },
  ],
];

/** Applies one extended header line (between `diff --git` and the first hunk) to the record. */
export function applyHeaderLine(record: FileRecord, line: string): void {
  for (const [prefix, apply] of HEADER_LINES) {
    if (line.startsWith(prefix)) return apply(record, line.slice(prefix.length));
  }
  if (line.startsWith('Binary files ') && line.endsWith(' differ')) {
    record.binary = true;
    if (line.startsWith('Binary files /dev/null and ')) record.created = true;
    if (line.endsWith(' and /dev/null differ')) record.removed = true;
  } else if (line === 'GIT binary patch') {
    record.binary = true;
  }
}

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@(.*)$/s;

/** `@@ -a,b +c,d @@ section`; an omitted count means 1. Undefined when the line is not a hunk header. */
export function parseHunkHeader(line: string): Hunk | undefined {
  const match = HUNK_HEADER.exec(line);
  if (!match) return undefined;
  const [, oldStart, oldLines, newStart, newLines, section] = match;
  return {
    header: line,
    oldStart: Number(oldStart),
    oldLines: oldLines === undefined ? 1 : Number(oldLines),
    newStart: Number(newStart),
    newLines: newLines === undefined ? 1 : Number(newLines),
    section: (section ?? '').trim(),
    lines: [],
  };
}

function statusOf(record: FileRecord): FileStatus {
  if (record.created || record.minus === null) return 'added';
  if (record.removed || record.plus === null) return 'deleted';
  if (record.copyFrom !== undefined) return 'copied';
  if (record.renameFrom !== undefined) return 'renamed';
  const { oldMode, newMode } = record;
  const modeOnly = record.hunks.length === 0 && !record.binary;
  return modeOnly && oldMode !== undefined && newMode !== undefined && oldMode !== newMode
    ? 'mode-changed'
    : 'modified';
}

/** The finished FileDiff. oldMode/newMode come only from mode lines (new, deleted, changed), never from `index`. */
export function toFileDiff(record: FileRecord): FileDiff {
  const status = statusOf(record);
  const { oldPath, newPath } = resolvePaths({
    gitLine: record.gitLine,
    minus: record.minus,
    plus: record.plus,
    from: record.renameFrom ?? record.copyFrom,
    to: record.renameTo ?? record.copyTo,
  });
  const path = status === 'deleted' ? oldPath : newPath;
  const moved = status === 'renamed' || status === 'copied';
  return {
    path,
    ...(moved ? { oldPath } : {}),
    status,
    binary: record.binary,
    ...(record.oldMode === undefined ? {} : { oldMode: record.oldMode }),
    ...(record.newMode === undefined ? {} : { newMode: record.newMode }),
    ...(record.similarity === undefined || Number.isNaN(record.similarity) ? {} : { similarity: record.similarity }),
    hunks: record.hunks,
    additions: record.additions,
    deletions: record.deletions,
    category: classifyFile(path, { binary: record.binary }),
  };
}
