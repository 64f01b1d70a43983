/**
 * A typed client for the parts of the Xendit API this project uses.
 *
 * - HTTP Basic auth with the secret key; `API-VERSION` on customers; `for-user-id` when configured.
 * - Every call has a time limit (AbortSignal), and the caller may pass its own `signal` too.
 * - Retries with exponential backoff and jitter on network errors, timeouts, 429 (honouring
 *   `Rate-Limit-Reset`) and 502/503/504, but only for GETs and for POSTs that carry an
 *   idempotency key; the same key is sent on every attempt.
 * - Every answer is validated by its zod schema; a 2xx that does not match is an
 *   `XenditInvalidResponseError`, never a half-typed object.
 */
import {
  BillPayment,
  BillProductList,
  Charge,
  Customer,
  CustomerList,
  CUSTOMER_API_VERSION,
  Inquiry,
  Plans,
  Refund,
  RefundList,
  type BillPaymentRequest,
  type BillProductQuery,
  type ChargeRequest,
  type CustomerCreateRequest,
  type InquiryRequest,
  type LegacyCustomerCreateRequest,
  type PlansRequest,
  type RefundRequest,
} from './schemas.js';
import { createTransport, encode, passOn, type CallOptions, type IdempotentCallOptions, type RequiredIdempotencyOptions, type XenditClientOptions } from './transport.js';

export { XENDIT_BASE_URL } from './transport.js';
export type { CallOptions, IdempotentCallOptions, RequiredIdempotencyOptions, XenditClientOptions, XenditRequestEvent } from './transport.js';

export type XenditClient = ReturnType<typeof createXenditClient>;

export function createXenditClient(options: XenditClientOptions) {
  const request = createTransport(options);
  const CUSTOMER_HEADERS = { 'api-version': CUSTOMER_API_VERSION };

  return {
    customers: {
      /** Creates a customer: the 2020-10-31 shape (with `type`) is sent with `API-VERSION: 2020-10-31`, the flat 2020-05-19 shape without it. */
      create(body: CustomerCreateRequest | LegacyCustomerCreateRequest, opts: IdempotentCallOptions = {}) {
        // The flat 2020-05-19 shape (the PayLater guide's sample) has no `type`: send it without API-VERSION.
        const headers = 'type' in body && body.type ? CUSTOMER_HEADERS : {};
        return request({ method: 'POST', path: '/customers', schema: Customer, body, headers, idempotencyKey: opts.idempotencyKey, ...passOn(opts) });
      },
      /** The customer with this `reference_id`, or `null` when there is none. */
      async getByReferenceId(referenceId: string, opts: CallOptions = {}) {
        const list = await request({ method: 'GET', path: `/customers?reference_id=${encode(referenceId)}`, schema: CustomerList, headers: CUSTOMER_HEADERS, ...passOn(opts) });
        return list.data[0] ?? null;
      },
      get(id: string, opts: CallOptions = {}) {
        return request({ method: 'GET', path: `/customers/${encode(id)}`, schema: Customer, headers: CUSTOMER_HEADERS, ...passOn(opts) });
      },
    },
    paylater: {
      /** Plan options for one channel. Retried only when given an idempotency key. */
      initiatePlans(body: PlansRequest, opts: IdempotentCallOptions = {}) {
        return request({ method: 'POST', path: '/paylater/plans', schema: Plans, body, idempotencyKey: opts.idempotencyKey, ...passOn(opts) });
      },
      /** Creates a charge. An `Idempotency-Key` is always sent (one is made when not given) and reused on retries. */
      createCharge(body: ChargeRequest, opts: IdempotentCallOptions = {}) {
        const idempotencyKey = opts.idempotencyKey ?? crypto.randomUUID();
        return request({ method: 'POST', path: '/paylater/charges', schema: Charge, body, idempotencyKey, ...passOn(opts), retryAmbiguous: opts.retryAmbiguous });
      },
      getCharge(chargeId: string, opts: CallOptions = {}) {
        return request({ method: 'GET', path: `/paylater/charges/${encode(chargeId)}`, schema: Charge, ...passOn(opts) });
      },
      /** Cancels a pending charge (status CANCELLED; Xendit sends no callback for it). */
      cancelCharge(chargeId: string, opts: IdempotentCallOptions = {}) {
        return request({ method: 'POST', path: `/paylater/charges/${encode(chargeId)}/cancel`, schema: Charge, body: {}, idempotencyKey: opts.idempotencyKey, ...passOn(opts) });
      },
      /** Refunds a paid charge: no body for the full amount, or `{ amount, reason }`. */
      refund(chargeId: string, body: RefundRequest = {}, opts: IdempotentCallOptions = {}) {
        return request({ method: 'POST', path: `/paylater/charges/${encode(chargeId)}/refunds`, schema: Refund, body, idempotencyKey: opts.idempotencyKey, ...passOn(opts) });
      },
      getRefund(chargeId: string, refundId: string, opts: CallOptions = {}) {
        return request({ method: 'GET', path: `/paylater/charges/${encode(chargeId)}/refunds/${encode(refundId)}`, schema: Refund, ...passOn(opts) });
      },
      /** Every refund of a charge (`{ data, has_more }`; `data` is empty when Xendit leaves it out). */
      listRefunds(chargeId: string, opts: CallOptions = {}) {
        return request({ method: 'GET', path: `/paylater/charges/${encode(chargeId)}/refunds`, schema: RefundList, ...passOn(opts) });
      },
    },
    billPayments: {
      listProducts(query: BillProductQuery = {}, opts: CallOptions = {}) {
        const params = new URLSearchParams();
        for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null) params.set(key, String(value));
        const qs = params.toString();
        return request({ method: 'GET', path: `/bill-payments/v1/product${qs ? `?${qs}` : ''}`, schema: BillProductList, ...passOn(opts) });
      },
      inquire(body: InquiryRequest, opts: IdempotentCallOptions = {}) {
        return request({ method: 'POST', path: '/bill-payments/v1/inquiry', schema: Inquiry, body, idempotencyKey: opts.idempotencyKey, ...passOn(opts) });
      },
      /** Pays a bill. `idempotencyKey` is required: derive it from what is being paid for, so a retry never pays twice. */
      async pay(body: BillPaymentRequest, opts: RequiredIdempotencyOptions) {
        if (!opts || typeof opts.idempotencyKey !== 'string' || opts.idempotencyKey.length < 1 || opts.idempotencyKey.length > 100) {
          throw new TypeError('billPayments.pay: `idempotencyKey` (1–100 characters) is required.');
        }
        return request({ method: 'POST', path: '/bill-payments/v1/payment', schema: BillPayment, body, idempotencyKey: opts.idempotencyKey, ...passOn(opts), retryAmbiguous: opts.retryAmbiguous });
      },
      getPayment(paymentId: string, opts: CallOptions = {}) {
        return request({ method: 'GET', path: `/bill-payments/v1/payment/${encode(paymentId)}`, schema: BillPayment, ...passOn(opts) });
      },
    },
  };
}
