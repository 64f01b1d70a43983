/**
 * The wire contract between the widget (browser) and the companion (merchant server).
 * Plain types and small hand-written validators: this module runs in the browser, so it imports
 * nothing (no zod) and stays tiny.
 */

/** Stable error codes the companion answers with. The widget keys its messages on these. */
export const ERROR_CODES = [
  'INVALID_REQUEST',
  'METHOD_NOT_ALLOWED',
  'NOT_FOUND',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'CHECKOUT_NOT_FOUND',
  'QUOTE_INVALID',
  'QUOTE_EXPIRED',
  'PLAN_NOT_IN_QUOTE',
  'CHECKOUT_CHANGED',
  'NO_PROVIDER_AVAILABLE',
  'PROVIDER_UNAVAILABLE',
  'STATUS_TOKEN_INVALID',
  'RATE_LIMITED',
  'UPSTREAM_ERROR',
  'UPSTREAM_TIMEOUT',
  'FORBIDDEN_ORIGIN',
  'UNAUTHORIZED',
  'CONFLICT',
  'ALREADY_PAID',
  'REQUEST_TIMEOUT',
  'INTERNAL',
  // Bill payments (inquiry)
  'BILL_CUSTOMER_NOT_FOUND',
  'BILL_INVALID_NUMBER',
  'BILL_NO_OUTSTANDING',
  'BILL_ALREADY_PAID',
  'BILL_PRODUCT_NOT_FOUND',
  'BILL_NUMBER_RESTRICTED',
  'BILL_KWH_LIMIT',
  'BILLER_MAINTENANCE',
  'BILLER_TIMEOUT',
  'BILLER_ERROR',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorBody {
  error: { code: ErrorCode | (string & {}); message: string; request_id?: string };
}

/** Why a provider cannot be offered for this order. */
export type UnavailableReason =
  | { code: 'CURRENCY_NOT_SUPPORTED'; currency: string }
  | { code: 'AMOUNT_TOO_LOW'; min_amount: number; currency: string }
  | { code: 'AMOUNT_TOO_HIGH'; max_amount: number; currency: string }
  | { code: 'CHANNEL_NOT_ENABLED' }
  | { code: 'PROVIDER_UNAVAILABLE' }
  | { code: 'PROVIDER_TIMEOUT' }
  | { code: 'PROVIDER_ERROR' }
  | { code: string; [detail: string]: unknown };

export interface PlanOption {
  total_amount: number;
  installment_amount: number;
  downpayment_amount?: number | null;
  interval: string;
  interval_count: number;
  total_recurrence: number;
  interest_rate: number;
  description: string;
}

export interface AvailableProvider {
  channel_code: string;
  name: string;
  available: true;
  plan_id: string;
  options: PlanOption[];
}

export interface UnavailableProvider {
  channel_code: string;
  name: string;
  available: false;
  reason: UnavailableReason;
}

export type Provider = AvailableProvider | UnavailableProvider;

export interface PlansRequestBody {
  checkout: string;
  channels?: string[];
  locale?: string;
}

export interface PlansResponseBody {
  quote: string;
  expires_at: string;
  currency: string;
  amount: number;
  providers: Provider[];
}

export interface ChargeRequestBody {
  quote: string;
  plan_id: string;
}

export interface CheckoutUrls {
  desktop: string;
  mobile: string;
  deeplink?: string;
}

export interface ChargeResponseBody {
  charge_id: string;
  status: string;
  checkout_url: CheckoutUrls;
  status_token: string;
}

/** The bill a PayLater charge pays (Bill Payments), as the status route shows it. */
export interface BillStatus {
  product_id: string;
  product_name: string;
  /** prepaid: a token is bought; postpaid: a bill is paid. */
  kind?: 'prepaid' | 'postpaid';
  customer_number: string;
  /** PENDING until the charge succeeds, PROCESSING while the biller works, then SUCCEEDED or FAILED. */
  status: 'PENDING' | 'PROCESSING' | 'SUCCEEDED' | 'FAILED' | (string & {});
  /** Prepaid electricity token. */
  token?: string;
  kwh?: string;
  /** Postpaid receipt number. */
  receipt?: string;
  failure_code?: string;
  /** Set when a failed bill's PayLater charge was refunded. */
  refund?: { status: string };
}

export interface StatusResponseBody {
  charge_id: string;
  status: string;
  amount: number;
  currency: string;
  channel_code: string;
  reference_id?: string;
  /** This payment did not pay the order and was refunded in full: the order was already paid (`DUPLICATE`) or its cart changed (`SUPERSEDED`). */
  refunded_as?: 'DUPLICATE' | 'SUPERSEDED';
  bill?: BillStatus;
}

export interface BillProduct {
  id: string;
  name: string;
  category: string;
  biller: string;
  currency: string;
  requires_inquiry: boolean;
  available: boolean;
  total_amount: number | null;
}

/** `GET {base}/bills/products` → the bill products a shopper can pay with PayLater. */
export interface BillProductsResponseBody {
  products: BillProduct[];
}

export interface BillDetail {
  key: string;
  value: string | null;
}

/** Finding the token, the customer's name, ... in bill details whose keys are human labels. */
export { billDetail, type BillField, type BillDetailPair } from './bill-details.js';

/** `POST {base}/bills/inquiry` → what the biller says is owed, and a checkout handle for `<paylater-checkout>`. */
export interface BillInquiryResponseBody {
  checkout: string;
  product_id: string;
  product_name: string;
  customer_number: string;
  currency: string;
  base_amount: number;
  admin_amount: number;
  total_amount: number;
  customer_details: BillDetail[];
  product_details: BillDetail[];
  bill_details: BillDetail[];
  expires_at: string;
}

/** Display names of the PayLater providers, by Xendit channel code. */
export const PROVIDER_NAMES: Record<string, string> = {
  ID_KREDIVO: 'Kredivo',
  ID_AKULAKU: 'Akulaku',
  ID_INDODANA: 'Indodana',
  ID_ATOME: 'Atome',
  ID_UANGME: 'UangMe',
  PH_BILLEASE: 'BillEase',
  PH_CASHALO: 'Cashalo',
};

// ---------------------------------------------------------------- validators


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

/**
 * `GET {base}/status` → the charge's status. Its `bill` (Bill Payments) is checked by `bill` when
 * one is given, and left out otherwise (or when `bill` gives undefined): the bill check (`parseBillStatus` in
 * `src/widget/bills/client.ts`) comes with `paylater-checkout/bills`, so that shops without bills
 * do not carry it.
 */
export const parseStatusResponse = (value: unknown, bill?: Check<BillStatus | undefined>): StatusResponseBody =>
  pick(value, 'status', {
    charge_id: str,
    status: str,
    amount: num,
    currency: str,
    channel_code: str,
    reference_id: text,
    bill: (b, path) => (b === undefined ? b : bill?.(b, path)),
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
