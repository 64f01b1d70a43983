/**
 * Redis settings that lose the companion's records are named in its log, and a Redis that fails
 * answers the shopper 503 STORE_UNAVAILABLE (retry), not 500 (real redis-server, real HTTP).
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { RedisStore } from '../../src/server/index.js';
import { askRedis, startRedis, type RedisServer } from '../helpers/redis.js';
import { eventually, startShop } from '../helpers/shop.js';

const configSet = (redis: RedisServer, name: string, value: string) =>
  askRedis(redis.port, `CONFIG SET ${name} ${value}`, (reply) => (reply.includes('\r\n') ? reply.startsWith('+OK') : undefined), false);

describe('RedisStore: settings that lose records, and a Redis that fails', () => {
  let redis: RedisServer;
  before(async () => {
    redis = await startRedis();
  });
  after(() => redis?.stop());

  async function firstRequestLogs(prefix: string) {
    const shop = await startShop({ companion: { store: new RedisStore({ url: redis.url, prefix }) } });
    try {
      assert.equal((await shop.plans('cart-1')).status, 200);
      await new Promise((resolve) => setTimeout(resolve, 300));
      return shop.logs.filter((line) => line.startsWith('error') || line.startsWith('warn'));
    } finally {
      await shop.close();
    }
  }

  it('an evicting maxmemory-policy (error) and no append-only file (warning) are logged on the first request, with the setting to use', async () => {
    assert.ok(await configSet(redis, 'maxmemory', '100mb'));
    assert.ok(await configSet(redis, 'maxmemory-policy', 'volatile-lru'));
    assert.ok(await configSet(redis, 'appendonly', 'no'));
    const errors = await firstRequestLogs('settings-1:');
    assert.ok(errors.some((line) => line.startsWith('error Redis evicts keys (maxmemory-policy volatile-lru)') && /noeviction/.test(line)), errors.join('\n'));
    assert.ok(errors.some((line) => line.startsWith('warn Redis keeps no append-only file') && /appendonly yes/.test(line)), errors.join('\n'));
  });

  it('noeviction with an append-only file: nothing logged', async () => {
    assert.ok(await configSet(redis, 'maxmemory-policy', 'noeviction'));
    assert.ok(await configSet(redis, 'appendonly', 'yes'));
    // The check itself, read directly (so that an empty log is no slow check's silence).
    const store = new RedisStore({ url: redis.url, prefix: 'settings-check:' });
    assert.deepEqual(await store.problems(), []);
    await store.close();
    const errors = await firstRequestLogs('settings-2:');
    assert.deepEqual(errors, []);
  });

  it('Redis down: the shopper gets 503 STORE_UNAVAILABLE with Retry-After, and the log says it was Redis', async () => {
    const gone = await startRedis();
    const shop = await startShop({ companion: { store: new RedisStore({ url: gone.url, prefix: 'down:', connectTimeoutMs: 500 }) } });
    try {
      assert.equal((await shop.plans('cart-1')).status, 200);
      await gone.stop();
      const answer = await shop.plans('cart-1');
      assert.equal(answer.status, 503, JSON.stringify(answer.body));
      assert.equal(answer.body.error.code, 'STORE_UNAVAILABLE');
      assert.ok(Number(answer.headers.get('retry-after')) >= 1);
      await eventually(() => shop.logs.some((line) => line.startsWith('error the store (Redis) failed')), 2_000, 'the log line');
    } finally {
      await shop.close();
    }
  });
});
