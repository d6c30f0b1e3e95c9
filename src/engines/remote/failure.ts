// A failed remote stage in words, for the one stderr line of a fallback and for the error of `--engine remote`.
import { DeadlineError, SchemaMismatchError, classifyProviderError, statusOf } from '../../providers/errors.js';

/** A stage that was not started because too little time was left. */
export class StageSkipped extends Error {
  override readonly name = 'StageSkipped';
}

function networkCode(error: unknown, depth = 0): string | undefined {
  if (typeof error !== 'object' || error === null || depth > 4) return undefined;
  const { code, cause } = error as { code?: unknown; cause?: unknown };
  return typeof code === 'string' && /^E[A-Z_]+$|^UND_ERR/.test(code) ? code : networkCode(cause, depth + 1);
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
  const name = error instanceof Error ? error.name : typeof error;
  return `${provider} failed (${name})`;
}
