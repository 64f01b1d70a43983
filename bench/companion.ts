/**
 * Companion benchmarks, all on this machine over 127.0.0.1 (the simulator's http face, the
 * companion behind `toNodeHandler`, and the load generator share one Node process):
 * 1. Plans latency for 1..7 channels with an upstream latency L injected in the simulator, as a
 *    ratio to L. A parallel fan-out stays near 1.0 whatever the channel count (goal ≤ 1.1 at 7).
 *    With MemoryStore and with RedisStore.
 * 2. Overhead per request of the companion (POST /plans for one channel) against two baselines:
 *    calling the simulator directly with the Xendit client (one hop), and a bare pass-through
 *    proxy (a node:http server forwarding the same plans call to the simulator over a keep-alive
 *    agent: the same two hops as the companion, none of its work). p50/p99 and requests/s at
 *    concurrency 1, 50 and 200, with MemoryStore and with RedisStore. Each figure is the median of
 *    `--repeats` runs, interleaved so drift hits every path alike. Goals against the proxy
 *    (reported, not asserted): ≥ 0.8× its requests/s at concurrency 50, p50 overhead ≤ 1 ms at
 *    concurrency 1.
 * 3. Flood: `--flood` POST /plans for ONE cart, all sent before any answer, and the Xendit calls it
 *    caused (plans calls, customer creations and look-ups the simulator received); then the same
 *    flood with `--honest` shoppers' own carts among it, once without a rate limit and once with
 *    Xendit's live rate limit (600 requests a minute per endpoint): how many of the shoppers saw
 *    every provider available. A fresh simulator and companion (MemoryStore) for each burst.
 *
 * Run: npm run bench:companion   (options: --latency=200 --runs=7 --repeats=3 --requests=2000
 * --stores=memory,redis --flood=200 --honest=10 --json=<file>)
 */
import { createCompanion, createXenditClient, MemoryStore, RedisStore, type Store, type TrustedOrder } from '../src/server/index.js';
import { toNodeHandler } from '../src/server/node.js';
import { createXenditSimulator } from '../src/testing/index.js';
import { listenSimulator } from '../src/testing/node.js';
import { findRedisServer, startRedis, type RedisServer } from '../test/helpers/redis.js';
import { arg, argText, burst, load, median, medianOf, pad, passThroughProxy, round, serve, writeJson, type BurstRequest, type LoadResult } from './lib.js';

const L = arg('latency', 200);
const RUNS = arg('runs', 7);
const REPEATS = arg('repeats', 3);
const REQUESTS = arg('requests', 2000);
const STORES = argText('stores', 'memory,redis').split(',').filter(Boolean) as Array<'memory' | 'redis'>;
const FLOOD = arg('flood', 200);
const HONEST = arg('honest', 10);
const SECRET = 'xnd_development_bench_0123456789';
const CHANNELS = ['ID_KREDIVO', 'ID_AKULAKU', 'ID_INDODANA', 'ID_ATOME', 'ID_UANGME', 'PH_BILLEASE', 'PH_CASHALO'];

/** An order of 1,000,000 IDR (every IDR provider takes it) for `who`. */
const orderOf = (who: string): TrustedOrder => ({
  reference_id: `${who}-order`,
  currency: 'IDR',
  amount: 1_000_000,
  order_items: [{ type: 'PHYSICAL_PRODUCT', reference_id: 'sku', name: 'Item', net_unit_amount: 1_000_000, quantity: 1, url: 'https://shop.example/i', category: 'Bench' }],
  customer: { reference_id: `${who}-customer`, given_names: 'Bench', surname: 'Mark', email: 'b@example.com', mobile_number: '+6281200000000' },
});
const order = orderOf('bench');

let redis: RedisServer | undefined;
if (STORES.includes('redis')) {
  if (findRedisServer()) redis = await startRedis();
  else {
    console.warn('redis-server not found: RedisStore figures skipped (apt-get install -y redis-server)');
    STORES.splice(STORES.indexOf('redis'), 1);
  }
}
const stores: Store[] = [];
function storeFor(kind: 'memory' | 'redis'): Store {
  const store = kind === 'memory' ? new MemoryStore() : new RedisStore({ url: redis!.url, prefix: `bench-${stores.length}:` });
  stores.push(store);
  return store;
}

const simulator = createXenditSimulator({ secretKey: SECRET });
const xendit = await listenSimulator(simulator);

function companionFor(channels: string[], store: Store) {
  return createCompanion({
    secretKey: SECRET,
    callbackToken: 'bench-callback-token',
    signingSecret: 'bench-signing-secret-0123456789abcdef0123',
    baseUrl: xendit.url,
    returnUrl: 'https://shop.example/return',
    // Each request is its own order: concurrent requests for one order would share one upstream
    // call (single flight) and the figures would not be per request.
    resolveCheckout: (_request, checkout) => ({ ...order, reference_id: checkout }),
    channels,
    // In this run every channel takes IDR, so 6 and 7 channels can be asked for one order.
    channelLimits: { PH_BILLEASE: { currency: 'IDR', min: 1, max: 1e9 }, PH_CASHALO: { currency: 'IDR', min: 1, max: 1e9 } },
    plansCacheTtlMs: 0,
    channelTimeoutMs: 10 * L + 1000,
    // One load generator, one address: the limits would refuse the load being measured.
    rateLimits: false,
    store,
    logger: {},
  });
}

let requestNumber = 0;
async function postPlans(url: string) {
  const response = await fetch(`${url}/paylater/plans`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ checkout: `bench-${(requestNumber += 1)}` }) });
  if (response.status !== 200) throw new Error(`plans answered ${response.status}`);
  await response.arrayBuffer();
}

// ---------------------------------------------------------------- 1. fan-out
const fanout: Array<{ store: string; channels: number; ms: number; ratio: number }> = [];
const fault = simulator.injectFault({ route: 'plans', latencyMs: L });
for (const kind of STORES) {
  // One server per channel count, measured in turns (1, 2, ... 7, 1, 2, ...), so whatever else the
  // machine does at a moment affects every channel count alike.
  const servers = [];
  for (let n = 1; n <= CHANNELS.length; n += 1) {
    const server = await serve(toNodeHandler(companionFor(CHANNELS.slice(0, n), storeFor(kind)), { basePath: '/paylater' }));
    await postPlans(server.url); // warm: creates the customer
    servers.push(server);
  }
  const times: number[][] = servers.map(() => []);
  for (let i = 0; i < RUNS; i += 1) {
    for (const [index, server] of servers.entries()) {
      const t = performance.now();
      await postPlans(server.url);
      times[index]!.push(performance.now() - t);
    }
  }
  console.log(`\nPlans latency with upstream latency L = ${L} ms, ${kind === 'memory' ? 'MemoryStore' : 'RedisStore'} (median of ${RUNS} runs, customer cached, plans cache off)`);
  console.log('channels  median ms  ratio to L');
  for (const [index, server] of servers.entries()) {
    const m = median(times[index]!);
    fanout.push({ store: kind, channels: index + 1, ms: round(m, 1), ratio: round(m / L, 3) });
    console.log(`${pad(index + 1, 8)}  ${pad(m.toFixed(1), 9)}  ${pad((m / L).toFixed(3), 10)}`);
    await server.close();
  }
}
fault.remove();

// ---------------------------------------------------------------- 2. overhead and throughput
const client = createXenditClient({ secretKey: SECRET, baseUrl: xendit.url });
const customer = await client.customers.create({ reference_id: 'bench-direct', type: 'INDIVIDUAL', individual_detail: { given_names: 'Direct' } });
const plansCall = { customer_id: customer.id, channel_code: 'ID_KREDIVO', currency: 'IDR', amount: order.amount, order_items: order.order_items };
const direct = () => client.paylater.initiatePlans(plansCall).then(() => undefined);
// The proxy is given the Xendit call itself (as the companion makes it) and passes it on.
const proxy = await passThroughProxy(xendit.url);
const proxyInit = {
  method: 'POST',
  headers: { authorization: `Basic ${Buffer.from(`${SECRET}:`).toString('base64')}`, accept: 'application/json', 'content-type': 'application/json' },
  body: JSON.stringify(plansCall),
};
const viaProxy = async () => {
  const response = await fetch(`${proxy.url}/paylater/plans`, proxyInit);
  if (response.status !== 200) throw new Error(`the proxy answered ${response.status}`);
  await response.arrayBuffer();
};
const DIRECT = 'simulator direct (client)';
const PROXY = 'pass-through proxy';
const paths: Array<{ name: string; fn: () => Promise<void>; close?: () => Promise<void> }> = [
  { name: DIRECT, fn: direct },
  { name: PROXY, fn: viaProxy, close: proxy.close },
];
for (const kind of STORES) {
  const server = await serve(toNodeHandler(companionFor(['ID_KREDIVO'], storeFor(kind)), { basePath: '/paylater' }));
  paths.push({ name: `companion, ${kind === 'memory' ? 'MemoryStore' : 'RedisStore'}`, fn: () => postPlans(server.url), close: server.close });
}
for (const path of paths) await load(path.fn, 10, 200); // warm up every path (JIT, connections, customer cache)

const CONCURRENCY = [1, 50, 200];
const overhead: Array<{ path: string; concurrency: number } & LoadResult> = [];
console.log(`\nOne channel, no injected latency; median of ${REPEATS} runs of ${REQUESTS} requests (500 at concurrency 1)`);
console.log('path                          conc   p50 ms   p99 ms    req/s');
for (const concurrency of CONCURRENCY) {
  const total = concurrency === 1 ? Math.min(REQUESTS, 500) : REQUESTS;
  const runs = new Map<string, LoadResult[]>(paths.map((p) => [p.name, []]));
  for (let r = 0; r < REPEATS; r += 1) {
    for (const path of r % 2 ? [...paths].reverse() : paths) runs.get(path.name)!.push(await load(path.fn, concurrency, total));
  }
  for (const path of paths) {
    const m = medianOf(runs.get(path.name)!);
    overhead.push({ path: path.name, concurrency, ...m });
    console.log(`${path.name.padEnd(29)} ${pad(concurrency, 4)} ${pad(m.p50.toFixed(2), 8)} ${pad(m.p99.toFixed(2), 8)} ${pad(m.rps.toFixed(0), 8)}`);
  }
}

type Comparison = { path: string; concurrency: number; overheadP50: number; overheadP99: number; rpsRatio: number };
/** Each companion path against the baseline `against`, at every concurrency. */
function compare(against: string, title: string): Comparison[] {
  const rows: Comparison[] = [];
  console.log(`\n${title}`);
  console.log('path                          conc  +p50 ms  +p99 ms  req/s ratio');
  for (const concurrency of CONCURRENCY) {
    const base = overhead.find((o) => o.concurrency === concurrency && o.path === against)!;
    for (const path of paths.filter((p) => p.name.startsWith('companion'))) {
      const row = overhead.find((o) => o.concurrency === concurrency && o.path === path.name)!;
      const s = { path: path.name, concurrency, overheadP50: round(row.p50 - base.p50), overheadP99: round(row.p99 - base.p99), rpsRatio: round(row.rps / base.rps, 3) };
      rows.push(s);
      console.log(`${path.name.padEnd(29)} ${pad(concurrency, 4)} ${pad(s.overheadP50.toFixed(2), 8)} ${pad(s.overheadP99.toFixed(2), 8)} ${pad(s.rpsRatio.toFixed(2), 11)}`);
    }
  }
  return rows;
}
const summary = compare(DIRECT, 'Companion against the direct simulator calls, same run');
const vsProxy = compare(PROXY, 'Companion against the bare pass-through proxy (same two hops), same run');
const goals = vsProxy.flatMap((s) => {
  if (s.concurrency === 50) return [{ ...s, goal: 'requests/s ≥ 0.8× the proxy at concurrency 50', met: s.rpsRatio >= 0.8 }];
  if (s.concurrency === 1) return [{ ...s, goal: 'p50 overhead ≤ 1 ms over the proxy at concurrency 1', met: s.overheadP50 <= 1 }];
  return [];
});
console.log('\nGoals against the proxy (reported, not asserted)');
for (const g of goals) {
  const figure = g.concurrency === 50 ? `${g.rpsRatio.toFixed(2)}×` : `+${g.overheadP50.toFixed(2)} ms`;
  console.log(`${g.path.padEnd(29)} ${g.goal}: ${figure}, ${g.met ? 'meets' : 'misses'}`);
}

for (const path of paths) await path.close?.();

// ---------------------------------------------------------------- 3. flood
const IDR_CHANNELS = CHANNELS.filter((c) => c.startsWith('ID_'));
const LIVE_RATE_LIMIT = { limit: 600, windowMs: 60_000 };

interface FloodFigures {
  rateLimit: string;
  /** The companion's rate limits. */
  limits: string;
  honest: number;
  /** What the simulator received during the burst. */
  plansCalls: number;
  customerCreations: number;
  customerLookups: number;
  /** The flood's answers, by HTTP status. */
  floodAnswers: Record<string, number>;
  /** Shoppers whose answer offered every provider (200, all available). */
  honestAllAvailable: number;
  /** Why the others' providers were unavailable (reason codes, counted per provider), or their HTTP status. */
  honestProblems: Record<string, number>;
  honestMaxMs: number;
  seconds: number;
  allSentFirst: boolean;
}

/** A fresh simulator and companion; FLOOD plans requests for one cart, `honest` shoppers' carts among them. */
async function flood(honest: number, rateLimit: typeof LIVE_RATE_LIMIT | false, limits: boolean): Promise<FloodFigures> {
  const sim = createXenditSimulator({ secretKey: SECRET, rateLimit });
  const api = await sim.listen(0);
  const store = new MemoryStore();
  const companion = createCompanion({
    secretKey: SECRET,
    callbackToken: 'bench-callback-token',
    signingSecret: 'bench-signing-secret-0123456789abcdef0123',
    baseUrl: api.url,
    returnUrl: 'https://shop.example/return',
    channels: IDR_CHANNELS,
    resolveCheckout: (_request, checkout) => orderOf(checkout),
    store,
    // The companion's own limits (defaults), or none: single flight alone.
    rateLimits: limits ? {} : false,
    logger: {},
  });
  const shop = await serve(toNodeHandler(companion, { basePath: '/paylater' }));
  const requests: Array<BurstRequest & { shopper?: number }> = Array.from({ length: FLOOD }, () => ({ path: '/paylater/plans', body: '{"checkout":"flood"}' }));
  // The honest shoppers, spread through the flood, each from its own loopback address where there is one.
  for (let i = 0; i < honest; i += 1) {
    requests.splice(Math.round(((i + 0.5) * requests.length) / honest), 0, { path: '/paylater/plans', body: JSON.stringify({ checkout: `shopper-${i}` }), localAddress: `127.0.0.${11 + i}`, shopper: i });
  }
  const started = performance.now();
  const { answers, lastSentMs, firstAnswerMs } = await burst(shop.url, requests);
  const seconds = (performance.now() - started) / 1000;
  const received = sim.requests();
  const count = (route: string, method: string) => received.filter((r) => r.route === route && r.method === method).length;
  const figures: FloodFigures = {
    rateLimit: rateLimit ? `${rateLimit.limit} a minute per endpoint` : 'none',
    limits: limits ? 'defaults' : 'off',
    honest,
    plansCalls: count('plans', 'POST'),
    customerCreations: count('customers', 'POST'),
    customerLookups: count('customers', 'GET'),
    floodAnswers: {},
    honestAllAvailable: 0,
    honestProblems: {},
    honestMaxMs: 0,
    seconds: round(seconds, 2),
    allSentFirst: lastSentMs < firstAnswerMs,
  };
  for (const [index, answer] of answers.entries()) {
    if (requests[index]!.shopper === undefined) {
      figures.floodAnswers[answer.status] = (figures.floodAnswers[answer.status] ?? 0) + 1;
      continue;
    }
    figures.honestMaxMs = Math.max(figures.honestMaxMs, round(answer.ms, 0));
    const providers = answer.status === 200 ? (JSON.parse(answer.body) as { providers: Array<{ available: boolean; reason?: { code: string } }> }).providers : [];
    const problems = answer.status === 200 ? providers.filter((p) => !p.available).map((p) => p.reason?.code ?? 'unknown') : [`HTTP ${answer.status}`];
    if (answer.status === 200 && providers.length === IDR_CHANNELS.length && problems.length === 0) figures.honestAllAvailable += 1;
    for (const problem of problems) figures.honestProblems[problem] = (figures.honestProblems[problem] ?? 0) + 1;
  }
  await shop.close();
  await store.close?.();
  await sim.close();
  return figures;
}

const fanoutOfOne = IDR_CHANNELS.length;
console.log(`\nFlood: ${FLOOD} POST /plans for one cart, all sent before any answer (one shopper alone causes 1 customer creation and ${fanoutOfOne} plans calls, one per IDR provider)`);
console.log('shoppers  Xendit rate limit           companion limits  plans calls  customers created  customer look-ups  flood answers             shoppers with every provider  s');
const floods: FloodFigures[] = [];
for (const [honest, rateLimit, limits] of [[0, false, false], [HONEST, false, false], [HONEST, LIVE_RATE_LIMIT, false], [HONEST, LIVE_RATE_LIMIT, true]] as const) {
  const f = await flood(honest, rateLimit, limits);
  floods.push(f);
  const answersText = Object.entries(f.floodAnswers).map(([status, n]) => `${status} ×${n}`).join(', ');
  const shoppers = honest ? `${f.honestAllAvailable}/${honest}${Object.keys(f.honestProblems).length ? ` (${Object.entries(f.honestProblems).map(([k, n]) => `${k} ×${n}`).join(', ')})` : ''}, slowest ${f.honestMaxMs} ms` : '';
  console.log(
    `${pad(honest, 8)}  ${f.rateLimit.padEnd(26)} ${f.limits.padEnd(17)} ${pad(f.plansCalls, 12)} ${pad(f.customerCreations, 18)} ${pad(f.customerLookups, 18)}  ${answersText.padEnd(25)} ${shoppers.padEnd(29)} ${pad(f.seconds.toFixed(1), 4)}${f.allSentFirst ? '' : '  (an answer came before the last request was sent)'}`,
  );
}
console.log(`(with shoppers: the counts include their own calls, at most ${HONEST} customer creations and ${HONEST * fanoutOfOne} plans calls)`);

for (const store of stores) await store.close?.();
await simulator.close();
await redis?.stop();

writeJson({
  latencyMs: L,
  runs: RUNS,
  repeats: REPEATS,
  requests: REQUESTS,
  fanout,
  overhead: overhead.map((o) => ({ ...o, p50: round(o.p50), p99: round(o.p99), rps: round(o.rps, 0) })),
  summary,
  vsProxy,
  goals: goals.map((g) => ({ path: g.path, concurrency: g.concurrency, goal: g.goal, met: g.met })),
  flood: { requests: FLOOD, fanoutOfOne, floods },
});
