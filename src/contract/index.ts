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
  'STORE_UNAVAILABLE',
  'BODY_ALREADY_READ',
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
  /**
   * How a payment that ended without money moving (FAILED, CANCELLED, EXPIRED, VOIDED) ended, in
   * the shopper's terms: `CANCELLED` (called off on the provider's page, by the shop, or left until
   * it expired) or `DECLINED` (the provider did not approve it). Nothing was charged either way.
   */
  ended_as?: 'CANCELLED' | 'DECLINED' | (string & {});
  /** This payment did not pay the order and was refunded in full: the order was already paid (`DUPLICATE`), its cart changed (`SUPERSEDED`), or it had been cancelled before it was paid (`CANCELLED`). */
  refunded_as?: 'DUPLICATE' | 'SUPERSEDED' | 'CANCELLED' | (string & {});
  /** How much of a REFUNDED payment was refunded, when Xendit said (a partial refund also makes a charge REFUNDED). */
  refunded_amount?: number;
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

export * from './validators.js';
export * from './status-check.js';
export * from './terms.js';
