// Parses `git diff` output line by line into FileDiffs, holding no more than the file being read.
import { applyHeaderLine, createRecord, parseHunkHeader, toFileDiff, type FileRecord } from './header.js';
import { cutLine } from './long-lines.js';
import type { FileDiff, Hunk } from './types.js';

export interface DiffParserOptions {
  /** Keep hunk body lines (default true). False keeps hunk headers and exact counts only, for huge diffs. */
  keepLines?: boolean;
  /** Longest hunk line kept, in UTF-16 units; a longer one is kept as its head and a note of the cut (default: any). */
  maxLineLength?: number;
}

const PLUS = 0x2b;
const MINUS = 0x2d;
const SPACE = 0x20;
const BACKSLASH = 0x5c;

// Most lines complete no file; one shared, frozen empty answer spares an allocation per line.
const NONE = Object.freeze([]) as unknown as FileDiff[];

/** Incremental state machine: feed lines with `push`, collect the last file with `end`. */
export class DiffParser {
  /** Whether hunk body lines are kept; a reader that has all it will use sets it false for the rest of the diff. */
  keepLines: boolean;
  private readonly maxLineLength: number;
  /** Whether the line last pushed was a hunk body line (content), not a header. */
  lastWasBody = false;
  private file: FileRecord | undefined;
  private hunk: Hunk | undefined;
  // Body lines the current hunk header still promises per side. While either is above zero a line is
  // content, whatever it looks like: a removed "-- x" reads "--- x" and must not be taken for a header.
  private oldLeft = 0;
  private newLeft = 0;

  constructor(options: DiffParserOptions = {}) {
    this.keepLines = options.keepLines ?? true;
    this.maxLineLength = options.maxLineLength ?? Infinity;
  }

  /** Feeds one line, without its '\n'. Returns the files it completed: usually none (a shared, frozen empty array), at most one. */
  push(line: string): FileDiff[] {
    this.lastWasBody = (this.oldLeft > 0 || this.newLeft > 0) && this.pushBody(line);
    return this.lastWasBody ? NONE : this.pushHeader(line);
  }

  /** Flushes the file still being read; call once after the last line. */
  end(): FileDiff[] {
    return this.finish();
  }

  /** Takes one hunk body line, judged by its first character; false when the line cannot be body. */
  private pushBody(line: string): boolean {
    const { file, hunk } = this;
    if (file === undefined || hunk === undefined) return false;
    switch (line.charCodeAt(0)) {
      case PLUS:
        if (this.newLeft === 0) return false;
        this.newLeft--;
        file.additions++;
        break;
      case MINUS:
        if (this.oldLeft === 0) return false;
        this.oldLeft--;
        file.deletions++;
        break;
      case SPACE:
        if (this.oldLeft === 0 || this.newLeft === 0) return false;
        this.oldLeft--;
        this.newLeft--;
        break;
      case BACKSLASH:
        break;
      default:
        // An empty line is a context line whose lone space an editor or mailer stripped (git apply agrees).
        if (line.length > 0 || this.oldLeft === 0 || this.newLeft === 0) return false;
        this.oldLeft--;
        this.newLeft--;
        line = ' ';
    }
    if (this.keepLines) hunk.lines.push(line.length > this.maxLineLength ? cutLine(line, this.maxLineLength) : line);
    return true;
  }

  private pushHeader(rawLine: string): FileDiff[] {
    // Anything that is not body ends the hunk, even one cut short.
    this.oldLeft = 0;
    this.newLeft = 0;
    // Git quotes names holding '\r', so a header line ending in one comes from a CRLF-converted diff.
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line.startsWith('diff ')) {
      const done = this.finish();
      // Only `diff --git` starts a file; combined diffs (`diff --cc`) are skipped up to the next one.
      if (line.startsWith('diff --git ')) this.file = createRecord(line.slice('diff --git '.length));
      return done;
    }
    const file = this.file;
    if (file === undefined) return NONE;
    if (line.startsWith('@@ ')) {
      const hunk = parseHunkHeader(line);
      if (hunk === undefined) return NONE;
      file.hunks.push(hunk);
      this.hunk = hunk;
      this.oldLeft = hunk.oldLines;
      this.newLeft = hunk.newLines;
    } else if (line.charCodeAt(0) === BACKSLASH) {
      // "\ No newline at end of file" right after a hunk's last line.
      if (this.hunk !== undefined && this.keepLines) this.hunk.lines.push(line);
    } else if (file.hunks.length === 0) {
      applyHeaderLine(file, line);
    }
    return NONE;
  }

  private finish(): FileDiff[] {
    const file = this.file;
    this.file = undefined;
    this.hunk = undefined;
    this.oldLeft = 0;
    this.newLeft = 0;
    return file === undefined ? NONE : [toFileDiff(file)];
  }
}

/** Parses a whole diff. Lines split on '\n' only: a '\r' ending a content line is content (CRLF files). */
export function parseUnifiedDiff(text: string, options?: DiffParserOptions): FileDiff[] {
  const parser = new DiffParser(options);
  const files: FileDiff[] = [];
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const done = parser.push(text.slice(start, end));
    if (done.length > 0) files.push(...done);
    start = end + 1;
  }
  files.push(...parser.end());
  return files;
}

/** Parses lines (split on '\n' only, without it) as they arrive, yielding each file once complete. */
export async function* parseDiffStream(
  lines: AsyncIterable<string>,
  options?: DiffParserOptions,
): AsyncGenerator<FileDiff> {
  const parser = new DiffParser(options);
  for await (const line of lines) {
    const done = parser.push(line);
    if (done.length > 0) yield* done;
  }
  yield* parser.end();
}
