// The message file git hands prepare-commit-msg: whether it holds a message yet, and putting ours on top of what git wrote.
import { runGit } from './run-git.js';

// core.commentChar (or commentString) 'auto' makes git pick a character no message line starts with; the file shows which.
const AUTO_CANDIDATES = '#;@!$%^&|:';

export async function readCommentChar(
  context: { cwd: string; env: NodeJS.ProcessEnv },
  existing: string,
): Promise<string> {
  const { stdout } = await runGit(['config', '--get-regexp', '^core\\.comment(char|string)$'], {
    cwd: context.cwd,
    env: context.env,
    okCodes: [1],
  });
  const value = /^\S+ (.+)$/.exec(stdout.trim().split('\n').at(-1) ?? '')?.[1];
  if (!value) return '#';
  if (value !== 'auto') return value;
  const first = existing.split('\n').find((line) => line.trim() !== '')?.[0];
  return first !== undefined && AUTO_CANDIDATES.includes(first) ? first : '#';
}

// `commit -s` and `--trailer` put trailers below an empty subject line: ours goes above them. A token with a colon on the
// first line is a message, not a trailer (`wip: mine`).
const TRAILER = /^[A-Za-z0-9][A-Za-z0-9-]*: \S/;

/** Whether the part above git's scissors line (the `-v` diff is below it) holds no message: blanks, comments, git's trailers. */
export function isMessageEmpty(text: string, commentChar: string): boolean {
  const scissors = `${commentChar} ------------------------ >8 ------------------------`;
  const lines = text.split('\n');
  const cut = lines.indexOf(scissors);
  const head = cut === -1 ? lines : lines.slice(0, cut);
  const content = head.filter((line) => line.trim() !== '' && !line.startsWith(commentChar));
  return content.length === 0 || (head[0]?.trim() === '' && content.every((line) => TRAILER.test(line)));
}

/** The message on top, then what git wrote (trailers, the status comments, the scissors and diff) after one blank line. */
export function insertMessage(existing: string, message: string): string {
  const carried = new Set(message.split('\n').filter((line) => TRAILER.test(line)));
  const rest = existing
    .split('\n')
    .filter((line) => !carried.has(line)) // trailers the message now carries in its own block
    .join('\n')
    .replace(/^(?:[ \t]*\r?\n)+/, '');
  return rest === '' ? `${message.trimEnd()}\n` : `${message.trimEnd()}\n\n${rest}`;
}
