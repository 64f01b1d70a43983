/** Bills: the product list and the biller inquiry, which makes the checkout handle a bill is paid through. */
import * as z from 'zod';
import type { BillProductsResponseBody, ErrorCode } from '../../contract/index.js';
import type { XenditClient } from '../../xendit/client.js';
import { XenditError } from '../../xendit/errors.js';
import type { TrustedOrder } from '../companion/order.js';
import { randomToken } from '../crypto.js';
import { CompanionError } from '../errors.js';
import { parseBody, readJson } from '../http.js';
import { DEFAULTS } from '../companion/options.js';
import type { Flights } from '../single-flight.js';
import type { Store } from '../store.js';
import { BILL_CHANNELS, type BillOptions, type InquiryRecord } from './model.js';

export const BILL_CHECKOUT_PREFIX = 'bill_';
const INQUIRY_TTL = 30 * 60_000;
const PRODUCTS_TTL = 5 * 60_000;

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

/** A shopper waits at most this long for another request's identical biller call. */
const FLIGHT_WAIT_MS = 15_000;

export function createInquiries({ xendit, store, flights, options }: { xendit: XenditClient; store: Store; flights: Flights; options: BillOptions }) {
  // Shopper requests: Xendit's long rate-limit waits are not waited out.
  const call = { maxRetryDelayMs: DEFAULTS.shopperRetryWaitMs };

  async function products(): Promise<BillProductsResponseBody> {
    const cached = await store.get('bills:products');
    if (cached) return JSON.parse(cached) as BillProductsResponseBody;
    return flights('bills:products', listProducts, { waitMs: FLIGHT_WAIT_MS });
  }

  async function listProducts(): Promise<BillProductsResponseBody> {
    const list = await xendit.billPayments.listProducts({ category: 'ELECTRICITY', country: 'ID', limit: 50 }, call);
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
    await store.set('bills:products', JSON.stringify(result), { ttlMs: PRODUCTS_TTL, cache: true });
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
    const product = (await products()).products.find((p) => p.id === body.product_id);
    if (!product) throw new CompanionError(404, 'BILL_PRODUCT_NOT_FOUND', 'This product is not offered here.');
    const customer = await options.customer(request);
    // Concurrent inquiries for one product and number share one biller call.
    const result = await flights(
      `bill-inquiry:${body.product_id}:${body.customer_number}`,
      () => xendit.billPayments.inquire({ product_id: body.product_id, customer_number: body.customer_number }, call),
      { waitMs: FLIGHT_WAIT_MS },
    ).catch(mapInquiryError);
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
    // A cache entry: an anonymous route writes it, so a flood may push it out (the shopper then
    // asks again); what a paid order needs is copied to a durable record before its first charge.
    await store.set(`bill-inquiry:${checkout}`, JSON.stringify(record), { ttlMs: INQUIRY_TTL, cache: true });
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

  async function read(checkout: string): Promise<InquiryRecord | null> {
    const raw = await store.get(`bill-inquiry:${checkout}`);
    return raw ? (JSON.parse(raw) as InquiryRecord) : null;
  }

  /** The PayLater order for a bill's inquiry. */
  function orderOf(inq: InquiryRecord): TrustedOrder {
    return {
      reference_id: inq.reference_id,
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

  return { products, inquiry, read, orderOf };
}
