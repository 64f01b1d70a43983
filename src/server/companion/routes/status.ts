/** `GET {base}/status?token=`: the charge as confirmed (webhook or Xendit), for the return page. */
import { CompanionError, describeError, json } from '../../errors.js';
import { endedAs, isPending } from '../charge-status.js';
import type { CompanionContext } from '../context.js';
import type { Route } from '../plugin.js';
import { refundedAsOf } from '../records.js';

const STATUS_TOKEN = /^[A-Za-z0-9_-]{20,128}$/;

export function statusRoute(ctx: CompanionContext): Route {
  const { config, store, xendit, logger, ledger } = ctx;

  async function handler(request: Request): Promise<Response> {
    const token = new URL(request.url).searchParams.get('token') ?? '';
    if (!token) throw new CompanionError(400, 'INVALID_REQUEST', 'A `token` query parameter is required.');
    // A malformed token is a wrong link (cut short, mistyped) to the shopper, as an unknown one is.
    const chargeId = STATUS_TOKEN.test(token) ? await store.get(`token:${token}`) : null;
    let record = chargeId ? await ledger.readCharge(chargeId) : null;
    if (!chargeId || !record) throw new CompanionError(404, 'STATUS_TOKEN_INVALID', 'This payment was not found.');
    // Pending, or paid with something left to settle: ask Xendit (at most every statusRefreshMs) and
    // go through the same transition as a callback, never further; a slow fulfilment is looked at once.
    const stale = Date.now() - (record.refreshed_at ?? 0) >= config.statusRefreshMs;
    if (stale && (isPending(record.status) || (await ledger.unsettled(record)))) {
      try {
        await ledger.updateCharge(chargeId, (c) => (c ? { ...c, refreshed_at: Date.now() } : null));
        record = await ledger.apply(await xendit.paylater.getCharge(chargeId, { maxRetryDelayMs: config.shopperRetryWaitMs }), 'refresh', { wait: false });
      } catch (error) {
        // The webhook-confirmed state still answers; the next poll tries Xendit again.
        logger.warn('status refresh failed', { charge_id: chargeId, error: describeError(error) });
        record = (await ledger.readCharge(chargeId)) ?? record;
      }
    }
    const refundedAs = refundedAsOf(record.role);
    // How an unpaid charge ended, in words the widget can say; never the raw failure code.
    const ended = endedAs(record.status, record.failure_code);
    const views: Record<string, unknown> = {};
    if (!refundedAs) {
      const plugin = ledger.pluginOf(await ledger.readOrder(record.reference_id));
      const view = plugin?.view ? await plugin.view(record.reference_id) : null;
      if (view) Object.assign(views, view);
    }
    return json(200, {
      charge_id: record.charge_id,
      status: record.status,
      amount: record.amount,
      currency: record.currency,
      channel_code: record.channel_code,
      reference_id: record.reference_id,
      ...(ended ? { ended_as: ended } : {}),
      ...(refundedAs ? { refunded_as: refundedAs } : {}),
      ...(record.refunded_amount !== undefined ? { refunded_amount: record.refunded_amount } : {}),
      ...views,
    });
  }

  return { method: 'GET', browser: true, handler };
}
