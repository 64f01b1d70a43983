/**
 * Shared pieces of the property-based tests: a companion wired to the simulator in-process (no
 * sockets, so a few hundred runs take a second or two), the error-code check every answer must pass,
 * and fast-check settings that keep each file to a few seconds.
 *
 * `FUZZ_RUNS` scales the number of runs (default 1; `FUZZ_RUNS=10 npm run test:node -- fuzz` runs
 * ten times as many), `FUZZ_SEED` replays a failing seed that fast-check printed.
 */
import assert from 'node:assert/strict';
import { ERROR_CODES } from '../../src/contract/index.js';
import { createCompanion, type CompanionOptions, type PaymentEvent, type TrustedOrder } from '../../src/server/index.js';
import { createXenditSimulator } from '../../src/testing/index.js';

export const SECRET_KEY = 'xnd_development_fuzz_SECRET_0123456789abcdef';
export const CALLBACK_TOKEN = 'fuzz-callback-token-0123456789abcdef';
export const SIGNING_SECRET = 'fuzz-signing-secret-0123456789abcdef0123456789';

const scale = Number(process.env.FUZZ_RUNS ?? 1);
const seed = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

/** fast-check parameters: `runs` scaled by FUZZ_RUNS, the seed from FUZZ_SEED when given. */
export function runs(numRuns: number) {
  return { numRuns: Math.max(1, Math.round(numRuns * (Number.isFinite(scale) && scale > 0 ? scale : 1))), ...(seed === undefined ? {} : { seed }) };
}

export const customer: TrustedOrder['customer'] = {
  reference_id: 'fuzz-customer-1',
  given_names: 'Siti',
  surname: 'Rahayu',
  email: 'siti@example.co.id',
  mobile_number: '+6281234567890',
  addresses: [{ country: 'ID', street_line1: 'Jl. Sudirman 1', city: 'Jakarta Selatan', postal_code: '12190' }],
};

export function order(reference: string, amount = 1_500_000): TrustedOrder {
  return {
    reference_id: reference,
    currency: 'IDR',
    amount,
    order_items: [{ type: 'PHYSICAL_PRODUCT', reference_id: 'SKU-1', name: 'Running shoes', net_unit_amount: amount, quantity: 1, url: 'https://shop.example/p/1', category: 'Fashion' }],
    customer,
  };
}

/** A companion (bill payments on) talking to an in-process simulator through its `fetch`. */
export function fuzzCompanion(overrides: Partial<CompanionOptions> = {}) {
  const simulator = createXenditSimulator({ secretKey: SECRET_KEY, callbackToken: CALLBACK_TOKEN, billSettleMs: 5, refundSettleMs: 5 });
  const carts = new Map<string, TrustedOrder>([
    ['cart-1', order('fuzz-order-1')],
    ['cart-2', order('fuzz-order-2', 2_000_000)],
  ]);
  const events: PaymentEvent[] = [];
  const logs: string[] = [];
  const capture = (level: string) => (message: string, fields?: Record<string, unknown>) => void logs.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
  const companion = createCompanion({
    secretKey: SECRET_KEY,
    callbackToken: CALLBACK_TOKEN,
    signingSecret: SIGNING_SECRET,
    returnUrl: 'https://shop.example/return',
    allowedOrigins: ['https://shop.example'],
    resolveCheckout: (_request, checkout) => carts.get(checkout) ?? null,
    onPaymentEvent: (event) => void events.push(event),
    fetch: (input, init) => simulator.fetch(input, init),
    xenditTimeoutMs: 500,
    channelTimeoutMs: 400,
    statusRefreshMs: 0,
    bills: { customer: () => customer, itemUrl: 'https://shop.example/bills', pollIntervalMs: 5, pollTimeoutMs: 50 },
    logger: { debug: () => {}, info: capture('info'), warn: capture('warn'), error: capture('error') },
    ...overrides,
  });
  return { simulator, companion, carts, events, logs };
}

const CODES = new Set<string>(ERROR_CODES);

export interface Answer {
  status: number;
  text: string;
  body: unknown;
  headers: Headers;
}

export async function read(response: Response): Promise<Answer> {
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, text, body, headers: response.headers };
}

/**
 * What every answer of the companion must look like, whatever was sent: not a 5xx (unless the
 * caller allows one of the documented upstream answers), a refusal carries a stable code from
 * `ERROR_CODES` and a request id, and the secret key never appears.
 */
export function assertWellFormed(answer: Answer, what: string, allowed5xx: ReadonlySet<string> = new Set()) {
  const code = (answer.body as { error?: { code?: unknown } } | undefined)?.error?.code;
  if (answer.status >= 500) {
    assert.ok(allowed5xx.has(`${answer.status} ${String(code)}`), `${what}: answered ${answer.status} ${answer.text.slice(0, 300)}`);
  }
  assert.ok(answer.status >= 200 && answer.status < 600, `${what}: status ${answer.status}`);
  if (answer.status >= 400) {
    assert.equal(typeof code, 'string', `${what}: a ${answer.status} without an error code: ${answer.text.slice(0, 300)}`);
    assert.ok(CODES.has(code as string), `${what}: ${answer.status} with a code outside ERROR_CODES: ${String(code)}`);
    const requestId = (answer.body as { error: { request_id?: unknown } }).error.request_id;
    assert.equal(typeof requestId, 'string', `${what}: a refusal without request_id`);
  }
  assert.ok(!answer.text.includes(SECRET_KEY), `${what}: the secret key is in the answer`);
  assert.ok(!answer.text.includes(CALLBACK_TOKEN), `${what}: the callback token is in the answer`);
}
