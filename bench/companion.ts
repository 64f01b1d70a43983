/**
 * Companion benchmarks, all on this machine over 127.0.0.1 (the simulator's http face, the
 * companion behind `toNodeHandler`, and the load generator share one Node process):
 * 1. Plans latency for 1..7 channels with an upstream latency L injected in the simulator, as a
 *    ratio to L. A parallel fan-out stays near 1.0 whatever the channel count (goal ≤ 1.1 at 7).
 *    With MemoryStore and with RedisStore.
 * 2. Overhead per request of the companion (POST /plans for one channel) against calling the
 *    simulator directly with the Xendit client, p50/p99, and requests/s, at concurrency 1, 50 and
 *    200, with MemoryStore and with RedisStore. Each figure is the median of `--repeats` runs,
 *    interleaved so drift hits every path alike.
 *
 * Run: npm run bench:companion   (options: --latency=200 --runs=7 --repeats=3 --requests=2000
 * --stores=memory,redis --json=<file>)
 */
import { createCompanion, createXenditClient, MemoryStore, RedisStore, type Store, type TrustedOrder } from '../src/server/index.js';
import { toNodeHandler } from '../src/server/node.js';
import { createXenditSimulator } from '../src/testing/index.js';
import { listenSimulator } from '../src/testing/node.js';
import { findRedisServer, startRedis, type RedisServer } from '../test/helpers/redis.js';
import { arg, argText, load, median, medianOf, pad, round, serve, writeJson, type LoadResult } from './lib.js';

const L = arg('latency', 200);
const RUNS = arg('runs', 7);
const REPEATS = arg('repeats', 3);
const REQUESTS = arg('requests', 2000);
const STORES = argText('stores', 'memory,redis').split(',').filter(Boolean) as Array<'memory' | 'redis'>;
const SECRET = 'xnd_development_bench_0123456789';
const CHANNELS = ['ID_KREDIVO', 'ID_AKULAKU', 'ID_INDODANA', 'ID_ATOME', 'ID_UANGME', 'PH_BILLEASE', 'PH_CASHALO'];

const order: TrustedOrder = {
  reference_id: 'bench-order',
  currency: 'IDR',
  amount: 1_000_000,
  order_items: [{ type: 'PHYSICAL_PRODUCT', reference_id: 'sku', name: 'Item', net_unit_amount: 1_000_000, quantity: 1, url: 'https://shop.example/i', category: 'Bench' }],
  customer: { reference_id: 'bench-customer', given_names: 'Bench', surname: 'Mark', email: 'b@example.com', mobile_number: '+6281200000000' },
};

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
    resolveCheckout: () => order,
    channels,
    // In this run every channel takes IDR, so 6 and 7 channels can be asked for one order.
    channelLimits: { PH_BILLEASE: { currency: 'IDR', min: 1, max: 1e9 }, PH_CASHALO: { currency: 'IDR', min: 1, max: 1e9 } },
    plansCacheTtlMs: 0,
    channelTimeoutMs: 10 * L + 1000,
    store,
    logger: {},
  });
}

async function postPlans(url: string) {
  const response = await fetch(`${url}/paylater/plans`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"checkout":"bench"}' });
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
const direct = () =>
  client.paylater
    .initiatePlans({ customer_id: customer.id, channel_code: 'ID_KREDIVO', currency: 'IDR', amount: order.amount, order_items: order.order_items })
    .then(() => undefined);
const paths: Array<{ name: string; fn: () => Promise<void>; close?: () => Promise<void> }> = [{ name: 'simulator direct (client)', fn: direct }];
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

const summary: Array<{ path: string; concurrency: number; overheadP50: number; overheadP99: number; rpsRatio: number }> = [];
console.log('\nCompanion against the direct simulator calls, same run');
console.log('path                          conc  +p50 ms  +p99 ms  req/s ratio');
for (const concurrency of CONCURRENCY) {
  const base = overhead.find((o) => o.concurrency === concurrency && o.path === paths[0]!.name)!;
  for (const path of paths.slice(1)) {
    const row = overhead.find((o) => o.concurrency === concurrency && o.path === path.name)!;
    const s = { path: path.name, concurrency, overheadP50: round(row.p50 - base.p50), overheadP99: round(row.p99 - base.p99), rpsRatio: round(row.rps / base.rps, 3) };
    summary.push(s);
    console.log(`${path.name.padEnd(29)} ${pad(concurrency, 4)} ${pad(s.overheadP50.toFixed(2), 8)} ${pad(s.overheadP99.toFixed(2), 8)} ${pad(s.rpsRatio.toFixed(2), 11)}`);
  }
}

for (const path of paths) await path.close?.();
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
});
