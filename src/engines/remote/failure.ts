// A failed remote stage in words, for the one stderr line of a fallback and for the error of `--engine remote`.
import {
  DeadlineError,
  SchemaMismatchError,
  classifyProviderError,
  redirectOf,
  statusOf,
} from '../../providers/errors.js';
import { sanitizeLine } from '../../security/sanitize.js';

/** A stage that was not started because too little time was left. */
export class StageSkipped extends Error {
  override readonly name = 'StageSkipped';
}

/** The first error code in the cause chain that `pattern` matches. */
function codeIn(error: unknown, pattern: RegExp, depth = 0): string | undefined {
  if (typeof error !== 'object' || error === null || depth > 4) return undefined;
  const { code, cause } = error as { code?: unknown; cause?: unknown };
  return typeof code === 'string' && pattern.test(code) ? code : codeIn(cause, pattern, depth + 1);
}
/** The first error in the cause chain that `test` accepts. */
function findIn(error: unknown, test: (shape: Record<string, unknown>) => boolean, depth = 0): unknown {
  if (typeof error !== 'object' || error === null || depth > 4) return undefined;
  const shape = error as Record<string, unknown>;
  return test(shape) ? shape : findIn(shape.cause ?? shape.lastError, test, depth + 1);
}
const networkCode = (error: unknown) => codeIn(error, /^E[A-Z_]+$|^UND_ERR/);

/** The proxy a failure happened at (providers/transport.ts tags it: its host, a refused tunnel's status), if any. */
function proxyIn(error: unknown, depth = 0): { proxy: string; proxyStatus?: number } | undefined {
  if (typeof error !== 'object' || error === null || depth > 5) return undefined;
  const { proxy, proxyStatus, cause, lastError } = error as Record<string, unknown>;
  if (typeof proxy === 'string') return { proxy, ...(typeof proxyStatus === 'number' ? { proxyStatus } : {}) };
  return proxyIn(cause, depth + 1) ?? proxyIn(lastError, depth + 1);
}

/** The message of a proxy variable that cannot be used (providers/proxy.ts), anywhere in the error's chain. */
function proxyUrlProblem(error: unknown, depth = 0): string | undefined {
  if (typeof error !== 'object' || error === null || depth > 5) return undefined;
  const { name, message, cause, lastError } = error as Record<string, unknown>;
  if (name === 'ProxyUrlError' && typeof message === 'string') return message;
  return proxyUrlProblem(cause, depth + 1) ?? proxyUrlProblem(lastError, depth + 1);
}

const PROXY_CREDENTIALS = 'put its user and password in the proxy URL (http://user:password@host:port)';

/** A failure at the proxy rather than at the provider: refused, unreachable, or asking for credentials (407). */
function describeProxyFailure(error: unknown, provider: string, status: number | undefined): string | undefined {
  // Only a proxy answers 407, so a forwarded request's 407 is the proxy's even untagged.
  if (status === 407) return `the proxy asked for credentials (${statusText(407)}); ${PROXY_CREDENTIALS}`;
  const at = proxyIn(error);
  if (at === undefined) return undefined;
  if (at.proxyStatus !== undefined) {
    const refused = `the proxy ${at.proxy} refused the tunnel to ${provider} (${statusText(at.proxyStatus)})`;
    return at.proxyStatus === 407 ? `${refused}; ${PROXY_CREDENTIALS}` : refused;
  }
  const code = networkCode(error);
  return code !== undefined && /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH)$/.test(code)
    ? `the proxy ${at.proxy} could not be reached (${code})`
    : undefined;
}

const statusText = (status: number): string =>
  // node:http as CommonJS: its ESM facade would load Node 24's undici (see providers/transport.ts).
  `${status} ${process.getBuiltinModule('node:http').STATUS_CODES[status] ?? 'error'}`;

/**
 * A success status whose body is no answer (the SDK could not read it): an error in a 200 (as some gateways and
 * OpenAI-compatible servers send), an HTML page (a captive portal, a proxy's login), or JSON of another shape.
 */
function describeOddSuccess(error: unknown, provider: string): string | undefined {
  const shape = (error ?? {}) as { name?: unknown; lastError?: unknown };
  if (shape.name === 'AI_RetryError') return describeOddSuccess(shape.lastError, provider);
  const { statusCode, responseBody, responseHeaders } = shape as {
    statusCode?: unknown;
    responseBody?: unknown;
    responseHeaders?: Record<string, string> | undefined;
  };
  if (typeof statusCode !== 'number' || statusCode < 200 || statusCode > 299 || typeof responseBody !== 'string')
    return undefined;
  let body: unknown;
  try {
    body = JSON.parse(responseBody);
  } catch {
    const type = responseHeaders?.['content-type'];
    return `${provider} answered ${statusText(statusCode)} with a body that is not JSON (${type ?? 'no Content-Type'}${responseBody.trim() === '' ? ', empty' : ''})`;
  }
  const said = messageOfBody(body);
  return said === undefined
    ? `${provider} answered ${statusText(statusCode)} with JSON that is not an answer of its API`
    : `${provider} answered with an error instead of a message: "${said}"`;
}

/**
 * The message of a parsed JSON error body (`{"error": {"message"}}`, `{"error": "…"}`, `{"message"}`; Gemini's list
 * of them is read by its first), on one line, at most 120 characters.
 */
function errorMessageIn(parsed: unknown): string | undefined {
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { error, message: own } = parsed as { error?: unknown; message?: unknown };
  const message = typeof error === 'string' ? error : ((error as { message?: unknown } | undefined)?.message ?? own);
  if (typeof message !== 'string' || message.trim() === '') return undefined;
  const line = sanitizeLine(message).replace(/\s+/g, ' ').trim(); // a provider's words reach the terminal
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}

/** The message of a parsed error body; of a list of them (Gemini's), the first's. */
const messageOfBody = (body: unknown): string | undefined => errorMessageIn(Array.isArray(body) ? body[0] : body);

/** The message of a 4xx error body, when it is JSON that holds one (`{"error": {"message": "…maximum context length…"}}`). */
function refusalIn(error: unknown): string | undefined {
  const found = findIn(error, (shape) => typeof shape.responseBody === 'string');
  const body = (found as { responseBody?: unknown } | undefined)?.responseBody;
  if (typeof body !== 'string') return undefined;
  try {
    return messageOfBody(JSON.parse(body));
  } catch {
    return undefined;
  }
}

/** OpenSSL's verdicts on a certificate chain it could not trust (Node's `error.code`). */
const UNTRUSTED_CERTIFICATE =
  /^(DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|CERT_UNTRUSTED|CERT_SIGNATURE_FAILURE|CERT_CHAIN_TOO_LONG|INVALID_CA)$/;

/**
 * A TLS connection that failed: a certificate not trusted (self-signed, a private CA, a proxy that inspects TLS),
 * expired, for another host, or a server that does not speak TLS at all (an https:// base-url on a plain-http port).
 */
function describeTlsFailure(error: unknown, provider: string): string | undefined {
  const code = codeIn(error, /^(?:[A-Z_]*CERT[A-Z_]*|INVALID_CA|ERR_TLS_\w+|ERR_SSL_\w+|EPROTO)$/);
  if (code === undefined) return undefined;
  if (UNTRUSTED_CERTIFICATE.test(code))
    return `${provider}'s certificate is not trusted (${code}); if a private CA or a proxy that inspects TLS signs it, name that CA's certificate file in NODE_EXTRA_CA_CERTS`;
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID')
    return `${provider}'s certificate is out of its validity dates (${code}); check the server's certificate and this machine's clock`;
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID')
    return `${provider}'s certificate is for another host (${code}); check the host in base-url`;
  const { message } = (findIn(error, (shape) => shape.code === code) ?? {}) as { message?: unknown };
  if (
    code.startsWith('ERR_SSL_') ||
    (code === 'EPROTO' && /wrong version number|packet length too long/i.test(String(message)))
  )
    return `${provider} did not answer in TLS (${code}); if its server speaks plain HTTP, give base-url as http://`;
  return undefined;
}

/** E.g. "openai did not answer within 20 s", "openai answered 503 Service Unavailable". */
export function describeFailure(error: unknown, context: { provider: string; timeoutSeconds: number }): string {
  const { provider } = context;
  if (error instanceof DeadlineError || error instanceof StageSkipped)
    return `${provider} did not answer within ${context.timeoutSeconds} s`;
  if (error instanceof SchemaMismatchError)
    return error.plainText
      ? `${provider}'s answer held no valid ${error.schemaName}`
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
  const tooLarge = findIn(error, (shape) => shape.code === 'GIT_AI_ANSWER_TOO_LARGE');
  if (tooLarge !== undefined) {
    const { limit } = tooLarge as { limit?: unknown };
    const size = typeof limit === 'number' ? ` ${limit / (1024 * 1024)} MiB` : '';
    return `${provider}'s answer ran past${size}, more than any message needs: not read further`;
  }
  // Chat Completions' shape with nothing in it (`"choices": []`), as a gateway or a filtering proxy may answer.
  if (findIn(error, (shape) => shape.name === 'AI_InvalidResponseDataError') !== undefined)
    return `${provider} answered 200 OK with no answer in it (an empty choices list)`;
  const tls = describeTlsFailure(error, provider);
  if (tls !== undefined) return tls;
  const proxyUrl = proxyUrlProblem(error);
  if (proxyUrl !== undefined) return proxyUrl;
  const status = statusOf(error);
  const atProxy = describeProxyFailure(error, provider, status);
  if (atProxy !== undefined) return atProxy;
  if (status !== undefined) {
    // A request the provider refused as it was (too long for the model, too large, a bad field): its own words say why.
    const said = status === 400 || status === 413 || status === 422 ? refusalIn(error) : undefined;
    return `${provider} answered ${statusText(status)}${said === undefined ? '' : `: "${said}"`}`;
  }
  const odd = describeOddSuccess(error, provider);
  if (odd !== undefined) return odd;
  // Node's HTTP parser refused the answer.
  const parse = codeIn(error, /^HPE_/);
  if (parse === 'HPE_HEADER_OVERFLOW') return `${provider} answered with headers over Node's 16 KB limit (${parse})`;
  if (parse !== undefined) return `${provider}'s answer was not valid HTTP (${parse})`;
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
