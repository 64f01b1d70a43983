/**
 * Memory: the companion's heap after 100,000 mixed requests. The companion's `fetch` is called
 * directly (no sockets, so it is fast), and Xendit is a stateless stub that answers from the
 * request alone, so whatever the heap keeps is the companion's (its store included).
 *
 * The mix, per 100 requests: 30 plans (a new checkout each time: new customer lookups, five
 * channels, plans cached), 15 charges on a recent quote (some repeated), 25 status polls,
 * 15 Xendit callbacks (some duplicated, some out of order), 15 bad requests (not JSON, unknown
 * route, wrong method, forged callback token). Heap used is read after a full GC.
 *
 * Run: node --expose-gc --import tsx bench/memory.ts  (options: --requests=100000 --redis-requests=30000
 * --stores=memory,memory-roomy,redis --json=<file>)
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createCompanion, MemoryStore, RedisStore, type Store, type TrustedOrder } from '../src/server/index.js';
import { findRedisServer, startRedis } from '../test/helpers/redis.js';
import { arg, argText, round, writeJson } from './lib.js';

const REQUESTS = arg('requests', 100_000);
/**
 * Requests for RedisStore (keeps nothing in the process: a shorter run shows its flat heap) and for
 * the never-full MemoryStore baseline; keeps `npm run bench` to minutes.
 */
const REDIS_REQUESTS = arg('redis-requests', 30_000);
const STORES = argText('stores', 'memory,memory-roomy,redis').split(',').filter(Boolean);
const SAMPLES = 10;

const gc: () => void =
  (globalThis as { gc?: () => void }).gc ??
  (() => {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  })();
const heapMb = () => {
  gc();
  gc();
  return round(process.memoryUsage().heapUsed / 1_048_576, 1);
};

/** Xendit answering from the request alone: keeps nothing, so it adds nothing to the heap. */
let counter = 0;
/** Charges the stub made: each leaves durable records in the companion's store (kept 30 days). */
let chargesMade = 0;
async function stubXendit(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const url = new URL(String(input));
  const body = init?.body ? (JSON.parse(String(init.body)) as Record<string, any>) : {};
  const ok = (data: unknown) => new Response(JSON.stringify(data), { status: 200, headers: { 'content-type': 'application/json', 'request-id': `req-${counter}` } });
  counter += 1;
  if (url.pathname === '/customers' && init?.method === 'POST') return ok({ id: `cust-${body.reference_id}`, reference_id: body.reference_id, type: 'INDIVIDUAL' });
  if (url.pathname === '/customers') return ok({ data: [], has_more: false });
  if (url.pathname === '/paylater/plans') {
    const options = [1, 3, 6, 12].map((months) => ({ total_amount: body.amount * (1 + 0.026 * (months - 1)), installment_amount: (body.amount * (1 + 0.026 * (months - 1))) / months, interval: 'MONTH', interval_count: 1, total_recurrence: months, interest_rate: months === 1 ? 0 : 0.026, description: `${months} months` }));
    return ok({ id: `plp_${counter}_${body.channel_code}`, customer_id: body.customer_id, channel_code: body.channel_code, currency: body.currency, amount: body.amount, options });
  }
  if (url.pathname === '/paylater/charges') {
    chargesMade += 1;
    const page = `https://checkout.example/${counter}`;
    return ok({ id: `plc_${counter}`, reference_id: body.reference_id, plan_id: body.plan_id, currency: 'IDR', amount: 1_500_000, channel_code: 'ID_KREDIVO', status: 'PENDING', actions: { desktop_web_checkout_url: page, mobile_web_checkout_url: page } });
  }
  const charge = /^\/paylater\/charges\/([^/]+)$/.exec(url.pathname);
  if (charge) return ok({ id: decodeURIComponent(charge[1]!), reference_id: 'x', currency: 'IDR', amount: 1_500_000, channel_code: 'ID_KREDIVO', status: 'PENDING' });
  return new Response(JSON.stringify({ error_code: 'NOT_FOUND' }), { status: 404, headers: { 'content-type': 'application/json' } });
}

function order(n: number): TrustedOrder {
  return {
    reference_id: `mem-order-${n}`,
    currency: 'IDR',
    amount: 1_500_000,
    order_items: [{ type: 'PHYSICAL_PRODUCT', reference_id: 'SKU', name: 'Item', net_unit_amount: 1_500_000, quantity: 1, url: 'https://shop.example/p', category: 'Fashion' }],
    customer: { reference_id: `mem-customer-${n % 5_000}`, given_names: 'Siti', email: 'siti@example.co.id', mobile_number: '+6281234567890' },
  };
}

async function run(kind: string, requests: number) {
  let redis: Awaited<ReturnType<typeof startRedis>> | undefined;
  let evictions = 0;
  let store: Store;
  if (kind === 'redis') {
    redis = await startRedis();
    store = new RedisStore({ url: redis.url, prefix: 'mem:' });
  } else {
    // `memory`: the default store (10,000 keys, full after a few thousand requests);
    // `memory-roomy`: room for everything, the same-run baseline of what being full costs.
    store = new MemoryStore({ ...(kind === 'memory-roomy' ? { maxEntries: 10_000_000 } : {}), onEvict: () => void (evictions += 1) });
  }
  let events = 0;
  const companion = createCompanion({
    secretKey: 'xnd_development_memory_bench',
    callbackToken: 'memory-bench-callback-token',
    signingSecret: 'memory-bench-signing-secret-0123456789abcdef',
    returnUrl: 'https://shop.example/return',
    resolveCheckout: (_request, checkout) => (checkout.startsWith('cart-') ? order(Number(checkout.slice(5))) : null),
    onPaymentEvent: () => void (events += 1),
    fetch: stubXendit as typeof fetch,
    checkoutHosts: ['checkout.example'],
    statusRefreshMs: 60_000,
    // The load comes from one generator: rate limits would refuse the requests being measured.
    rateLimits: false,
    store,
    logger: {},
  });

  // Recent quotes and charges (rings of 100: the bench keeps nothing that grows).
  const quotes: Array<{ quote: string; plan: string }> = [];
  const charges: Array<{ id: string; token: string }> = [];
  const push = <T>(ring: T[], value: T) => {
    ring.push(value);
    if (ring.length > 100) ring.shift();
  };
  const statuses: Record<number, number> = {};
  const url = (path: string) => `https://shop.example/paylater/${path}`;
  const post = (path: string, body: string, headers: Record<string, string> = {}) => new Request(url(path), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  async function one(i: number) {
    const slot = i % 100;
    let request: Request;
    if (slot < 30) request = post('plans', JSON.stringify({ checkout: `cart-${i}` }));
    else if (slot < 45 && quotes.length) {
      const q = quotes[(i * 7) % quotes.length]!;
      request = post('charges', JSON.stringify({ quote: q.quote, plan_id: q.plan }));
    } else if (slot < 70 && charges.length) request = new Request(url(`status?token=${charges[(i * 13) % charges.length]!.token}`));
    else if (slot < 85 && charges.length) {
      const c = charges[(i * 17) % charges.length]!;
      const status = slot % 3 === 0 ? 'PENDING' : 'SUCCEEDED';
      request = post('webhooks/xendit', JSON.stringify({ event: 'paylater.payment', data: { id: c.id, reference_id: 'x', currency: 'IDR', amount: 1_500_000, channel_code: 'ID_KREDIVO', status } }), { 'x-callback-token': 'memory-bench-callback-token' });
    } else {
      const bad = [post('plans', '{"checkout":'), new Request(url('nope')), new Request(url('plans')), post('webhooks/xendit', '{}', { 'x-callback-token': 'forged' }), post('charges', '{"quote":"v1.x.y","plan_id":"p"}')];
      request = bad[i % bad.length]!;
    }
    const response = await companion.fetch(request);
    statuses[response.status] = (statuses[response.status] ?? 0) + 1;
    const body = (await response.json().catch(() => null)) as any;
    if (response.status !== 200 || !body) return;
    if (body.quote) {
      const available = body.providers.filter((p: { available: boolean }) => p.available);
      if (available.length) push(quotes, { quote: body.quote, plan: available[i % available.length].plan_id });
    }
    if (body.status_token) push(charges, { id: body.charge_id, token: body.status_token });
  }

  const CONCURRENCY = 20;
  async function batch(from: number, to: number) {
    let next = from;
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (next < to) await one(next++);
    }));
  }

  await batch(0, 2_000); // warm-up: JIT, first customers
  const start = heapMb();
  const chargesBefore = chargesMade;
  const samples: Array<{ requests: number; heapMb: number; storeKeys: number | null; rps: number | null }> = [{ requests: 0, heapMb: start, storeKeys: store instanceof MemoryStore ? store.size : null, rps: null }];
  const step = Math.ceil(requests / SAMPLES);
  let busy = 0;
  for (let done = 0; done < requests; done += step) {
    const t = performance.now();
    await batch(2_000 + done, 2_000 + Math.min(requests, done + step));
    const ms = performance.now() - t;
    busy += ms;
    samples.push({ requests: Math.min(requests, done + step), heapMb: heapMb(), storeKeys: store instanceof MemoryStore ? store.size : null, rps: round((Math.min(requests, done + step) - done) / (ms / 1000), 0) });
  }
  const seconds = busy / 1000;
  const end = samples[samples.length - 1]!.heapMb;
  const result = {
    store: kind === 'redis' ? 'RedisStore' : 'MemoryStore',
    label: kind === 'memory-roomy' ? 'MemoryStore never full (maxEntries 10,000,000)' : kind === 'memory' ? 'MemoryStore (default, 10,000 keys)' : 'RedisStore',
    neverFull: kind === 'memory-roomy',
    requests: requests,
    heapStartMb: start,
    heapMaxMb: Math.max(...samples.map((s) => s.heapMb)),
    heapEndMb: end,
    samples,
    storeKeys: store instanceof MemoryStore ? store.size : null,
    evictions: kind === 'redis' ? null : evictions,
    statuses,
    events,
    requestsPerSecond: round(requests / seconds, 0),
    /** Charges made during the measured run, and the heap they account for (durable records are never evicted). */
    charges: chargesMade - chargesBefore,
    heapPerChargeKb: chargesMade > chargesBefore ? round(((end - start) * 1024) / (chargesMade - chargesBefore), 2) : null,
  };
  console.log(`\n${result.label}: ${requests} mixed requests through companion.fetch in ${seconds.toFixed(1)} s (${result.requestsPerSecond} req/s)`);
  console.log(`heap used after GC: start ${start} MB, max ${result.heapMaxMb} MB, end ${end} MB (${samples.map((s) => s.heapMb).join(' → ')})`);
  console.log(`requests/s per tenth of the run: ${samples.slice(1).map((s) => s.rps).join(', ')}${result.storeKeys === null ? '' : `; store keys: ${samples.map((s) => s.storeKeys).join(', ')}`}`);
  console.log(`answers ${JSON.stringify(statuses)}; onPaymentEvent ${events}; ${result.storeKeys === null ? '' : `store keys ${result.storeKeys}, evictions ${evictions}`}`);
  console.log(`charges made ${result.charges}: ${result.heapPerChargeKb ?? '-'} KB of heap per charge (orders, charges, tokens and event markers are durable records, kept 30 days)`);
  await store.close?.();
  await redis?.stop();
  return result;
}

/**
 * MemoryStore writes of new keys per second: with room left, and once full (each new key then
 * evicts the least recently set one). Same store, same keys, same run.
 */
async function storeWrites() {
  const rate = async (fill: number, maxEntries: number) => {
    const store = new MemoryStore({ maxEntries });
    // Cache entries: only they count against maxEntries (durable records are never evicted).
    for (let i = 0; i < fill; i += 1) await store.set(`fill-${i}`, 'v', { ttlMs: 60_000, cache: true });
    const n = 20_000;
    const t = performance.now();
    for (let i = 0; i < n; i += 1) await store.set(`new-${i}`, 'v', { ttlMs: 60_000, cache: true });
    return round(n / ((performance.now() - t) / 1000), 0);
  };
  const rows = [
    { case: 'room left (10,000 keys, maxEntries 1,000,000)', writesPerSecond: await rate(10_000, 1_000_000) },
    { case: 'full at the default maxEntries (10,000)', writesPerSecond: await rate(10_000, 10_000) },
    { case: 'full at maxEntries 50,000', writesPerSecond: await rate(50_000, 50_000) },
  ];
  console.log('\nMemoryStore.set of a new key, writes/s');
  for (const r of rows) console.log(`${r.case.padEnd(48)} ${String(r.writesPerSecond).padStart(9)}  (${(r.writesPerSecond / rows[0]!.writesPerSecond).toFixed(3)} × room left)`);
  return rows;
}

const storeWriteRates = STORES.includes('memory') ? await storeWrites() : [];
const results = [];
for (const kind of STORES) {
  if (kind === 'redis' && !findRedisServer()) {
    console.warn('redis-server not found: RedisStore skipped');
    continue;
  }
  results.push(await run(kind, kind === 'memory' ? REQUESTS : REDIS_REQUESTS));
}
writeJson({ requests: REQUESTS, results, storeWriteRates });
