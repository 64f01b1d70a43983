/** `POST {base}/charges`: one live charge per order, contents and provider; Xendit's answer checked before the shopper sees it. */
import * as z from 'zod';
import type { Charge } from '../../../xendit/schemas.js';
import { randomToken } from '../../crypto.js';
import type { ChargeResponseBody } from '../../../contract/index.js';
import { CompanionError, describeError, json } from '../../errors.js';
import { parseBody, readJson } from '../../http.js';
import { verifyQuote } from '../../quote.js';
import { advances, isPending } from '../charge-status.js';
import type { CompanionContext } from '../context.js';
import { askWindow } from '../options.js';
import type { ChargeRecord, OrderRecord } from '../ledger.js';
import { orderFingerprint, type TrustedOrder } from '../order.js';
import type { Route } from '../plugin.js';
import { chargeProblem } from './charge-check.js';
import { chargesFormRoute } from './charges-form.js';

export const ChargeBody = z.object({
  quote: z.string().min(1).max(8192),
  plan_id: z.string().min(1).max(256),
});
export type ChargeRequest = z.infer<typeof ChargeBody>;

type CheckoutUrls = NonNullable<ChargeRecord['checkout_url']>;

function returnUrlWith(returnUrl: string, token: string, result: 'success' | 'failure') {
  const url = new URL(returnUrl);
  url.searchParams.set('paylater_token', token);
  url.searchParams.set('paylater_result', result);
  return url.toString();
}

function answer(record: ChargeRecord): ChargeResponseBody {
  if (!record.checkout_url || !record.status_token) throw new CompanionError(409, 'CONFLICT', 'This charge cannot be resumed here.');
  return { charge_id: record.charge_id, status: record.status, checkout_url: record.checkout_url, status_token: record.status_token };
}

/**
 * One charge for a plan of a signed quote, however often it is asked for: `charge(request, body)`
 * (what `companion.createCharge` calls), `POST {base}/charges` (the element's request) and
 * `POST {base}/charges/form` (the server-rendered plans' form, without JavaScript).
 */
/** What `companion.createCharge` answers: the charge, and the order it is for (check it is the one you are handling). */
export interface CreatedCharge extends ChargeResponseBody {
  /** The checkout handle the quote was made for (`resolveCheckout`'s `checkout`). */
  checkout: string;
  reference_id: string;
  amount: number;
  currency: string;
}

export function createCharges(ctx: CompanionContext): {
  charge: (request: Request, body: ChargeRequest, expected?: { checkout?: string }) => Promise<CreatedCharge>;
  route: Route;
  formRoute: Route;
} {
  const { config, store, xendit, logger, ledger, options } = ctx;

  /** How long a holder may still be waiting for Xendit's answer to a charge it asked for (`askWindow`). */
  const askWindowMs = askWindow(config);

  /** The live charge a returning shopper is sent to, or null when a new one may be made. */
  async function live(order: OrderRecord | null, slot: string): Promise<ChargeRecord | null> {
    if (order?.keeper) throw ledger.alreadyPaid();
    const id = order?.live[slot];
    const record = id ? await ledger.readCharge(id) : null;
    if (!record) return null;
    // Paid there: the order's payment, unless it was settled as one that does not pay it (refunded
    // in full: paid after its cancel, a duplicate, for an older cart); then a new one may be made.
    if (record.status === 'SUCCEEDED' || record.status === 'REFUNDED') {
      if (!record.role || record.role === 'keeper') throw ledger.alreadyPaid();
      return null;
    }
    // A failed, cancelled or expired charge may be tried again with a new one.
    return isPending(record.status) ? record : null;
  }

  /** Asks Xendit for the charge and checks its answer; a wrong one is cancelled and never shown. */
  async function create(order: TrustedOrder, planId: string, { token, attempt = 1 }: { token: string; attempt?: number }): Promise<{ charge: Charge; urls: CheckoutUrls }> {
    const charge = await xendit.paylater.createCharge(
      {
        plan_id: planId,
        reference_id: order.reference_id,
        checkout_method: 'ONE_TIME_PAYMENT',
        success_redirect_url: returnUrlWith(options.returnUrl, token, 'success'),
        failure_redirect_url: returnUrlWith(options.returnUrl, token, 'failure'),
      },
      // The same key for the shopper's own retry; no blind retry after a time-out here, since
      // Xendit may have made the charge and may not honour the key (XENDIT_API.md: OPEN). For the
      // same reason the answer is waited for longer than other calls' (chargeTimeoutMs), under the
      // order's lock: a late answer is recorded, and the shopper's retry waits and gets that charge
      // instead of sending the request again.
      // Plan ids are unique per plans answer (and bound to this order), so they make the key.
      { idempotencyKey: `charge-${planId}-${attempt}`.slice(0, 100), retryAmbiguous: false, maxRetryDelayMs: config.shopperRetryWaitMs, timeoutMs: config.chargeTimeoutMs },
    );
    const problem = chargeProblem(charge, order, config.checkoutHosts, config.apiHost);
    if (problem) {
      logger.error('Xendit\u2019s charge answer was refused; the charge is cancelled', { charge_id: charge.id, reference_id: order.reference_id, problem, order_amount: order.amount, charge_amount: charge.amount });
      await xendit.paylater.cancelCharge(charge.id).then(
        (cancelled) => ledger.recordStatus(cancelled),
        (error: unknown) => logger.error('the refused charge could not be cancelled: cancel it by hand', { charge_id: charge.id, error: describeError(error) }),
      );
      throw new CompanionError(502, 'UPSTREAM_ERROR', 'The payment provider answered with a payment we cannot use. Please try again or choose another provider.');
    }
    const desktop = (charge.actions?.desktop_web_checkout_url ?? charge.actions?.mobile_web_checkout_url)!;
    const mobile = charge.actions?.mobile_web_checkout_url ?? desktop;
    const deeplink = charge.actions?.mobile_deeplink_checkout_url;
    return { charge, urls: { desktop, mobile, ...(deeplink ? { deeplink } : {}) } };
  }

  async function charge(request: Request, body: ChargeRequest, expected: { checkout?: string } = {}): Promise<CreatedCharge> {
    const { answer: made, order, checkout } = await chargeOf(request, body, expected);
    return { ...made, checkout, reference_id: order.reference_id, amount: order.amount, currency: order.currency };
  }

  async function chargeOf(request: Request, body: ChargeRequest, expected: { checkout?: string } = {}): Promise<{ answer: ChargeResponseBody; order: TrustedOrder; checkout: string }> {
    const quote = await verifyQuote(await ctx.signingKey, body.quote);
    // The merchant's own form handler says which checkout it is finishing: a quote of another
    // (posted by the browser) is refused before anything is charged.
    if (expected.checkout !== undefined && quote.checkout !== expected.checkout) {
      throw new CompanionError(409, 'CHECKOUT_CHANGED', 'Your cart changed. Please check the new amounts and choose again.');
    }
    if (!Object.hasOwn(quote.plans, body.plan_id)) {
      throw new CompanionError(400, 'PLAN_NOT_IN_QUOTE', 'This plan is not one of the options offered. Please choose again.');
    }
    await ctx.limiter.order('charges', quote.reference_id);
    const { order, plugin } = await ctx.resolve(request, quote.checkout);
    const fingerprint = await orderFingerprint(order);
    if (order.reference_id !== quote.reference_id || fingerprint !== quote.fingerprint) {
      // The change is known now: charges made for the order's earlier contents are cancelled (one
      // paid anyway is superseded), as a plans request for the new contents would do.
      // Best effort, as at plans time: the shopper's answer stays the 409 that makes the widget ask again.
      if (order.reference_id === quote.reference_id) {
        await ledger.observe(order.reference_id, fingerprint, order.amount, order.currency).catch((error: unknown) => {
          logger.warn('charges for the order\u2019s earlier contents not cancelled yet', { reference_id: order.reference_id, error: describeError(error) });
        });
      }
      throw new CompanionError(409, 'CHECKOUT_CHANGED', 'Your cart changed. Please check the new amounts and choose again.');
    }
    // One live charge per order, contents and provider: plan ids change each time plans are asked
    // for, so a shopper who comes back (reload, second tab) is sent to the same charge.
    const channel = quote.plans[body.plan_id]!;
    const slot = `${fingerprint}:${channel}`;
    const done = (record: ChargeRecord) => ({ answer: answer(record), order, checkout: quote.checkout });
    const found = await live(await ledger.readOrder(order.reference_id), slot);
    if (found) return done(found);

    let changed: Charge[] = [];
    try {
      const record = await ledger.withOrder(order.reference_id, async () => {
        const current = await ledger.current(await ledger.readOrder(order.reference_id), {
          reference_id: order.reference_id,
          fingerprint,
          amount: order.amount,
          currency: order.currency,
          ...(plugin ? { plugin: plugin.name } : {}),
        });
        changed = current.changed;
        const orderRecord = current.record;
        if (plugin) orderRecord.plugin = plugin.name;
        if (current.failed > 0 && !orderRecord.keeper) {
          throw new CompanionError(503, 'UPSTREAM_ERROR', 'The payment provider could not be reached. Please try again.', { 'retry-after': '2' });
        }
        const again = await live(orderRecord, slot);
        if (again) return again;
        // Another provider chosen: a page left open where a second payment could not be refunded
        // by the API is cancelled first (best effort), so that it cannot be paid as well.
        changed.push(...(await ledger.switchProvider(orderRecord, channel)));
        if (orderRecord.keeper) {
          await ledger.writeOrder(orderRecord);
          throw ledger.alreadyPaid();
        }
        // Kept before Xendit is asked, so a retry (after a crash too) sends the very same body and
        // key. A plan whose last charge ended gets a new attempt: its own token and key, so an
        // old return page keeps showing its own charge and Xendit does not replay the dead one.
        // Xendit being asked for a charge at this provider for these contents (under any plan id:
        // plan ids change with each plans answer) by a holder whose lock lapsed (a Redis stall):
        // asking again could make a second charge, so the shopper waits for that answer.
        const asking = Object.values(orderRecord.intents)
          .filter((other) => !other.charge_id && other.asked_at && `${other.fingerprint}:${other.channel ?? channel}` === slot)
          .map((other) => other.asked_at! + askWindowMs - Date.now())
          .filter((left) => left > 0);
        if (asking.length) {
          throw new CompanionError(503, 'CONFLICT', 'The payment is being created. Please try again in a moment.', { 'retry-after': String(Math.min(Math.ceil(Math.max(...asking) / 1000), 10)) });
        }
        await plugin?.prepare?.(quote.checkout, order);
        let intent = orderRecord.intents[body.plan_id];
        const previous = intent?.charge_id ? await ledger.readCharge(intent.charge_id) : null;
        if (!intent || (previous && !isPending(previous.status))) {
          intent = { token: randomToken(), fingerprint, channel, attempt: (intent?.attempt ?? 1) + (intent ? 1 : 0) };
          orderRecord.intents[body.plan_id] = intent;
        }
        intent.asked_at = Date.now();
        await ledger.writeOrder(orderRecord);

        let made: Awaited<ReturnType<typeof create>>;
        try {
          made = await create(order, body.plan_id, intent);
        } catch (error) {
          // Xendit answered (a refusal, or no charge after the wait): the next try may ask again.
          const token = intent.token;
          await ledger.updateOrder(order.reference_id, (current) => {
            const kept = current?.intents[body.plan_id];
            if (!current || !kept || kept.token !== token || !kept.asked_at) return null;
            delete kept.asked_at;
            return current;
          }).catch(() => {});
          throw error;
        }
        const { charge, urls } = made;
        const created: ChargeRecord = {
          charge_id: charge.id,
          status: charge.status,
          reference_id: order.reference_id,
          amount: charge.amount,
          currency: charge.currency,
          channel_code: charge.channel_code,
          plan_id: body.plan_id,
          fingerprint,
          checkout_url: urls,
          status_token: intent.token,
          refreshed_at: Date.now(),
          updated_at: Date.now(),
        };
        // A callback may have arrived already: never overwrite a newer status with PENDING.
        const merged = (await ledger.updateCharge(charge.id, (before) =>
          before ? { ...created, ...before, status: advances(created.status, before.status) ? before.status : created.status, fingerprint, checkout_url: urls, status_token: intent.token, plan_id: body.plan_id } : created,
        ))!;
        await store.set(`token:${intent.token}`, charge.id, ledger.durable);
        // Added to the order as it is now (re-read until the write holds), not over a copy read
        // before the wait: another instance may have recorded the order paid meanwhile.
        const made_for = intent;
        // The provider's live charge as it was when this one was asked for (none, or one that ended).
        const seen = orderRecord.live[slot];
        const now = (await ledger.updateOrder(order.reference_id, (current) => {
          const next = current ?? orderRecord;
          next.charges[charge.id] = { fingerprint, channel };
          const kept = next.intents[body.plan_id];
          if (!kept || kept.token === made_for.token) {
            const { asked_at: _asked, ...mine } = made_for;
            next.intents[body.plan_id] = { ...mine, charge_id: charge.id };
          }
          if (!next.keeper && next.fingerprint === fingerprint && next.live[slot] === seen) next.live[slot] = charge.id;
          return next;
        }))!;
        logger.info('charge created', { charge_id: charge.id, reference_id: order.reference_id, channel: charge.channel_code });
        // While this one was being made (its holder's lock lapsed), the order was paid, the cart
        // changed, or another charge became the one for this provider: this one is cancelled
        // (best effort; one paid anyway is refunded as a duplicate or superseded), and the
        // shopper told what happened, or sent to the other.
        const other = now.live[slot] && now.live[slot] !== charge.id ? await ledger.readCharge(now.live[slot]) : null;
        const why = now.keeper && now.keeper !== charge.id ? 'the order is paid' : now.fingerprint !== fingerprint ? 'the cart changed' : other && isPending(other.status) ? 'another charge is the live one' : undefined;
        if (why) {
          changed.push(...(await ledger.cancelPending(now, [charge.id], why)));
          if (why === 'the order is paid') throw ledger.alreadyPaid();
          if (why === 'the cart changed') throw new CompanionError(409, 'CHECKOUT_CHANGED', 'Your cart changed. Please check the new amounts and choose again.');
          return other!;
        }
        return merged;
      });
      return done(record);
    } finally {
      if (changed.length) void ledger.announceChanged(changed);
    }
  }

  async function handler(request: Request): Promise<Response> {
    return json(200, (await chargeOf(request, parseBody(ChargeBody, await readJson(request, config.maxBodyBytes)))).answer);
  }

  return {
    charge,
    route: { method: 'POST', browser: true, handler },
    formRoute: chargesFormRoute(ctx, async (request, body) => (await chargeOf(request, body)).answer),
  };
}
