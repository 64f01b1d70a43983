/**
 * Soak: shoppers and Xendit's callbacks against the companion over HTTP with faults injected, for
 * a fixed number of requests (see soak.ts for the journey and the faults). Then, for what a user
 * would notice: no 5xx except the documented upstream answers, no order charged twice, every paid
 * or refused charge shows its status and `onPaymentEvent` ran once for it, memory bounded.
 *
 * `npm test` runs a short soak (SOAK_REQUESTS, default 300). `npm run soak` runs 20,000 requests
 * with one instance and MemoryStore, then with two instances sharing a RedisStore.
 * SOAK_SEED replays a run's random choices (the interleaving of concurrent requests still varies).
 * SOAK_STALL_MS adds process stalls: `SOAK_STALL_MS=1100 SOAK_REQUESTS=1500 npm run soak` makes
 * answers that already arrived look timed out (1 s limit; charge creation waits 10 s, see soak.ts).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RedisStore } from '../../src/server/index.js';
import { findRedisServer, startRedis } from '../helpers/redis.js';
import { formatReport, runSoak, type SoakReport } from './soak.js';

const REQUESTS = Number(process.env.SOAK_REQUESTS ?? 300);
const SEED = process.env.SOAK_SEED === undefined ? undefined : Number(process.env.SOAK_SEED);
/** SOAK_STALL_MS=1100: the process stalls that long every 3 s (off by default; see soak.ts). */
const STALL_MS = Number(process.env.SOAK_STALL_MS ?? 0);
/**
 * Heap growth allowed over the run: a sanity bound that catches a gross leak. The simulator in the
 * same process keeps every plan, charge and callback it made (as Xendit does), about 5 kB per
 * request, and the store holds every order's state; the companion alone, against a stateless
 * upstream, is measured by `npm run bench` (memory).
 */
const heapBudgetMb = (requests: number) => 48 + requests * 0.006;

function check(report: SoakReport) {
  assert.deepEqual(report.problems, [], 'answers a shopper or Xendit must never get');
  assert.deepEqual(report.charges.doubleCharged, [], 'orders charged more than once');
  assert.ok(report.charges.created >= report.charges.expected, 'a charge answered to a shopper is missing at Xendit');
  assert.deepEqual(report.statuses.lost, [], 'statuses lost');
  assert.deepEqual(report.callbacks.eventProblems, [], 'onPaymentEvent not run exactly once per status');
  assert.deepEqual(report.callbacks.deliveryProblems, [], 'callback deliveries refused');
  assert.equal(report.callbacks.events, report.statuses.approved + report.statuses.rejected);
  assert.ok(report.statuses.approved > 0 && report.statuses.rejected > 0, 'the run paid and refused nothing: it tested nothing');
  assert.ok(Object.values(report.faults).reduce((a, b) => a + b, 0) > 0, 'no fault was injected');
  const growth = report.memory.heapEndMb - report.memory.heapStartMb;
  assert.ok(growth < heapBudgetMb(report.requests), `heap grew ${growth.toFixed(1)} MB over ${report.requests} requests`);
}

describe('soak: the companion under mixed traffic and injected faults', () => {
  it(`${REQUESTS} requests, one instance, MemoryStore`, async () => {
    const report = await runSoak({ requests: REQUESTS, seed: SEED, stallMs: STALL_MS, log: console.log });
    console.log(formatReport('soak: one instance, MemoryStore', report));
    check(report);
  });

  it(`${Math.ceil(REQUESTS / 3)} requests, two instances behind a balancer sharing one RedisStore`, { skip: findRedisServer() ? false : 'redis-server is not installed' }, async () => {
    const redis = await startRedis();
    try {
      const report = await runSoak({
        requests: Math.ceil(REQUESTS / 3),
        instances: 2,
        store: () => new RedisStore({ url: redis.url, prefix: 'soak:' }),
        seed: SEED,
        stallMs: STALL_MS,
        log: console.log,
      });
      console.log(formatReport('soak: two instances, RedisStore', report));
      check(report);
    } finally {
      await redis.stop();
    }
  });
});
