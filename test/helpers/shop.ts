/**
 * A merchant's server for tests: the simulator as Xendit on a real port, the companion mounted with
 * `toNodeHandler` on another, carts the test can change, and every response body and log line kept
 * so a test can assert the secret key never shows up.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCompanion, type BillEvent, type CompanionOptions, type PaymentEvent, type TrustedOrder } from '../../src/server/index.js';
import { billShopper, order } from './orders.js';

export { order };
import { toNodeHandler } from '../../src/server/node.js';
import { createXenditSimulator } from '../../src/testing/index.js';
import { listenSimulator } from '../../src/testing/node.js';

export const SECRET_KEY = 'xnd_development_shop_test_SECRET_0123456789abcdef';
export const CALLBACK_TOKEN = 'shop-test-callback-token-abcdef0123456789';
export const SIGNING_SECRET = 'shop-test-signing-secret-0123456789abcdef0123';

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export interface ShopOptions {
  companion?: Partial<CompanionOptions>;
  simulator?: Parameters<typeof createXenditSimulator>[0];
  /** Reuse a simulator (for two companions against one Xendit). */
  sharedSimulator?: ReturnType<typeof createXenditSimulator>;
}

export async function startShop(shopOptions: ShopOptions = {}) {
  const carts = new Map<string, TrustedOrder>([['cart-1', order()]]);
  const events: PaymentEvent[] = [];
  const logs: string[] = [];
  const bodies: string[] = [];
  let hook: (event: PaymentEvent) => void | Promise<void> = () => {};

  let handler: ReturnType<typeof toNodeHandler> | undefined;
  const server = createServer((req, res) => {
    if (!handler) return res.end();
    void handler(req, res);
  });
  const url = await listen(server);
  const base = `${url}/paylater`;

  const simulator =
    shopOptions.sharedSimulator ??
    createXenditSimulator({
      secretKey: SECRET_KEY,
      callbackToken: CALLBACK_TOKEN,
      callbackUrl: `${base}/webhooks/xendit`,
      callbackRetryDelaysMs: [20, 40, 80],
      refundSettleMs: 10,
      billSettleMs: 10,
      ...shopOptions.simulator,
    });
  const xendit = shopOptions.sharedSimulator ? { url: '' } : await listenSimulator(simulator);
  const xenditUrl = shopOptions.sharedSimulator ? (shopOptions.companion?.baseUrl as string) : xendit.url;

  const capture = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    logs.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
  };
  const companion = createCompanion({
    secretKey: SECRET_KEY,
    callbackToken: CALLBACK_TOKEN,
    signingSecret: SIGNING_SECRET,
    baseUrl: xenditUrl,
    returnUrl: `${url}/return`,
    resolveCheckout: (_request, checkout) => carts.get(checkout) ?? null,
    onPaymentEvent: async (event) => {
      await hook(event);
      events.push(event);
    },
    xenditTimeoutMs: 2_000,
    channelTimeoutMs: 1_500,
    // One test client sends everything from 127.0.0.1: the limits are tested on their own (bounded-work.test.ts).
    rateLimits: false,
    logger: { debug: capture('debug'), info: capture('info'), warn: capture('warn'), error: capture('error') },
    ...shopOptions.companion,
  });
  handler = toNodeHandler(companion, { basePath: '/paylater' });

  /** Calls the companion over HTTP and keeps the body for the secret check. */
  async function call(path: string, init: RequestInit & { json?: unknown } = {}) {
    const { json, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (json !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');
    const response = await fetch(`${base}${path}`, { ...rest, headers, ...(json !== undefined ? { body: JSON.stringify(json), method: rest.method ?? 'POST' } : {}) });
    const text = await response.text();
    bodies.push(text);
    let body: any;
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
    return { status: response.status, headers: response.headers, body };
  }

  return {
    url,
    base,
    xenditUrl,
    simulator,
    companion,
    carts,
    events,
    logs,
    bodies,
    call,
    setHook(fn: typeof hook) {
      hook = fn;
    },
    plans: (checkout = 'cart-1', extra: Record<string, unknown> = {}) => call('/plans', { json: { checkout, ...extra } }),
    charge: (quote: string, plan_id: string) => call('/charges', { json: { quote, plan_id } }),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (!shopOptions.sharedSimulator) await simulator.close();
      await companion.store.close?.();
    },
  };
}

export type Shop = Awaited<ReturnType<typeof startShop>>;

/** A shop that sells PLN bills too; `billEvents` collects what `onBillEvent` received. */
export function billShop(extra: ShopOptions = {}, billEvents: BillEvent[] = []) {
  return startShop({
    ...extra,
    companion: {
      bills: { customer: () => billShopper, itemUrl: 'https://shop.example/listrik', pollIntervalMs: 15, pollTimeoutMs: 1_500, onBillEvent: (e) => void billEvents.push(e) },
      ...extra.companion,
    },
  });
}

/** Waits until `check` is true (polling), or fails after `ms`. */
export async function eventually(check: () => boolean | Promise<boolean>, ms = 3000, what = 'condition') {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 15));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Presses a button ("Pay" / "Cancel") on the simulated provider page, as a browser without JavaScript would. */
export async function pressOnProviderPage(checkoutUrl: string, button: 'Pay' | 'Cancel') {
  const page = await (await fetch(checkoutUrl)).text();
  const forms = [...page.matchAll(/<form\b[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/g)];
  const form = forms.find((m) => new RegExp(`>\\s*${button}\\s*<`).test(m[2]!));
  assert.ok(form, `no "${button}" button on the provider page`);
  const action = new URL(form[1]!.replace(/&amp;/g, '&'), checkoutUrl);
  const response = await fetch(action, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
  assert.equal(response.status, 303);
  return response.headers.get('location')!;
}

/**
 * The limits count per minute of the clock (fixed windows): a test that counts them starts with at
 * least `needMs` of its minute left, so that its requests all fall in one window. Each such test
 * takes under 2 s here; 10 s leaves room for a machine five times slower, and waits (for the next
 * minute) in one run of six on average instead of one of three.
 */
export async function inOneWindow(needMs = 10_000) {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < needMs) await new Promise((resolve) => setTimeout(resolve, left + 50));
}
