// The string literals of a line as /(["'`])((?:\\.|(?!\1)[^\\])*)\1/g finds them, in one pass. The regex tries an
// unclosed quote's body to the line's end from every quote in it: a 20 KB line of `\"` took 1.5 s (256 KB, minutes).

/** A line terminator, which `.` (and so an escape's second character) does not match. */
const isTerminator = (code: number): boolean => code === 0x0a || code === 0x0d || code === 0x2028 || code === 0x2029;

/**
 * Each literal from `from` on, as [start, end): its opening quote to just past its closing one. A body is escapes
 * (`\` and any character but a line terminator) and characters other than `\` and its quote. A quote whose body
 * reaches a dead end (the line's end, or `\` before a terminator) opens no literal; nor does a later same quote
 * before that dead end, as it stands in an escape of the first body, whose walk it would join after one character.
 */
export function stringLiterals(line: string, from = 0): Array<[number, number]> {
  const bounds = stringLiteralBounds(line, from);
  const found: Array<[number, number]> = [];
  for (let k = 0; k < bounds.length; k += 2) found.push([bounds[k]!, bounds[k + 1]!]);
  return found;
}

/**
 * stringLiterals' literals as one flat list, [start, end, start, end, …]: a pair's array for each of a line's literals
 * was most of the work in a line of many (256 KB of `'`).
 */
export function stringLiteralBounds(line: string, from = 0): number[] {
  const found: number[] = [];
  // Per quote (`"`, `'`, backtick): where the dead end of its last unclosed body is.
  let deadDouble = -1;
  let deadSingle = -1;
  let deadBacktick = -1;
  for (let at = from; at < line.length; at++) {
    const quote = line.charCodeAt(at);
    if (quote === 0x22) {
      if (at < deadDouble) continue;
    } else if (quote === 0x27) {
      if (at < deadSingle) continue;
    } else if (quote === 0x60) {
      if (at < deadBacktick) continue;
    } else continue;
    let i = at + 1;
    let close = -1;
    while (i < line.length) {
      const code = line.charCodeAt(i);
      if (code === 0x5c) {
        if (i + 1 >= line.length || isTerminator(line.charCodeAt(i + 1))) break;
        i += 2;
      } else if (code === quote) {
        close = i;
        break;
      } else i++;
    }
    if (close === -1) {
      if (quote === 0x22) deadDouble = i;
      else if (quote === 0x27) deadSingle = i;
      else deadBacktick = i;
      continue;
    }
    found.push(at, close + 1);
    at = close;
  }
  return found;
}
