/**
 * The browser's client of the companion: its calls, each validated against the wire contract
 * before anyone renders it. Every failure is a `PaylaterError` with a stable `code`. The status
 * call is `<paylater-status>`'s own (`status.ts`), so that the checkout's CDN file does not carry it.
 */
import {
  parseChargeResponse,
  parseErrorBody,
  parsePlansResponse,
  type ChargeResponseBody,
  type ErrorCode,
  type PlansRequestBody,
  type PlansResponseBody,
} from '../../contract/index.js';

/** Codes the widget adds to the companion's own (`ERROR_CODES`). */
export type ClientErrorCode =
  /** No answer: offline, DNS, CORS, connection reset. */
  | 'NETWORK_ERROR'
  /** An answer that does not match the wire contract (a schema failure, not an HTTP error). */
  | 'INVALID_RESPONSE'
  /** The checkout URL is not an absolute http(s) URL, so it is not followed. */
  | 'UNSAFE_URL'
  /** `<paylater-status>` found no status token. */
  | 'NO_TOKEN';

export type PaylaterErrorCode = ErrorCode | ClientErrorCode | (string & {});

/** A failed call to the companion, or a refusal by the widget itself. */
export class PaylaterError extends Error {
  override name = 'PaylaterError';
  constructor(
    /** Stable code: the companion's (`CHECKOUT_CHANGED`, ...) or the widget's (`NETWORK_ERROR`, ...). */
    readonly code: PaylaterErrorCode,
    /** HTTP status, 0 when no answer came. */
    readonly status: number,
    message: string,
    /** The companion's request id, for support. */
    readonly requestId?: string,
  ) {
    super(message);
  }
}

/** `endpoint` + `/` + `path`, without doubled slashes. */
export function join(endpoint: string, path: string): string {
  return `${endpoint.replace(/\/+$/, '')}/${path}`;
}

/** One call to the companion: the answer parsed by `parse` (a contract validator), or a `PaylaterError`. */
export async function call<T>(url: string, init: RequestInit, parse: (body: unknown) => T): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, headers: { accept: 'application/json', ...init.headers } });
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw new PaylaterError('NETWORK_ERROR', 0, 'No answer from the companion');
  }
  // Not JSON (or no body): undefined, which no check accepts. Aborted while reading: the abort.
  const body: unknown = await response.json().catch((error: unknown) => {
    if (init.signal?.aborted) throw error;
  });
  const requestId = response.headers.get('x-request-id') ?? undefined;
  if (!response.ok) {
    const error = parseErrorBody(body);
    const code = error?.code ?? (response.status === 429 ? 'RATE_LIMITED' : response.status >= 500 ? 'UPSTREAM_ERROR' : 'INVALID_RESPONSE');
    throw new PaylaterError(code, response.status, error?.message || `HTTP ${response.status}`, error?.request_id ?? requestId);
  }
  try {
    return parse(body);
  } catch (error) {
    throw new PaylaterError('INVALID_RESPONSE', response.status, (error as Error).message, requestId);
  }
}

export function post<T>(url: string, body: unknown, parse: (body: unknown) => T, signal?: AbortSignal): Promise<T> {
  return call(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), ...(signal ? { signal } : {}) }, parse);
}

export function fetchPlans(endpoint: string, body: PlansRequestBody, signal?: AbortSignal): Promise<PlansResponseBody> {
  return post(join(endpoint, 'plans'), body, parsePlansResponse, signal);
}

export function createCharge(endpoint: string, quote: string, planId: string, signal?: AbortSignal): Promise<ChargeResponseBody> {
  return post(join(endpoint, 'charges'), { quote, plan_id: planId }, parseChargeResponse, signal);
}
