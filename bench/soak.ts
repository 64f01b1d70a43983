/**
 * The soak engine of test/soak (mixed traffic with injected faults over HTTP), run as a benchmark
 * so BENCHMARKS.md carries its figures: one instance with MemoryStore, then two instances behind a
 * round-robin balancer sharing a RedisStore. The assertions live in test/soak/companion-soak.test.ts;
 * here the figures are printed and handed to bench/run.ts.
 *
 * Run: node --import tsx bench/soak.ts  (options: --requests=2000 --json=<file>)
 */
import { RedisStore } from '../src/server/index.js';
import { findRedisServer, startRedis } from '../test/helpers/redis.js';
import { formatReport, runSoak, type SoakReport } from '../test/soak/soak.js';
import { arg, writeJson } from './lib.js';

const REQUESTS = arg('requests', 2_000);
const reports: Array<{ name: string; report: SoakReport }> = [];

const memory = await runSoak({ requests: REQUESTS });
console.log(formatReport('\none instance, MemoryStore', memory));
reports.push({ name: 'one instance, MemoryStore', report: memory });

if (findRedisServer()) {
  const redis = await startRedis();
  try {
    const shared = await runSoak({ requests: Math.ceil(REQUESTS / 2), instances: 2, store: () => new RedisStore({ url: redis.url, prefix: 'bench-soak:' }) });
    console.log(formatReport('\ntwo instances behind a balancer, one RedisStore', shared));
    reports.push({ name: 'two instances, one RedisStore', report: shared });
  } finally {
    await redis.stop();
  }
} else {
  console.warn('redis-server not found: the two-instance soak is skipped');
}
writeJson({ reports });
