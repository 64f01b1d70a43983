/**
 * Pay a bill with PayLater: Xendit Bill Payments joined to the PayLater flow, as a plug-in of the
 * companion.
 *
 * 1. `GET bills/products` lists what can be paid; `POST bills/inquiry` asks the biller what is
 *    owed and answers a checkout handle (`bill_…`) that the plug-in itself resolves into a
 *    PayLater order: the amount comes from the inquiry, never from the browser.
 * 2. The shopper pays that order with PayLater like any cart.
 * 3. When the order is paid (its keeper charge SUCCEEDED), the bill is paid from the merchant's
 *    Xendit balance, once per order: the idempotency key and reference come from the order, so
 *    every retry (callback copies, a crash, several instances, a second provider's payment) is the
 *    same request. The payment is polled until it ends.
 * 4. A bill payment that fails refunds the paying PayLater charge in full, once.
 */
import type { BillDetail } from '../../xendit/schemas.js';
import type { TrustedOrder } from '../companion/order.js';

/** PayLater providers that refund through the API (XENDIT_API.md): the only ones offered for bills. */
export const BILL_CHANNELS = ['ID_KREDIVO', 'ID_AKULAKU', 'ID_INDODANA'] as const;

export interface BillOptions {
  /** Who pays with PayLater: the shopper's details (PayLater providers need name, email, mobile, address). */
  customer: (request: Request) => TrustedOrder['customer'] | Promise<TrustedOrder['customer']>;
  /** A page of your shop about bill payments; PayLater order items need a URL. */
  itemUrl: string;
  /** Product ids to offer (default: every electricity product Xendit lists for Indonesia). */
  products?: string[];
  /** Runs once when a bill payment ends: SUCCEEDED (with the token or receipt) or FAILED (and refunded). */
  onBillEvent?: (event: BillEvent) => void | Promise<void>;
  /** How often and how long to poll a pending bill payment inside one callback. Default 500 ms / 8 s. */
  pollIntervalMs?: number;
  pollTimeoutMs?: number;
  /**
   * How long a paid bill waits while your Xendit balance is too low to buy it (402
   * BALANCE_INSUFFICIENT), counted from the first attempt: each callback copy and status poll tries
   * again, and the companion logs an error each time. After it, the bill fails and the shopper's
   * PayLater charge is refunded. Default 3,600,000 ms (an hour).
   */
  balanceWaitMs?: number;
}

export type BillState = 'PENDING' | 'PROCESSING' | 'SUCCEEDED' | 'FAILED';

/** What the companion records about the bill an order pays: one per order, never per charge. */
export interface BillRecord {
  /** The PayLater order's reference (`bill-YYYYMMDD-…`); also the bill payment's reference at Xendit. */
  reference_id: string;
  /** The PayLater charge that paid the order (its keeper); null until it is paid. */
  charge_id: string | null;
  product_id: string;
  product_name: string;
  /** prepaid (a token is bought) or postpaid (a bill is paid), from the product's requires_inquiry. */
  kind: 'prepaid' | 'postpaid';
  customer_number: string;
  inquiry_id: string;
  total_amount: number;
  currency: string;
  state: BillState;
  /** When the bill payment was first asked for: an "exists already" answer after that means ours. */
  placed_at?: number;
  /** How many times the biller was asked (each `claim` adds one, and numbers its ask by it). */
  attempt?: number;
  /**
   * The asks of the biller not known to have bought nothing (number, when made; the last 20): an
   * ask answered "nothing bought" is taken off. A refusal stands only when none of the others may
   * still be answered (`mergeBill`).
   */
  asks?: { n: number; at: number }[];
  payment_id?: string;
  payment_details?: BillDetail[];
  failure_code?: string | null;
  failure_reason?: string | null;
  refund?: { id: string | null; status: 'PENDING' | 'SUCCEEDED' | 'FAILED' } | null;
  updated_at: number;
}

export interface BillEvent {
  /** The PayLater charge that paid the bill's order. */
  chargeId: string;
  referenceId: string;
  status: 'SUCCEEDED' | 'FAILED';
  productId: string;
  customerNumber: string;
  paymentId: string | null;
  /** What the biller sent, as `{ key, value }` pairs whose keys are its own labels (they vary by biller). */
  details: BillDetail[];
  /** The prepaid token, found in `details` whatever the biller calls it (the docs: `Token`). */
  token?: string;
  /** The kWh the token buys, when the biller says (the docs' example does not). */
  kwh?: string;
  /** The postpaid receipt number (a receipt label, else the docs' `Serial Number`). */
  receipt?: string;
  failureCode: string | null;
  refunded: boolean;
}

/** What an inquiry stores under its checkout handle (a cache entry: it may go; the order then cannot be paid). */
export interface InquiryRecord {
  product_id: string;
  product_name: string;
  kind: 'prepaid' | 'postpaid';
  customer_number: string;
  inquiry_id: string;
  currency: string;
  base_amount: number;
  admin_amount: number;
  total_amount: number;
  customer: TrustedOrder['customer'];
  /** The PayLater order's reference: `bill-YYYYMMDD-` and 10 characters, short enough to read out. */
  reference_id: string;
}
