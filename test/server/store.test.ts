import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from 'redis';
import { MemoryStore } from '../../src/server/memory-store.js';
import { RedisStore, type RedisClientLike } from '../../src/server/redis-store.js';
import { withLock } from '../../src/server/store.js';
import { startRedis, type RedisServer } from '../helpers/redis.js';
import { increment, storeBehaviour, uniquePrefix } from '../helpers/store-behaviour.js';

describe('MemoryStore', () => {
  storeBehaviour('store behaviour', (options) => new MemoryStore(options));

  const cache = { cache: true } as const;

  test('keeps at most maxEntries cache entries, evicting the least recently set', async () => {
    const evicted: string[] = [];
    const store = new MemoryStore({ maxEntries: 3, onEvict: (key) => evicted.push(key) });
    await store.set('a', '1', cache);
    await store.set('b', '2', cache);
    await store.set('c', '3', cache);
    await store.set('a', '1 again', cache); // a is now the most recently set
    await store.set('d', '4', cache);
    assert.equal(store.size, 3);
    assert.deepEqual(evicted, ['b']);
    assert.equal(await store.get('b'), null);
    assert.equal(await store.get('a'), '1 again');
    assert.equal(await store.setIfAbsent('e', '5', cache), true);
    assert.deepEqual(evicted, ['b', 'c']);
  });

  test('when full, drops expired cache entries before evicting a live one', async () => {
    const evicted: string[] = [];
    const store = new MemoryStore({ maxEntries: 2, onEvict: (key) => evicted.push(key) });
    await store.set('old-but-live', 'v', cache);
    await store.set('short', 'v', { ttlMs: 20, cache: true });
    await sleep(50);
    await store.set('new', 'v', cache);
    assert.deepEqual(evicted, []);
    assert.equal(await store.get('old-but-live'), 'v');
    assert.equal(await store.get('new'), 'v');
  });

  test('never evicts a durable record, however many cache entries come after it; it leaves by its TTL', async () => {
    const evicted: string[] = [];
    const store = new MemoryStore({ maxEntries: 10, onEvict: (key) => evicted.push(key) });
    await store.set('charge:plc_1', 'record', { ttlMs: 60_000 });
    await store.set('lock:order:1', 'holder', { ttlMs: 60_000 });
    await store.set('token:t', 'plc_1', { ttlMs: 1_000 });
    for (let i = 0; i < 1_000; i += 1) await store.set(`inquiry:${i}`, 'v', { ttlMs: 60_000, cache: true });
    assert.equal(await store.get('charge:plc_1'), 'record');
    assert.equal(await store.get('lock:order:1'), 'holder');
    assert.equal(await store.get('token:t'), 'plc_1');
    assert.equal(evicted.length, 990);
    assert.ok(evicted.every((key) => key.startsWith('inquiry:')));
    assert.equal(store.size, 13);
    // A cache write over a durable key makes it a cache entry (and the other way round).
    await store.set('inquiry:999', 'now durable');
    for (let i = 0; i < 20; i += 1) await store.set(`more:${i}`, 'v', cache);
    assert.equal(await store.get('inquiry:999'), 'now durable');
    await sleep(1_050);
    assert.equal(await store.get('token:t'), null, 'expired by age');
  });

  test('defaults: prefix paylater: and 10,000 entries; a bad maxEntries is refused', () => {
    const store = new MemoryStore();
    assert.equal(store.prefix, 'paylater:');
    assert.equal(store.maxEntries, 10_000);
    assert.throws(() => new MemoryStore({ maxEntries: 0 }), RangeError);
  });

  test('expired keys are dropped without being read again', async () => {
    const store = new MemoryStore({ sweepIntervalMs: 10 });
    for (let i = 0; i < 100; i += 1) await store.set(`k${i}`, 'v', { ttlMs: 20 });
    await store.set('live', 'v');
    await sleep(50);
    await store.get('live'); // any operation sweeps once sweepIntervalMs passed
    assert.equal((store as unknown as { records: Map<string, unknown> }).records.size, 1);
  });
});

describe('RedisStore', () => {
  let redis: RedisServer | undefined;
  const server = () => {
    if (!redis) throw new Error('redis-server did not start');
    return redis;
  };
  const raw = () => createClient({ url: server().url });
  before(async () => {
    redis = await startRedis();
  });
  after(async () => {
    await redis?.stop();
  });

  storeBehaviour('store behaviour', (options) =>
    new RedisStore({ url: server().url, prefix: options?.prefix ?? uniquePrefix() }));

  test('two instances with their own clients share locks and keys on one server', async () => {
    const prefix = uniquePrefix();
    const a = new RedisStore({ url: server().url, prefix });
    const b = new RedisStore({ url: server().url, prefix });
    try {
      const claims = await Promise.all(
        Array.from({ length: 50 }, (_, i) => (i % 2 ? a : b).setIfAbsent('charge:order-1:plan-1', `claim-${i}`)),
      );
      assert.equal(claims.filter(Boolean).length, 1);

      let release!: () => void;
      const holding = withLock(a, 'order-2', () => new Promise<void>((resolve) => (release = resolve)));
      await sleep(20);
      await assert.rejects(withLock(b, 'order-2', () => {}, { waitMs: 50, pollMs: 10 }), { code: 'LOCK_TIMEOUT' });
      release();
      await holding;

      await Promise.all(
        Array.from({ length: 100 }, (_, i) => {
          const store = i % 2 ? a : b;
          return withLock(store, 'counter', () => increment(store, 'counter'), { pollMs: 5, waitMs: 8_000 });
        }),
      );
      assert.equal(await a.get('counter'), '100');
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  test('keys live in Redis under prefix + key with a millisecond TTL', async () => {
    const client = raw();
    await client.connect();
    const store = new RedisStore({ client, prefix: 'shop-a:' });
    try {
      await store.set('customer:42', 'cust_1', { ttlMs: 10_000 });
      assert.equal(await client.get('shop-a:customer:42'), 'cust_1');
      const pttl = await client.pTTL('shop-a:customer:42');
      assert.ok(pttl > 9_000 && pttl <= 10_000, `pttl ${pttl}`);
      await store.setIfAbsent('lock', 'token', { ttlMs: 5_000 });
      assert.ok((await client.pTTL('shop-a:lock')) > 4_000);
      await store.compareAndSet('status', null, 'pending', { ttlMs: 5_000 });
      assert.ok((await client.pTTL('shop-a:status')) > 4_000);
      assert.equal(new RedisStore({ client }).prefix, 'paylater:');
    } finally {
      await store.close();
      await client.close();
    }
  });

  test('an existing client is connected when needed and left open by close()', async () => {
    const client = raw();
    const store = new RedisStore({ client, prefix: uniquePrefix() });
    await store.set('k', 'v'); // connects the client it was given
    assert.equal(client.isOpen, true);
    await store.close();
    assert.equal(client.isOpen, true, 'close() leaves a client it did not create open');
    assert.equal(await client.ping(), 'PONG');
    await client.close();
    await assert.rejects(store.get('k'), /closed/);
  });

  test('an existing client given while it is still connecting is waited for, not connected twice', async () => {
    const client = raw();
    const connecting = client.connect();
    const store = new RedisStore({ client, prefix: uniquePrefix() });
    try {
      const claims = await Promise.all(Array.from({ length: 20 }, (_, i) => store.setIfAbsent('k', `claim-${i}`)));
      assert.equal(claims.filter(Boolean).length, 1);
      await connecting; // the owner's connect() went through: the store did not call connect() again
      assert.equal(client.isReady, true);
    } finally {
      await store.close();
      await client.close();
    }
  });

  test('a store made from a url closes its own client; close() is idempotent', async () => {
    const store = new RedisStore({ url: server().url, prefix: uniquePrefix() });
    await store.set('k', 'v');
    await store.close();
    await store.close();
    await assert.rejects(store.get('k'), /closed/);
    const closedBeforeUse = new RedisStore({ url: server().url });
    await closedBeforeUse.close();
  });

  test('scripts run by EVALSHA, falling back to EVAL when Redis forgot them (SCRIPT FLUSH)', async () => {
    const client = raw();
    await client.connect();
    const calls: string[] = [];
    const spy: RedisClientLike = {
      isOpen: true,
      get: (key) => client.get(key),
      set: (key, value, options) => client.set(key, value, options),
      del: (key) => client.del(key),
      evalSha: (sha, options) => {
        calls.push('evalSha');
        return client.evalSha(sha, options);
      },
      eval: (lua, options) => {
        calls.push('eval');
        return client.eval(lua, options);
      },
    };
    const store = new RedisStore({ client: spy, prefix: uniquePrefix() });
    try {
      await client.scriptFlush();
      assert.equal(await store.compareAndSet('k', null, 'a'), true);
      assert.deepEqual(calls.splice(0), ['evalSha', 'eval'], 'unknown script: NOSCRIPT, then EVAL');
      assert.equal(await store.compareAndSet('k', 'a', 'b'), true);
      assert.deepEqual(calls.splice(0), ['evalSha'], 'known script: EVALSHA alone (the sha is right)');
      await client.scriptFlush();
      assert.equal(await store.compareAndDelete('k', 'b'), true);
      assert.deepEqual(calls.splice(0), ['evalSha', 'eval']);
      assert.equal(await store.get('k'), null);
    } finally {
      await client.close();
    }
  });

  test('an unreachable Redis fails within connectTimeoutMs without leaking the password', async () => {
    const unused = await startRedis();
    const port = unused.port;
    await unused.stop(); // nothing listens there now
    const store = new RedisStore({ url: `redis://user:s3cret-pw@127.0.0.1:${port}`, connectTimeoutMs: 200 });
    const started = Date.now();
    try {
      await assert.rejects(store.get('k'), (error: Error) => {
        assert.match(error.message, /could not connect/);
        assert.doesNotMatch(error.message, /s3cret-pw/);
        return true;
      });
      assert.ok(Date.now() - started < 2_000);
    } finally {
      await store.close();
    }
  });

  test('the constructor wants exactly one of url or client', () => {
    assert.throws(() => new RedisStore({} as never), TypeError);
    assert.throws(() => new RedisStore({ url: server().url, client: raw() } as never), TypeError);
    assert.throws(() => new RedisStore({ url: 'http://localhost:6379' }), TypeError);
  });
});
