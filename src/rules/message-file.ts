// A commit message as git reads it from a file: the part above the scissors line, without comment lines.

/** The text git would commit from `text` (its default `strip` cleanup): comments, the `-v` diff and outer blank lines gone. */
export function stripMessageFile(text: string, commentChar: string): string {
  const scissors = `${commentChar} ------------------------ >8 ------------------------`;
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const cut = lines.indexOf(scissors);
  const kept = (cut === -1 ? lines : lines.slice(0, cut))
    .filter((line) => !line.startsWith(commentChar))
    .map((line) => line.trimEnd());
  const collapsed = kept.filter((line, index) => line !== '' || (index > 0 && kept[index - 1] !== ''));
  return collapsed.join('\n').trim();
}
