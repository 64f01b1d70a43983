/**
 * Pay a bill with PayLater: Xendit Bill Payments joined to the PayLater flow.
 *
 * 1. `GET bills/products` lists what can be paid; `POST bills/inquiry` asks the biller what is
 *    owed and answers a checkout handle (`bill_…`) that the companion itself resolves into a
 *    PayLater order: the amount comes from the inquiry, never from the browser.
 * 2. The shopper pays that order with PayLater like any cart.
 * 3. When the charge is confirmed SUCCEEDED, the bill is paid from the merchant's Xendit balance
 *    with an idempotency key and reference derived from the charge, so every retry (callback
 *    copies, a crash between the Xendit call and recording it, several instances) is the same
 *    request and Xendit pays once. The payment is polled until it ends.
 * 4. A bill payment that fails refunds the PayLater charge in full, once.
 */
import * as z from 'zod';
import type { ErrorCode } from '../contract/index.js';
import type { XenditClient } from '../xendit/client.js';
import { XenditError } from '../xendit/errors.js';
import type { BillDetail, BillPayment, Charge } from '../xendit/schemas.js';
import type { TrustedOrder } from './config.js';
import { randomToken } from './crypto.js';
import { CompanionError } from './errors.js';
import { parseBody, readJson } from './http.js';
import type { Logger } from './logger.js';
import { withLock, type Store } from './store.js';

export const BILL_CHECKOUT_PREFIX = 'bill_';
const INQUIRY_TTL = 30 * 60_000;
/** PayLater providers that refund through the API (XENDIT_API.md): the only ones offered for bills. */
export const BILL_CHANNELS = ['ID_KREDIVO', 'ID_AKULAKU', 'ID_INDODANA'] as const;
const RECORD_TTL = 30 * 24 * 60 * 60_000;

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
}

export type BillState = 'PENDING' | 'PROCESSING' | 'SUCCEEDED' | 'FAILED';

/** What the companion records about the bill behind a PayLater charge. */
export interface BillRecord {
  charge_id: string;
  product_id: string;
  product_name: string;
  /** prepaid (a token is bought) or postpaid (a bill is paid), from the product's requires_inquiry. */
  kind: 'prepaid' | 'postpaid';
  customer_number: string;
  inquiry_id: string;
  total_amount: number;
  currency: string;
  state: BillState;
  payment_id?: string;
  payment_details?: BillDetail[];
  failure_code?: string | null;
  failure_reason?: string | null;
  refund?: { id: string | null; status: 'PENDING' | 'SUCCEEDED' | 'FAILED' } | null;
  updated_at: number;
}

export interface BillEvent {
  chargeId: string;
  status: 'SUCCEEDED' | 'FAILED';
  productId: string;
  customerNumber: string;
  paymentId: string | null;
  /** Prepaid: the token (and kWh); postpaid: the receipt number. */
  details: BillDetail[];
  failureCode: string | null;
  refunded: boolean;
}

/** What an inquiry stores under its checkout handle. */
interface InquiryRecord {
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
  reference_id?: string;
}

/** Crockford's base32: no I, L, O or U, so a reference read aloud or typed is not misread. */
const READABLE = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * `bill-20261122-7K3M9QXA2F`: the day (UTC) and 50 random bits, unique enough for a day's bills of
 * any shop, and a shop's staff can read it to a customer.
 */
function billReference(now = new Date()): string {
  const random = Array.from(crypto.getRandomValues(new Uint8Array(10)), (byte) => READABLE[byte & 31]).join('');
  return `bill-${now.toISOString().slice(0, 10).replace(/-/g, '')}-${random}`;
}

/** Bill Payments error codes → the companion's codes and statuses the shopper sees. */
const INQUIRY_ERRORS: Record<string, [number, ErrorCode, string]> = {
  CUSTOMER_NOT_FOUND: [404, 'BILL_CUSTOMER_NOT_FOUND', 'This customer number was not found. Please check it.'],
  API_VALIDATION_ERROR: [400, 'BILL_INVALID_NUMBER', 'This customer number is not valid. It has 11 or 12 digits.'],
  NO_OUTSTANDING_BILL: [404, 'BILL_NO_OUTSTANDING', 'There is no bill to pay for this customer number.'],
  BILL_ALREADY_PAID: [409, 'BILL_ALREADY_PAID', 'This bill has already been paid.'],
  BILLER_MAINTENANCE: [503, 'BILLER_MAINTENANCE', 'The biller is under maintenance. Please try again later.'],
  BILLER_TIMEOUT: [504, 'BILLER_TIMEOUT', 'The biller did not answer in time. Please try again.'],
  BILLER_ERROR: [502, 'BILLER_ERROR', 'The biller answered with an error. Please try again later.'],
  PRODUCT_NOT_FOUND: [404, 'BILL_PRODUCT_NOT_FOUND', 'This product is not available for this customer number.'],
  CUSTOMER_NUMBER_RESTRICTED: [403, 'BILL_NUMBER_RESTRICTED', 'Payments to this customer number are not allowed.'],
  KWH_LIMIT_EXCEEDED: [400, 'BILL_KWH_LIMIT', 'This meter has reached its purchase limit for now.'],
};

const InquiryBody = z.object({
  product_id: z.string().min(1).max(64).regex(/^[A-Z0-9_]+$/, 'must be a product id such as PLN_PREPAID_50K'),
  customer_number: z.string().min(1).max(32).regex(/^\d+$/, 'must be digits only'),
});

export interface BillContext {
  xendit: XenditClient;
  store: Store;
  logger: Logger;
  options: BillOptions;
}

export function createBills({ xendit, store, logger, options }: BillContext) {
  const pollIntervalMs = options.pollIntervalMs ?? 500;
  const pollTimeoutMs = options.pollTimeoutMs ?? 8_000;

  async function products() {
    const cached = await store.get('bills:products');
    if (cached) return JSON.parse(cached) as unknown;
    const list = await xendit.billPayments.listProducts({ category: 'ELECTRICITY', country: 'ID', limit: 50 });
    const wanted = options.products;
    const result = {
      products: list.data
        .filter((p) => (wanted ? wanted.includes(p.id) : true))
        .map((p) => ({
          id: p.id,
          name: p.properties.product_name,
          category: p.properties.category,
          biller: p.properties.biller,
          currency: p.properties.currency,
          requires_inquiry: p.properties.requires_inquiry,
          available: p.properties.availability_status === 'AVAILABLE',
          total_amount: p.properties.total_amount ?? null,
        })),
    };
    await store.set('bills:products', JSON.stringify(result), { ttlMs: 5 * 60_000 });
    return result;
  }

  function mapInquiryError(error: unknown): never {
    if (error instanceof XenditError) {
      const mapped = INQUIRY_ERRORS[error.code];
      if (mapped) throw new CompanionError(mapped[0], mapped[1], mapped[2]);
    }
    throw error;
  }

  async function inquiry(request: Request) {
    const body = parseBody(InquiryBody, await readJson(request, 4096));
    const offered = (await products()) as { products: Array<{ id: string; name: string; requires_inquiry: boolean }> };
    const product = offered.products.find((p) => p.id === body.product_id);
    if (!product) throw new CompanionError(404, 'BILL_PRODUCT_NOT_FOUND', 'This product is not offered here.');
    const customer = await options.customer(request);
    const result = await xendit.billPayments.inquire({ product_id: body.product_id, customer_number: body.customer_number }).catch(mapInquiryError);
    const p = result.data.properties;
    const record: InquiryRecord = {
      product_id: body.product_id,
      product_name: product.name,
      kind: product.requires_inquiry ? 'postpaid' : 'prepaid',
      customer_number: body.customer_number,
      inquiry_id: result.data.id,
      currency: p.currency,
      base_amount: p.base_amount,
      admin_amount: p.admin_amount,
      total_amount: p.total_amount,
      customer,
      reference_id: billReference(),
    };
    const checkout = `${BILL_CHECKOUT_PREFIX}${randomToken(18)}`;
    await store.set(`bill-inquiry:${checkout}`, JSON.stringify(record), { ttlMs: INQUIRY_TTL });
    return {
      checkout,
      product_id: record.product_id,
      product_name: record.product_name,
      customer_number: record.customer_number,
      currency: record.currency,
      base_amount: record.base_amount,
      admin_amount: record.admin_amount,
      total_amount: record.total_amount,
      customer_details: p.customer_details,
      product_details: p.product_details,
      bill_details: p.bill_details,
      expires_at: new Date(Date.now() + INQUIRY_TTL).toISOString(),
    };
  }

  /** The PayLater order for a bill checkout handle, or null when it is unknown or expired. */
  async function resolve(checkout: string): Promise<TrustedOrder | null> {
    const raw = await store.get(`bill-inquiry:${checkout}`);
    if (!raw) return null;
    const inq = JSON.parse(raw) as InquiryRecord;
    return {
      // Inquiries stored before references were kept have theirs derived from the handle.
      reference_id: inq.reference_id ?? `bill-${checkout.slice(BILL_CHECKOUT_PREFIX.length)}`,
      currency: inq.currency,
      amount: inq.total_amount,
      order_items: [
        {
          type: 'DIGITAL_PRODUCT',
          reference_id: inq.product_id,
          name: `${inq.product_name} · ${inq.customer_number}`,
          net_unit_amount: inq.total_amount,
          quantity: 1,
          url: options.itemUrl,
          category: 'Utilities',
        },
      ],
      customer: inq.customer,
      // Only providers that take refunds through the API: a bill that cannot be paid is refunded.
      channels: [...BILL_CHANNELS],
    };
  }

  /** Links a new PayLater charge to the bill it pays (called once the charge exists). */
  async function linkCharge(checkout: string, chargeId: string) {
    const raw = await store.get(`bill-inquiry:${checkout}`);
    if (!raw) return;
    const inq = JSON.parse(raw) as InquiryRecord;
    const record: BillRecord = {
      charge_id: chargeId,
      product_id: inq.product_id,
      product_name: inq.product_name,
      kind: inq.kind,
      customer_number: inq.customer_number,
      inquiry_id: inq.inquiry_id,
      total_amount: inq.total_amount,
      currency: inq.currency,
      state: 'PENDING',
      updated_at: Date.now(),
    };
    await store.setIfAbsent(`bill:${chargeId}`, JSON.stringify(record), { ttlMs: RECORD_TTL });
  }

  async function read(chargeId: string): Promise<BillRecord | null> {
    const raw = await store.get(`bill:${chargeId}`);
    return raw ? (JSON.parse(raw) as BillRecord) : null;
  }

  async function write(record: BillRecord) {
    record.updated_at = Date.now();
    await store.set(`bill:${record.charge_id}`, JSON.stringify(record), { ttlMs: RECORD_TTL });
  }

  function apply(record: BillRecord, payment: BillPayment) {
    const p = payment.data.properties;
    record.payment_id = payment.data.id;
    record.payment_details = p.payment_details;
    record.failure_code = p.failure_code ?? null;
    record.failure_reason = p.failure_reason ?? null;
    record.state = p.status === 'SUCCEEDED' ? 'SUCCEEDED' : p.status === 'FAILED' ? 'FAILED' : 'PROCESSING';
  }

  /**
   * Pays the bill behind a SUCCEEDED charge, once. Safe to call any number of times, from any
   * instance: a lock per charge serialises callers, and the Xendit request (idempotency key,
   * reference, body) is derived from the charge, so a repeat after a crash is the same request.
   * Throws on a temporary failure (biller 5xx after retries, timeout) so the callback is retried.
   * `wait: false` (the status route) looks at a pending payment once instead of polling.
   */
  async function fulfil(charge: Charge, { wait = true }: { wait?: boolean } = {}): Promise<BillRecord | null> {
    if (!(await store.get(`bill:${charge.id}`))) return null;
    return withLock(
      store,
      `bill:${charge.id}`,
      async () => {
        const record = (await read(charge.id))!;
        if (record.state === 'SUCCEEDED' || (record.state === 'FAILED' && record.refund?.status === 'SUCCEEDED')) return record;
        if (record.state === 'PENDING' || (record.state === 'PROCESSING' && !record.payment_id)) {
          try {
            const payment = await xendit.billPayments.pay(
              {
                product_id: record.product_id,
                customer_number: record.customer_number,
                inquiry_id: record.inquiry_id,
                reference_id: `paylater-${charge.id}`.slice(0, 255),
                total_amount: record.total_amount,
              },
              { idempotencyKey: `bill-${charge.id}`.slice(0, 100) },
            );
            apply(record, payment);
          } catch (error) {
            if (error instanceof XenditError && error.status >= 400 && error.status < 500 && error.status !== 429) {
              // The biller refused for good: nothing was paid, the shopper gets the money back.
              record.state = 'FAILED';
              record.failure_code = error.code;
              record.failure_reason = 'The biller refused the payment.';
            } else {
              logger.warn('bill payment not placed yet; will retry', { charge_id: charge.id, code: error instanceof XenditError ? error.code : 'ERROR' });
              throw error;
            }
          }
          await write(record);
          logger.info('bill payment placed', { charge_id: charge.id, payment_id: record.payment_id, state: record.state });
        }
        // In a callback, poll a while (Xendit calls polling mandatory); from the status route, look once.
        const until = Date.now() + (wait ? pollTimeoutMs : 0);
        let looked = false;
        while (record.state === 'PROCESSING' && record.payment_id && (!looked || Date.now() < until)) {
          if (looked) await new Promise((r) => setTimeout(r, pollIntervalMs));
          looked = true;
          apply(record, await xendit.billPayments.getPayment(record.payment_id));
        }
        if (record.state === 'FAILED' && !record.refund) {
          try {
            const refund = await xendit.paylater.refund(charge.id, { reason: 'UNFULFILLED_ITEM' }, { idempotencyKey: `bill-refund-${charge.id}` });
            record.refund = { id: refund.id, status: refund.status === 'FAILED' ? 'FAILED' : refund.status === 'SUCCEEDED' ? 'SUCCEEDED' : 'PENDING' };
            logger.warn('bill payment failed; PayLater charge refunded in full', { charge_id: charge.id, failure_code: record.failure_code, refund_id: refund.id });
          } catch (error) {
            if (!(error instanceof XenditError && error.status >= 400 && error.status < 500 && error.status !== 429)) throw error;
            // Refused for good (the provider takes no API refunds): the merchant must refund by hand.
            record.refund = { id: null, status: 'FAILED' };
            logger.error('bill payment failed and the PayLater refund was refused: refund by hand', { charge_id: charge.id, code: error.code });
          }
        }
        await write(record);
        await announce(record);
        return record;
      },
      { ttlMs: pollTimeoutMs + 60_000, waitMs: pollTimeoutMs + 30_000 },
    );
  }

  async function announce(record: BillRecord) {
    if (!options.onBillEvent || (record.state !== 'SUCCEEDED' && record.state !== 'FAILED')) return;
    const key = `bill-event:${record.charge_id}:${record.state}`;
    if (!(await store.setIfAbsent(key, '1', { ttlMs: RECORD_TTL }))) return;
    try {
      await options.onBillEvent({
        chargeId: record.charge_id,
        status: record.state,
        productId: record.product_id,
        customerNumber: record.customer_number,
        paymentId: record.payment_id ?? null,
        details: record.payment_details ?? [],
        failureCode: record.failure_code ?? null,
        refunded: record.refund?.status === 'PENDING' || record.refund?.status === 'SUCCEEDED',
      });
    } catch (error) {
      await store.delete(key);
      throw error;
    }
  }

  /** Notes the refund of a failed bill's charge as settled (from the refund callback or a refresh). */
  async function refundSettled(chargeId: string, status: 'SUCCEEDED' | 'FAILED') {
    const record = await read(chargeId);
    if (!record?.refund) return;
    record.refund.status = status;
    await write(record);
  }

  /** What the status route shows about a bill: state, token or receipt, refund. */
  function view(record: BillRecord) {
    const detail = (key: string) => record.payment_details?.find((d) => d.key === key)?.value ?? undefined;
    return {
      product_id: record.product_id,
      product_name: record.product_name,
      kind: record.kind,
      customer_number: record.customer_number,
      status: record.state,
      token: detail('token'),
      kwh: detail('kwh'),
      receipt: detail('receipt_number'),
      failure_code: record.failure_code ?? undefined,
      refund: record.refund ? { status: record.refund.status } : undefined,
    };
  }

  return { products, inquiry, resolve, linkCharge, fulfil, read, view, refundSettled };
}

export type Bills = ReturnType<typeof createBills>;
