/**
 * `POST {base}/bills/webhook`: Xendit's Bill Payments callbacks (`bill_payment.succeeded`,
 * `bill_payment.failed`). Nothing in the body is believed but the two names it carries: the bill
 * payment's id and our reference. The payment is then asked of Xendit (for a bill of ours that has
 * not ended) and followed up under the order's lock, as fulfilment does. Xendit's two doc pages
 * nest the payment differently (`data.data` or `data`), and its status is spelled `SUCCEEDDED` on
 * one: neither matters here. Its signature scheme is not documented, so it is not checked; an
 * `x-callback-token`, when one comes, must be the companion's `callbackToken`.
 */
import { constantTimeEqual } from '../crypto.js';
import { CompanionError, json } from '../errors.js';
import { readJson } from '../http.js';
import type { CompanionContext } from '../companion/context.js';
import type { Route } from '../companion/plugin.js';

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
  { config, options, logger, ledger }: CompanionContext,
  { known, paymentCallback }: { known: (reference: string) => Promise<boolean>; paymentCallback: (reference: string, paymentId: string) => Promise<string | undefined> },
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
    const event = name(object(body)?.event);
    // No lock and no call to Xendit for a reference that is not a bill of ours.
    const why = (await known(referenceId)) ? await ledger.withOrder(referenceId, () => paymentCallback(referenceId, paymentId)) : 'no bill has this reference';
    if (why) logger.warn(`bill payment callback ignored: ${why}`, { reference_id: referenceId, payment_id: paymentId, event });
    return json(200, { received: true });
  }
  return { method: 'POST', browser: false, handler };
}
