/**
 * Checks of the companion's answers in the browser (no zod: the widget stays small). Each parser
 * returns the cleaned answer or throws naming the first field that breaks the wire contract. The
 * status answer's check is in `status-check.ts`: only `<paylater-status>` uses it, so the checkout's
 * file does not carry it.
 */
import type { ChargeResponseBody, ErrorBody, PlanOption, PlansResponseBody, Provider } from './index.js';

type Json = Record<string, unknown>;

/** A validator: the (cleaned) value when it matches, else an error naming `path`. */
export type Check<T = unknown> = (value: unknown, path: string) => T;

/**
 * `value` when `ok`, else an error "`path` should be `expected`" (the client turns it into an
 * `INVALID_RESPONSE` with that message).
 */
export function is<T>(ok: boolean, value: unknown, path: string, expected: string): T {
  if (!ok) throw new Error(`companion answer: ${path} should be ${expected}`);
  return value as T;
}
export const obj: Check<Json> = (v, path) => is(typeof v === 'object' && v !== null && !Array.isArray(v), v, path, 'an object');
export const str: Check<string> = (v, path) => is(typeof v === 'string', v, path, 'a string');
export const num: Check<number> = (v, path) => is(typeof v === 'number' && Number.isFinite(v), v, path, 'a number');
/** An array whose items each pass `item` (path `path[i]`). */
export const list =
  <T>(item: Check<T>): Check<T[]> =>
  (v, path) =>
    is<unknown[]>(Array.isArray(v), v, path, 'an array').map((x, i) => item(x, `${path}[${i}]`));
/** An optional string: kept when it is one, left out otherwise. */
export const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * The object `value` (path `path`) with the fields of `shape`, each checked in the order given (path
 * `path.key`); a field whose check gives undefined is left out, and so is every unknown field.
 */
export function pick<T>(value: unknown, path: string, shape: Record<string, Check>): T {
  const o = obj(value, path);
  const out: Json = {};
  for (const key in shape) {
    const v = shape[key]!(o[key], `${path}.${key}`);
    if (v !== undefined) out[key] = v;
  }
  return out as T;
}

const planOption: Check<PlanOption> = (v, path) =>
  pick(v, path, {
    total_amount: num,
    installment_amount: num,
    downpayment_amount: (d, p) => (d === undefined || d === null ? null : num(d, p)),
    interval: str,
    interval_count: num,
    total_recurrence: num,
    interest_rate: num,
    description: (d) => text(d) ?? '',
  });

const provider: Check<Provider> = (v, path) =>
  pick(v, path, {
    channel_code: str,
    name: str,
    available: (a, at) => is(typeof a === 'boolean', a, at, 'true or false'),
    // The fields that follow depend on the flag (checked above: a non-boolean never gets this far).
    ...((v as Json | null)?.available
      ? { plan_id: str, options: list(planOption) }
      : { reason: (r, at) => (str(obj(r, at).code, `${at}.code`), r) }),
  });

export const parsePlansResponse = (value: unknown): PlansResponseBody =>
  pick(value, 'plans', { quote: str, expires_at: str, currency: str, amount: num, providers: list(provider) });

export const parseChargeResponse = (value: unknown): ChargeResponseBody =>
  pick(value, 'charge', {
    // Checked first, as it always was: the error names the URLs when both they and the ids are wrong.
    checkout_url: (u, path) => pick(u, path, { desktop: str, mobile: str, deeplink: (d) => text(d) || undefined }),
    charge_id: str,
    status: str,
    status_token: str,
  });

/** The `{ error: { code, message } }` body, or null when the value is not one. */
export function parseErrorBody(value: unknown): ErrorBody['error'] | null {
  try {
    return pick((value as Json).error, 'error', { code: str, message: (m) => text(m) ?? '', request_id: text });
  } catch {
    return null;
  }
}

/** True for an absolute http: or https: URL: the only kind the widget ever navigates to. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
