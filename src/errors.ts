// The two kinds of failure: a user error (expected, one line and a hint, stable code) and everything else (a bug).
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
  | 'EDITOR_FAILED';

export class UserError extends Error {
  override readonly name = 'UserError';
  readonly code: UserErrorCode;
  readonly hint: string | undefined;
  readonly exitCode: number;

  constructor(code: UserErrorCode, message: string, options: { hint?: string; exitCode?: number; cause?: unknown } = {}) {
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
