// The two kinds of failure: a user error (expected, one line and a hint, stable code) and everything else (a bug).
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { sanitizeLine } from './security/sanitize.js';

export type UserErrorCode =
  | 'NOTHING_STAGED'
  | 'NOT_A_REPOSITORY'
  | 'GIT_NOT_FOUND'
  | 'CONFLICTED_INDEX'
  | 'GIT_FAILED'
  | 'CONFIG_INVALID'
  | 'CONFIG_UNKNOWN_KEY'
  | 'USAGE'
  | 'HOOK_EXISTS'
  | 'HOOK_GLOBAL'
  | 'ENGINE_UNAVAILABLE'
  | 'PROVIDER_AUTH'
  | 'PROVIDER_MODEL'
  | 'PROVIDER_FAILED'
  | 'CANCELLED'
  | 'EDITOR_FAILED'
  | 'FILE_ACCESS';

export class UserError extends Error {
  override readonly name = 'UserError';
  readonly code: UserErrorCode;
  readonly hint: string | undefined;
  readonly exitCode: number;

  constructor(
    code: UserErrorCode,
    message: string,
    options: { hint?: string; exitCode?: number; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? 1;
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

/** What a user error says: the message, then its hint, on one line (a provider's or git's words in it made safe to print). */
export function describeUserError(error: UserError): string {
  return sanitizeLine(error.hint ? `${error.message} ${error.hint}` : error.message);
}

// File system failures a user can fix (permissions, a read-only or full disk, something in the way): what each means and
// what to do about the path it concerns.
const FILE_FAULTS: Readonly<Record<string, { problem: string; hint: (where: string) => string }>> = {
  EACCES: {
    problem: 'permission denied',
    hint: (where) =>
      `Check the owner and mode of ${where} (\`ls -ld ${where}\`), or run git-ai as a user who may write there.`,
  },
  EPERM: {
    problem: 'operation not permitted',
    hint: (where) => `Check the owner, mode and attributes of ${where} (\`ls -ld ${where}\`, \`lsattr -d ${where}\`).`,
  },
  EROFS: {
    problem: 'the file system is read-only',
    hint: (where) => `Remount the file system of ${where} read-write, or work on a writable copy.`,
  },
  ENOSPC: {
    problem: 'no space left on the device',
    hint: (where) => `Free some space on the disk of ${where}, then try again.`,
  },
  EDQUOT: {
    problem: 'the disk quota is used up',
    hint: (where) => `Free some space within your quota on ${where}, then try again.`,
  },
  EISDIR: {
    problem: 'a directory is in the way',
    hint: (where) => `Move the directory ${where} away, then try again.`,
  },
  ENOTDIR: {
    problem: 'a part of the path is a file, not a directory',
    hint: (where) => `Move the file that stands in for a directory on ${where} away, then try again.`,
  },
  ELOOP: { problem: 'the path loops through symbolic links', hint: (where) => `Fix the symbolic links on ${where}.` },
  ENAMETOOLONG: { problem: 'the path is too long', hint: () => 'Use a shorter path.' },
  EIO: {
    problem: 'an input/output error',
    hint: (where) => `The disk of ${where} may be failing (see \`dmesg\`); check it, then try again.`,
  },
};

const UNMAKEABLE_DIRECTORY = {
  problem: 'no directory can be made there',
  hint: (where: string) =>
    `${where} holds no directories of yours (like /proc and /sys): point whatever names the path (HOME, XDG_CONFIG_HOME, XDG_CACHE_HOME) at a directory on a disk.`,
};

// Calls that create or remove a name fail on the directory that holds it (a new temporary file, a directory to make).
const ENTRY_CALLS = new Set(['mkdir', 'mkdtemp', 'rename', 'unlink', 'rmdir', 'link', 'symlink', 'copyfile']);

/** The path a failed call concerns: the directory for a name it could not create or remove, else the path itself. */
function pathOfFault(errno: NodeJS.ErrnoException): string | undefined {
  const path = errno.path;
  if (path === undefined || errno.code === 'EISDIR' || errno.code === 'ENAMETOOLONG') return path;
  const creates = ENTRY_CALLS.has(errno.syscall ?? '') || (errno.syscall === 'open' && !existsSync(path));
  return creates ? dirname(path) : path;
}

/**
 * A file system error the user can fix, as a UserError naming what failed (`action`, e.g. "save the config file
 * /x/config.ini"), the path it concerns, and what to do; undefined for anything else (a bug stays one).
 */
export function toFileAccessError(error: unknown, action?: string): UserError | undefined {
  if (!(error instanceof Error)) return undefined;
  const errno = error as NodeJS.ErrnoException;
  const fault =
    errno.code === 'ENOENT' && errno.syscall === 'mkdir'
      ? UNMAKEABLE_DIRECTORY // makeDirs found the parent, yet mkdir says ENOENT (/proc, /sys)
      : typeof errno.code === 'string'
        ? FILE_FAULTS[errno.code]
        : undefined;
  if (!fault) return undefined;
  const where = pathOfFault(errno);
  const what = action ?? (errno.syscall && errno.path ? `${errno.syscall} ${errno.path}` : 'access a file');
  const message = `Could not ${what}: ${fault.problem}${where && !what.endsWith(where) ? ` (${where})` : ''}.`;
  return new UserError('FILE_ACCESS', message, { hint: fault.hint(where ?? 'that path'), cause: error });
}

/** Runs `work`; a file system error the user can fix comes out as toFileAccessError's one line about `action`. */
export async function withFileAction<T>(action: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toFileAccessError(error, action) ?? error;
  }
}
