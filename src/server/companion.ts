/**
 * The companion: the merchant-server module that holds the Xendit key, turns the merchant's cart
 * into customers, plans and charges, verifies Xendit's callbacks and never charges twice.
 *
 * The core is `fetch(Request) → Promise<Response>` and imports nothing from `node:`, so the same
 * code runs in Node (see `toNodeHandler`), Express, Hono, Bun, Deno, Workers and Next.js routes.
 */
import * as z from 'zod';
import { PROVIDER_NAMES, type Provider, type PlanOption, type UnavailableReason } from '../contract/index.js';
import { createXenditClient, type XenditClient } from '../xendit/client.js';
import { XenditConflictError, XenditError, XenditNotFoundError, XenditRateLimitError, XenditTimeoutError } from '../xendit/errors.js';
import { Charge, PaylaterCallback, Refund, type PlanOption as XenditPlanOption, type RefundRequest } from '../xendit/schemas.js';
import {
  checkOptions,
  TrustedOrder,
  type CompanionOptions,
  type PaymentEvent,
} from './config.js';
import { canonicalJson, constantTimeEqual, hmacKey, randomToken, sha256Hex } from './crypto.js';
import { CompanionError, describeError, errorResponse, json } from './errors.js';
import { cors, parseBody, preflightHeaders, readJson } from './http.js';
import { consoleLogger, redactingLogger } from './logger.js';
import { MemoryStore } from './memory-store.js';
import { signQuote, verifyQuote } from './quote.js';
import { advances, isPending } from './status.js';
import { withLock, type Store } from './store.js';
import { BILL_CHECKOUT_PREFIX, createBills } from './bills.js';

const DAY = 24 * 60 * 60_000;
const CUSTOMER_TTL = 30 * DAY;
const CHARGE_TTL = 30 * DAY;
const EVENT_TTL = 30 * DAY;

const PlansBody = z.object({
  checkout: z.string().min(1).max(256),
  channels: z.array(z.string().min(1).max(64)).max(20).optional(),
  locale: z.string().max(35).optional(),
});
const ChargeBody = z.object({
  quote: z.string().min(1).max(8192),
  plan_id: z.string().min(1).max(256),
});
const STATUS_TOKEN = /^[A-Za-z0-9_-]{20,128}$/;

/** What the companion remembers about a charge it created (or learnt of by callback). */
export interface ChargeRecord {
  charge_id: string;
  status: string;
  reference_id: string;
  amount: number;
  currency: string;
  channel_code: string;
  plan_id?: string | null | undefined;
  checkout_url?: { desktop: string; mobile: string; deeplink?: string };
  status_token?: string;
  refreshed_at?: number;
  updated_at: number;
}

export type Companion = ReturnType<typeof createCompanion>;

export function createCompanion(options: CompanionOptions) {
  const config = checkOptions(options);
  const logger = redactingLogger(options.logger ?? consoleLogger, [options.secretKey, options.callbackToken, options.signingSecret]);
  const store: Store = options.store ?? new MemoryStore();
  const xendit: XenditClient = createXenditClient({
    secretKey: options.secretKey,
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    ...(options.forUserId ? { forUserId: options.forUserId } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    timeoutMs: options.xenditTimeoutMs ?? 15_000,
    maxRetries: options.xenditMaxRetries ?? 2,
    onRequest: (event) => {
      if (event.error) logger.warn('xendit call failed', { ...event });
      else logger.debug('xendit call', { ...event });
    },
  });
  const signingKey = hmacKey(options.signingSecret);
  const bills = options.bills ? createBills({ xendit, store, logger, options: options.bills }) : null;
  const isBillCheckout = (checkout: string) => bills !== null && checkout.startsWith(BILL_CHECKOUT_PREFIX);

  // ------------------------------------------------------------ helpers

  async function resolveOrder(request: Request, checkout: string) {
    const order = isBillCheckout(checkout) ? await bills!.resolve(checkout) : await options.resolveCheckout(request, checkout);
    if (order === null || order === undefined) {
      throw new CompanionError(404, 'CHECKOUT_NOT_FOUND', 'This checkout was not found. Please return to the cart.');
    }
    const parsed = TrustedOrder.safeParse(order);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      logger.error('resolveCheckout returned an invalid order', { field: issue.path.join('.'), problem: issue.message });
      throw new CompanionError(500, 'INTERNAL', 'This checkout cannot be paid with PayLater right now.');
    }
    const sum = parsed.data.order_items.reduce((total, item) => total + item.net_unit_amount * item.quantity, 0);
    if (Math.abs(sum - parsed.data.amount) > 0.005) {
      logger.warn('order amount differs from the sum of its items', { reference_id: parsed.data.reference_id, amount: parsed.data.amount, items_total: sum });
    }
    return parsed.data;
  }

  function orderFingerprint(order: TrustedOrder) {
    const { channels: _channels, metadata: _metadata, ...money } = order;
    return sha256Hex(canonicalJson(money));
  }

  async function ensureCustomer(customer: TrustedOrder['customer']): Promise<string> {
    const cacheKey = `customer:${customer.reference_id}`;
    const cached = await store.get(cacheKey);
    if (cached) return cached;
    let id: string;
    try {
      const created = await xendit.customers.create({
        reference_id: customer.reference_id,
        type: 'INDIVIDUAL',
        individual_detail: { given_names: customer.given_names, ...(customer.surname ? { surname: customer.surname } : {}) },
        ...(customer.email ? { email: customer.email } : {}),
        ...(customer.mobile_number ? { mobile_number: customer.mobile_number } : {}),
        ...(customer.addresses ? { addresses: customer.addresses } : {}),
      });
      id = created.id;
    } catch (error) {
      // Xendit says the reference exists (409 DUPLICATE_ERROR, or 400 DUPLICATE_END_CUSTOMER_ERROR): look it up.
      const duplicate =
        error instanceof XenditConflictError ||
        (error instanceof XenditError && /DUPLICATE/.test(error.code));
      if (!duplicate) throw error;
      const existing = await xendit.customers.getByReferenceId(customer.reference_id);
      if (!existing) throw error;
      id = existing.id;
    }
    await store.set(cacheKey, id, { ttlMs: CUSTOMER_TTL });
    return id;
  }

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

  async function channelPlans(
    order: TrustedOrder,
    customerId: string,
    channel: string,
    fingerprint: string,
  ): Promise<Provider> {
    const name = PROVIDER_NAMES[channel] ?? channel;
    const cacheKey = `plans:${order.reference_id}:${fingerprint}:${channel}`;
    const cached = config.plansCacheTtlMs > 0 ? await store.get(cacheKey) : null;
    if (cached) return JSON.parse(cached) as Provider;
    const signal = AbortSignal.timeout(config.channelTimeoutMs);
    try {
      const plans = await xendit.paylater.initiatePlans(
        { customer_id: customerId, channel_code: channel, currency: order.currency, amount: order.amount, order_items: order.order_items },
        // Asking for plans moves no money, so a keyed retry on 429/5xx is safe; one retry keeps it fast.
        { signal, idempotencyKey: `plans-${fingerprint.slice(0, 40)}-${channel}`, maxRetries: 1 },
      );
      const provider: Provider = {
        channel_code: channel,
        name,
        available: true,
        plan_id: plans.id,
        options: plans.options.map(toPlanOption),
      };
      if (provider.options.length === 0) return { channel_code: channel, name, available: false, reason: { code: 'NO_PLANS' } };
      if (config.plansCacheTtlMs > 0) await store.set(cacheKey, JSON.stringify(provider), { ttlMs: config.plansCacheTtlMs });
      return provider;
    } catch (error) {
      const reason = unavailableReasonFor(error, signal.aborted);
      logger.warn('provider plans unavailable', { channel, reason: reason.code, error: describeError(error) });
      return { channel_code: channel, name, available: false, reason };
    }
  }

  function localReason(order: TrustedOrder, channel: string): UnavailableReason | null {
    const limits = config.limits[channel]!;
    if (limits.currency !== order.currency) return { code: 'CURRENCY_NOT_SUPPORTED', currency: order.currency };
    if (order.amount < limits.min) return { code: 'AMOUNT_TOO_LOW', min_amount: limits.min, currency: limits.currency };
    if (order.amount > limits.max) return { code: 'AMOUNT_TOO_HIGH', max_amount: limits.max, currency: limits.currency };
    return null;
  }

  function returnUrlWith(token: string, result: 'success' | 'failure') {
    const url = new URL(options.returnUrl);
    url.searchParams.set('paylater_token', token);
    url.searchParams.set('paylater_result', result);
    return url.toString();
  }

  async function readRecord(chargeId: string): Promise<ChargeRecord | null> {
    const raw = await store.get(`charge:${chargeId}`);
    return raw ? (JSON.parse(raw) as ChargeRecord) : null;
  }

  /**
   * Records what Xendit says about a charge, only ever moving its status forward, then runs
   * `onPaymentEvent` once for that status. Returns the record as stored.
   */
  async function applyCharge(charge: Charge, source: PaymentEvent['source']): Promise<ChargeRecord> {
    const key = `charge:${charge.id}`;
    let record: ChargeRecord;
    for (let attempt = 0; ; attempt += 1) {
      const raw = await store.get(key);
      const current = raw ? (JSON.parse(raw) as ChargeRecord) : null;
      if (current && !advances(current.status, charge.status)) {
        record = current;
        break;
      }
      const next: ChargeRecord = {
        ...(current ?? {
          charge_id: charge.id,
          reference_id: charge.reference_id,
          amount: charge.amount,
          currency: charge.currency,
          channel_code: charge.channel_code,
          plan_id: charge.plan_id,
        }),
        status: charge.status,
        refreshed_at: Date.now(),
        updated_at: Date.now(),
      };
      if (await store.compareAndSet(key, raw, JSON.stringify(next), { ttlMs: CHARGE_TTL })) {
        record = next;
        if (current) logger.info('charge status changed', { charge_id: charge.id, from: current.status, to: charge.status, source });
        break;
      }
      if (attempt > 20) throw new CompanionError(503, 'CONFLICT', 'The charge is being updated. Please try again.');
    }
    if (record.status === charge.status && !isPending(charge.status)) {
      // A paid bill is fulfilled before the merchant hears of the payment; a temporary biller
      // failure throws, so the callback is delivered again and fulfilment resumes.
      let duplicateOf: string | undefined;
      if (charge.status === 'SUCCEEDED') {
        duplicateOf = await claimOrder(charge, record);
        if (!duplicateOf && bills) await bills.fulfil(charge);
      } else {
        const first = await store.get(`paid:${record.reference_id}`);
        if (first && first !== charge.id) duplicateOf = first;
      }
      await runPaymentEvent(charge, record, source, duplicateOf);
    }
    return record;
  }

  /**
   * Marks the order paid by this charge. When another charge of the same order was paid first
   * (the shopper finished two providers' pages), this one is refunded in full, once, and its id
   * returned so the event says so.
   */
  async function claimOrder(charge: Charge, record: ChargeRecord): Promise<string | undefined> {
    const key = `paid:${record.reference_id}`;
    await store.setIfAbsent(key, charge.id, { ttlMs: CHARGE_TTL });
    const first = await store.get(key);
    if (!first || first === charge.id) return undefined;
    if (await store.setIfAbsent(`duplicate-refund:${charge.id}`, '1', { ttlMs: CHARGE_TTL })) {
      try {
        await xendit.paylater.refund(charge.id, { reason: 'DUPLICATE' }, { idempotencyKey: `duplicate-${charge.id}` });
        logger.warn('order paid twice; the second charge was refunded in full', { reference_id: record.reference_id, charge_id: charge.id, first_charge_id: first });
      } catch (error) {
        await store.delete(`duplicate-refund:${charge.id}`);
        logger.error('order paid twice and the refund of the second charge failed: refund by hand', { reference_id: record.reference_id, charge_id: charge.id, error: describeError(error) });
      }
    }
    return first;
  }

  async function runPaymentEvent(charge: Charge, record: ChargeRecord, source: PaymentEvent['source'], duplicateOf?: string) {
    const hook = options.onPaymentEvent;
    if (!hook) return;
    const doneKey = `event:${charge.id}:${charge.status}`;
    if (await store.get(doneKey)) return;
    await withLock(
      store,
      doneKey,
      async () => {
        if (await store.get(doneKey)) return;
        await hook({
          chargeId: charge.id,
          status: charge.status,
          referenceId: record.reference_id,
          amount: record.amount,
          currency: record.currency,
          channelCode: record.channel_code,
          source,
          charge,
          ...(duplicateOf ? { duplicateOf } : {}),
        });
        await store.set(doneKey, String(Date.now()), { ttlMs: EVENT_TTL });
      },
      { ttlMs: 25_000, waitMs: 20_000 },
    );
  }

  // ------------------------------------------------------------ routes

  async function plansRoute(request: Request): Promise<Response> {
    const body = parseBody(PlansBody, await readJson(request, config.maxBodyBytes));
    const order = await resolveOrder(request, body.checkout);
    const fingerprint = await orderFingerprint(order);

    const narrowed = [order.channels, body.channels].filter((list): list is string[] => Array.isArray(list));
    const explicit = config.channelsExplicit || narrowed.length > 0;
    const candidates = config.channels.filter((channel) => narrowed.every((list) => list.includes(channel)));

    const eligible: string[] = [];
    const local = new Map<string, UnavailableReason>();
    for (const channel of candidates) {
      const reason = localReason(order, channel);
      // Providers of another currency are only listed when the merchant named them.
      if (reason?.code === 'CURRENCY_NOT_SUPPORTED' && !explicit) continue;
      if (reason) local.set(channel, reason);
      else eligible.push(channel);
    }

    const customerId = eligible.length ? await ensureCustomer(order.customer) : '';
    const fetched = new Map(
      (await Promise.all(eligible.map((channel) => channelPlans(order, customerId, channel, fingerprint)))).map((p) => [p.channel_code, p]),
    );
    const providers: Provider[] = candidates
      .filter((channel) => fetched.has(channel) || local.has(channel))
      .map((channel) => fetched.get(channel) ?? { channel_code: channel, name: PROVIDER_NAMES[channel] ?? channel, available: false, reason: local.get(channel)! });

    const plans: Record<string, string> = {};
    for (const provider of providers) if (provider.available) plans[provider.plan_id] = provider.channel_code;
    const exp = Date.now() + config.quoteTtlMs;
    const quote = await signQuote(await signingKey, {
      checkout: body.checkout,
      reference_id: order.reference_id,
      amount: order.amount,
      currency: order.currency,
      customer_id: customerId,
      fingerprint,
      plans,
      exp,
    });
    return json(200, { quote, expires_at: new Date(exp).toISOString(), currency: order.currency, amount: order.amount, providers });
  }

  async function chargesRoute(request: Request): Promise<Response> {
    const body = parseBody(ChargeBody, await readJson(request, config.maxBodyBytes));
    const quote = await verifyQuote(await signingKey, body.quote);
    if (!Object.hasOwn(quote.plans, body.plan_id)) {
      throw new CompanionError(400, 'PLAN_NOT_IN_QUOTE', 'This plan is not one of the options offered. Please choose again.');
    }
    const order = await resolveOrder(request, quote.checkout);
    const fingerprint = await orderFingerprint(order);
    if (order.reference_id !== quote.reference_id || fingerprint !== quote.fingerprint) {
      throw new CompanionError(409, 'CHECKOUT_CHANGED', 'Your cart changed. Please check the new amounts and choose again.');
    }

    if (await store.get(`paid:${order.reference_id}`)) {
      throw new CompanionError(409, 'CONFLICT', 'This order is already paid.');
    }
    // One live charge per order, cart and provider: plan ids change each time plans are asked
    // for, so a shopper who comes back (reload, second tab) is sent to the same charge.
    const channel = quote.plans[body.plan_id]!;
    const chargeKey = `charge-for:${order.reference_id}:${fingerprint.slice(0, 32)}:${channel}`;
    const existing = async () => {
      const id = await store.get(chargeKey);
      const record = id ? await readRecord(id) : null;
      if (!record) return null;
      if (record.status === 'SUCCEEDED' || record.status === 'REFUNDED') {
        throw new CompanionError(409, 'CONFLICT', 'This order is already paid.');
      }
      // A failed, cancelled or expired charge may be tried again with a new one.
      return isPending(record.status) ? record : null;
    };
    const found = await existing();
    if (found) return chargeAnswer(found);

    const record = await withLock(
      store,
      chargeKey,
      async () => {
        const again = await existing();
        if (again) return again;
        // Kept per order and plan, so a retry sends Xendit the very same body (same redirect URLs)
        // with the same Idempotency-Key.
        const tokenKey = `charge-token:${order.reference_id}:${body.plan_id}`;
        await store.setIfAbsent(tokenKey, randomToken(), { ttlMs: CHARGE_TTL });
        const statusToken = (await store.get(tokenKey)) ?? randomToken();
        const charge = await xendit.paylater.createCharge(
          {
            plan_id: body.plan_id,
            reference_id: order.reference_id,
            checkout_method: 'ONE_TIME_PAYMENT',
            success_redirect_url: returnUrlWith(statusToken, 'success'),
            failure_redirect_url: returnUrlWith(statusToken, 'failure'),
          },
          // The same key for the shopper's own retry; no blind retry after a time-out here, since
          // Xendit may have made the charge and may not honour the key (XENDIT_API.md: OPEN).
          { idempotencyKey: `charge-${order.reference_id}-${body.plan_id}`.slice(0, 100), retryAmbiguous: false },
        );
        if (charge.amount !== order.amount || charge.currency !== order.currency) {
          logger.error('Xendit charge amount differs from the order', { charge_id: charge.id, reference_id: order.reference_id, order_amount: order.amount, charge_amount: charge.amount });
        }
        const desktop = charge.actions?.desktop_web_checkout_url ?? charge.actions?.mobile_web_checkout_url;
        const mobile = charge.actions?.mobile_web_checkout_url ?? desktop;
        if (!desktop || !mobile) {
          throw new CompanionError(502, 'UPSTREAM_ERROR', 'The payment provider did not return a checkout page. Please try again.');
        }
        const deeplink = charge.actions?.mobile_deeplink_checkout_url;
        const created: ChargeRecord = {
          charge_id: charge.id,
          status: charge.status,
          reference_id: order.reference_id,
          amount: charge.amount,
          currency: charge.currency,
          channel_code: charge.channel_code,
          plan_id: body.plan_id,
          checkout_url: { desktop, mobile, ...(deeplink ? { deeplink } : {}) },
          status_token: statusToken,
          refreshed_at: Date.now(),
          updated_at: Date.now(),
        };
        // A callback may have arrived already: never overwrite a newer status with PENDING.
        const before = await readRecord(charge.id);
        const merged = before && advances(created.status, before.status) ? { ...created, status: before.status } : created;
        await store.set(`charge:${charge.id}`, JSON.stringify(merged), { ttlMs: CHARGE_TTL });
        await store.set(`token:${statusToken}`, charge.id, { ttlMs: CHARGE_TTL });
        await store.set(chargeKey, charge.id, { ttlMs: CHARGE_TTL });
        if (isBillCheckout(quote.checkout)) await bills!.linkCharge(quote.checkout, charge.id);
        logger.info('charge created', { charge_id: charge.id, reference_id: order.reference_id, channel: charge.channel_code });
        return merged;
      },
      { ttlMs: 120_000, waitMs: 60_000 },
    );
    return chargeAnswer(record);
  }

  function chargeAnswer(record: ChargeRecord): Response {
    if (!record.checkout_url || !record.status_token) {
      throw new CompanionError(409, 'CONFLICT', 'This charge cannot be resumed here.');
    }
    return json(200, {
      charge_id: record.charge_id,
      status: record.status,
      checkout_url: record.checkout_url,
      status_token: record.status_token,
    });
  }

  async function statusRoute(request: Request): Promise<Response> {
    const token = new URL(request.url).searchParams.get('token') ?? '';
    if (!STATUS_TOKEN.test(token)) throw new CompanionError(400, 'INVALID_REQUEST', 'A valid `token` query parameter is required.');
    const chargeId = await store.get(`token:${token}`);
    let record = chargeId ? await readRecord(chargeId) : null;
    if (!chargeId || !record) throw new CompanionError(404, 'STATUS_TOKEN_INVALID', 'This payment was not found.');
    if (isPending(record.status) && Date.now() - (record.refreshed_at ?? 0) >= config.statusRefreshMs) {
      try {
        record = await applyCharge(await xendit.paylater.getCharge(chargeId), 'refresh');
      } catch (error) {
        // The webhook-confirmed state still answers; the next poll tries Xendit again.
        logger.warn('status refresh failed', { charge_id: chargeId, error: describeError(error) });
      }
    }
    let bill = bills ? await bills.read(chargeId) : null;
    if (bill && record.status === 'SUCCEEDED' && (bill.state === 'PENDING' || bill.state === 'PROCESSING')) {
      try {
        bill = (await bills!.fulfil(await xendit.paylater.getCharge(chargeId), { wait: false })) ?? bill;
      } catch (error) {
        logger.warn('bill fulfilment still pending', { charge_id: chargeId, error: describeError(error) });
      }
    }
    return json(200, {
      charge_id: record.charge_id,
      status: record.status,
      amount: record.amount,
      currency: record.currency,
      channel_code: record.channel_code,
      reference_id: record.reference_id,
      ...(bill ? { bill: bills!.view(bill) } : {}),
    });
  }

  async function webhookRoute(request: Request): Promise<Response> {
    const token = request.headers.get('x-callback-token') ?? '';
    if (!(await constantTimeEqual(token, options.callbackToken))) {
      logger.warn('webhook refused: wrong callback token', {});
      throw new CompanionError(401, 'UNAUTHORIZED', 'Invalid callback token.');
    }
    const callback = parseBody(PaylaterCallback, await readJson(request, config.maxWebhookBytes));
    if (callback.event === 'paylater.payment') {
      const charge = parseBody(Charge, callback.data);
      try {
        await applyCharge(charge, 'webhook');
      } catch (error) {
        if (error instanceof CompanionError) throw error;
        logger.error('onPaymentEvent failed; Xendit will deliver the callback again', { charge_id: charge.id, status: charge.status, error: describeError(error) });
        throw new CompanionError(500, 'INTERNAL', 'The payment event could not be processed; it will be retried.');
      }
    } else if (callback.event === 'paylater.refund') {
      const refund = parseBody(Refund, callback.data);
      logger.info('refund update', { refund_id: refund.id, charge_id: refund.charge_id, status: refund.status });
      if (bills && (refund.status === 'SUCCEEDED' || refund.status === 'FAILED')) await bills.refundSettled(refund.charge_id, refund.status as 'SUCCEEDED' | 'FAILED');
      if (refund.status === 'SUCCEEDED') {
        // The charge as it is now (REFUNDED). One Xendit does not know will never be found: a 2xx, so
        // that Xendit stops delivering this callback (a 5xx would bring it back for hours).
        const charge = await xendit.paylater.getCharge(refund.charge_id).catch((error: unknown) => {
          if (!(error instanceof XenditNotFoundError)) throw error;
          logger.warn('refund callback for a charge Xendit does not know: ignored', { refund_id: refund.id, charge_id: refund.charge_id });
        });
        if (charge) await applyCharge(charge, 'webhook');
      }
    } else {
      logger.info('webhook event ignored', { event: callback.event });
    }
    return json(200, { received: true });
  }

  // ------------------------------------------------------------ dispatch

  const ROUTES: Record<string, { method: 'GET' | 'POST'; handler: (request: Request) => Promise<Response>; browser: boolean }> = {
    plans: { method: 'POST', handler: plansRoute, browser: true },
    charges: { method: 'POST', handler: chargesRoute, browser: true },
    status: { method: 'GET', handler: statusRoute, browser: true },
    'webhooks/xendit': { method: 'POST', handler: webhookRoute, browser: false },
    'bills/products': { method: 'GET', handler: billProductsRoute, browser: true },
    'bills/inquiry': { method: 'POST', handler: billInquiryRoute, browser: true },
  };

  async function billProductsRoute(): Promise<Response> {
    if (!bills) throw new CompanionError(404, 'NOT_FOUND', 'Bill payments are not enabled here.');
    return json(200, await bills.products());
  }

  async function billInquiryRoute(request: Request): Promise<Response> {
    if (!bills) throw new CompanionError(404, 'NOT_FOUND', 'Bill payments are not enabled here.');
    return json(200, await bills.inquiry(request));
  }

  function routeOf(pathname: string) {
    const clean = pathname.replace(/\/+$/, '');
    for (const name of Object.keys(ROUTES)) {
      if (clean === `/${name}` || clean.endsWith(`/${name}`)) return name;
    }
    return null;
  }

  async function handle(request: Request): Promise<Response> {
    const requestId = crypto.randomUUID();
    const started = Date.now();
    let corsHeaders: Record<string, string> = {};
    try {
      let url: URL;
      try {
        url = new URL(request.url);
      } catch {
        throw new CompanionError(400, 'INVALID_REQUEST', 'Malformed request URL.');
      }
      const name = routeOf(url.pathname);
      if (!name) throw new CompanionError(404, 'NOT_FOUND', 'No such route.');
      const route = ROUTES[name]!;
      const decision = cors(request, config.allowedOrigins);
      if (route.browser) corsHeaders = decision.headers;
      if (request.method === 'OPTIONS' && route.browser) {
        if (!decision.allowed) throw new CompanionError(403, 'FORBIDDEN_ORIGIN', 'This origin may not use this checkout.');
        return new Response(null, { status: 204, headers: { ...preflightHeaders(decision), 'x-request-id': requestId } });
      }
      const method = request.method === 'HEAD' ? 'GET' : request.method;
      if (method !== route.method) {
        throw new CompanionError(405, 'METHOD_NOT_ALLOWED', `Use ${route.method} for this route.`, { allow: route.method });
      }
      if (route.browser && route.method === 'POST' && !decision.allowed) {
        throw new CompanionError(403, 'FORBIDDEN_ORIGIN', 'This origin may not use this checkout.');
      }
      const response = await route.handler(request);
      for (const [k, v] of Object.entries({ ...corsHeaders, 'x-request-id': requestId })) response.headers.set(k, v);
      logger.debug('request', { request_id: requestId, route: name, status: response.status, ms: Date.now() - started });
      return response;
    } catch (error) {
      const response = errorResponse(error, requestId, logger, { ...corsHeaders, 'x-request-id': requestId });
      logger.debug('request', { request_id: requestId, status: response.status, ms: Date.now() - started });
      return response;
    }
  }

  // ------------------------------------------------------------ back office

  return {
    /** The companion as a fetch handler: mount it under any base path. */
    fetch: handle,
    /** The Xendit client it uses (same key, time limits and retries). */
    xendit,
    store,
    /** Refunds a paid charge in full, or `amount` of it. Serialised per charge. */
    async refund(chargeId: string, refund: RefundRequest & { idempotencyKey?: string } = {}) {
      const { idempotencyKey, ...body } = refund;
      return withLock(store, `refund:${chargeId}`, () => xendit.paylater.refund(chargeId, body, idempotencyKey ? { idempotencyKey } : {}), {
        ttlMs: 60_000,
        waitMs: 30_000,
      });
    },
    /** Cancels a pending charge. Xendit sends no callback for this, so `onPaymentEvent` runs here. */
    async cancel(chargeId: string) {
      const charge = await xendit.paylater.cancelCharge(chargeId);
      await applyCharge(charge, 'back-office');
      return charge;
    },
    /** The charge as Xendit has it now; the companion's record is brought up to date. */
    async getCharge(chargeId: string) {
      const charge = await xendit.paylater.getCharge(chargeId);
      await applyCharge(charge, 'back-office');
      return charge;
    },
    /** What the companion has recorded for a charge (webhook-confirmed state), or null. */
    getRecord: readRecord,
    /** What the companion has recorded about the bill a charge pays, or null. */
    getBill: (chargeId: string) => (bills ? bills.read(chargeId) : Promise.resolve(null)),
  };
}
