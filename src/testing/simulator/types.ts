/** The simulator's public types: options, recorded traffic, the simulated objects and the API. */
import type { BillDetail, PlanOption } from '../../xendit/schemas.js';
import type { FaultHandle, FaultRoute, FaultSpec } from '../faults.js';
import type { DecisionOverrides } from '../decisions.js';
import type { ChannelOverride } from '../paylater.js';

export interface XenditSimulatorOptions {
  /** The secret key requests must carry (HTTP Basic user name). Default `xnd_development_simulator`. */
  secretKey?: string;
  /** Sent as `x-callback-token` with every callback. Default `simulator-callback-token`. */
  callbackToken?: string;
  /** Where PayLater callbacks go. None are sent while unset (see `setCallbackUrl`). */
  callbackUrl?: string;
  /**
   * Where Bill Payments callbacks go (`bill_payment.succeeded` / `bill_payment.failed` when a bill
   * payment ends, shaped as docs.xendit.co shows them). None are sent while unset (see `setBillCallbackUrl`).
   */
  billCallbackUrl?: string;
  /** Origin (+ path) the msw handlers match. Default `https://api.xendit.co`. The http face serves at its own url. */
  baseUrl?: string;
  /** Where checkout pages live. Default: the http face's url while listening, else `baseUrl`. */
  checkoutBaseUrl?: string;
  /** `business_id` in charges, callbacks and bill payments. */
  businessId?: string;
  /** Sliding-window rate limit per endpoint and key. Default off. */
  rateLimit?: { limit: number; windowMs: number } | false;
  /**
   * Delays between callback attempts. Default Xendit's: 15 min, 45 min, 2 h, 3 h, 6 h, 12 h. In CI
   * give short ones (e.g. `[50, 100, 200]`): a callback your companion refuses is then retried and
   * given up on (`gaveUp` in `callbacks()`) in well under a second.
   */
  callbackRetryDelaysMs?: number[];
  /** A callback attempt without an answer in this time counts as failed. Default 30 000. */
  callbackTimeoutMs?: number;
  /** Delay before a bill payment leaves PENDING. Default 1000. */
  billSettleMs?: number;
  /** Delay before a refund leaves PENDING. Default 1000. */
  refundSettleMs?: number;
  /** Per-channel overrides of the channel table (min, max, activated). */
  channels?: Record<string, ChannelOverride>;
  /** fetch used to deliver callbacks. Default the global one. */
  fetch?: typeof fetch;
  /** Honour `Idempotency-Key` on /paylater/* (Xendit: OPEN). Default false: recorded, ignored. */
  honourPaylaterIdempotency?: boolean;
  /** Pre-register the ids the Xendit guide's samples refer to. Default true. */
  docFixtures?: boolean;
  /** Override a few OPEN decisions (see `SIMULATOR_DECISIONS`). */
  decisions?: DecisionOverrides;
  /**
   * Entries each internal table keeps (customers, plans, charges, refunds, inquiries, bill payments,
   * idempotency answers); the oldest go first. Request and callback logs keep the smaller of this and
   * 10 000. Default `SIMULATOR_DECISIONS.maxStoredObjects` (50 000).
   */
  maxStoredObjects?: number;
}

export interface RecordedRequest {
  at: string;
  method: string;
  /** Path and query, with the base path removed. */
  path: string;
  /** Fault route name, or null for an unknown route. */
  route: FaultRoute | null;
  /** HTTP status answered; 0 when no answer was sent (dropped, timed out, client gave up). */
  status: number;
  requestId: string;
  idempotencyKey: string | null;
  /** A few useful request headers. Never `authorization`. */
  headers: Record<string, string>;
  outcome: 'answered' | 'dropped' | 'timeout' | 'aborted';
  /** True when an injected fault shaped the answer. */
  faulted: boolean;
}

export interface RecordedCallback {
  at: string;
  url: string;
  event: string;
  /** The charge's id; empty for a bill payment's callback. */
  chargeId: string;
  refundId: string | null;
  /** A bill payment's callback: the payment's id. */
  billPaymentId?: string;
  /** Status of the object in `data` (charge, refund or bill payment). */
  status: string;
  /** 1 for the first delivery, 2 for the first retry, ... */
  attempt: number;
  /** HTTP status of the receiver's answer; 0 when none came. */
  responseStatus: number;
  outcome: 'delivered' | 'failed' | 'timeout' | 'network-error';
  willRetry: boolean;
  gaveUp: boolean;
  /** The JSON body that was sent. */
  body: PaylaterCallbackBody | BillCallbackBody;
}

/**
 * A Bill Payments callback as docs.xendit.co (Payment Status Callback) shows it: the payment nested
 * in `data.data`, its status spelled `SUCCEEDDED` when it succeeded, as the docs spell it.
 */
export interface BillCallbackBody {
  created: string;
  business_id: string;
  event: 'bill_payment.succeeded' | 'bill_payment.failed';
  data: {
    data: {
      status: 'SUCCEEDDED' | 'FAILED';
      created_at: string;
      payment_id: string;
      product_id: string;
      updated_at: string;
      reference_id: string;
      total_amount: number;
      customer_number: string;
      ledger_transaction_id: string;
      failure_code?: string;
    };
    event: string;
    business_id: string;
  };
  api_version: 'v1';
}

export interface PaylaterCallbackBody {
  event: string;
  business_id: string;
  created: string;
  data: SimCharge | SimRefund;
}

export interface SimOrderItem {
  type: string;
  reference_id: string;
  name: string;
  net_unit_amount: number;
  quantity: number;
  url: string;
  category: string;
  subcategory: string | null;
  description: string | null;
  metadata: Record<string, unknown> | null;
  [key: string]: unknown;
}

export interface SimPlans {
  id: string;
  customer_id: string;
  channel_code: string;
  currency: string;
  amount: number;
  order_items: SimOrderItem[];
  options: PlanOption[];
  created: string;
}

export interface SimCharge {
  id: string;
  business_id: string;
  reference_id: string;
  customer_id: string;
  plan_id: string;
  currency: string;
  amount: number;
  channel_code: string;
  checkout_method: string;
  status: string;
  actions: { desktop_web_checkout_url: string; mobile_web_checkout_url: string; mobile_deeplink_checkout_url: string | null };
  success_redirect_url: string;
  failure_redirect_url: string | null;
  callback_url: string | null;
  created: string;
  updated: string;
  order_items: SimOrderItem[];
  voided_at: string | null;
  payment_method_id: string | null;
  metadata: Record<string, unknown> | null;
  channel_reference: string;
  refunded_amount?: number;
  refunds?: SimRefund[];
}

export interface SimRefund {
  id: string;
  charge_id: string;
  channel_code: string;
  currency: string;
  amount: number;
  reason: string | null;
  status: string;
  failure_code: string | null;
  created: string;
  updated: string;
}

export interface SimBillPayment {
  business_id: string;
  type: 'payment';
  id: string;
  properties: {
    product_id: string;
    customer_number: string;
    reference_id: string;
    admin_amount: number;
    base_amount: number;
    total_amount: number;
    currency: string;
    status: 'PENDING' | 'SUCCEEDED' | 'FAILED';
    fulfilled_at: string | null;
    failure_code: string | null;
    failure_reason: string | null;
    customer_details: BillDetail[];
    product_details: BillDetail[];
    bill_details: BillDetail[];
    payment_details: BillDetail[];
  };
}

export type SimCustomer = Record<string, unknown> & { id: string; reference_id: string };

/**
 * The simulator without its faces: what `createXenditSimulator` makes, and what `listenSimulator`
 * (`paylater-checkout/testing/node`) and `simulatorHandlers` (`paylater-checkout/testing/msw`) take.
 */
export interface XenditSimulatorBase {
  /** The whole simulated API (and checkout pages) as a fetch-style function. */
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  /** Stops the server started by `listenSimulator` (if any), every timer, callback delivery and held request. */
  close(): Promise<void>;
  /** The url of the server started by `listenSimulator`, while it listens. */
  readonly url: string | undefined;
  /** Changes where PayLater callbacks go (undefined: none are sent). */
  setCallbackUrl(url: string | undefined): void;
  /** Changes where Bill Payments callbacks go (undefined: none are sent). */
  setBillCallbackUrl(url: string | undefined): void;

  /** The shopper approves on the provider's page: PENDING → SUCCEEDED, callback. */
  approveCharge(chargeId: string): SimCharge;
  /** The shopper rejects on the provider's page: PENDING → FAILED, callback. */
  rejectCharge(chargeId: string): SimCharge;
  /** Settles a bill payment that stays PENDING (the "suspected" numbers). */
  settleBillPayment(paymentId: string, status: 'SUCCEEDED' | 'FAILED'): SimBillPayment;

  injectFault(spec: FaultSpec): FaultHandle;
  clearFaults(): void;

  customers(): SimCustomer[];
  plans(): SimPlans[];
  charges(): SimCharge[];
  refunds(): SimRefund[];
  billPayments(): SimBillPayment[];
  requests(): RecordedRequest[];
  callbacks(): RecordedCallback[];

  /**
   * Resolves when no settle timer, callback delivery or retry is pending. Rejects after `timeoutMs`
   * (default 10 000; `Infinity` waits as long as it takes) with an Error that names what is still
   * pending: each undelivered callback with its URL and the receiver's last answer (a 401 means the
   * companion's `callbackToken` is not the simulator's). A callback that keeps failing is retried on
   * `callbackRetryDelaysMs` (Xendit's schedule, hours, by default), so a CI job fails here in
   * seconds instead of hanging.
   */
  whenIdle(options?: { timeoutMs?: number }): Promise<void>;
  /** Runs pending settle timers and callback retries now, then resolves when idle. */
  flush(): Promise<void>;
  /** Forgets every object, record, fault and pending timer (fixtures come back). */
  reset(): void;
}

/** How the core answers one request; the faces turn it into a Response, an error or a dropped socket. */
export type Outcome =
  | { kind: 'response'; response: Response }
  | { kind: 'drop' }
  /** No answer: `released` resolves when the client gives up or the simulator closes. */
  | { kind: 'hang'; released: Promise<void> };

export interface SimulatorCore {
  handle(request: Request): Promise<Outcome>;
}
