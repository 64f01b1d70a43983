/** PayLater plans and charges: create, read, cancel, and the shopper's decision (settle). */
import { ChargeRequest, PlansRequest } from '../../../xendit/schemas.js';
import { SIMULATOR_DECISIONS } from '../../decisions.js';
import { planOptions, type ChannelSpec } from '../../paylater.js';
import { clone, currencyDecimals, formatMoney, hasAtMostDecimals, nowIso, SimulatedError, uuid, validationError } from '../../responses.js';
import { check, itemsTotal, notFound, orderItem, parseJson, type ChargeRecord, type Ctx, type Reply, type Sim } from '../context.js';
import { idempotent } from '../idempotency.js';
import type { SimCharge, SimPlans, SimRefund } from '../types.js';

type Send = (event: string, data: SimCharge | SimRefund) => Promise<void> | undefined;

export function paylaterRoutes(sim: Sim, sendCallback: Send) {
  const { channels, customers, plans, charges, decisions, businessId, remember } = sim;

  function amountRules(channel: string, spec: ChannelSpec, amount: number, path = 'amount') {
    const decimals = currencyDecimals(spec.currency);
    if (!hasAtMostDecimals(amount, decimals)) {
      throw validationError([{ path, message: decimals === 0 ? `${spec.currency} amounts must be whole numbers` : `${spec.currency} amounts have at most ${decimals} decimals` }]);
    }
    if (amount < spec.min || amount > spec.max) {
      const message = `amount must be between ${formatMoney(spec.min, spec.currency)} and ${formatMoney(spec.max, spec.currency)} for ${channel}`;
      throw validationError([{ path, message }], `${message} (got ${formatMoney(amount, spec.currency)}).`);
    }
  }

  function paylaterIdempotent(ctx: Ctx, body: unknown, run: () => Reply): Reply {
    return decisions.paylaterIdempotencyHonoured ? idempotent(sim, ctx, `paylater:${ctx.routeId}:${ctx.path}`, body, run) : run();
  }

  function createPlans(ctx: Ctx): Reply {
    const raw = parseJson(ctx.text);
    return paylaterIdempotent(ctx, raw, () => {
      const body = check(PlansRequest, raw);
      const spec = channels[body.channel_code];
      if (!spec) throw validationError([{ path: 'channel_code', message: `must be one of ${Object.keys(channels).join(', ')}` }]);
      if (!spec.activated) throw new SimulatedError(403, 'CHANNEL_NOT_ACTIVATED', `${body.channel_code} is not activated for this account.`);
      if (body.currency !== spec.currency) {
        throw new SimulatedError(400, 'UNSUPPORTED_CURRENCY', `${body.channel_code} supports ${spec.currency} only (got ${body.currency}).`);
      }
      if (!customers.has(body.customer_id)) throw notFound('Customer', body.customer_id);
      if (body.amount === SIMULATOR_DECISIONS.channelUnavailableAmount) {
        throw new SimulatedError(503, 'CHANNEL_UNAVAILABLE', `${body.channel_code} is temporarily unavailable. Try again later or use another channel.`);
      }
      amountRules(body.channel_code, spec, body.amount);
      if (decisions.planAmountMustEqualItems) {
        const total = itemsTotal(body.order_items);
        if (Math.abs(total - body.amount) > 0.005) {
          throw validationError([{ path: 'amount', message: `must equal the sum of order_items net_unit_amount × quantity (${total})` }]);
        }
      }
      const plan: SimPlans = {
        id: `plp_${uuid()}`,
        customer_id: body.customer_id,
        channel_code: body.channel_code,
        currency: body.currency,
        amount: body.amount,
        order_items: body.order_items.map((item) => orderItem(item)),
        options: planOptions(spec, body.amount),
        created: nowIso(),
      };
      remember(plans, plan.id, { plan, fixture: false });
      return { status: 200, body: clone(plan) };
    });
  }

  function createCharge(ctx: Ctx): Reply {
    const raw = parseJson(ctx.text);
    return paylaterIdempotent(ctx, raw, () => {
      const body = check(ChargeRequest, raw);
      const found = plans.get(body.plan_id);
      if (!found) throw notFound('Plan', body.plan_id);
      const plan = found.plan;
      const id = `plc_${uuid()}`;
      const page = `${sim.checkoutBase()}/checkout/${encodeURIComponent(id)}`;
      const now = nowIso();
      const charge: SimCharge = {
        id,
        business_id: businessId,
        reference_id: body.reference_id,
        customer_id: plan.customer_id,
        plan_id: plan.id,
        currency: plan.currency,
        amount: plan.amount,
        channel_code: plan.channel_code,
        checkout_method: body.checkout_method,
        status: 'PENDING',
        actions: {
          desktop_web_checkout_url: page,
          mobile_web_checkout_url: page,
          mobile_deeplink_checkout_url: SIMULATOR_DECISIONS.deeplinkChannels.includes(plan.channel_code) ? `${page}?via=app` : null,
        },
        success_redirect_url: body.success_redirect_url,
        failure_redirect_url: body.failure_redirect_url ?? null,
        callback_url: sim.callbackUrl ?? null,
        created: now,
        updated: now,
        order_items: clone(plan.order_items),
        voided_at: null,
        payment_method_id: body.payment_method_id ?? null,
        metadata: (body.metadata as Record<string, unknown> | null | undefined) ?? null,
        channel_reference: uuid(),
      };
      remember(charges, id, { charge });
      return { status: 200, body: clone(charge) };
    });
  }

  function chargeOf(id: string): ChargeRecord {
    const record = charges.get(id);
    if (!record) throw notFound('Charge', id);
    return record;
  }

  function getCharge(ctx: Ctx): Reply {
    return { status: 200, body: clone(chargeOf(ctx.params[0]!).charge) };
  }

  function cancelCharge(ctx: Ctx): Reply {
    return paylaterIdempotent(ctx, ctx.text, () => {
      const { charge } = chargeOf(ctx.params[0]!);
      if (sim.channels[charge.channel_code]?.cancels === false) {
        const na = SIMULATOR_DECISIONS.cancelNotAvailable;
        throw new SimulatedError(na.status, na.error_code, `Cancels by API are not available for ${charge.channel_code}.`);
      }
      if (charge.status !== 'PENDING') {
        const d = SIMULATOR_DECISIONS.cancelNotPending;
        throw new SimulatedError(d.status, d.error_code, `Charge ${charge.id} is ${charge.status}; only a PENDING charge can be cancelled.`);
      }
      charge.status = 'CANCELLED';
      charge.updated = nowIso();
      return { status: 200, body: clone(charge) };
    });
  }

  /** PENDING → SUCCEEDED | FAILED, then the callback. */
  function settleCharge(id: string, status: 'SUCCEEDED' | 'FAILED'): SimCharge {
    const { charge } = chargeOf(id);
    if (charge.status !== 'PENDING') {
      throw new SimulatedError(409, 'INVALID_STATUS', `Charge ${charge.id} is ${charge.status}, not PENDING.`);
    }
    charge.status = status;
    charge.updated = nowIso();
    void sendCallback('paylater.payment', charge);
    return clone(charge);
  }

  return { amountRules, paylaterIdempotent, createPlans, createCharge, chargeOf, getCharge, cancelCharge, settleCharge };
}
