/**
 * Companion benchmarks, all on this machine over 127.0.0.1:
 * 1. Plans latency for 1..7 channels with an upstream latency L injected in the simulator, as a
 *    ratio to L. A parallel fan-out stays near 1.0 whatever the channel count (goal ≤ 1.1 at 7).
 * 2. Overhead per request of the companion (POST /plans for one channel, through toNodeHandler)
 *    against calling the simulator directly with the client, p50/p99, and requests/s at
 *    concurrency 50 for both, in the same run.
 *
 * Run: npm run bench:companion   (options: --latency=200 --runs=7 --requests=2000)
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCompanion, createXenditClient, type TrustedOrder } from '../src/server/index.js';
import { toNodeHandler } from '../src/server/node.js';
import { createXenditSimulator } from '../src/testing/index.js';

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const L = arg('latency', 200);
const RUNS = arg('runs', 7);
const REQUESTS = arg('requests', 2000);
const SECRET = 'xnd_development_bench_0123456789';
const CHANNELS = ['ID_KREDIVO', 'ID_AKULAKU', 'ID_INDODANA', 'ID_ATOME', 'ID_UANGME', 'PH_BILLEASE', 'PH_CASHALO'];

const order: TrustedOrder = {
  reference_id: 'bench-order',
  currency: 'IDR',
  amount: 1_000_000,
  order_items: [{ type: 'PHYSICAL_PRODUCT', reference_id: 'sku', name: 'Item', net_unit_amount: 1_000_000, quantity: 1, url: 'https://shop.example/i', category: 'Bench' }],
  customer: { reference_id: 'bench-customer', given_names: 'Bench', surname: 'Mark', email: 'b@example.com', mobile_number: '+6281200000000' },
};

function quantile(sorted: number[], q: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
const median = (values: number[]) => quantile([...values].sort((a, b) => a - b), 0.5);

async function serve(handler: Parameters<typeof createServer>[1]) {
  const server = createServer(handler);
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}

const simulator = createXenditSimulator({ secretKey: SECRET });
const xendit = await simulator.listen(0);

function companionFor(channels: string[]) {
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
    logger: {},
  });
}

async function postPlans(url: string) {
  const response = await fetch(`${url}/paylater/plans`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"checkout":"bench"}' });
  if (response.status !== 200) throw new Error(`plans answered ${response.status}`);
  await response.arrayBuffer();
}

// ---------------------------------------------------------------- 1. fan-out
console.log(`\nPlans latency with upstream latency L = ${L} ms (median of ${RUNS} runs, customer cached, plans cache off)`);
console.log('channels  median ms  ratio to L');
const fault = simulator.injectFault({ route: 'plans', latencyMs: L });
for (let n = 1; n <= CHANNELS.length; n += 1) {
  const server = await serve(toNodeHandler(companionFor(CHANNELS.slice(0, n)), { basePath: '/paylater' }));
  await postPlans(server.url); // warm: creates the customer
  const times: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const t = performance.now();
    await postPlans(server.url);
    times.push(performance.now() - t);
  }
  const m = median(times);
  console.log(`${String(n).padStart(8)}  ${m.toFixed(1).padStart(9)}  ${(m / L).toFixed(3).padStart(10)}`);
  await server.close();
}
fault.remove();

// ---------------------------------------------------------------- 2. overhead and throughput
async function load(fn: () => Promise<void>, concurrency: number, total: number) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next += 1;
        const t = performance.now();
        await fn();
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), rps: total / seconds };
}

const client = createXenditClient({ secretKey: SECRET, baseUrl: xendit.url });
const customer = await client.customers.create({ reference_id: 'bench-direct', type: 'INDIVIDUAL', individual_detail: { given_names: 'Direct' } });
const direct = () =>
  client.paylater
    .initiatePlans({ customer_id: customer.id, channel_code: 'ID_KREDIVO', currency: 'IDR', amount: order.amount, order_items: order.order_items })
    .then(() => undefined);
const server = await serve(toNodeHandler(companionFor(['ID_KREDIVO']), { basePath: '/paylater' }));
const viaCompanion = () => postPlans(server.url);
await direct();
await viaCompanion();

console.log(`\nOne channel, no injected latency, ${REQUESTS} requests each (same run)`);
console.log('path                      conc   p50 ms   p99 ms    req/s');
const rows: Array<[string, number, Awaited<ReturnType<typeof load>>]> = [];
for (const concurrency of [1, 50]) {
  const total = concurrency === 1 ? Math.min(REQUESTS, 500) : REQUESTS;
  rows.push(['simulator direct (client)', concurrency, await load(direct, concurrency, total)]);
  rows.push(['companion POST /plans', concurrency, await load(viaCompanion, concurrency, total)]);
}
for (const [name, c, r] of rows) {
  console.log(`${name.padEnd(25)} ${String(c).padStart(4)} ${r.p50.toFixed(2).padStart(8)} ${r.p99.toFixed(2).padStart(8)} ${r.rps.toFixed(0).padStart(8)}`);
}
const serial = rows.filter(([, c]) => c === 1);
console.log(`\nCompanion overhead per request at concurrency 1: p50 ${(serial[1]![2].p50 - serial[0]![2].p50).toFixed(2)} ms, p99 ${(serial[1]![2].p99 - serial[0]![2].p99).toFixed(2)} ms`);
const busy = rows.filter(([, c]) => c === 50);
console.log(`Throughput at concurrency 50: companion ${busy[1]![2].rps.toFixed(0)} req/s = ${(busy[1]![2].rps / busy[0]![2].rps).toFixed(2)} × the direct simulator calls`);

await server.close();
await simulator.close();
