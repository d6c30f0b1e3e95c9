// A failed remote stage in words, for the one stderr line of a fallback and for the error of `--engine remote`.
import {
  DeadlineError,
  SchemaMismatchError,
  bodyOf,
  classifyProviderError,
  redirectOf,
  statusOf,
} from '../../providers/errors.js';
import { sanitizeLine } from '../../security/sanitize.js';

/** A stage that was not started because too little time was left. */
export class StageSkipped extends Error {
  override readonly name = 'StageSkipped';
}

function networkCode(error: unknown, depth = 0): string | undefined {
  if (typeof error !== 'object' || error === null || depth > 4) return undefined;
  const { code, cause } = error as { code?: unknown; cause?: unknown };
  return typeof code === 'string' && /^E[A-Z_]+$|^UND_ERR/.test(code) ? code : networkCode(cause, depth + 1);
}

/** The message of a JSON error body (`{"error": {"message"}}`, `{"error": "…"}`, `{"message"}`), on one line, at most 120 characters. */
function errorMessageIn(body: string): string | undefined {
  if (!body.trimStart().startsWith('{')) return undefined;
  try {
    const parsed = JSON.parse(body) as { error?: unknown; message?: unknown };
    const error = parsed.error as { message?: unknown } | string | undefined;
    const message = typeof error === 'string' ? error : (error?.message ?? parsed.message);
    if (typeof message !== 'string' || message.trim() === '') return undefined;
    const line = sanitizeLine(message).replace(/\s+/g, ' ').trim(); // a provider's words reach the terminal
    return line.length > 120 ? `${line.slice(0, 119)}…` : line;
  } catch {
    return undefined;
  }
}

/** E.g. "openai did not answer within 20 s", "openai answered 503 Service Unavailable". */
export function describeFailure(error: unknown, context: { provider: string; timeoutSeconds: number }): string {
  const { provider } = context;
  if (error instanceof DeadlineError || error instanceof StageSkipped)
    return `${provider} did not answer within ${context.timeoutSeconds} s`;
  if (error instanceof SchemaMismatchError)
    return error.plainText
      ? `${provider}'s answer held no valid commit message`
      : `${provider}'s answer was not the JSON the request asked for`;
  if (error instanceof Error && error.name === 'NoValidCandidateError')
    return `${provider}'s answer held no valid commit message`;
  if (error instanceof Error && error.name === 'AnalysisFailedError') {
    const cause = error.cause === undefined ? '' : ` (${describeFailure(error.cause, context)})`;
    return `the per-file analysis failed: ${error.message.replace(/\.$/, '')}${cause}`;
  }
  const kind = classifyProviderError(error);
  const redirect = redirectOf(error);
  if (redirect !== undefined) {
    const { STATUS_CODES } = process.getBuiltinModule('node:http');
    let target = '';
    try {
      target = redirect.location === undefined ? '' : ` to ${new URL(redirect.location, 'http://x').origin}`;
    } catch {
      // an unreadable Location names no place
    }
    // Not followed: the API key would go to wherever it points.
    return `${provider} answered ${redirect.status} ${STATUS_CODES[redirect.status] ?? 'redirect'}${target}, not followed (the key goes only to base-url); point base-url there if it is right`;
  }
  const status = statusOf(error);
  if (status !== undefined) {
    // node:http as CommonJS: its ESM facade would load Node 24's undici (see providers/transport.ts).
    const { STATUS_CODES } = process.getBuiltinModule('node:http');
    return `${provider} answered ${status} ${STATUS_CODES[status] ?? 'error'}`;
  }
  if (kind === 'network') {
    const code = networkCode(error) ?? 'network error';
    // A connection reset or closed mid-answer reached the provider: it broke off, it was not unreachable.
    return /^(ECONNRESET|EPIPE|UND_ERR_SOCKET|UND_ERR_CLOSED)$/.test(code)
      ? `${provider} dropped the connection (${code})`
      : `${provider} could not be reached (${code})`;
  }
  if (kind === 'schema') return `${provider}'s answer was not the JSON the request asked for`;
  if (kind === 'abort') return `${provider} did not answer within ${context.timeoutSeconds} s`;
  // An error body under a success status (`200` and `{"error": {"message": …}}`): its own words, cut short.
  const said = errorMessageIn(bodyOf(error));
  if (said !== undefined) return `${provider} answered with an error instead of a message: "${said}"`;
  const name = error instanceof Error ? error.name : typeof error;
  return `${provider} failed (${name})`;
}
