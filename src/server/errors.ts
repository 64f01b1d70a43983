import type { ErrorCode } from '../contract/index.js';
import { XenditError, XenditRateLimitError, XenditTimeoutError } from '../xendit/errors.js';
import { LockTimeoutError, StoreUnavailableError } from './store.js';
import type { Logger } from './logger.js';

/** An error the companion answers with: an HTTP status, a stable code and a message safe to show. */
export class CompanionError extends Error {
  override name = 'CompanionError';
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** The one place where an error becomes a Response. Unknown errors are logged and become a generic 500. */
export function errorResponse(error: unknown, requestId: string, logger: Logger, extraHeaders: Record<string, string> = {}): Response {
  const final = answerFor(error, requestId, logger);
  return json(final.status, { error: { code: final.code, message: final.message, request_id: requestId } }, {
    ...extraHeaders,
    ...final.headers,
  });
}

/** The error the client is told of (logged when unexpected or upstream): a generic 500 for an unknown one. */
export function answerFor(error: unknown, requestId: string, logger: Logger): CompanionError {
  const known = toCompanionError(error);
  if (!known) {
    logger.error('unexpected error', { request_id: requestId, error: describeError(error) });
  } else if (error instanceof StoreUnavailableError) {
    logger.error('the store (Redis) failed; the request may be tried again', { request_id: requestId, error: describeError(error) });
  } else if (known.status >= 500) {
    logger.warn('upstream failure', { request_id: requestId, code: known.code, error: describeError(error) });
  }
  return known ?? new CompanionError(500, 'INTERNAL', 'Something went wrong on the server. Please try again.');
}

function toCompanionError(error: unknown): CompanionError | null {
  if (error instanceof CompanionError) return error;
  if (error instanceof XenditRateLimitError) {
    const seconds = Math.max(1, Math.ceil((error.retryAfterMs ?? 1000) / 1000));
    return new CompanionError(429, 'RATE_LIMITED', 'Too many requests to the payment provider. Please try again shortly.', {
      'retry-after': String(seconds),
    });
  }
  if (error instanceof XenditTimeoutError) {
    return new CompanionError(504, 'UPSTREAM_TIMEOUT', 'The payment provider did not answer in time. Please try again.');
  }
  if (error instanceof XenditError) {
    return new CompanionError(502, 'UPSTREAM_ERROR', 'The payment provider could not handle the request. Please try again.');
  }
  if (error instanceof StoreUnavailableError) {
    return new CompanionError(503, 'STORE_UNAVAILABLE', 'The shop cannot take payments for a moment. Please try again.', { 'retry-after': '2' });
  }
  if (error instanceof LockTimeoutError) {
    return new CompanionError(503, 'CONFLICT', 'The same request is still being processed. Please try again.', { 'retry-after': '2' });
  }
  return null;
}

/** Safe fields of an error for a log line: never headers, bodies or keys. */
export function describeError(error: unknown): Record<string, unknown> {
  if (error instanceof XenditError) {
    return { name: error.name, code: error.code, status: error.status, xendit_request_id: error.requestId, message: error.message };
  }
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return { value: String(error) };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}
