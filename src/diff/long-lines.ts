// Lines too long for any budget (a minified bundle is one line of megabytes): kept as their head, with a note of the cut.

/**
 * The most of one line kept, whatever the budget, in UTF-16 units (~64-128k tokens): no message needs more of one
 * line. Past it a line is only counted, so a 100 MB line costs what git does. At 4 Mi (what a 2M-token window could
 * hold) a 1M-window `git ai prompt` on a minified 50 MB file took 3.35x git's time, scanning and counting its head.
 */
export const HELD_LINE_LIMIT = 256 * 1024;
/**
 * Units of one line kept per token of the content budget. Dense text (a minified line) runs at ~3-4 units per
 * token in o200k_base, so a head cut here fills about half of the budget: it fits the file's share when the
 * file is alone, where a longer head would be dropped whole at the line boundary of the token cut.
 */
export const LINE_UNITS_PER_TOKEN = 2;
/** Units of a hunk line the offline engine reads (its symbols and wording come from a line's start). */
export const ENGINE_LINE_LENGTH = 2000;
/** A cut ends on a character that cannot be inside a token or key, if there is one this close to the limit. */
const BOUNDARY_WINDOW = 64;
/**
 * The least of a line the stream holds, whatever a reader needs: a header line (two quoted paths of up to 4,096 bytes,
 * each byte up to 4 units as an octal escape) must reach the parser whole. 64 Ki units are one pipe read.
 */
const MIN_HELD_LINE = 64 * 1024;

/**
 * Units of a line the stream must hold for a reader that uses at most `units` of it: a little more, so that the
 * reader's own cut (cutLine) still finds the end of a word past its limit and cuts there, as it would in a line
 * held whole.
 */
export function heldLineLength(units: number): number {
  return Math.min(HELD_LINE_LIMIT, Math.max(MIN_HELD_LINE, Math.ceil(units) + BOUNDARY_WINDOW + 1));
}

const MARK = / \[git-ai: line cut, (\d+) more characters\]$/;
/** The mark at the end of a line, searched in the line's tail: a search from the start took 24 ms on a 4 Mi line. */
const markAtEnd = (line: string) => (line.endsWith(' more characters]') ? MARK.exec(line.slice(-64)) : null);
const WORD = /[\w+/=.-]/;

/** `head` followed by the note that `dropped` more units of the line were cut. */
export function markCut(head: string, dropped: number): string {
  return `${head} [git-ai: line cut, ${dropped} more characters]`;
}

/** Units of the original line a cut line left out; 0 for a line that was not cut. */
export function cutLength(line: string): number {
  const match = markAtEnd(line);
  return match ? Number(match[1]) : 0;
}

/**
 * The line's first `maxLength` units (backed up to the end of a word, so no key or token is cut in half and
 * half-sent) and the note of what was cut. A line within the limit is returned as it is; cutting a cut line
 * again adds to its count.
 */
export function cutLine(line: string, maxLength: number): string {
  if (line.length <= maxLength) return line;
  const earlier = cutLength(line);
  const body = earlier > 0 ? line.slice(0, line.length - (markAtEnd(line)?.[0].length ?? 0)) : line;
  if (body.length <= maxLength) return line;
  let end = Math.max(1, Math.floor(maxLength));
  const code = body.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--; // never half a surrogate pair
  if (end === 0) return markCut('', earlier + body.length);
  if (WORD.test(body[end - 1]!) && WORD.test(body[end]!)) {
    for (let at = end - 1; at > 0 && at > end - BOUNDARY_WINDOW; at--) {
      if (!WORD.test(body[at - 1]!)) {
        end = at;
        break;
      }
    }
  }
  return markCut(body.slice(0, end), earlier + body.length - end);
}
