/** `POST {base}/plans`: every eligible provider's plans for the order, side by side, and a signed quote. */
import * as z from 'zod';
import { PROVIDER_NAMES, type PlanOption, type PlansResponseBody, type Provider, type UnavailableReason } from '../../../contract/index.js';
import { XenditError, XenditRateLimitError, XenditTimeoutError } from '../../../xendit/errors.js';
import type { PlanOption as XenditPlanOption } from '../../../xendit/schemas.js';
import { describeError, json } from '../../errors.js';
import { parseBody, readJson } from '../../http.js';
import { signQuote } from '../../quote.js';
import { LockTimeoutError } from '../../store.js';
import type { CompanionContext } from '../context.js';
import { ensureCustomer, orderFingerprint, type TrustedOrder } from '../order.js';
import type { Route } from '../plugin.js';

const PlansBody = z.object({
  checkout: z.string().min(1).max(256),
  channels: z.array(z.string().min(1).max(64)).max(20).optional(),
  locale: z.string().max(35).optional(),
});

function unavailableReasonFor(error: unknown, timedOut: boolean): UnavailableReason {
  if (timedOut || error instanceof XenditTimeoutError) return { code: 'PROVIDER_TIMEOUT' };
  if (error instanceof XenditRateLimitError) return { code: 'PROVIDER_UNAVAILABLE' };
  if (error instanceof XenditError && (error.status >= 500 || error.code === 'CHANNEL_UNAVAILABLE')) return { code: 'PROVIDER_UNAVAILABLE' };
  if (error instanceof XenditError && error.code === 'CHANNEL_NOT_ACTIVATED') return { code: 'CHANNEL_NOT_ENABLED' };
  return { code: 'PROVIDER_ERROR' };
}

function toPlanOption(option: XenditPlanOption): PlanOption {
  return {
    total_amount: option.total_amount,
    installment_amount: option.installment_amount,
    downpayment_amount: option.downpayment_amount ?? null,
    interval: String(option.interval),
    interval_count: option.interval_count,
    total_recurrence: option.total_recurrence,
    interest_rate: option.interest_rate,
    description: typeof option.description === 'string' ? option.description : '',
  };
}

export type PlansRequest = z.infer<typeof PlansBody>;

/**
 * The plans of an order as `POST {base}/plans` answers them: `plans(request, body)` for the page
 * the companion renders itself (`companion.renderCheckout`), and the route.
 */
export function createPlans(ctx: CompanionContext): { plans: (request: Request, body: PlansRequest) => Promise<PlansResponseBody>; route: Route } {
  const { config, store, xendit, logger, flights } = ctx;

  async function channelPlans(order: TrustedOrder, customerId: string, channel: string, fingerprint: string): Promise<Provider> {
    const name = PROVIDER_NAMES[channel] ?? channel;
    const cacheKey = `plans:${order.reference_id}:${fingerprint}:${channel}`;
    const cached = config.plansCacheTtlMs > 0 ? await store.get(cacheKey) : null;
    if (cached) return JSON.parse(cached) as Provider;
    const signal = AbortSignal.timeout(config.channelTimeoutMs);
    try {
      // Every request for the same order and contents shares this one call and its answer.
      return await flights(
        cacheKey,
        async (): Promise<Provider> => {
          let plans;
          try {
            plans = await xendit.paylater.initiatePlans(
              { customer_id: customerId, channel_code: channel, currency: order.currency, amount: order.amount, order_items: order.order_items },
              // Asking for plans moves no money, so a keyed retry on 429/5xx is safe; one retry keeps
              // it fast, and a long rate-limit wait is not waited out while a shopper looks at the page.
              { signal, idempotencyKey: `plans-${fingerprint.slice(0, 40)}-${channel}`, maxRetries: 1, maxRetryDelayMs: config.shopperRetryWaitMs },
            );
          } catch (error) {
            return unavailable(error, signal.aborted);
          }
          const provider: Provider = { channel_code: channel, name, available: true, plan_id: plans.id, options: plans.options.map(toPlanOption) };
          if (provider.options.length === 0) return { channel_code: channel, name, available: false, reason: { code: 'NO_PLANS' } };
          if (config.plansCacheTtlMs > 0) await store.set(cacheKey, JSON.stringify(provider), { ttlMs: config.plansCacheTtlMs, cache: true });
          return provider;
        },
        { waitMs: config.channelTimeoutMs },
      );
    } catch (error) {
      // Waited for another request's call for longer than a channel may take, or the store failed.
      return unavailable(error, signal.aborted || error instanceof LockTimeoutError);
    }

    function unavailable(error: unknown, timedOut: boolean): Provider {
      const reason = unavailableReasonFor(error, timedOut);
      logger.warn('provider plans unavailable', { channel, reason: reason.code, error: describeError(error) });
      return { channel_code: channel, name, available: false, reason };
    }
  }

  async function plans(request: Request, body: PlansRequest): Promise<PlansResponseBody> {
    const { order } = await ctx.resolve(request, body.checkout);
    await ctx.limiter.order('plans', order.reference_id);
    // A paid order shows that it is paid, not plans that could never be charged.
    if ((await ctx.ledger.readOrder(order.reference_id))?.keeper) throw ctx.ledger.alreadyPaid();
    const fingerprint = await orderFingerprint(order);

    const narrowed = [order.channels, body.channels].filter((list): list is string[] => Array.isArray(list));
    const explicit = config.channelsExplicit || narrowed.length > 0;
    const candidates = config.channels.filter((channel) => narrowed.every((list) => list.includes(channel)));

    const eligible: string[] = [];
    const local = new Map<string, UnavailableReason>();
    for (const channel of candidates) {
      // The eligibility engine's rule: the terms answer (GET {base}/terms) offers exactly these.
      const reason = ctx.terms.eligibility(channel, order.currency, order.amount);
      // Providers of another currency are only listed when the merchant named them.
      if (reason?.code === 'CURRENCY_NOT_SUPPORTED' && !explicit) continue;
      if (reason) local.set(channel, reason);
      else eligible.push(channel);
    }

    // The order came back with other contents: what was charged for the old ones is cancelled
    // now (best effort here; a new charge is only made once that is done).
    const observed = ctx.ledger.observe(order.reference_id, fingerprint, order.amount, order.currency).catch((error: unknown) => {
      logger.warn('charges for the order\u2019s earlier contents not cancelled yet', { reference_id: order.reference_id, error: describeError(error) });
    });
    const customerId = eligible.length ? await ensureCustomer({ xendit, store, flights, ttlMs: config.customerTtlMs, waitMs: config.channelTimeoutMs }, order.customer) : '';
    const fetched = new Map(
      (await Promise.all(eligible.map((channel) => channelPlans(order, customerId, channel, fingerprint)))).map((p) => [p.channel_code, p]),
    );
    await observed;
    // Cancelling may have found a charge for the earlier contents paid meanwhile: it paid the order.
    if ((await ctx.ledger.readOrder(order.reference_id))?.keeper) throw ctx.ledger.alreadyPaid();
    const providers: Provider[] = candidates
      .filter((channel) => fetched.has(channel) || local.has(channel))
      .map((channel) => fetched.get(channel) ?? { channel_code: channel, name: PROVIDER_NAMES[channel] ?? channel, available: false, reason: local.get(channel)! });

    const offered: Record<string, string> = {};
    for (const provider of providers) if (provider.available) offered[provider.plan_id] = provider.channel_code;
    const exp = Date.now() + config.quoteTtlMs;
    const quote = await signQuote(await ctx.signingKey, {
      checkout: body.checkout,
      reference_id: order.reference_id,
      amount: order.amount,
      currency: order.currency,
      fingerprint,
      plans: offered,
      exp,
    });
    return { quote, expires_at: new Date(exp).toISOString(), currency: order.currency, amount: order.amount, providers };
  }

  async function handler(request: Request): Promise<Response> {
    return json(200, await plans(request, parseBody(PlansBody, await readJson(request, config.maxBodyBytes))));
  }

  return { plans, route: { method: 'POST', browser: true, handler } };
}
