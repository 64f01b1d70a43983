/** `POST {base}/webhooks/xendit`: Xendit's PayLater callbacks, verified, fed to the ledger's transition. */
import { XenditNotFoundError } from '../../../xendit/errors.js';
import { Charge, PaylaterCallback, Refund } from '../../../xendit/schemas.js';
import { constantTimeEqual } from '../../crypto.js';
import { CompanionError, describeError, json } from '../../errors.js';
import { parseBody, readJson } from '../../http.js';
import type { CompanionContext } from '../context.js';
import { PaymentEventHookError } from '../ledger.js';
import type { Route } from '../plugin.js';

export function webhookRoute(ctx: CompanionContext): Route {
  const { config, xendit, logger, ledger, options } = ctx;

  async function applyOrRetry(charge: Charge) {
    try {
      await ledger.apply(charge, 'webhook');
    } catch (error) {
      if (error instanceof CompanionError) throw error;
      const hook = error instanceof PaymentEventHookError;
      logger.error(`${hook ? 'onPaymentEvent failed' : 'the payment could not be processed'}; Xendit will deliver the callback again`, {
        charge_id: charge.id,
        status: charge.status,
        error: describeError(hook ? error.cause : error),
      });
      throw new CompanionError(500, 'INTERNAL', 'The payment event could not be processed; it will be retried.');
    }
  }

  /**
   * The charge as Xendit has it now, or none when Xendit does not know it: such a callback will
   * never be found, so it is logged and acknowledged (a 5xx would bring it back for hours).
   */
  async function chargeAtXendit(id: string, what: string, fields: Record<string, unknown>) {
    return xendit.paylater.getCharge(id).catch((error: unknown) => {
      if (!(error instanceof XenditNotFoundError)) throw error;
      logger.warn(`${what} callback for a charge Xendit does not know: ignored`, { charge_id: id, ...fields });
      return undefined;
    });
  }

  async function handler(request: Request): Promise<Response> {
    const token = request.headers.get('x-callback-token') ?? '';
    if (!(await constantTimeEqual(token, options.callbackToken))) {
      logger.warn('webhook refused: wrong callback token', {});
      throw new CompanionError(401, 'UNAUTHORIZED', 'Invalid callback token.');
    }
    const callback = parseBody(PaylaterCallback, await readJson(request, config.maxWebhookBytes));
    if (callback.event === 'paylater.payment') {
      const charge = parseBody(Charge, callback.data);
      // Believed only as Xendit tells it when asked, so that a leaked callback token can neither
      // mark an order paid (nor a made-up charge pay one) nor end a charge that is being paid (a
      // false REFUNDED or FAILED would hide the payment and open the order to a second one).
      const confirmed = await chargeAtXendit(charge.id, 'payment', { reference_id: charge.reference_id });
      if (!confirmed) return json(200, { received: true });
      if (confirmed.status === 'PENDING' && charge.status !== 'PENDING') {
        logger.warn('payment callback not confirmed by Xendit yet; it will be delivered again', { charge_id: charge.id, status: charge.status });
        throw new CompanionError(503, 'UPSTREAM_ERROR', 'The payment is not confirmed yet; deliver the callback again.', { 'retry-after': '5' });
      }
      // A failure code the callback gives and Xendit's answer lacks (same status) is kept; nothing else of the callback.
      const failureCode = confirmed.status === charge.status && !confirmed.failure_code && typeof charge.failure_code === 'string' ? charge.failure_code : undefined;
      await applyOrRetry(failureCode ? { ...confirmed, failure_code: failureCode } : confirmed);
    } else if (callback.event === 'paylater.refund') {
      const refund = parseBody(Refund, callback.data);
      logger.info('refund update', { refund_id: refund.id, charge_id: refund.charge_id, status: refund.status });
      const record = await ledger.readCharge(refund.charge_id);
      const plugin = record ? ledger.pluginOf(await ledger.readOrder(record.reference_id)) : undefined;
      if (record && plugin?.refundChanged) await plugin.refundChanged(record.reference_id, refund);
      if (refund.status === 'SUCCEEDED') {
        // The charge as it is now (REFUNDED).
        const charge = await chargeAtXendit(refund.charge_id, 'refund', { refund_id: refund.id });
        if (charge) await applyOrRetry(charge);
      }
    } else {
      logger.info('webhook event ignored', { event: callback.event });
    }
    return json(200, { received: true });
  }

  return { method: 'POST', browser: false, handler };
}
