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

export interface BillDetail {
  key: string;
  value: string | null;
}

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

/** Thrown by the validators below: the answer does not match the contract. */
export class ContractError extends Error {
  override name = 'ContractError';
  constructor(readonly path: string, expected: string) {
    super(`Unexpected answer from the companion: ${path} should be ${expected}`);
  }
}

type Json = Record<string, unknown>;

function obj(value: unknown, path: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ContractError(path, 'an object');
  return value as Json;
}
function str(value: unknown, path: string): string {
  if (typeof value !== 'string') throw new ContractError(path, 'a string');
  return value;
}
function num(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new ContractError(path, 'a number');
  return value;
}
function arr(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw new ContractError(path, 'an array');
  return value;
}

function planOption(value: unknown, path: string): PlanOption {
  const o = obj(value, path);
  const down = o.downpayment_amount;
  return {
    total_amount: num(o.total_amount, `${path}.total_amount`),
    installment_amount: num(o.installment_amount, `${path}.installment_amount`),
    downpayment_amount: down === undefined || down === null ? null : num(down, `${path}.downpayment_amount`),
    interval: str(o.interval, `${path}.interval`),
    interval_count: num(o.interval_count, `${path}.interval_count`),
    total_recurrence: num(o.total_recurrence, `${path}.total_recurrence`),
    interest_rate: num(o.interest_rate, `${path}.interest_rate`),
    description: typeof o.description === 'string' ? o.description : '',
  };
}

function provider(value: unknown, path: string): Provider {
  const p = obj(value, path);
  const base = { channel_code: str(p.channel_code, `${path}.channel_code`), name: str(p.name, `${path}.name`) };
  if (p.available === true) {
    return {
      ...base,
      available: true,
      plan_id: str(p.plan_id, `${path}.plan_id`),
      options: arr(p.options, `${path}.options`).map((o, i) => planOption(o, `${path}.options[${i}]`)),
    };
  }
  if (p.available === false) {
    const reason = obj(p.reason, `${path}.reason`);
    str(reason.code, `${path}.reason.code`);
    return { ...base, available: false, reason: reason as UnavailableReason };
  }
  throw new ContractError(`${path}.available`, 'true or false');
}

export function parsePlansResponse(value: unknown): PlansResponseBody {
  const o = obj(value, 'plans');
  return {
    quote: str(o.quote, 'plans.quote'),
    expires_at: str(o.expires_at, 'plans.expires_at'),
    currency: str(o.currency, 'plans.currency'),
    amount: num(o.amount, 'plans.amount'),
    providers: arr(o.providers, 'plans.providers').map((p, i) => provider(p, `plans.providers[${i}]`)),
  };
}

export function parseChargeResponse(value: unknown): ChargeResponseBody {
  const o = obj(value, 'charge');
  const urls = obj(o.checkout_url, 'charge.checkout_url');
  const checkout_url: CheckoutUrls = {
    desktop: str(urls.desktop, 'charge.checkout_url.desktop'),
    mobile: str(urls.mobile, 'charge.checkout_url.mobile'),
  };
  if (typeof urls.deeplink === 'string' && urls.deeplink) checkout_url.deeplink = urls.deeplink;
  return {
    charge_id: str(o.charge_id, 'charge.charge_id'),
    status: str(o.status, 'charge.status'),
    checkout_url,
    status_token: str(o.status_token, 'charge.status_token'),
  };
}

export function parseStatusResponse(value: unknown): StatusResponseBody {
  const o = obj(value, 'status');
  const body: StatusResponseBody = {
    charge_id: str(o.charge_id, 'status.charge_id'),
    status: str(o.status, 'status.status'),
    amount: num(o.amount, 'status.amount'),
    currency: str(o.currency, 'status.currency'),
    channel_code: str(o.channel_code, 'status.channel_code'),
  };
  if (o.bill !== undefined) {
    const b = obj(o.bill, 'status.bill');
    const opt = (key: string) => (typeof b[key] === 'string' ? (b[key] as string) : undefined);
    body.bill = {
      product_id: str(b.product_id, 'status.bill.product_id'),
      product_name: str(b.product_name, 'status.bill.product_name'),
      customer_number: str(b.customer_number, 'status.bill.customer_number'),
      status: str(b.status, 'status.bill.status'),
    };
    for (const key of ['token', 'kwh', 'receipt', 'failure_code'] as const) {
      const v = opt(key);
      if (v !== undefined) body.bill[key] = v;
    }
    if (b.refund && typeof b.refund === 'object') body.bill.refund = { status: str((b.refund as Json).status, 'status.bill.refund.status') };
  }
  return body;
}

/** The `{ error: { code, message } }` body, or null when the value is not one. */
export function parseErrorBody(value: unknown): ErrorBody['error'] | null {
  if (typeof value !== 'object' || value === null) return null;
  const error = (value as Json).error;
  if (typeof error !== 'object' || error === null) return null;
  const { code, message, request_id } = error as Json;
  if (typeof code !== 'string') return null;
  return {
    code,
    message: typeof message === 'string' ? message : '',
    ...(typeof request_id === 'string' ? { request_id } : {}),
  };
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
