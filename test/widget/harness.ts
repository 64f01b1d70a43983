/**
 * The network of the widget tests, through msw only: the page's requests to `/paylater/*` are
 * answered by the real companion core (`companion.fetch`), and the companion's calls to Xendit by
 * the simulator's msw handlers (`simulatorHandlers`). Tests override single routes with
 * `worker.use(...)`; `resetNetwork()` (after each test) drops the overrides and starts from a fresh
 * companion, simulator state and carts.
 */
import { http, HttpResponse, type HttpHandler } from 'msw';
import { setupWorker } from 'msw/browser';
import { expect, waitUntil } from '@open-wc/testing';
import { takeWarnings } from './lit-warnings.js';
import { createCompanion, type Companion, type TrustedOrder } from '../../src/server/index.js';
import { createXenditSimulator } from '../../src/testing/index.js';
import { simulatorHandlers } from '../../src/testing/msw.js';
import { billShopper, order as baseOrder } from '../helpers/orders.js';

export const XENDIT = 'https://api.xendit.co';
const SECRET_KEY = 'xnd_development_widget_test_0123456789abcdef';
const CALLBACK_TOKEN = 'widget-test-callback-token-0123456789';
const SIGNING_SECRET = 'widget-test-signing-secret-0123456789abcdef';

export function order(overrides: Partial<TrustedOrder> = {}): TrustedOrder {
  return baseOrder({ reference_id: 'order-2001', ...overrides });
}

/** One order whose total is `amount` in `currency` (a single item). */
export function orderOf(amount: number, currency = 'IDR', reference = 'order-2001'): TrustedOrder {
  const base = order();
  return order({
    reference_id: reference,
    currency,
    amount,
    order_items: [{ ...base.order_items[0]!, net_unit_amount: amount, quantity: 1 }],
    ...(currency === 'PHP'
      ? {
          customer: {
            reference_id: 'customer-ph-1',
            given_names: 'Maria',
            surname: 'Santos',
            email: 'maria@example.ph',
            mobile_number: '+639171234567',
            addresses: [{ country: 'PH', street_line1: '1 Ayala Ave', city: 'Makati', postal_code: '1226' }],
          },
        }
      : {}),
  });
}

export const carts: Record<string, TrustedOrder> = {};

/** Requests the page sent to the companion, in order. */
export const calls: { method: string; path: string }[] = [];

export const simulator = createXenditSimulator({
  baseUrl: XENDIT,
  secretKey: SECRET_KEY,
  callbackToken: CALLBACK_TOKEN,
  callbackUrl: `${location.origin}/paylater/webhooks/xendit`,
  callbackRetryDelaysMs: [50, 100],
  // Bill payments settle fast; refunds slowly enough to see "being refunded" first.
  billSettleMs: 30,
  refundSettleMs: 400,
});


const silent = { debug() {}, info() {}, warn() {}, error() {} };

function newCompanion(): Companion {
  return createCompanion({
    secretKey: SECRET_KEY,
    callbackToken: CALLBACK_TOKEN,
    signingSecret: SIGNING_SECRET,
    baseUrl: XENDIT,
    returnUrl: `${location.origin}/return`,
    resolveCheckout: (_request, checkout) => carts[checkout] ?? null,
    logger: silent,
    plansCacheTtlMs: 0,
    statusRefreshMs: 0,
    xenditMaxRetries: 0,
    bills: { customer: () => billShopper, itemUrl: 'https://shop.example/listrik', pollIntervalMs: 10, pollTimeoutMs: 100 },
  });
}

export let companion = newCompanion();

/** Calls the real companion (what the default `/paylater/*` route does). */
export function companionFetch(request: Request): Promise<Response> {
  return companion.fetch(request);
}

const companionRoute = http.all('/paylater/*', ({ request }) => {
  calls.push({ method: request.method, path: new URL(request.url).pathname });
  return companion.fetch(request);
});

export const worker = setupWorker(companionRoute, ...simulatorHandlers(simulator));

let started: Promise<unknown> | undefined;
export function startNetwork(): Promise<unknown> {
  started ??= worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, quiet: true, onUnhandledRequest: 'bypass' });
  return started;
}

export function resetNetwork(): void {
  worker.resetHandlers();
  simulator.reset();
  companion = newCompanion();
  calls.length = 0;
  for (const key of Object.keys(carts)) delete carts[key];
  carts['cart-1'] = order();
}

/**
 * The hooks of a describe block of widget tests: the network once, a fresh one (and the page in
 * English) before each test, and no Lit or other warning after it.
 */
export function useNetwork(): void {
  before(async () => {
    await startNetwork();
  });
  beforeEach(() => {
    resetNetwork();
    document.documentElement.lang = 'en';
  });
  afterEach(() => {
    expect(takeWarnings(), 'Lit dev-mode or other warnings').to.deep.equal([]);
  });
}

/** A per-test route that answers like the companion, then lets `edit` change the JSON body. */
export function editCompanionAnswer(path: string, edit: (body: any) => unknown): HttpHandler {
  return http.all(`/paylater/${path}`, async ({ request }) => {
    calls.push({ method: request.method, path: new URL(request.url).pathname });
    const response = await companion.fetch(request);
    const body = await response.json();
    return HttpResponse.json((await edit(body)) ?? body, { status: response.status });
  });
}

// ---------------------------------------------------------------- DOM helpers

export function root(element: Element): ShadowRoot {
  return element.shadowRoot!;
}

export function part<T extends Element = HTMLElement>(element: Element, name: string): T | null {
  return root(element).querySelector<T>(`[part~="${name}"]`);
}

export function parts<T extends Element = HTMLElement>(element: Element, name: string): T[] {
  return [...root(element).querySelectorAll<T>(`[part~="${name}"]`)];
}

/** Visible text of a node with collapsed white space (Intl's no-break spaces become spaces). */
export function textOf(node: Node | null | undefined): string {
  return (node?.textContent ?? '').replace(/[\s\u00a0\u202f]+/g, ' ').trim();
}

export function until(check: () => unknown, message = 'condition', timeout = 4000): Promise<void> {
  return waitUntil(check, `timed out waiting for ${message}`, { timeout, interval: 10 });
}

/** Waits until `<paylater-checkout>` shows its providers. */
export function plansShown(element: Element): Promise<void> {
  return until(() => part(element, 'providers'), 'the plans');
}

/** The provider radio whose card shows `name`. */
export function radioOf(element: Element, name: string): HTMLInputElement {
  const card = parts(element, 'provider').find((c) => textOf(c.querySelector('[part~="provider-name"]')) === name);
  if (!card) throw new Error(`no provider card named ${name}`);
  return card.querySelector('input')!;
}

/**
 * Role and accessible name of the elements matching `selector` in `element`'s shadow root, as
 * axe-core computes them (the engine behind the `[axe]` checks), through the flattened tree.
 */
export async function accessibility(element: Element, selector: string): Promise<{ role: string | null; name: string }[]> {
  await import('axe-core');
  const axe = (window as unknown as { axe: any }).axe;
  axe.setup(document);
  try {
    return [...root(element).querySelectorAll(selector)].map((node) => {
      const virtual = axe.utils.getNodeFromTree(node);
      return { role: axe.commons.aria.getRole(virtual), name: axe.commons.text.accessibleTextVirtual(virtual).replace(/[\s\u00a0\u202f]+/g, ' ').trim() };
    });
  } finally {
    axe.teardown();
  }
}
