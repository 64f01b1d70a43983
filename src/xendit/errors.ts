/**
 * Errors thrown by the Xendit client. One base class, a few subclasses, built by one factory.
 * Every error has a stable `code`, the HTTP `status` (0 when no answer came) and Xendit's
 * `requestId` when it sent one. Messages never contain the secret key: they are built from the
 * status and Xendit's own `error_code`/`message`, and `toJSON` lists only safe fields.
 */

export interface XenditErrorInit {
  code: string;
  message: string;
  status?: number;
  requestId?: string | undefined;
  errors?: unknown[] | undefined;
  retryAfterMs?: number | undefined;
  cause?: unknown;
}

export class XenditError extends Error {
  override name = 'XenditError';
  /** Stable code: Xendit's `error_code` where it sent one, else one of ours (`TIMEOUT`, `NETWORK_ERROR`, ...). */
  readonly code: string;
  /** HTTP status of Xendit's answer; 0 when there was no answer. */
  readonly status: number;
  /** Xendit's `Request-Id` header, for support tickets. */
  readonly requestId: string | undefined;
  /** Field-level details from Xendit's `errors` array. */
  readonly errors: unknown[] | undefined;

  constructor(init: XenditErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.status = init.status ?? 0;
    this.requestId = init.requestId;
    this.errors = init.errors;
  }

  toJSON() {
    return {
      name: this.name,
      code: this.code,
      status: this.status,
      message: this.message,
      requestId: this.requestId,
      errors: this.errors,
    };
  }
}

/** 400: the request was refused as invalid (`API_VALIDATION_ERROR`, `UNSUPPORTED_CURRENCY`, ...). */
export class XenditValidationError extends XenditError {
  override name = 'XenditValidationError';
}
/** 401 / 403: wrong key, missing permission, channel not activated. */
export class XenditAuthError extends XenditError {
  override name = 'XenditAuthError';
}
/** 404: no such object (`DATA_NOT_FOUND`, `CUSTOMER_NOT_FOUND`, ...). */
export class XenditNotFoundError extends XenditError {
  override name = 'XenditNotFoundError';
}
/** 409: duplicate reference or idempotency key reused with another body. */
export class XenditConflictError extends XenditError {
  override name = 'XenditConflictError';
}
/** 429: rate limited; `retryAfterMs` from `Rate-Limit-Reset` when Xendit sent it. */
export class XenditRateLimitError extends XenditError {
  override name = 'XenditRateLimitError';
  readonly retryAfterMs: number | undefined;
  constructor(init: XenditErrorInit) {
    super(init);
    this.retryAfterMs = init.retryAfterMs;
  }
}
/** 5xx (and 402 balance errors are not here): Xendit or the provider/biller is failing or unavailable. */
export class XenditUpstreamError extends XenditError {
  override name = 'XenditUpstreamError';
}
/** No answer within the time limit. */
export class XenditTimeoutError extends XenditError {
  override name = 'XenditTimeoutError';
}
/** The connection failed or was dropped before an answer came. */
export class XenditNetworkError extends XenditError {
  override name = 'XenditNetworkError';
}
/** Xendit answered 2xx with a body that is not what the API promises (not JSON, wrong shape). */
export class XenditInvalidResponseError extends XenditError {
  override name = 'XenditInvalidResponseError';
}

/** Builds the right error class for an HTTP error answer. */
export function errorFromResponse(
  status: number,
  body: unknown,
  requestId: string | undefined,
  retryAfterMs?: number,
): XenditError {
  const parsed = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const code = typeof parsed.error_code === 'string' ? parsed.error_code : `HTTP_${status}`;
  const upstreamMessage = typeof parsed.message === 'string' ? parsed.message : '';
  const message = `Xendit answered ${status} ${code}${upstreamMessage ? `: ${upstreamMessage}` : ''}`;
  const errors = Array.isArray(parsed.errors) ? parsed.errors : undefined;
  const init: XenditErrorInit = { code, message, status, requestId, errors, retryAfterMs };
  if (status === 429) return new XenditRateLimitError(init);
  if (status === 401 || status === 403) return new XenditAuthError(init);
  if (status === 404) return new XenditNotFoundError(init);
  if (status === 409) return new XenditConflictError(init);
  if (status >= 500) return new XenditUpstreamError(init);
  if (status >= 400) return new XenditValidationError(init);
  return new XenditInvalidResponseError({ ...init, code: 'INVALID_RESPONSE' });
}
