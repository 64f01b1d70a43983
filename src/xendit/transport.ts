/**
 * The HTTP part of the Xendit client: options, time limits, retries with backoff, answer
 * validation and errors. `client.ts` builds the API groups on `createTransport`.
 */
import type * as z from 'zod';
import {
  errorFromResponse,
  XenditError,
  XenditInvalidResponseError,
  XenditNetworkError,
  XenditRateLimitError,
  XenditTimeoutError,
} from './errors.js';

export const XENDIT_BASE_URL = 'https://api.xendit.co';

export interface XenditRequestEvent {
  method: string;
  /** Path and query, never headers. */
  path: string;
  attempt: number;
  /** HTTP status, 0 when no answer came. */
  status: number;
  durationMs: number;
  requestId: string | undefined;
  /** Set when the attempt failed; `willRetry` says whether another attempt follows. */
  error?: { code: string; message: string } | undefined;
  /** The caller's `expectedError` said this failure is one it handles (e.g. 409 for a customer that exists). */
  expected?: true;
  willRetry: boolean;
}

export interface XenditClientOptions {
  /** The Xendit secret key (`xnd_development_...` / `xnd_production_...`). Never leaves the server. */
  secretKey: string;
  /** Defaults to https://api.xendit.co; point it at the simulator in tests and demos. */
  baseUrl?: string;
  /** Time limit per attempt, in milliseconds. Default 20 000. */
  timeoutMs?: number;
  /** Retries after the first attempt for retry-safe calls. Default 2. */
  maxRetries?: number;
  /** First backoff delay in milliseconds; doubles each attempt, with jitter. Default 300. */
  retryBaseDelayMs?: number;
  /** Longest single wait between attempts, `Rate-Limit-Reset` included. Default 30 000. */
  maxRetryDelayMs?: number;
  /** xenPlatform sub-account to act for. */
  forUserId?: string;
  /** A fetch implementation; defaults to the global one. */
  fetch?: typeof fetch;
  /** Called after every attempt, for logs and metrics. Carries no secret. */
  onRequest?: (event: XenditRequestEvent) => void;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Overrides the client's `maxRetries` for this call. */
  maxRetries?: number;
  /**
   * Longest wait before a retry for this call (at most the client's `maxRetryDelayMs`). A shopper's
   * request passes a short one: when Xendit's `Rate-Limit-Reset` is longer, the call fails at once
   * instead of holding the shopper's page.
   */
  maxRetryDelayMs?: number;
  /**
   * Time limit per attempt for this call, instead of the client's `timeoutMs`. Charge creation
   * passes a long one: a request given up on may still be carried out by Xendit.
   */
  timeoutMs?: number;
  /**
   * Whether to retry after a failure that leaves it unknown if Xendit acted (no answer in time, a
   * dropped connection, 502, 504). Default true. Charge creation passes false: whether Xendit
   * honours `Idempotency-Key` on /paylater is not known, so a blind retry could create a second
   * charge; 429 and 503 (nothing was done) are still retried.
   */
  retryAmbiguous?: boolean;
  /**
   * Marks a failure the caller handles as part of its normal flow (for example 409
   * `DUPLICATE_ERROR` when creating a customer that exists, which the caller then looks up). The
   * error is thrown all the same; `onRequest` gets `expected: true`, so logs need not warn.
   */
  expectedError?: (error: XenditError) => boolean;
}
export interface IdempotentCallOptions extends CallOptions {
  idempotencyKey?: string;
}
export interface RequiredIdempotencyOptions extends CallOptions {
  idempotencyKey: string;
}

export interface RequestSpec<S extends z.ZodType> {
  method: 'GET' | 'POST';
  path: string;
  schema: S;
  body?: unknown;
  headers?: Record<string, string>;
  idempotencyKey?: string | undefined;
  signal?: AbortSignal | undefined;
  maxRetries?: number | undefined;
  maxRetryDelayMs?: number | undefined;
  timeoutMs?: number | undefined;
  retryAmbiguous?: boolean | undefined;
  expectedError?: ((error: XenditError) => boolean) | undefined;
}

/** The per-call options every method passes on to `request`. */
export function passOn(opts: CallOptions) {
  return { signal: opts.signal, maxRetries: opts.maxRetries, maxRetryDelayMs: opts.maxRetryDelayMs, expectedError: opts.expectedError, timeoutMs: opts.timeoutMs };
}

const RETRY_STATUSES = new Set([429, 502, 503, 504]);

function validateOptions(options: XenditClientOptions) {
  if (!options || typeof options.secretKey !== 'string' || options.secretKey.trim() === '') {
    throw new TypeError('createXenditClient: `secretKey` is required (your Xendit secret API key).');
  }
  const baseUrl = (options.baseUrl ?? XENDIT_BASE_URL).replace(/\/+$/, '');
  let parsed: URL;
  try {
    parsed = new URL(baseUrl);
  } catch {
    throw new TypeError('createXenditClient: `baseUrl` must be an absolute http(s) URL.');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new TypeError('createXenditClient: `baseUrl` must be an absolute http(s) URL.');
  }
  const count = (value: number | undefined, fallback: number, name: string) => {
    const n = value ?? fallback;
    if (!Number.isFinite(n) || n < 0) throw new TypeError(`createXenditClient: \`${name}\` must be a number ≥ 0.`);
    return n;
  };
  return {
    baseUrl,
    timeoutMs: count(options.timeoutMs, 20_000, 'timeoutMs'),
    maxRetries: Math.floor(count(options.maxRetries, 2, 'maxRetries')),
    retryBaseDelayMs: count(options.retryBaseDelayMs, 300, 'retryBaseDelayMs'),
    maxRetryDelayMs: count(options.maxRetryDelayMs, 30_000, 'maxRetryDelayMs'),
  };
}

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** `{ expected: true }` when the caller said it handles this failure. */
function expectedMark(spec: { expectedError?: ((error: XenditError) => boolean) | undefined }, error: XenditError): { expected?: true } {
  try {
    return spec.expectedError?.(error) ? { expected: true } : {};
  } catch {
    return {};
  }
}

/** Seconds in `Rate-Limit-Reset` (or `Retry-After`) as milliseconds. */
function resetDelayMs(headers: Headers): number | undefined {
  const raw = headers.get('rate-limit-reset') ?? headers.get('retry-after');
  if (raw === null) return undefined;
  const seconds = Number(raw);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds * 1000) : undefined;
}

function summariseIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}

export function encode(segment: string): string {
  return encodeURIComponent(segment);
}

/** `request(spec)`: one Xendit call with its time limits, retries and answer check. */
export function createTransport(options: XenditClientOptions) {
  const config = validateOptions(options);
  const authorization = `Basic ${base64(`${options.secretKey}:`)}`;
  const fetchImpl = options.fetch ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args));
  const onRequest = options.onRequest;

  function backoff(attempt: number): number {
    const exp = Math.min(config.maxRetryDelayMs, config.retryBaseDelayMs * 2 ** attempt);
    // "Equal jitter": half fixed, half random, so retries from many clients spread out.
    return exp / 2 + Math.random() * (exp / 2);
  }

  async function request<S extends z.ZodType>(spec: RequestSpec<S>): Promise<z.output<S>> {
    const retrySafe = spec.method === 'GET' || spec.idempotencyKey !== undefined;
    const maxAttempts = retrySafe ? (spec.maxRetries ?? config.maxRetries) + 1 : 1;
    const headers: Record<string, string> = {
      authorization,
      accept: 'application/json',
      ...spec.headers,
    };
    if (spec.body !== undefined) headers['content-type'] = 'application/json';
    if (options.forUserId) headers['for-user-id'] = options.forUserId;
    if (spec.idempotencyKey !== undefined) headers['idempotency-key'] = spec.idempotencyKey;
    const body = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    const url = `${config.baseUrl}${spec.path}`;
    const timeoutMs = spec.timeoutMs !== undefined && spec.timeoutMs > 0 ? spec.timeoutMs : config.timeoutMs;

    for (let attempt = 0; ; attempt += 1) {
      const started = Date.now();
      const timeout = AbortSignal.timeout(timeoutMs);
      const signal = spec.signal ? AbortSignal.any([spec.signal, timeout]) : timeout;
      let failure: XenditError | undefined;
      let retryDelay: number | undefined;
      let status = 0;
      let requestId: string | undefined;
      try {
        const response = await fetchImpl(url, { method: spec.method, headers, body, signal });
        status = response.status;
        requestId = response.headers.get('request-id') ?? undefined;
        const text = await response.text();
        let json: unknown;
        let jsonOk = true;
        try {
          json = text === '' ? undefined : JSON.parse(text);
        } catch {
          jsonOk = false;
        }
        if (response.ok) {
          if (!jsonOk) {
            throw new XenditInvalidResponseError({
              code: 'INVALID_RESPONSE',
              message: `Xendit answered ${status} with a body that is not JSON (${spec.method} ${spec.path})`,
              status,
              requestId,
            });
          }
          const parsed = spec.schema.safeParse(json);
          if (!parsed.success) {
            throw new XenditInvalidResponseError({
              code: 'INVALID_RESPONSE',
              message: `Xendit answered ${status} with an unexpected body (${spec.method} ${spec.path}): ${summariseIssues(parsed.error)}`,
              status,
              requestId,
            });
          }
          onRequest?.({ method: spec.method, path: spec.path, attempt, status, durationMs: Date.now() - started, requestId, willRetry: false });
          return parsed.data;
        }
        const reset = status === 429 ? resetDelayMs(response.headers) : undefined;
        failure = errorFromResponse(status, jsonOk ? json : undefined, requestId, reset);
        if (RETRY_STATUSES.has(status)) retryDelay = reset;
        else throw failure;
      } catch (error) {
        if (error instanceof XenditError) {
          // Thrown above only when no retry can help (4xx, an invalid 2xx body).
          onRequest?.({ method: spec.method, path: spec.path, attempt, status, durationMs: Date.now() - started, requestId, error: { code: error.code, message: error.message }, ...expectedMark(spec, error), willRetry: false });
          throw error;
        }
        if (spec.signal?.aborted) throw spec.signal.reason ?? error;
        failure = timeout.aborted
            ? new XenditTimeoutError({
                code: 'TIMEOUT',
                message: `No answer from Xendit within ${timeoutMs} ms (${spec.method} ${spec.path})`,
                requestId,
                cause: error,
              })
            : new XenditNetworkError({
                code: 'NETWORK_ERROR',
                message: `Could not reach Xendit (${spec.method} ${spec.path}): ${(error as Error)?.message ?? 'connection failed'}`,
                requestId,
                cause: error,
              });
      }
      const ambiguous = failure!.status === 0 || failure!.status === 502 || failure!.status === 504;
      const more = attempt + 1 < maxAttempts && !(ambiguous && spec.retryAmbiguous === false);
      const delay = Math.max(retryDelay ?? 0, backoff(attempt));
      const willRetry = more && delay <= Math.min(config.maxRetryDelayMs, spec.maxRetryDelayMs ?? Infinity);
      onRequest?.({ method: spec.method, path: spec.path, attempt, status, durationMs: Date.now() - started, requestId, error: { code: failure!.code, message: failure!.message }, ...(willRetry ? {} : expectedMark(spec, failure!)), willRetry });
      if (!willRetry) throw failure!;
      await sleep(delay, spec.signal);
    }
  }

  return request;
}
