// Reads the staged diff once, as a stream, keeping per file only what a budget could ever send.
import { cutLine, ENGINE_LINE_LENGTH, HELD_LINE_LIMIT, LINE_UNITS_PER_TOKEN } from '../diff/long-lines.js';
import { DiffParser } from '../diff/parse.js';
import type { FileDiff } from '../diff/types.js';
import { waterLevel } from './water-level.js';

/** Upper bound on UTF-8 bytes per token we keep text for; past it a file is cut before tokenizing (never over budget). */
export const KEEP_BYTES_PER_TOKEN = 8;
/** Hunk lines kept across all files for the offline engine (which reads symbols from them). */
export const ENGINE_LINE_CAP = 60_000;

export interface CollectedFile {
  diff: FileDiff;
  /** The file's diff text (headers and hunks, without the `index` line), cut to what a budget could use. */
  text: string;
  /** Length (UTF-16 units) of the full text before any cut; `text.length < fullLength` means it was cut. */
  fullLength: number;
  /** Lines of the file's diff not kept in `text`. */
  droppedLines: number;
  /** Lines longer than the budget could use, kept (in `text` and the hunks) as their head and a note of the cut. */
  cutLines: number;
}

export interface CollectOptions {
  /** Diff lines (without '\n') in batches, as read. */
  lines: AsyncIterable<readonly string[]>;
  /**
   * Tokens the content may use in all; bounds what is kept so memory stays flat as the diff grows. 0 keeps no text
   * (`text` empty, `fullLength` 0): the offline engine reads only the parsed files.
   */
  contentBudget: number;
  /** Tells the stream the most of one line read here (StagedDiffStream.holdLines), so that it holds no more. */
  holdLines?: (units: number) => void;
}

/** Consumes diff lines; memory is bounded by the budget, not by the diff's size. */
export async function collectDiff(options: CollectOptions): Promise<CollectedFile[]> {
  const parser = new DiffParser({ keepLines: true, maxLineLength: ENGINE_LINE_LENGTH });
  const files: CollectedFile[] = [];
  const keepLimit = Math.max(options.contentBudget, 1) * KEEP_BYTES_PER_TOKEN;
  const lineLimit = Math.min(Math.max(options.contentBudget, 1) * LINE_UNITS_PER_TOKEN, HELD_LINE_LIMIT);
  // A 100 MB minified line is then held as its first 64 Ki units, not HELD_LINE_LIMIT (at 4 Mi that was ~0.15 s less
  // of decoding and joining).
  options.holdLines?.(Math.max(lineLimit, ENGINE_LINE_LENGTH));
  let parts: string[] = [];
  let kept = 0;
  let bytes = 0;
  let dropped = 0;
  let cutLines = 0;
  let keptTotal = 0;
  let engineLines = 0;
  let cap = keepLimit;
  const keepsText = options.contentBudget > 0;

  const finish = (done: FileDiff[]) => {
    for (const diff of done) {
      engineLines += trimHunks(diff, ENGINE_LINE_CAP - engineLines);
      // Past the cap the rest of the diff's hunk lines would only be cut at each file's end: kept until then, they
      // outlived the young generation (~60 ms of GC and pushing on 4,000 files).
      if (engineLines >= ENGINE_LINE_CAP) parser.keepLines = false;
      const text = parts.join('');
      files.push({ diff, text, fullLength: bytes, droppedLines: dropped, cutLines });
      keptTotal += text.length;
      parts = [];
      kept = 0;
      bytes = 0;
      dropped = 0;
      cutLines = 0;
    }
    // Once more text is held than two budgets' worth, lower every file's cap to the water level so far.
    if (keptTotal > 2 * keepLimit) {
      cap = Math.max(
        1,
        waterLevel(
          files.map((file) => file.fullLength),
          keepLimit,
        ),
      );
      keptTotal = 0;
      for (const file of files) {
        if (file.text.length > cap) {
          const text = cutAtLine(file.text, cap);
          file.droppedLines += countNewlines(file.text, text.length);
          file.text = text;
        }
        keptTotal += file.text.length;
      }
    }
  };

  for await (const batch of options.lines) {
    for (let line of batch) {
      const done = parser.push(line);
      if (done.length > 0) finish(done);
      // With no text to keep, a text budget of 1 cut every line and re-levelled every file's cap at each file's end
      // (~0.2 s of CPU on 4,000 files).
      if (!keepsText) continue;
      // The stream already cut lines past HELD_LINE_LIMIT; past what the budget could show, cut to that.
      if (line.length > lineLimit && parser.lastWasBody) {
        line = cutLine(line, lineLimit);
        cutLines++;
      }
      if (line.startsWith('index ') && parts.length <= 6 && kept < 2000) continue; // object ids: tokens with no meaning
      const size = line.length + 1; // UTF-16 units: cheap, and within 3x of bytes either way
      bytes += size;
      if (kept + size <= cap) {
        parts.push(line, '\n');
        kept += size;
      } else dropped++;
    }
  }
  finish(parser.end());
  return files;
}

/**
 * Keeps at most `room` hunk lines (the file's counts stay exact) and drops the hunks past them; returns the lines kept.
 * Every string kept is copied: V8 keeps a substring as a view of its parent, here a 64 KiB batch of the diff, so one
 * kept path or hunk header per batch would otherwise hold the whole diff in memory.
 */
function trimHunks(diff: FileDiff, room: number): number {
  let keptLines = 0;
  let keptHunks = 0;
  for (const hunk of diff.hunks) {
    const allowed = Math.max(0, room - keptLines);
    if (allowed === 0) break;
    if (hunk.lines.length > allowed) hunk.lines.length = allowed;
    hunk.lines = hunk.lines.map(detach);
    hunk.header = detach(hunk.header);
    hunk.section = detach(hunk.section);
    keptLines += hunk.lines.length;
    keptHunks++;
  }
  diff.hunks.length = keptHunks;
  diff.path = detach(diff.path);
  if (diff.oldPath !== undefined) diff.oldPath = detach(diff.oldPath);
  return keptLines;
}

/**
 * A copy of the string that shares no memory with the text it was cut from. V8 slices a string of 13 or more units
 * as a view of its parent; prefixing one unit makes a rope, which slicing flattens into a string of its own first (a
 * copy of the units, no UTF-8 round trip: 3-5x faster than `Buffer.from(text).toString()`, ~25-60 ms less at 165-1,300
 * files). A test holds the parent collectable.
 */
function detach(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}

function cutAtLine(text: string, maxLength: number): string {
  const end = text.lastIndexOf('\n', maxLength - 1);
  return end === -1 ? '' : text.slice(0, end + 1);
}

function countNewlines(text: string, from: number): number {
  let count = 0;
  for (let index = text.indexOf('\n', from); index !== -1; index = text.indexOf('\n', index + 1)) count++;
  return count;
}
