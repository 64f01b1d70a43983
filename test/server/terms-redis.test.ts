/**
 * The terms across instances: two companions (two servers, two Redis clients) on one real
 * `redis-server` and one simulator derive each channel's terms once between them, create one
 * preview customer, answer the same body and ETag, and refresh stale terms once between them.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RedisStore } from '../../src/server/index.js';
import { createXenditSimulator } from '../../src/testing/index.js';
import { listenSimulator } from '../../src/testing/node.js';
import { startRedis, type RedisServer } from '../helpers/redis.js';
import { CALLBACK_TOKEN, eventually, SECRET_KEY, startShop, type Shop } from '../helpers/shop.js';

const IDR = ['ID_KREDIVO', 'ID_AKULAKU', 'ID_INDODANA', 'ID_ATOME', 'ID_UANGME'];
const REFRESH_MS = 1_500;

describe('terms: two instances sharing one RedisStore', () => {
  let redis: RedisServer;
  let simulator: ReturnType<typeof createXenditSimulator>;
  let a: Shop;
  let b: Shop;
  const derivations = () => [...a.logs, ...b.logs].filter((line) => line.includes('terms derived'));

  before(async () => {
    redis = await startRedis();
    simulator = createXenditSimulator({ secretKey: SECRET_KEY, callbackToken: CALLBACK_TOKEN });
    const { url } = await listenSimulator(simulator);
    const instance = () =>
      startShop({ sharedSimulator: simulator, companion: { baseUrl: url, channels: IDR, preview: { refreshMs: REFRESH_MS }, store: new RedisStore({ url: redis.url, prefix: 'terms-test:' }) } });
    a = await instance();
    b = await instance();
  });
  after(async () => {
    await a?.close();
    await b?.close();
    await simulator?.close();
    await redis?.stop();
  });

  it('20 concurrent requests spread over both instances derive each channel once, with one preview customer', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).call('/terms?currency=IDR')));
    assert.deepEqual([...new Set(answers.map((r) => r.status))], [200]);
    assert.equal(new Set(answers.map((r) => r.headers.get('etag'))).size, 1, 'one body, one ETag');
    assert.deepEqual(answers[0]!.body.providers.map((p: { channel_code: string }) => p.channel_code), IDR);

    assert.equal(derivations().length, IDR.length, derivations().join('\n'));
    assert.deepEqual(simulator.customers().map((c) => c.reference_id), ['paylater-terms-preview']);
    const plans = simulator.plans();
    assert.ok(plans.length <= 7 * IDR.length, `${plans.length} plans calls`);
    for (const channel of IDR) {
      const amounts = plans.filter((p) => p.channel_code === channel).map((p) => p.amount);
      assert.equal(new Set(amounts).size, amounts.length, `${channel}: no amount asked twice`);
    }

    // What one instance derived, the other serves from Redis.
    const calls = simulator.plans().length;
    assert.equal((await b.call('/terms?currency=IDR')).headers.get('etag'), answers[0]!.headers.get('etag'));
    assert.equal((await a.call('/terms?currency=IDR')).headers.get('etag'), answers[0]!.headers.get('etag'));
    assert.equal(simulator.plans().length, calls);
  });

  it('stale terms are refreshed once between the instances, behind the answers', async () => {
    const before = (await a.call('/terms?currency=IDR')).body;
    await new Promise((r) => setTimeout(r, REFRESH_MS + 100));
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).call('/terms?currency=IDR')));
    assert.ok(answers.every((r) => r.status === 200));
    // The stale terms answer at once (a request the busy test machine delays may already see the new ones).
    assert.ok(answers.some((r) => r.body.updated_at === before.updated_at));
    await eventually(() => derivations().length === 2 * IDR.length, 5_000, 'the refresh');
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(derivations().length, 2 * IDR.length, 'each channel refreshed once');
    const after = (await b.call('/terms?currency=IDR')).body;
    assert.ok(Date.parse(after.updated_at) > Date.parse(before.updated_at));
    assert.deepEqual(after.providers, before.providers);
  });
});
