/** Shared helpers of the simulator tests: a listening simulator, raw HTTP calls, order items, the provider page's buttons. */
import assert from 'node:assert/strict';
import { after, before, beforeEach } from 'node:test';
import { scriptedServer, sendJson } from '../helpers/http.js';
import { createXenditSimulator, type XenditSimulator, type XenditSimulatorOptions } from '../../src/testing/index.js';
import { listenSimulator } from '../../src/testing/node.js';
import { createXenditClient } from '../../src/xendit/index.js';

export const KEY = 'xnd_development_simulator_tests_0123456789';
export const TOKEN = 'callback-token-for-tests';

export function basic(key: string, password = ''): string {
  return `Basic ${Buffer.from(`${key}:${password}`).toString('base64')}`;
}

export interface CallInit {
  method?: string;
  /** An object is sent as JSON; a string as is. */
  body?: unknown;
  headers?: Record<string, string>;
  /** The key for Basic auth; null sends no Authorization header. */
  key?: string | null;
}

export interface CallResult {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export async function call(baseUrl: string, path: string, init: CallInit = {}): Promise<CallResult> {
  const headers: Record<string, string> = { ...init.headers };
  const key = init.key === undefined ? KEY : init.key;
  if (key !== null) headers.authorization = basic(key);
  let body: string | undefined;
  if (init.body !== undefined) {
    body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${baseUrl}${path}`, { method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers, body, redirect: 'manual' });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, text, body: parsed };
}

export interface Started {
  sim: XenditSimulator;
  url: string;
  api: (path: string, init?: CallInit) => Promise<CallResult>;
  client: ReturnType<typeof createXenditClient>;
  close: () => Promise<void>;
}

/** A simulator on 127.0.0.1:0 with short timers, plus a raw caller and our typed client (no retries). */
export async function startSimulator(options: XenditSimulatorOptions = {}): Promise<Started> {
  const sim = createXenditSimulator({
    secretKey: KEY,
    callbackToken: TOKEN,
    callbackRetryDelaysMs: [10, 20, 40],
    callbackTimeoutMs: 2_000,
    refundSettleMs: 10,
    billSettleMs: 10,
    ...options,
  });
  const { url } = await listenSimulator(sim);
  return {
    sim,
    url,
    api: (path, init) => call(url, path, init),
    client: createXenditClient({ secretKey: KEY, baseUrl: url, maxRetries: 0, timeoutMs: 2_000 }),
    close: () => sim.close(),
  };
}

export function item(amount: number, quantity = 1, overrides: Record<string, unknown> = {}) {
  return {
    type: 'PHYSICAL_PRODUCT',
    reference_id: 'SKU-1',
    name: 'Batik shirt',
    net_unit_amount: amount,
    quantity,
    url: 'https://shop.example/batik',
    category: 'Fashion',
    ...overrides,
  };
}

export function plansBody(customerId: string, channel: string, currency: string, amount: number) {
  return { customer_id: customerId, channel_code: channel, currency, amount, order_items: [item(amount)] };
}

let counter = 0;
/** A customer in the 2020-10-31 shape; returns its id. */
export async function newCustomer(s: Started): Promise<string> {
  counter += 1;
  const created = await s.api('/customers', {
    headers: { 'api-version': '2020-10-31' },
    body: {
      reference_id: `customer-${process.pid}-${counter}`,
      type: 'INDIVIDUAL',
      individual_detail: { given_names: 'Siti', surname: 'Rahayu' },
      email: 'siti@example.com',
      mobile_number: '+628123456789',
      addresses: [{ country: 'ID', street_line1: 'Jl. Merdeka 1', city: 'Jakarta', postal_code: '10110' }],
    },
  });
  assert.equal(created.status, 200, created.text);
  return created.body.id;
}

/** Customer → plans → charge on `channel`; returns the charge as answered. */
export async function newCharge(
  s: Started,
  { channel = 'ID_KREDIVO', currency = 'IDR', amount = 1_500_000, reference = 'order-1', failureUrl = 'https://shop.example/failed' as string | null } = {},
) {
  const customerId = await newCustomer(s);
  const plans = await s.api('/paylater/plans', { body: plansBody(customerId, channel, currency, amount) });
  assert.equal(plans.status, 200, plans.text);
  const charge = await s.api('/paylater/charges', {
    body: {
      plan_id: plans.body.id,
      reference_id: reference,
      checkout_method: 'ONE_TIME_PAYMENT',
      success_redirect_url: 'https://shop.example/paid',
      ...(failureUrl === null ? {} : { failure_redirect_url: failureUrl }),
    },
  });
  assert.equal(charge.status, 200, charge.text);
  return charge.body;
}

/** The `<form>`s of a page as { action, buttons } (buttons by their text). */
export function forms(html: string, pageUrl: string) {
  return [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)].map((m) => {
    const attrs = m[1]!;
    const action = /action="([^"]*)"/.exec(attrs)?.[1] ?? '';
    const method = /method="([^"]*)"/.exec(attrs)?.[1] ?? 'get';
    const buttons = [...m[2]!.matchAll(/<button\b[^>]*>([\s\S]*?)<\/button>/g)].map((b) => b[1]!.replace(/<[^>]+>/g, '').trim());
    return { action: new URL(action.replace(/&amp;/g, '&'), pageUrl).href, method: method.toLowerCase(), buttons };
  });
}

/** Presses a button of the provider page as a browser without JavaScript would; returns the answer (no redirects followed). */
export async function press(pageUrl: string, button: 'Pay' | 'Cancel') {
  const page = await fetch(pageUrl);
  const html = await page.text();
  const form = forms(html, pageUrl).find((f) => f.buttons.includes(button));
  assert.ok(form, `no "${button}" button on the page`);
  assert.equal(form.method, 'post');
  return fetch(form.action, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'option=0' });
}

export async function eventually(check: () => boolean, timeoutMs = 2_000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A server that answers every callback 200 and records what it got (`requests`). */
export type Receiver = Awaited<ReturnType<typeof scriptedServer>>;

/**
 * For the suite it is called in: a receiver of callbacks and a simulator made with `options(its
 * url)`, both emptied before each test and closed after the suite; `use` gets them.
 */
export function withReceiver(options: (receiverUrl: string) => XenditSimulatorOptions, use: (s: Started, receiver: Receiver) => void): void {
  let s: Started;
  let receiver: Receiver;
  before(async () => {
    receiver = await scriptedServer((_req, res) => sendJson(res, 200, {}));
    s = await startSimulator(options(receiver.url));
    use(s, receiver);
  });
  beforeEach(() => {
    s.sim.reset();
    receiver.requests.length = 0;
  });
  after(async () => {
    await s.close();
    await receiver.close();
  });
}
