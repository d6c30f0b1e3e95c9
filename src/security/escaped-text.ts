// A line as it reads once its escapes are undone: `\"` in a JSON string (a notebook's source, a config held in a
// string) and `%3D` in a URL-encoded value hide a secret's quotes, name or shape from rules written for plain text.

/** A line with an escape a rule could be blind behind: a backslash before a quote, a percent-escape, or an invisible
 * character inside a word (a zero-width space, joiner or word joiner, a soft hyphen, a BOM), pasted with a token. */
export const ESCAPE = /\\["']|%[0-9A-Fa-f]{2}|[\u00ad\u200b-\u200d\u2060\ufeff]/;
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/;

export interface DecodedLine {
  text: string;
  /** For each unit of `text`, where it starts in the line; one more entry, the line's length. */
  at: number[];
}

const hexValue = (code: number): number =>
  code >= 48 && code <= 57
    ? code - 48
    : code >= 65 && code <= 70
      ? code - 55
      : code >= 97 && code <= 102
        ? code - 87
        : -1;

/** `line` with `\"`, `\'` and printable ASCII percent-escapes (`%3D`, `%2F`, `%40`) undone and invisible characters
 * dropped, and where each unit came from. */
export function decodeEscapes(line: string): DecodedLine {
  let text = '';
  const at: number[] = [];
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    const next = line.charCodeAt(i + 1);
    if (code === 92 && (next === 34 || next === 39)) {
      at.push(i);
      text += line[i + 1];
      i++;
      continue;
    }
    if (code === 37) {
      const high = hexValue(next);
      const low = hexValue(line.charCodeAt(i + 2));
      const value = high * 16 + low;
      if (high >= 0 && low >= 0 && value >= 0x20 && value < 0x7f) {
        at.push(i);
        text += String.fromCharCode(value);
        i += 2;
        continue;
      }
    }
    if (INVISIBLE.test(line[i]!)) continue;
    at.push(i);
    text += line[i];
  }
  at.push(line.length);
  return { text, at };
}
