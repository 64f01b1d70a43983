/**
 * `POST {base}/bills/webhook`: Xendit's Bill Payments callbacks (`bill_payment.succeeded`,
 * `bill_payment.failed`). Nothing in the body is believed but the two names it carries: the bill
 * payment's id and our reference. The payment is then asked of Xendit (for a bill of ours asked of
 * the biller that has not ended) and followed up under the order's lock, as fulfilment does; at
 * most once per bill every `LOOK_INTERVAL_MS`, since anyone may send this route a reference (a
 * shopper has theirs), and each look spends the merchant's Xendit rate limit. Xendit's two doc pages
 * nest the payment differently (`data.data` or `data`), and its status is spelled `SUCCEEDDED` on
 * one: neither matters here. Its signature scheme is not documented, so it is not checked; an
 * `x-callback-token`, when one comes, must be the companion's `callbackToken`.
 */
import { XenditError } from '../../xendit/errors.js';
import type { CompanionContext } from '../companion/context.js';
import type { Route } from '../companion/plugin.js';
import { constantTimeEqual } from '../crypto.js';
import { CompanionError, json } from '../errors.js';
import { readJson } from '../http.js';
import { ENDED } from './fulfil.js';
import type { BillRecord } from './model.js';

/** How often one bill may be looked up at Xendit for callbacks (a callback meanwhile is answered 503, and comes again). */
export const LOOK_INTERVAL_MS = 10_000;

type Json = Record<string, unknown>;
const object = (value: unknown): Json | undefined => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined);
const name = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 && value.length <= 255 ? value : undefined);

/** The payment id and reference a bill payment callback names, wherever its shape nests them. */
export function billCallbackNames(body: unknown): { paymentId?: string; referenceId?: string } {
  const outer = object(body);
  const payment = object(object(outer?.data)?.data) ?? object(outer?.data) ?? outer;
  const paymentId = name(payment?.payment_id) ?? name(payment?.id);
  const referenceId = name(payment?.reference_id) ?? name(object(payment?.properties)?.reference_id);
  return { ...(paymentId ? { paymentId } : {}), ...(referenceId ? { referenceId } : {}) };
}

export function billCallbackRoute(
  { config, options, logger, ledger, store }: CompanionContext,
  {
    read,
    needsNoLook,
    paymentCallback,
  }: {
    read: (reference: string) => Promise<BillRecord | null>;
    needsNoLook: (record: BillRecord | null, paymentId: string) => string | undefined;
    paymentCallback: (reference: string, paymentId: string) => Promise<string | undefined>;
  },
): Route {
  async function handler(request: Request): Promise<Response> {
    const token = request.headers.get('x-callback-token');
    if (token !== null && !(await constantTimeEqual(token, options.callbackToken))) {
      logger.warn('bill payment callback refused: wrong callback token', {});
      throw new CompanionError(401, 'UNAUTHORIZED', 'Invalid callback token.');
    }
    const body = await readJson(request, config.maxWebhookBytes);
    const { paymentId, referenceId } = billCallbackNames(body);
    if (!paymentId || !referenceId) {
      throw new CompanionError(400, 'INVALID_REQUEST', 'A bill payment callback names its payment and its reference (data.data.payment_id and data.data.reference_id).');
    }
    const fields = { reference_id: referenceId, payment_id: paymentId, event: name(object(body)?.event) };
    // One read decides most callbacks: no lock, no write and no call to Xendit for them.
    let why = needsNoLook(await read(referenceId), paymentId);
    if (!why) {
      if (!(await store.setIfAbsent(`bill-look:${referenceId}`, '1', { ttlMs: LOOK_INTERVAL_MS }))) {
        throw new CompanionError(503, 'CONFLICT', 'This bill was looked up a moment ago; deliver the callback again later.', { 'retry-after': String(LOOK_INTERVAL_MS / 1000) });
      }
      try {
        why = await ledger.withOrder(referenceId, () => paymentCallback(referenceId, paymentId));
      } catch (error) {
        if (!(error instanceof XenditError)) throw error;
        // Xendit's own answer (a rate limit, a 5xx) is not passed on: the callback comes again.
        logger.warn('bill payment callback: Xendit could not be asked; it will be delivered again', { ...fields, code: error.code });
        throw new CompanionError(503, 'UPSTREAM_ERROR', 'The payment could not be looked up; deliver the callback again later.', { 'retry-after': '60' });
      }
    }
    if (why === ENDED) logger.debug(`bill payment callback: ${why}`, fields);
    else if (why) logger.warn(`bill payment callback ignored: ${why}`, fields);
    return json(200, { received: true });
  }
  return { method: 'POST', browser: false, handler };
}
