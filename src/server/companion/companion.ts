/**
 * The companion: the merchant-server module that holds the Xendit key, turns the merchant's cart
 * into customers, plans and charges, verifies Xendit's callbacks and never charges twice.
 *
 * The core is `fetch(Request) → Promise<Response>` and imports nothing from `node:`, so the same
 * code runs in Node (see `toNodeHandler`), Express, Hono, Bun, Deno, Workers and Next.js routes.
 * Money decisions live in the ledger (`ledger.ts`); routes are one file each (`routes/`); bills are
 * a plug-in (`../bills/`).
 */
import { createXenditClient, type XenditClient } from '../../xendit/client.js';
import type { RefundRequest } from '../../xendit/schemas.js';
import { createBillsPlugin } from '../bills/plugin.js';
import type { BillRecord } from '../bills/model.js';
import { hmacKey } from '../crypto.js';
import { consoleLogger, redactingLogger } from '../logger.js';
import { MemoryStore } from '../memory-store.js';
import { createFlights } from '../single-flight.js';
import { withLock, type Store } from '../store.js';
import type { CompanionContext } from './context.js';
import { createRouter } from './core.js';
import { pageLanguage } from './error-page.js';
import { answerFor } from '../errors.js';
import type { RenderCheckoutOptions, RenderedCheckout } from '../render/checkout.js';
import type { RenderedStatus, RenderStatusOptions } from '../render/status.js';
import type { StatusResponseBody } from '../../contract/index.js';
import { createLedger } from './ledger.js';
import { createLimiter } from './limits.js';
import { checkOptions, type CompanionOptions } from './options.js';
import { startupNotes } from './startup.js';
import { checkOrder } from './order.js';
import type { CompanionPlugin } from './plugin.js';
import { createTermsEngine } from './terms/engine.js';
import { ChargeBody, createCharges, type ChargeRequest } from './routes/charges.js';
import { parseBody } from '../http.js';
import { clientAddressOf } from '../client-info.js';
import { createPlans } from './routes/plans.js';
import { statusRoute } from './routes/status.js';
import { termsRoute } from './routes/terms.js';
import { webhookRoute } from './routes/webhook.js';

export type { ChargeRecord } from './ledger.js';
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
    timeoutMs: config.xenditTimeoutMs,
    maxRetries: config.xenditMaxRetries,
    onRequest: (event) => {
      // An expected failure (409 for a customer that exists, which the caller then looks up) is
      // part of the normal flow: it goes to debug, so warnings stay worth reading.
      if (event.error && !event.expected) logger.warn('xendit call failed', { ...event });
      else logger.debug(event.error ? 'xendit call failed as expected' : 'xendit call', { ...event });
    },
  });
  for (const note of startupNotes(options, config.mode)) logger[note.level](note.message, note.fields);
  const plugins: CompanionPlugin[] = [];
  const ledger = createLedger({ store, xendit, logger, config, plugins, onPaymentEvent: options.onPaymentEvent });
  // A MemoryStore serves one process: in-memory joining is single flight already.
  const flights = createFlights(store, { shared: !(store instanceof MemoryStore) });
  const terms = createTermsEngine({ options, config, store, xendit, logger, flights });
  const ctx: CompanionContext = {
    options,
    config,
    store,
    xendit,
    logger,
    ledger,
    plugins,
    flights,
    terms,
    limiter: createLimiter(store, logger, options.rateLimits, options.clientKey),
    signingKey: hmacKey(options.signingSecret),
    async resolve(request, checkout) {
      for (const plugin of plugins) {
        const order = await plugin.resolve?.(request, checkout);
        if (order !== undefined) return { order: checkOrder(order, logger), plugin };
      }
      return { order: checkOrder(await options.resolveCheckout(request, checkout), logger), plugin: undefined };
    },
  };
  const bills = options.bills ? createBillsPlugin(ctx, options.bills) : null;
  if (bills) plugins.push(bills);

  const plans = createPlans(ctx);
  const charges = createCharges(ctx);
  const status = statusRoute(ctx);
  const router = createRouter(
    {
      plans: plans.route,
      charges: charges.route,
      'charges/form': charges.formRoute,
      status: status,
      terms: termsRoute(ctx),
      'webhooks/xendit': webhookRoute(ctx),
      ...Object.assign({}, ...plugins.map((plugin) => plugin.routes ?? {})),
    },
    { allowedOrigins: config.allowedOrigins, logger, limiter: ctx.limiter },
  );
  // The store's settings that can lose records (Redis evicting keys, no append-only file): logged
  // once, on the first request (creating the companion connects to nothing).
  let storeChecked = false;
  const fetch: typeof router = (request, info) => {
    if (!storeChecked && store.problems) {
      storeChecked = true;
      store.problems().then(
        (found) => found.forEach((problem) => logger[problem.level](problem.message, {})),
        () => {},
      );
    }
    return router(request, info);
  };

  /**
   * Counts a call of the companion's own functions against the per-client limit of the route it
   * stands for, as the route would: the address `requestOf` kept, or the one the caller gives.
   */
  const countClient = (route: string, request: Request, clientAddress: string | undefined) =>
    ctx.limiter.client(route, request, { clientAddress: clientAddress ?? clientAddressOf(request) });

  return {
    /**
     * The companion as a fetch handler: mount it under any base path. `info.clientAddress` (which
     * `toNodeHandler` passes) names the client for the per-client rate limits.
     */
    fetch,
    /** The Xendit client it uses (same key, time limits and retries). */
    xendit,
    store,
    /**
     * The enabled providers' terms for `currency`, as `GET {base}/terms` answers them (for a page
     * your server renders). Cached and refreshed like the route's.
     */
    async terms(currency: string) {
      if (!terms.currencies().includes(currency)) throw new TypeError(`companion.terms: no enabled provider takes ${currency} (enabled: ${terms.currencies().join(', ')})`);
      return (await terms.terms(currency)).body;
    },
    /** The plans of an order for your own page, as `POST {base}/plans` answers them (with the signed quote). */
    plans: plans.plans,
    /**
     * Starts the payment of a plan of a quote (what `<paylater-checkout name="…">` submits in your
     * own form as `{name}-quote` and `{name}-plan`), as `POST {base}/charges` does: one charge per
     * order and provider however often it is called. Send the shopper to its `checkout_url`.
     * `expected.checkout`: the checkout your handler is finishing; a quote of another (the form's
     * fields come from the browser) is refused with 409 `CHECKOUT_CHANGED` before anything is charged.
     */
    createCharge: async (request: Request, body: ChargeRequest, expected?: { checkout?: string; clientAddress?: string }) => {
      await countClient('charges', request, expected?.clientAddress);
      return charges.charge(request, parseBody(ChargeBody, body), expected);
    },
    /**
     * `<paylater-checkout>` with the order's plans already in it, for the page your server renders:
     * a Declarative Shadow DOM drawn by the element's own templates, and the plans' answer (with
     * its signed quote), which the element takes without asking again. The plans are a form that
     * works without JavaScript (`POST {base}/charges/form`, answered with a redirect to the
     * provider). When the plans cannot be had, the element shows the error (and asks again once
     * its script runs). Put `html` in your page; add `styleHashes` to your policy's `style-src`,
     * or pass your policy's `nonce`.
     */
    async renderCheckout(request: Request, checkout: string, options: RenderCheckoutOptions = {}): Promise<RenderedCheckout> {
      const { renderCheckoutHtml } = await import('../render/checkout.js');
      const lang = pageLanguage(request, options.locale);
      let answer: Parameters<typeof renderCheckoutHtml>[2];
      try {
        await countClient('plans', request, options.clientAddress);
        answer = { plans: await plans.plans(request, { checkout, locale: lang, ...(options.channels ? { channels: options.channels } : {}) }) };
      } catch (error) {
        const requestId = crypto.randomUUID();
        const { code, status, message } = answerFor(error, requestId, logger);
        answer = { error: { code, status, message, requestId } };
      }
      return renderCheckoutHtml(checkout, lang, answer, { userAgent: request.headers.get('user-agent') ?? '', ...options });
    },
    /**
     * `<paylater-status>` with the payment's status already in it, for your return page: the
     * element's own drawing in a declarative shadow root, so that the shopper sees the result
     * without JavaScript (reload the page while `final` is false), and the answer beside it, which
     * the element starts from before it checks again. `token` is the return URL's
     * `paylater_token`; no session is needed, so the result shows in whichever browser the shopper
     * comes back in.
     */
    async renderStatus(request: Request, token: string, options: RenderStatusOptions = {}): Promise<RenderedStatus> {
      const { renderStatusHtml } = await import('../render/status.js');
      const lang = pageLanguage(request, options.locale);
      const requestId = crypto.randomUUID();
      let answer: Parameters<typeof renderStatusHtml>[2];
      try {
        await countClient('status', request, options.clientAddress);
        const response = await status.handler(new Request(`${new URL(request.url).origin}/status?token=${encodeURIComponent(token)}`), { requestId });
        answer = { status: (await response.json()) as StatusResponseBody };
      } catch (error) {
        const { code, status: httpStatus, message } = answerFor(error, requestId, logger);
        answer = { error: { code, status: httpStatus, message, requestId } };
      }
      // Resolved against the shop's own address (`returnUrl`), never the request's `Host`.
      let retryUrl: string | undefined;
      try {
        retryUrl = options.retryHref ? new URL(options.retryHref, ctx.options.returnUrl).href : undefined;
      } catch {
        retryUrl = undefined;
      }
      return renderStatusHtml(token, lang, answer, { ...options, retryUrl });
    },
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
      await ledger.apply(charge, 'back-office');
      return charge;
    },
    /** The charge as Xendit has it now; the companion's record is brought up to date. */
    async getCharge(chargeId: string) {
      const charge = await xendit.paylater.getCharge(chargeId);
      await ledger.apply(charge, 'back-office');
      return charge;
    },
    /** What the companion has recorded for a charge (webhook-confirmed state), or null. */
    getRecord: ledger.readCharge,
    /** What the companion has recorded about the bill a charge's order pays, or null. */
    async getBill(chargeId: string): Promise<BillRecord | null> {
      const record = await ledger.readCharge(chargeId);
      return bills && record ? bills.read(record.reference_id) : null;
    },
  };
}
