// Hand-made FileDiffs for the engine's table tests: hunk lines keep their '+', '-' or ' ' prefix; the category comes from the classifier.

import { classifyFile } from '../../../src/diff/classify.js';
import type { FileDiff, FileStatus, Hunk } from '../../../src/diff/types.js';

export interface DiffSpec {
  status?: FileStatus;
  oldPath?: string;
  /** One hunk per entry; a plain string array is one hunk without a section. */
  hunks?: { section?: string; lines: string[] }[];
  similarity?: number;
}

export function makeDiff(path: string, lines: string[] = [], spec: DiffSpec = {}): FileDiff {
  const hunkSpecs = spec.hunks ?? (lines.length > 0 ? [{ lines }] : []);
  let oldStart = 1;
  const hunks: Hunk[] = hunkSpecs.map(({ section = '', lines: body }) => {
    const oldLines = body.filter((line) => line[0] !== '+').length;
    const newLines = body.filter((line) => line[0] !== '-').length;
    const hunk: Hunk = {
      header: `@@ -${oldStart},${oldLines} +${oldStart},${newLines} @@${section ? ` ${section}` : ''}`,
      oldStart,
      oldLines,
      newStart: oldStart,
      newLines,
      section,
      lines: body,
    };
    oldStart += oldLines + 10;
    return hunk;
  });
  const all = hunks.flatMap((hunk) => hunk.lines);
  const diff: FileDiff = {
    path,
    status: spec.status ?? 'modified',
    binary: false,
    hunks,
    additions: all.filter((line) => line[0] === '+').length,
    deletions: all.filter((line) => line[0] === '-').length,
    category: classifyFile(path),
  };
  if (spec.oldPath) diff.oldPath = spec.oldPath;
  if (spec.similarity !== undefined) diff.similarity = spec.similarity;
  return diff;
}

/** A new file: every line added. */
export function addedFile(path: string, content: string[]): FileDiff {
  return makeDiff(
    path,
    content.map((line) => `+${line}`),
    { status: 'added' },
  );
}
