// Trailers the message carries: `Signed-off-by` when `-s` or `format.signOff` asks for it, and the `Co-authored-by`
// (or any other) trailers already in the message file, kept in one block under the message.
import { runGit } from '../git/run-git.js';
import { isTrailerBlock } from './message-parts.js';

/** `Signed-off-by: Name <email>` for the committer git would record. */
export async function signOffLine(options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<string | undefined> {
  const { stdout, exitCode } = await runGit(['var', 'GIT_COMMITTER_IDENT'], {
    cwd: options.cwd,
    env: options.env,
    okCodes: [128],
  });
  const ident = exitCode === 0 ? /^(.*>)\s+\d+\s+[+-]\d{4}$/.exec(stdout.trim())?.[1] : undefined;
  return ident ? `Signed-off-by: ${ident}` : undefined;
}

/** Whether `format.signOff` is set to true in the repository's git config. */
export async function readSignOffSetting(options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<boolean> {
  const { stdout } = await runGit(['config', '--type=bool', '--get', 'format.signOff'], {
    cwd: options.cwd,
    env: options.env,
    okCodes: [1, 128],
  }).catch(() => ({ stdout: '' }));
  return stdout.trim() === 'true';
}

/** The trailer lines of a message file (as git left them for the hook: under an empty first line, above the comments). */
export function trailersInMessageFile(text: string, commentChar: string): string[] {
  const kept = text.split('\n').filter((line) => !line.startsWith(commentChar));
  const paragraphs = kept
    .join('\n')
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean);
  return paragraphs.filter(isTrailerBlock).flatMap((paragraph) => paragraph.split('\n'));
}

/** The trailer block with `extra` lines added after it, each line once. */
export function mergeTrailers(trailers: readonly string[], extra: readonly string[]): string[] {
  const merged = [...trailers];
  for (const line of extra)
    if (!merged.some((present) => present.trim().toLowerCase() === line.trim().toLowerCase())) merged.push(line);
  return merged;
}
