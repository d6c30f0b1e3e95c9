// A message body's long lines broken at a width (git's convention is 72), prose only: a line holding a URL, code (a
// fenced block, or a line indented as code) and a closing block of trailers stay as they were written.

/** The body width git's own documentation and most projects use. */
export const BODY_WIDTH = 72;

const URL = /\bhttps?:\/\/\S/i;
const FENCE = /^\s*(```|~~~)/;
/** Indented as code in Markdown: a tab, or four spaces that are not a bullet's continuation. */
const CODE_INDENT = /^(\t| {4,}(?![-*+] ))/;
const TRAILER = /^(?:BREAKING CHANGE|[A-Za-z][\w-]*): \S/;
const LEAD = /^(\s*(?:[-*+]|\d+[.)])\s+|\s*)/;

export interface WrapOptions {
  /** Break code lines too (a rule that allows no longer line); URLs and trailers still stay whole. */
  code?: 'keep' | 'wrap';
}

/** One line broken at spaces into lines of at most `width` code points (a longer word keeps a line of its own). */
function wrapLine(line: string, width: number): string[] {
  if ([...line].length <= width) return [line];
  const indent = LEAD.exec(line)?.[0] ?? '';
  const continuation = ' '.repeat(indent.length);
  const out: string[] = [];
  let current = indent;
  let empty = true; // no word on the current line yet
  for (const word of line.slice(indent.length).split(/\s+/).filter(Boolean)) {
    const candidate = empty ? `${current}${word}` : `${current} ${word}`;
    if ([...candidate].length > width && !empty) {
      out.push(current);
      current = `${continuation}${word}`;
    } else current = candidate;
    empty = false;
  }
  out.push(current);
  return out;
}

const isTrailerBlock = (lines: readonly string[]): boolean =>
  lines.length > 0 && lines.every((line) => TRAILER.test(line));

/** The body with every prose line longer than `width` broken at spaces; a bullet's continuation is indented under it. */
export function wrapBody(body: string, width: number = BODY_WIDTH, options: WrapOptions = {}): string {
  const paragraphs = body.split('\n\n');
  const last = paragraphs.length - 1;
  let fenced = false;
  return paragraphs
    .map((paragraph, index) => {
      const lines = paragraph.split('\n');
      if (index === last && isTrailerBlock(lines)) return paragraph;
      return lines
        .flatMap((line) => {
          if (FENCE.test(line)) {
            fenced = !fenced;
            return [line];
          }
          const code = fenced || CODE_INDENT.test(line);
          if (URL.test(line) || (code && options.code !== 'wrap')) return [line];
          return wrapLine(line, width);
        })
        .join('\n');
    })
    .join('\n\n');
}
