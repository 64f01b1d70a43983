/**
 * Bills: paying the biller once an order is paid, keyed by the order (never by a PayLater charge),
 * polling until the payment ends, and refunding the paying charge when the biller refuses.
 */
import { billDetail } from '../../contract/index.js';
import type { XenditClient } from '../../xendit/client.js';
import { XenditError, XenditNotFoundError } from '../../xendit/errors.js';
import type { BillPayment } from '../../xendit/schemas.js';
import { CompanionError } from '../errors.js';
import type { Fulfilment } from '../companion/plugin.js';
import type { Logger } from '../logger.js';
import { withLock, type Store } from '../store.js';
import type { BillBook } from './book.js';
import type { BillOptions, BillRecord } from './model.js';

/** Answers that mean "a payment with this reference or key exists already": look, never refund. */
const ALREADY_PLACED = new Set(['DUPLICATE_REFERENCE_ID', 'IDEMPOTENCY_ERROR', 'DUPLICATE_ERROR']);
/**
 * Refused: a 4xx other than a rate limit (429, or its code under another status: the seed's Create
 * Payment page pairs RATE_LIMIT_EXCEEDED with 404). Final, except the merchant's own balance running
 * short (`balanceShort`), which a top-up mends: the bill waits for it a while (`balanceWaitMs`).
 */
const refused = (error: unknown): error is XenditError =>
  error instanceof XenditError && error.status >= 400 && error.status < 500 && error.status !== 429 && error.code !== 'RATE_LIMIT_EXCEEDED';
const balanceShort = (error: XenditError) => error.status === 402 || error.code === 'BALANCE_INSUFFICIENT';

/** Why a callback needs no look when its bill has ended already: the usual case (a poll got there first), not worth a warning. */
export const ENDED = 'the bill has ended';

/** The token, kWh and receipt in a bill's payment details, whatever labels its biller uses. */
export function billFacts(record: Pick<BillRecord, 'kind' | 'payment_details'>): { token?: string; kwh?: string; receipt?: string } {
  const details = record.payment_details;
  const token = billDetail('token', details);
  const kwh = billDetail('kwh', details);
  // The docs show no receipt label; a postpaid bill's proof of payment is then its serial number.
  const receipt = billDetail('receipt', details) ?? (record.kind === 'postpaid' ? billDetail('serialNumber', details) : undefined);
  return { ...(token ? { token } : {}), ...(kwh ? { kwh } : {}), ...(receipt ? { receipt } : {}) };
}

/**
 * `retryWaitMs`: the longest wait before a payment request is sent again after a 429 or 503 (so that
 * the time an ask's answer may take stays within `billAskWindow`).
 */
export function createFulfilment({ xendit, store, logger, options, book, ttlMs, lockTtlMs, retryWaitMs }: { xendit: XenditClient; store: Store; logger: Logger; options: BillOptions; book: BillBook; ttlMs: number; lockTtlMs: number; retryWaitMs: number }) {
  const pollIntervalMs = options.pollIntervalMs ?? 500;
  const pollTimeoutMs = options.pollTimeoutMs ?? 8_000;
  const balanceWaitMs = options.balanceWaitMs ?? 3_600_000;

  function apply(record: BillRecord, payment: BillPayment) {
    const p = payment.data.properties;
    record.payment_id = payment.data.id;
    record.payment_details = p.payment_details;
    record.failure_code = p.failure_code ?? null;
    record.failure_reason = p.failure_reason ?? null;
    record.state = p.status === 'SUCCEEDED' ? 'SUCCEEDED' : p.status === 'FAILED' ? 'FAILED' : 'PROCESSING';
  }

  /**
   * Places the bill payment: the same request (key, reference, body) however often it is tried.
   * Only the first to ask (`claim`) may read "exists already" as a refusal: for anyone after, it is
   * the payment asked for before (by a crashed instance, or one whose lock lapsed). Sent once per
   * call (no retry after an answer that leaves it unknown whether the biller was paid): a second
   * send would be the first asker reading its own payment as "exists already". The next callback
   * copy or status poll asks again, as one who asked before. Returns the ask's number (`claim`).
   */
  async function place(record: BillRecord): Promise<number> {
    const askedBefore = !(await book.claim(record)).first;
    const ask = record.attempt!;
    // Somebody else got further meanwhile (their lock lapsed into ours): nothing to ask.
    if (record.state !== 'PENDING') return ask;
    try {
      apply(
        record,
        await xendit.billPayments.pay(
          {
            product_id: record.product_id,
            customer_number: record.customer_number,
            inquiry_id: record.inquiry_id,
            reference_id: record.reference_id,
            total_amount: record.total_amount,
          },
          { idempotencyKey: `bill-${record.reference_id}`.slice(0, 100), retryAmbiguous: false, maxRetryDelayMs: retryWaitMs },
        ),
      );
    } catch (error) {
      if (!refused(error)) {
        logger.warn('bill payment not placed yet; will retry', { reference_id: record.reference_id, code: error instanceof XenditError ? error.code : 'ERROR' });
        // A rate limit or 503 is an answer that nothing was done; anything else (no answer, 5xx) leaves it open.
        if (error instanceof XenditError && (error.status === 429 || error.status === 503 || error.code === 'RATE_LIMIT_EXCEEDED')) await book.answered(record.reference_id, ask);
        throw error;
      }
      // IDEMPOTENCY_ERROR: a request with our key (ours alone) is still being processed, ours or
      // one of an instance whose lock had lapsed, even if we claimed first. Asked again later, the
      // same request gets that request's answer: the bill stays PENDING, and this try fails. (Our
      // body never changes, so it can mean nothing else, however long after the first ask.)
      if (error.code === 'IDEMPOTENCY_ERROR') {
        logger.warn('bill payment is still being processed at Xendit; will ask again', { reference_id: record.reference_id });
        await book.answered(record.reference_id, ask); // ours was not taken; the one being processed is another ask
        throw error;
      }
      if (askedBefore && ALREADY_PLACED.has(error.code)) {
        // Asked before, answer unknown (a crash, a time-out, or the key expired) and now "exists
        // already": the money may have gone to the biller, so never refund on this. The Bill
        // Payments API has no lookup by reference_id (docs.xendit.co bill-payment-overview lists
        // only GET /v1/payment/{id}): the payment's own callback settles it (`paymentCallback`);
        // until it comes, a person may look it up in the dashboard.
        record.state = 'PROCESSING';
        record.failure_code = error.code;
        logger.error('a bill payment with this reference exists already: look it up in the Xendit dashboard', { reference_id: record.reference_id, code: error.code });
        return ask;
      }
      if (balanceShort(error) && Date.now() - record.placed_at! < balanceWaitMs) {
        // The merchant's Xendit balance is short: nothing was paid, and a top-up mends it. The bill
        // waits (the next callback copy or status poll places it again) instead of being refunded.
        logger.error('bill payment waits: your Xendit balance is too low; top it up', { reference_id: record.reference_id, charge_id: record.charge_id, code: error.code, refund_after: new Date(record.placed_at! + balanceWaitMs).toISOString() });
        await book.answered(record.reference_id, ask);
        throw error;
      }
      // The biller refused for good: nothing was paid, the shopper gets the money back.
      record.state = 'FAILED';
      record.failure_code = error.code;
      record.failure_reason = 'The biller refused the payment.';
    }
    logger.info('bill payment placed', { reference_id: record.reference_id, payment_id: record.payment_id, state: record.state });
    return ask;
  }

  async function refund(record: BillRecord) {
    const chargeId = record.charge_id!;
    try {
      const made = await xendit.paylater.refund(chargeId, { reason: 'UNFULFILLED_ITEM' }, { idempotencyKey: `bill-refund-${chargeId}` });
      record.refund = { id: made.id, status: made.status === 'FAILED' ? 'FAILED' : made.status === 'SUCCEEDED' ? 'SUCCEEDED' : 'PENDING' };
      logger.warn('bill payment failed; PayLater charge refunded in full', { reference_id: record.reference_id, charge_id: chargeId, failure_code: record.failure_code, refund_id: made.id });
    } catch (error) {
      if (!refused(error)) throw error;
      // Refused for good (the provider takes no API refunds): the merchant must refund by hand.
      record.refund = { id: null, status: 'FAILED' };
      logger.error('bill payment failed and the PayLater refund was refused: refund by hand', { reference_id: record.reference_id, charge_id: chargeId, code: error.code });
    }
  }

  /** Runs `onBillEvent` once per bill and end, as `onPaymentEvent`: under a lock, marked done only after it returned. */
  async function announce(record: BillRecord) {
    const hook = options.onBillEvent;
    if (!hook || (record.state !== 'SUCCEEDED' && record.state !== 'FAILED')) return;
    const state = record.state;
    const key = `bill-event:${record.reference_id}:${state}`;
    if (await store.get(key)) return;
    await withLock(store, key, async () => {
      if (await store.get(key)) return;
      await hook({
        chargeId: record.charge_id!,
        referenceId: record.reference_id,
        status: state,
        productId: record.product_id,
        customerNumber: record.customer_number,
        paymentId: record.payment_id ?? null,
        details: record.payment_details ?? [],
        ...billFacts(record),
        failureCode: record.failure_code ?? null,
        refunded: record.refund?.status === 'PENDING' || record.refund?.status === 'SUCCEEDED',
      });
      await store.set(key, String(Date.now()), { ttlMs });
    }, { ttlMs: lockTtlMs, waitMs: 20_000 });
  }

  /**
   * Pays the bill of a paid order, once. The ledger calls it only for the order's keeper and under
   * the order's lock; it may be called any number of times (callback copies, status polls, after a
   * crash) and does only what is left. Throws on a temporary failure (biller 5xx after retries,
   * time-out) so the callback is delivered again. `wait: false` looks at a pending payment once.
   */
  async function fulfil({ referenceId, keeper, wait }: Fulfilment): Promise<void> {
    const record = await book.read(referenceId);
    if (!record) return;
    if (record.state === 'SUCCEEDED' || (record.state === 'FAILED' && record.refund)) {
      await announce(record);
      return;
    }
    if (record.charge_id === null) {
      record.charge_id = keeper.charge_id;
      await book.save(record);
    }
    if (record.state === 'PENDING') {
      const ask = await place(record);
      await book.save(record);
      // Our refusal came while another ask (another instance's, ours after a lapsed lock) may still
      // be answered: that answer decides. Nothing to refund; this try fails, so it comes again.
      if (record.state === 'PENDING') {
        await book.answered(record.reference_id, ask);
        logger.warn('bill payment refused while another ask of it may still be answered; asked again later', { reference_id: record.reference_id });
        throw new CompanionError(503, 'CONFLICT', 'The bill is being paid by another request. Please try again.', { 'retry-after': '1' });
      }
    }
    await follow(record, wait);
  }

  /** What is left once the payment was asked for: its end (looked at a while when `wait`), the refund of a failed one, the bill event. */
  async function follow(record: BillRecord, wait: boolean, looked = false) {
    // In a callback, poll a while (Xendit calls polling mandatory); from the status route, look once.
    const until = Date.now() + (wait ? pollTimeoutMs : 0);
    while (record.state === 'PROCESSING' && record.payment_id && (!looked || Date.now() < until)) {
      if (looked) await new Promise((r) => setTimeout(r, pollIntervalMs));
      looked = true;
      apply(record, await xendit.billPayments.getPayment(record.payment_id));
    }
    await book.save(record);
    if (record.state === 'FAILED' && !record.refund) {
      await refund(record);
      await book.save(record);
    }
    await announce(record);
  }

  /**
   * Why a callback about bill payment `paymentId` needs no look at Xendit, when so: no bill of a paid
   * order has this reference, the biller was never asked for it, another payment is recorded for
   * it, or it has ended with what Xendit said of this very payment. Costs one read, nothing else.
   */
  function needsNoLook(record: BillRecord | null, paymentId: string): string | undefined {
    if (!record || record.charge_id === null) return 'no bill of a paid order has this reference';
    if (record.placed_at === undefined) return 'the biller was never asked for this bill';
    if (record.payment_id && record.payment_id !== paymentId) return `payment ${record.payment_id} is the one recorded for this bill`;
    if (record.state === 'SUCCEEDED' || (record.state === 'FAILED' && record.refund && record.payment_id)) return ENDED;
    return undefined;
  }

  /**
   * Xendit's callback about bill payment `paymentId` of bill `referenceId`, believed only as Xendit
   * answers when asked (`GET /payment/{id}`). Called under the order's lock. The payment is recorded
   * on its bill, and followed up as fulfilment does (the token, or the refund of a failed one): a
   * bill held for a person (an "exists already" answer) is settled this way too, since a reference
   * has one payment at Xendit; a bill refused and refunded that Xendit reports bought after all
   * shows its token, and the merchant is told. Returns why nothing was done, when so.
   */
  async function paymentCallback(referenceId: string, paymentId: string): Promise<string | undefined> {
    const record = await book.read(referenceId);
    const why = needsNoLook(record, paymentId);
    if (why || !record) return why;
    const payment = await xendit.billPayments.getPayment(paymentId).catch((error: unknown) => {
      if (error instanceof XenditNotFoundError) return undefined;
      throw error;
    });
    if (!payment) return 'Xendit does not know this payment';
    const reference = payment.data.properties.reference_id;
    if (reference && reference !== referenceId) return `Xendit has this payment for reference ${reference}`;
    const refunded = record.state === 'FAILED' && !!record.refund;
    apply(record, payment);
    await book.save(record);
    if (refunded && record.state !== 'FAILED') {
      logger.error('a bill refused and refunded was bought after all: its token is shown; the PayLater charge was refunded', { reference_id: referenceId, payment_id: paymentId, charge_id: record.charge_id });
    }
    logger.info('bill payment callback recorded', { reference_id: referenceId, payment_id: paymentId, state: record.state });
    await follow(record, false, true);
    return undefined;
  }

  return { fulfil, paymentCallback, needsNoLook };
}
