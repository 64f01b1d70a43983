/**
 * The soak engine: shoppers walk through checkouts against the companion over HTTP while faults
 * are injected, for a fixed number of requests, then every promise of DESIGN.md is checked on what
 * happened. Used by `companion-soak.test.ts` (a short run in `npm test`, a long one in
 * `npm run soak`).
 *
 * A journey: POST plans (sometimes twice), choose an available provider, POST charges (sometimes a
 * double click, a second tab, or a request the shopper aborts and sends again), sometimes poll the
 * status, then the shopper pays, refuses or walks away. Xendit's callbacks come from the
 * simulator; the engine also replays some of them (duplicates, an older PENDING after the final
 * status, a forged token) and makes `onPaymentEvent` fail once for some charges.
 *
 * Faults, each on the next matching upstream request only (`times: 1`): latency, 5xx, 429, no
 * answer (timeout), a dropped connection and a malformed 2xx body, on customers, plans, charges and
 * the charge lookup.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ERROR_CODES } from '../../src/contract/index.js';
import { createCompanion, DEFAULT_CHANNEL_LIMITS, MemoryStore, type PaymentEvent, type Store, type TrustedOrder } from '../../src/server/index.js';
import { toNodeHandler } from '../../src/server/node.js';
import { createXenditSimulator, type FaultSpec, type SimCharge } from '../../src/testing/index.js';
import { listenSimulator } from '../../src/testing/node.js';
import { prng } from '../helpers/random.js';

export const SECRET_KEY = 'xnd_development_soak_SECRET_0123456789abcdef';
export const CALLBACK_TOKEN = 'soak-callback-token-0123456789abcdef';
const SIGNING_SECRET = 'soak-signing-secret-0123456789abcdef0123456789';

export interface SoakOptions {
  /** Requests the shoppers send to the companion (verification requests at the end not counted). */
  requests: number;
  /** Shoppers walking at the same time. */
  concurrency?: number;
  /** Companion instances behind one round-robin balancer; each gets `store()`. */
  instances?: number;
  store?: () => Store;
  /** Chance that a journey starts by injecting a fault upstream. */
  faultRate?: number;
  seed?: number;
  /**
   * Make the whole process stall (busy) this long every 3 s, as a long GC pause or a CPU-heavy
   * request does. A stall longer than the companion's 1 s time limit for Xendit makes other calls
   * whose answer already arrived look timed out; charge creation waits 10 s (see
   * timeout-retry.test.ts for a charge answered later still). Default 0: none.
   */
  stallMs?: number;
  log?: (line: string) => void;
}

/** What a soak run did and saw; the test asserts on it and prints it. */
export interface SoakReport {
  seed: number;
  requests: number;
  journeys: number;
  aborted: number;
  faults: Record<string, number>;
  /** Upstream requests the injected faults hit (a fault may be left unused when the run ends). */
  faultsHit: number;
  hookFailures: number;
  answers: Record<string, number>;
  /** Answers outside what a shopper may ever get (5xx other than the documented upstream codes, unexpected 4xx, bad bodies). */
  problems: string[];
  charges: { created: number; expected: number; createdForAbandonedRequests: number; doubleCharged: string[] };
  statuses: { approved: number; rejected: number; leftPending: number; lost: string[] };
  callbacks: { deliveries: number; replays: number; processed: number; unique: number; events: number; eventProblems: string[]; deliveryProblems: string[] };
  memory: { heapStartMb: number; heapEndMb: number; storeKeys: number | null; evictions: number };
  ms: number;
}

const customer = (n: number): TrustedOrder['customer'] => ({
  reference_id: `soak-customer-${n}`,
  given_names: 'Siti',
  surname: 'Rahayu',
  email: 'siti@example.co.id',
  mobile_number: '+6281234567890',
  addresses: [{ country: 'ID', street_line1: 'Jl. Sudirman 1', city: 'Jakarta Selatan', postal_code: '12190' }],
});

/** Carts of several sizes and currencies, so providers are eligible or not for different reasons. */
const CARTS: Array<{ currency: string; amount: number }> = [
  { currency: 'IDR', amount: 1_500_000 },
  { currency: 'IDR', amount: 250_000 },
  { currency: 'IDR', amount: 15_000 },
  { currency: 'IDR', amount: 7_000_000 },
  { currency: 'PHP', amount: 4_999.5 },
];

function order(n: number, kind: number): TrustedOrder {
  const cart = CARTS[kind % CARTS.length]!;
  return {
    reference_id: `soak-order-${n}`,
    currency: cart.currency,
    amount: cart.amount,
    order_items: [{ type: 'PHYSICAL_PRODUCT', reference_id: `SKU-${kind}`, name: 'Item', net_unit_amount: cart.amount, quantity: 1, url: 'https://shop.example/p/1', category: 'Fashion' }],
    customer: cart.currency === 'PHP' ? { ...customer(n), reference_id: `soak-customer-ph-${n}`, mobile_number: '+639171234567', addresses: [{ country: 'PH', street_line1: '1 Ayala Ave', city: 'Makati', postal_code: '1226' }] } : customer(n),
  };
}

const FAULT_ROUTES = ['customers', 'plans', 'plans', 'plans', 'charges', 'charges', 'charge'] as const;
const FAULT_KINDS = ['latency', '500', '502', '503', '504', '429', 'timeout', 'drop', 'malformed'] as const;
const CHANNELS = ['ID_KREDIVO', 'ID_AKULAKU', 'ID_INDODANA', 'ID_ATOME', 'ID_UANGME', 'PH_BILLEASE', 'PH_CASHALO'];
/** What a shopper may be answered when Xendit fails: the documented upstream codes. */
const UPSTREAM = new Set(['502 UPSTREAM_ERROR', '504 UPSTREAM_TIMEOUT', '503 CONFLICT', '429 RATE_LIMITED']);
const CODES = new Set<string>(ERROR_CODES);
const RETRYABLE = new Set([429, 502, 503, 504]);

function heapMb(): number {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
  return Math.round((getHeapStatistics().used_heap_size / 1_048_576) * 10) / 10;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const started = Date.now();
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const rnd = prng(seed);
  const concurrency = options.concurrency ?? 16;
  const faultRate = options.faultRate ?? 0.35;
  const log = options.log ?? (() => {});

  // ------------------------------------------------------------ the shop: balancer → companion(s) → simulator
  const simulator = createXenditSimulator({ secretKey: SECRET_KEY, callbackToken: CALLBACK_TOKEN, callbackRetryDelaysMs: [20, 40, 80, 160, 320], refundSettleMs: 10 });
  const xendit = await listenSimulator(simulator);
  const carts = new Map<string, TrustedOrder>();
  const events: PaymentEvent[] = [];
  const failOnce = new Set<string>();
  const hookThrew = new Map<string, number>();
  const unexpectedLogs: string[] = [];
  let evictions = 0;
  const stores: Store[] = [];
  let handlers: Array<ReturnType<typeof toNodeHandler>> = [];
  let turn = 0;
  const front = createServer((req, res) => {
    const handler = handlers[turn++ % handlers.length]!;
    void handler(req, res);
  });
  const url = await listen(front);
  const base = `${url}/paylater`;
  simulator.setCallbackUrl(`${base}/webhooks/xendit`);
  handlers = Array.from({ length: options.instances ?? 1 }, () => {
    // Sized to the run's working set, as MemoryStore asks (about 4 long-lived keys per journey);
    // what the default 10,000-key store does when full is measured by `npm run bench` (memory).
    const store = options.store?.() ?? new MemoryStore({ maxEntries: Math.max(10_000, options.requests * 4), onEvict: () => void (evictions += 1) });
    stores.push(store);
    const companion = createCompanion({
      secretKey: SECRET_KEY,
      callbackToken: CALLBACK_TOKEN,
      signingSecret: SIGNING_SECRET,
      // All traffic comes from one address; rate limits are tested elsewhere.
      rateLimits: false,
      baseUrl: xendit.url,
      returnUrl: `${url}/return`,
      store,
      resolveCheckout: (_request, checkout) => carts.get(checkout) ?? null,
      onPaymentEvent: (event) => {
        if (failOnce.has(event.chargeId) && !hookThrew.has(event.chargeId)) {
          hookThrew.set(event.chargeId, 1);
          throw new Error('the merchant database is briefly unavailable');
        }
        events.push(event);
      },
      // Short, so that the injected "no answer" faults end soon. Charge creation waits longer: on a
      // loaded machine this process (the simulator with it) can take seconds to accept a new
      // connection, and a charge request the companion gave up on was still made once accepted
      // (a second charge after the shopper's retry: timeout-retry.test.ts). 10 s rather than the
      // default 60 s, so that a "no answer" fault on charges holds its shopper 10 s.
      xenditTimeoutMs: 1_000,
      chargeTimeoutMs: 10_000,
      channelTimeoutMs: 700,
      statusRefreshMs: 0,
      logger: {
        error: (message, fields) => {
          // A failing hook is logged at error level on purpose; anything else is a problem.
          if (!message.startsWith('onPaymentEvent failed')) unexpectedLogs.push(`${message} ${JSON.stringify(fields ?? {})}`.slice(0, 400));
        },
      },
    });
    return toNodeHandler(companion, { basePath: '/paylater' });
  });

  // ------------------------------------------------------------ bookkeeping
  let sent = 0;
  /** Upstream requests an injected fault shaped, read from the simulator's log (it keeps the last 10,000). */
  const faultedRequests = new Set<string>();
  const readFaulted = () => {
    for (const r of simulator.requests()) if (r.faulted) faultedRequests.add(r.requestId);
  };
  let aborted = 0;
  let journeys = 0;
  let replays = 0;
  const answers = new Map<string, number>();
  const problems: string[] = [];
  const faults: Record<string, number> = {};
  const chargeAnswers = new Map<string, Set<string>>(); // reference → charge ids answered
  const settled = new Map<string, { status: 'SUCCEEDED' | 'FAILED'; token: string; reference: string }>();
  const pending = new Map<string, { token: string; reference: string }>();
  const webhookAnswers: Array<{ chargeId: string; status: number }> = [];

  type Answer = { status: number; body: any };
  async function call(path: string, init: RequestInit & { json?: unknown; expect?: 'forged'; signal?: AbortSignal } = {}): Promise<Answer | null> {
    sent += 1;
    const { json, expect, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (json !== undefined) headers.set('content-type', 'application/json');
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${base}${path}`, { ...rest, headers, ...(json !== undefined ? { method: 'POST', body: JSON.stringify(json) } : {}) });
      text = await response.text();
    } catch (error) {
      if (rest.signal?.aborted) {
        aborted += 1;
        return null;
      }
      problems.push(`${path}: no answer (${String((error as Error).cause ?? error)})`);
      return null;
    }
    let body: any;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const code = body?.error?.code as string | undefined;
    const key = `${response.status}${code ? ` ${code}` : ''}`;
    answers.set(key, (answers.get(key) ?? 0) + 1);
    const route = path.split('?')[0];
    if (response.status >= 500 && !UPSTREAM.has(key) && !(route === '/webhooks/xendit' && key === '500 INTERNAL')) problems.push(`${route}: ${key}`);
    if (response.status >= 400 && (!code || !CODES.has(code))) problems.push(`${route}: ${response.status} without a stable code: ${text.slice(0, 200)}`);
    if (response.status >= 400 && response.status < 500 && key !== '429 RATE_LIMITED' && !(expect === 'forged' && key === '401 UNAUTHORIZED')) problems.push(`${route}: unexpected refusal ${key}`);
    if (expect === 'forged' && key !== '401 UNAUTHORIZED') problems.push(`forged callback answered ${key}`);
    if (text.includes(SECRET_KEY)) problems.push(`${route}: the secret key is in an answer`);
    return { status: response.status, body };
  }

  /** Retries what a shopper retries: the documented "try again" answers, a few times. */
  async function withRetry(fn: () => Promise<Answer | null>, attempts = 5): Promise<Answer | null> {
    for (let i = 0; ; i += 1) {
      const answer = await fn();
      if (!answer || !RETRYABLE.has(answer.status) || i + 1 >= attempts || sent >= options.requests * 1.2) return answer;
      await new Promise((r) => setTimeout(r, 5 + rnd.int(0, 20)));
    }
  }

  /** One fault on the next request to `route` (this journey's, or another shopper's just as well). */
  function injectFault(route: (typeof FAULT_ROUTES)[number], theOrder: TrustedOrder) {
    const kind = rnd.pick(FAULT_KINDS);
    const spec: FaultSpec = { route, times: 1 };
    // A channel this order asks plans of, so the fault is used now rather than by a later order.
    const eligible = CHANNELS.filter((c) => DEFAULT_CHANNEL_LIMITS[c]!.currency === theOrder.currency && theOrder.amount >= DEFAULT_CHANNEL_LIMITS[c]!.min && theOrder.amount <= DEFAULT_CHANNEL_LIMITS[c]!.max);
    if (route === 'plans' && rnd.chance(0.6)) spec.channel = rnd.pick(eligible);
    if (route === 'customers') spec.method = 'POST';
    if (kind === 'latency') spec.latencyMs = rnd.int(20, 150);
    else if (kind === 'timeout') spec.timeout = true;
    else if (kind === 'drop') spec.drop = true;
    else if (kind === 'malformed') spec.malformed = true;
    else spec.status = Number(kind);
    simulator.injectFault(spec);
    faults[kind] = (faults[kind] ?? 0) + 1;
  }

  function callbackBody(charge: SimCharge, status = charge.status) {
    return { event: 'paylater.payment', business_id: charge.business_id, created: new Date().toISOString(), data: { ...charge, status } };
  }

  async function replay(charge: SimCharge, status?: string, token = CALLBACK_TOKEN) {
    replays += 1;
    const answer = await call('/webhooks/xendit', { json: callbackBody(charge, status), headers: { 'x-callback-token': token }, ...(token === CALLBACK_TOKEN ? {} : { expect: 'forged' as const }) });
    if (answer && token === CALLBACK_TOKEN) webhookAnswers.push({ chargeId: charge.id, status: answer.status });
  }

  async function journey(n: number) {
    journeys += 1;
    if (journeys % 200 === 0) readFaulted();
    const checkout = `soak-${n}`;
    const theOrder = order(n, rnd.int(0, CARTS.length - 1));
    carts.set(checkout, theOrder);
    // Where this journey meets a fault (injected just before the step that calls that route).
    const faultAt = rnd.chance(faultRate) ? rnd.pick(FAULT_ROUTES) : null;
    if (faultAt === 'customers' || faultAt === 'plans') injectFault(faultAt, theOrder);
    let plans = await withRetry(() => call('/plans', { json: { checkout } }));
    if (plans?.status === 200 && rnd.chance(0.1)) plans = (await withRetry(() => call('/plans', { json: { checkout } }))) ?? plans;
    if (plans?.status !== 200) return;
    const available = (plans.body.providers as Array<{ available: boolean; plan_id: string }>).filter((p) => p.available);
    if (available.length === 0) return;
    const plan = rnd.pick(available).plan_id;
    const quote = plans.body.quote as string;

    if (faultAt === 'charges') injectFault(faultAt, theOrder);
    const charge = () => call('/charges', { json: { quote, plan_id: plan } });
    const attempts: Array<Promise<Answer | null>> = [];
    const style = rnd.next();
    if (style < 0.15) {
      // Double click: two identical requests at once.
      attempts.push(withRetry(charge), withRetry(charge));
    } else if (style < 0.25) {
      // The shopper closes the tab mid-request, comes back and tries again.
      const controller = new AbortController();
      setTimeout(() => controller.abort(), rnd.int(0, 15));
      await call('/charges', { json: { quote, plan_id: plan }, signal: controller.signal });
      if (rnd.chance(0.8)) attempts.push(withRetry(charge));
    } else {
      attempts.push(withRetry(charge));
      // A second tab, a little later.
      if (rnd.chance(0.1)) attempts.push(new Promise((r) => setTimeout(r, rnd.int(0, 30))).then(() => withRetry(charge)));
    }
    const answered = (await Promise.all(attempts)).filter((a): a is Answer => a?.status === 200);
    if (answered.length === 0) return;
    const ids = chargeAnswers.get(theOrder.reference_id) ?? new Set<string>();
    for (const a of answered) ids.add(a.body.charge_id);
    chargeAnswers.set(theOrder.reference_id, ids);
    const { charge_id: chargeId, status_token: token } = answered[0]!.body as { charge_id: string; status_token: string };
    if (rnd.chance(0.05)) failOnce.add(chargeId);

    if (faultAt === 'charge') injectFault(faultAt, theOrder);
    // The status route asks Xendit while the charge is pending (statusRefreshMs 0).
    if (faultAt === 'charge' || rnd.chance(0.2)) await withRetry(() => call(`/status?token=${token}`));
    const outcome = rnd.next();
    if (outcome >= 0.9) {
      pending.set(chargeId, { token, reference: theOrder.reference_id });
      return;
    }
    const status = outcome < 0.7 ? 'SUCCEEDED' : 'FAILED';
    const final = status === 'SUCCEEDED' ? simulator.approveCharge(chargeId) : simulator.rejectCharge(chargeId);
    settled.set(chargeId, { status, token, reference: theOrder.reference_id });
    const extra: Array<Promise<void>> = [];
    if (rnd.chance(0.2)) for (let i = rnd.int(1, 3); i > 0; i -= 1) extra.push(replay(final));
    if (rnd.chance(0.15)) extra.push(new Promise((r) => setTimeout(r, rnd.int(0, 20))).then(() => replay(final, 'PENDING')));
    if (rnd.chance(0.05)) extra.push(replay(final, 'FAILED', 'forged-token-0123456789'));
    await Promise.all(extra);
    if (rnd.chance(0.3)) await withRetry(() => call(`/status?token=${token}`));
  }

  // ------------------------------------------------------------ run
  // Warm up (customer cache, JIT) before the first heap reading.
  let next = 0;
  for (let i = 0; i < 5; i += 1) await journey(next++);
  const heapStartMb = heapMb();
  const stallMs = options.stallMs ?? 0;
  const stalls = stallMs > 0
    ? setInterval(() => {
        faults.stall = (faults.stall ?? 0) + 1;
        const until = Date.now() + stallMs;
        while (Date.now() < until);
      }, 3_000)
    : undefined;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (sent < options.requests) await journey(next++);
    }),
  );
  clearInterval(stalls);
  const requests = sent;
  const trafficMs = Date.now() - started;
  readFaulted();
  simulator.clearFaults();
  await simulator.whenIdle();
  log(`soak: ${requests} requests sent in ${journeys} journeys in ${(trafficMs / 1000).toFixed(1)} s; callbacks settled after ${((Date.now() - started - trafficMs) / 1000).toFixed(1)} s more`);

  // ------------------------------------------------------------ verify
  const lost: string[] = [];
  const eventProblems: string[] = [];
  const eventsBy = new Map<string, PaymentEvent[]>();
  for (const e of events) eventsBy.set(`${e.chargeId} ${e.status}`, [...(eventsBy.get(`${e.chargeId} ${e.status}`) ?? []), e]);
  for (const [chargeId, s] of settled) {
    const answer = await call(`/status?token=${s.token}`);
    if (answer?.body?.status !== s.status) lost.push(`${chargeId} (${s.reference}): approved as ${s.status}, status route says ${answer?.body?.status ?? answer?.status}`);
    const ran = eventsBy.get(`${chargeId} ${s.status}`)?.length ?? 0;
    if (ran !== 1) eventProblems.push(`${chargeId}: onPaymentEvent ran ${ran} times for ${s.status}`);
    if (events.some((e) => e.chargeId === chargeId && e.status !== s.status)) eventProblems.push(`${chargeId}: onPaymentEvent ran for another status than ${s.status}`);
  }
  for (const [chargeId, p] of pending) {
    const answer = await call(`/status?token=${p.token}`);
    if (answer?.body?.status !== 'PENDING') lost.push(`${chargeId}: left pending, status route says ${answer?.body?.status}`);
    if (events.some((e) => e.chargeId === chargeId)) eventProblems.push(`${chargeId}: onPaymentEvent ran for a charge nobody paid`);
  }

  const perOrder = new Map<string, SimCharge[]>();
  for (const c of simulator.charges()) perOrder.set(c.reference_id, [...(perOrder.get(c.reference_id) ?? []), c]);
  // For each order charged twice, the POSTs Xendit saw (from its log of the last 10,000 requests):
  // the same key answered 200 twice means the client sent again what Xendit had already done.
  const upstream = simulator.requests().filter((r) => r.method === 'POST' && r.path === '/paylater/charges');
  const attemptsOf = (ref: string) =>
    upstream
      .filter((r) => (perOrder.get(ref) ?? []).some((c) => r.idempotencyKey?.startsWith(`charge-${c.plan_id}-`)))
      .map((r) => `${r.status || r.outcome}`)
      .join('/');
  // A charge that ended (the shopper refused it, it was cancelled or expired) may be followed by a
  // new one for the same order and plan; two charges of one order that did not end are a double.
  const ended = new Set(['FAILED', 'CANCELLED', 'EXPIRED', 'VOIDED']);
  const live = (list: SimCharge[]) => list.filter((c) => !ended.has(c.status));
  const doubleCharged = [...perOrder]
    .filter(([, list]) => live(list).length > 1)
    .map(([ref, list]) => `${ref}: ${list.length} charges (${list.map((c) => `${c.plan_id} ${c.status} ${c.created}`).join(', ')}); POST /paylater/charges answered ${attemptsOf(ref) || '(out of the log)'}`);
  const byId = new Map(simulator.charges().map((c) => [c.id, c]));
  for (const [ref, ids] of chargeAnswers) {
    const answered = live([...ids].map((id) => byId.get(id)).filter((c): c is SimCharge => c !== undefined));
    if (answered.length > 1) doubleCharged.push(`${ref}: shoppers were answered ${answered.length} different charges that did not end`);
  }
  const expected = chargeAnswers.size;
  const createdForAbandoned = [...perOrder.keys()].filter((ref) => !chargeAnswers.has(ref)).length;

  // Callbacks: what the simulator delivered and what the engine replayed; a 500 only where the hook
  // failed, and a 502/503/504 only where the companion could not confirm a payment with Xendit (a
  // fault on GET charge) and a later delivery of the same callback went through.
  const deliveries = simulator.callbacks().filter((c) => c.event === 'paylater.payment');
  const deliveryProblems: string[] = [];
  const processed: Array<{ chargeId: string; status: string }> = [];
  const delivered = new Set(deliveries.filter((d) => d.responseStatus === 200).map((d) => `${d.chargeId} ${d.status}`));
  for (const d of deliveries) {
    if (d.responseStatus === 200) processed.push({ chargeId: d.chargeId, status: d.status });
    else if (!(d.responseStatus === 500 && hookThrew.has(d.chargeId)) && !([502, 503, 504].includes(d.responseStatus ?? 0) && delivered.has(`${d.chargeId} ${d.status}`))) deliveryProblems.push(`${d.chargeId} ${d.status}: delivery answered ${d.responseStatus} (${d.outcome})`);
    if (d.gaveUp) deliveryProblems.push(`${d.chargeId} ${d.status}: Xendit gave up delivering`);
  }
  for (const w of webhookAnswers) if (w.status === 200) processed.push({ chargeId: w.chargeId, status: 'replay' });
  const webhook500 = deliveries.filter((d) => d.responseStatus === 500).length + webhookAnswers.filter((w) => w.status === 500).length;
  if (webhook500 > hookThrew.size) deliveryProblems.push(`${webhook500} webhook answers were 500 for ${hookThrew.size} hook failures`);
  for (const line of unexpectedLogs) problems.push(`error log: ${line}`);

  const storeKeys = stores[0] instanceof MemoryStore ? stores[0].size : null;
  const heapEndMb = heapMb();
  front.closeAllConnections();
  await new Promise<void>((resolve) => front.close(() => resolve()));
  await simulator.close();
  for (const store of stores) await store.close?.();

  return {
    seed,
    requests,
    journeys,
    aborted,
    faults,
    faultsHit: faultedRequests.size,
    hookFailures: hookThrew.size,
    answers: Object.fromEntries([...answers].sort((a, b) => b[1] - a[1])),
    problems: [...new Set(problems)],
    charges: { created: simulator.charges().length, expected, createdForAbandonedRequests: createdForAbandoned, doubleCharged },
    statuses: { approved: [...settled.values()].filter((s) => s.status === 'SUCCEEDED').length, rejected: [...settled.values()].filter((s) => s.status === 'FAILED').length, leftPending: pending.size, lost },
    callbacks: {
      deliveries: deliveries.length,
      replays,
      processed: processed.length,
      unique: new Set(deliveries.map((d) => `${d.chargeId} ${d.status}`)).size,
      events: events.length,
      eventProblems,
      deliveryProblems,
    },
    memory: { heapStartMb, heapEndMb, storeKeys, evictions },
    ms: Date.now() - started,
  };
}

/** The figures a soak run prints. */
export function formatReport(name: string, r: SoakReport): string {
  const faults = Object.entries(r.faults).map(([k, n]) => `${k} ${n}`).join(', ');
  const total = Object.values(r.faults).reduce((a, b) => a + b, 0);
  return [
    `${name} (seed ${r.seed}, ${(r.ms / 1000).toFixed(1)} s)`,
    `  requests sent ${r.requests} in ${r.journeys} journeys (${r.aborted} aborted by the shopper)`,
    `  faults injected ${total + r.hookFailures}: ${faults}, onPaymentEvent failures ${r.hookFailures} (${r.faultsHit} upstream requests hit by a fault)`,
    `  answers: ${Object.entries(r.answers).map(([k, n]) => `${k} ×${n}`).join(', ')}`,
    `  charges created ${r.charges.created} vs expected ${r.charges.expected} (+${r.charges.createdForAbandonedRequests} for requests the shopper abandoned), double charges ${r.charges.doubleCharged.length}`,
    `  statuses: ${r.statuses.approved} approved, ${r.statuses.rejected} refused, ${r.statuses.leftPending} left pending, ${r.statuses.lost.length} lost`,
    `  callbacks processed ${r.callbacks.processed} (${r.callbacks.deliveries} deliveries + ${r.callbacks.replays} replays) vs unique ${r.callbacks.unique}; onPaymentEvent ran ${r.callbacks.events} times`,
    `  heap ${r.memory.heapStartMb} MB → ${r.memory.heapEndMb} MB; store keys ${r.memory.storeKeys ?? 'n/a (Redis)'}, evictions ${r.memory.evictions}`,
  ].join('\n');
}
