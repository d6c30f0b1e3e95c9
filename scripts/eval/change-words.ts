// The words of a change, for measuring a word table in the type fit (fit-type-weights.ts --words): identifier pieces
// of the code lines it adds and removes, the words of the comments and strings it adds, and of the directories it touches.

import type { FileChange } from '../../src/engines/local/changes.js';

const COMMENT = /^\s*(?:\/\/|#(?![![])|\/\*|\*|"""|<!--|--\s)/;
const STRING = /(["'`])(?:\\.|(?!\1).)*\1/g;

/** An identifier or a sentence cut into lower-case words: `parseHTTPHeader_v2` -> parse, http, header. */
export function wordsOf(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((word) => word.length >= 2 && word.length <= 20);
}

/**
 * Each word once, prefixed by where it was read: `+` added code, `-` removed code, `#` an added comment, `"` an added
 * string, `/` a directory of a changed path. Tests and other files than source prefix a `t` or `o`: `t+expect`.
 * A line removed and added back unchanged is neither.
 */
export function changeWords(changes: FileChange[]): Set<string> {
  const words = new Set<string>();
  const put = (prefix: string, text: string) => {
    for (const word of wordsOf(text)) words.add(prefix + word);
  };
  for (const change of changes) {
    const role = change.role === 'source' ? '' : change.role === 'test' || change.role === 'snapshot' ? 't' : 'o';
    for (const directory of change.file.path.split('/').slice(0, -1)) put('/', directory);
    const removed = new Set(change.removedLines.map((line) => line.trim()));
    const added = new Set(change.addedLines.map((line) => line.trim()));
    for (const line of change.addedLines) {
      if (!line.trim() || removed.has(line.trim())) continue;
      if (COMMENT.test(line)) {
        put(`${role}#`, line);
        continue;
      }
      put(`${role}+`, line.replace(STRING, ' '));
      for (const literal of line.match(STRING) ?? []) put(`${role}"`, literal);
    }
    for (const line of change.removedLines) {
      if (!line.trim() || added.has(line.trim()) || COMMENT.test(line)) continue;
      put(`${role}-`, line.replace(STRING, ' '));
    }
  }
  return words;
}
