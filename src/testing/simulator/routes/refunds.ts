/** PayLater refunds: create (full or partial), settle SUCCEEDED or FAILED, read and list. */
import { RefundRequest } from '../../../xendit/schemas.js';
import { SIMULATOR_DECISIONS } from '../../decisions.js';
import { clone, currencyDecimals, formatMoney, hasAtMostDecimals, nowIso, SimulatedError, uuid, validationError } from '../../responses.js';
import { check, notFound, parseJson, type ChargeRecord, type Ctx, type Reply, type Sim } from '../context.js';
import type { SimCharge, SimRefund } from '../types.js';

type Send = (event: string, data: SimCharge | SimRefund) => Promise<void> | undefined;

export function refundRoutes(
  sim: Sim,
  sendCallback: Send,
  chargeOf: (id: string) => ChargeRecord,
  paylaterIdempotent: (ctx: Ctx, body: unknown, run: () => Reply) => Reply,
) {
  const { channels, refunds, scheduler, refundSettleMs, remember } = sim;

  function createRefund(ctx: Ctx): Reply {
    const raw = parseJson(ctx.text, {});
    return paylaterIdempotent(ctx, raw, () => {
      const body = check(RefundRequest, raw);
      const { charge } = chargeOf(ctx.params[0]!);
      const spec = channels[charge.channel_code];
      const na = SIMULATOR_DECISIONS.refundNotAvailable;
      if (!spec || spec.refunds === 'none') throw new SimulatedError(na.status, na.error_code, `Refunds by API are not available for ${charge.channel_code}.`);
      const refunded = charge.refunded_amount ?? 0;
      const refundable = charge.status === 'SUCCEEDED' || (charge.status === 'REFUNDED' && refunded < charge.amount);
      if (!refundable) {
        const d = SIMULATOR_DECISIONS.refundNotAllowed;
        throw new SimulatedError(d.status, d.error_code, `Charge ${charge.id} is ${charge.status}; only a paid (SUCCEEDED) charge can be refunded.`);
      }
      const pending = [...refunds.values()].filter((r) => r.charge_id === charge.id && r.status === 'PENDING').reduce((s, r) => s + r.amount, 0);
      const left = Math.round((charge.amount - refunded - pending) * 100) / 100;
      const amount = body.amount ?? left;
      if (spec.refunds === 'full-only' && (amount !== charge.amount || refunded > 0 || pending > 0)) {
        throw new SimulatedError(na.status, na.error_code, `${charge.channel_code} supports full refunds only.`);
      }
      if (!hasAtMostDecimals(amount, currencyDecimals(charge.currency))) throw validationError([{ path: 'amount', message: `${charge.currency} amounts must be whole numbers` }]);
      if (amount <= 0 || amount > left + 1e-9) {
        const d = SIMULATOR_DECISIONS.overRefund;
        const message = `amount exceeds what can still be refunded (${formatMoney(left, charge.currency)})`;
        throw new SimulatedError(d.status, d.error_code, `The refund ${message}.`, [{ path: 'amount', message }]);
      }
      const refund = startRefund(charge, amount, body.reason ?? null, ctx.refundFailure);
      return { status: 200, body: clone(refund) };
    });
  }

  /**
   * A PENDING refund that settles after `refundSettleMs`: SUCCEEDED (the charge becomes REFUNDED,
   * callbacks `paylater.refund` then `paylater.payment`) or, with a failure code, FAILED (only the
   * refund callback; the charge keeps its status and the amount can be refunded again).
   */
  function startRefund(charge: SimCharge, amount: number, reason: string | null, failureCode?: string): SimRefund {
    const now = nowIso();
    const refund: SimRefund = {
      id: `plr_${uuid()}`,
      charge_id: charge.id,
      channel_code: charge.channel_code,
      currency: charge.currency,
      amount,
      reason,
      status: 'PENDING',
      failure_code: null,
      created: now,
      updated: now,
    };
    remember(refunds, refund.id, refund);
    const gen = sim.generation;
    scheduler.schedule(refundSettleMs, async () => {
      if (gen !== sim.generation || refund.status !== 'PENDING') return;
      const at = nowIso();
      refund.updated = at;
      if (failureCode !== undefined) {
        refund.status = 'FAILED';
        refund.failure_code = failureCode;
        await sendCallback('paylater.refund', refund);
        return;
      }
      refund.status = 'SUCCEEDED';
      charge.refunded_amount = Math.round(((charge.refunded_amount ?? 0) + refund.amount) * 100) / 100;
      charge.status = 'REFUNDED';
      charge.updated = at;
      charge.refunds = refundsOf(charge.id).map((r) => clone(r));
      await sendCallback('paylater.refund', refund);
      void sendCallback('paylater.payment', charge);
    }, 'refund settlement');
    return refund;
  }

  function refundsOf(chargeId: string): SimRefund[] {
    return [...refunds.values()].filter((r) => r.charge_id === chargeId);
  }

  /** `GET /paylater/charges/{id}/refunds` (xendit-php `PayLater::listPayLaterRefund`): oldest first. */
  function listRefunds(ctx: Ctx): Reply {
    const { charge } = chargeOf(ctx.params[0]!);
    return { status: 200, body: { data: refundsOf(charge.id).map((r) => clone(r)), has_more: false } };
  }

  function getRefund(ctx: Ctx): Reply {
    const { charge } = chargeOf(ctx.params[0]!);
    const refund = refunds.get(ctx.params[1]!);
    if (!refund || refund.charge_id !== charge.id) throw notFound('Refund', ctx.params[1]!);
    return { status: 200, body: clone(refund) };
  }

  return { createRefund, startRefund, listRefunds, getRefund };
}
