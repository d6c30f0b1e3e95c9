// From offsets in a text to its line numbers, for passes that search the whole text for a rare mark and look at its
// lines only: a loop over every line cost more than the search (a count of each line's indent ~1 ms of CPU per MB of
// node_modules' sources), and a regex for the mark more than indexOf and a check around each hit (2.9 -> 1.2 ms).

/** The numbers (0-based) of the lines of `text` that hold the offsets, each once, in order. */
export function linesAt(text: string, offsets: readonly number[]): number[] {
  const sorted = [...offsets].sort((a, b) => a - b);
  const found: number[] = [];
  let line = 0;
  // The next newline is kept, not looked for again at each offset: that read a long line to its end once per offset
  // in it (256 KB of `password: ` took 85 ms here).
  let nl = text.indexOf('\n');
  for (const offset of sorted) {
    for (; nl !== -1 && nl < offset; nl = text.indexOf('\n', nl + 1)) line++;
    if (found.at(-1) !== line) found.push(line);
  }
  return found;
}

/** Every offset of `mark` in `text` that `accept` takes. */
export function offsetsOf(text: string, mark: string, accept: (at: number) => boolean = () => true): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(mark); at !== -1; at = text.indexOf(mark, at + mark.length))
    if (accept(at)) found.push(at);
  return found;
}

/** A space or tab, or any other white space but a newline (what `[^\S\n]` matches). */
export const isBlankCode = (code: number): boolean =>
  code === 0x20 ||
  code === 0x09 ||
  (code >= 0x0b && code <= 0x0d) ||
  (code > 0x7f && /\s/.test(String.fromCharCode(code)));
