import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from 'redis';
import { MemoryStore } from '../../src/server/memory-store.js';
import { RedisStore, type RedisClientLike } from '../../src/server/redis-store.js';
import { LockTimeoutError, lockKey, withLock, type Store } from '../../src/server/store.js';
import { startRedis, type RedisServer } from '../helpers/redis.js';

type MakeStore = (options?: { prefix?: string }) => Store | Promise<Store>;

let prefixes = 0;
/** A prefix no other test uses, so tests sharing one Redis never see each other's keys. */
const uniquePrefix = () => `test-${process.pid}-${(prefixes += 1)}:`;

/** Read, yield, write: loses updates unless something serialises it. */
async function increment(store: Store, key: string): Promise<void> {
  const value = Number((await store.get(key)) ?? '0');
  await sleep(0);
  await store.set(key, String(value + 1));
}

/** The behaviour every Store must have. */
function storeBehaviour(name: string, makeStore: MakeStore) {
  describe(name, () => {
    const opened: Store[] = [];
    const open = async (options?: { prefix?: string }) => {
      const store = await makeStore(options);
      opened.push(store);
      return store;
    };
    after(async () => {
      await Promise.all(opened.map((store) => store.close?.()));
    });

    test('get is null for an absent key; set stores, overwrites, and delete removes', async () => {
      const store = await open();
      assert.equal(await store.get('k'), null);
      await store.set('k', 'one');
      assert.equal(await store.get('k'), 'one');
      await store.set('k', 'two');
      assert.equal(await store.get('k'), 'two');
      await store.delete('k');
      assert.equal(await store.get('k'), null);
      await store.delete('never-set'); // absent is fine
    });

    test('an empty string is a value, not an absent key', async () => {
      const store = await open();
      await store.set('k', '');
      assert.equal(await store.get('k'), '');
      assert.equal(await store.setIfAbsent('k', 'x'), false);
      assert.equal(await store.compareAndSet('k', null, 'x'), false);
      assert.equal(await store.compareAndSet('k', '', 'x'), true);
      assert.equal(await store.get('k'), 'x');
    });

    test('a key with ttlMs expires; one without never does; a later write replaces the ttl', async () => {
      const store = await open();
      await store.set('short', 'v', { ttlMs: 50 });
      await store.set('forever', 'v');
      await store.set('renewed', 'v', { ttlMs: 50 });
      await store.set('renewed', 'w');
      assert.equal(await store.get('short'), 'v');
      await sleep(120);
      assert.equal(await store.get('short'), null);
      assert.equal(await store.get('forever'), 'v');
      assert.equal(await store.get('renewed'), 'w');
    });

    test('a zero, negative or non-finite ttlMs is refused', async () => {
      const store = await open();
      for (const ttlMs of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
        await assert.rejects(store.set('k', 'v', { ttlMs }), RangeError);
        await assert.rejects(store.setIfAbsent('k', 'v', { ttlMs }), RangeError);
        await assert.rejects(store.compareAndSet('k', null, 'v', { ttlMs }), RangeError);
      }
      assert.equal(await store.get('k'), null);
    });

    test('setIfAbsent: of 50 concurrent calls exactly one sets the key', async () => {
      const store = await open();
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => store.setIfAbsent('race', `caller-${i}`, { ttlMs: 5_000 })),
      );
      assert.equal(results.filter(Boolean).length, 1);
      assert.equal(await store.get('race'), `caller-${results.indexOf(true)}`);
    });

    test('setIfAbsent leaves a present key alone and succeeds again once it expired', async () => {
      const store = await open();
      assert.equal(await store.setIfAbsent('k', 'first', { ttlMs: 50 }), true);
      assert.equal(await store.setIfAbsent('k', 'second', { ttlMs: 50 }), false);
      assert.equal(await store.get('k'), 'first');
      await sleep(120);
      assert.equal(await store.setIfAbsent('k', 'third'), true);
      assert.equal(await store.get('k'), 'third');
    });

    test('compareAndSet replaces only the expected value', async () => {
      const store = await open();
      assert.equal(await store.compareAndSet('k', 'something', 'v'), false, 'absent is not "something"');
      assert.equal(await store.get('k'), null);
      assert.equal(await store.compareAndSet('k', null, 'pending'), true, 'null means absent');
      assert.equal(await store.compareAndSet('k', null, 'other'), false);
      assert.equal(await store.compareAndSet('k', 'failed', 'x'), false);
      assert.equal(await store.get('k'), 'pending');
      assert.equal(await store.compareAndSet('k', 'pending', 'succeeded'), true);
      assert.equal(await store.get('k'), 'succeeded');
    });

    test('compareAndSet: of 50 concurrent moves from the same value exactly one wins', async () => {
      const store = await open();
      await store.set('status', 'pending');
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => store.compareAndSet('status', 'pending', `next-${i}`)),
      );
      assert.equal(results.filter(Boolean).length, 1);
      assert.equal(await store.get('status'), `next-${results.indexOf(true)}`);
    });

    test('compareAndSet applies ttlMs to the value it writes', async () => {
      const store = await open();
      assert.equal(await store.compareAndSet('k', null, 'v', { ttlMs: 50 }), true);
      await sleep(120);
      assert.equal(await store.get('k'), null);
      assert.equal(await store.compareAndSet('k', null, 'again'), true, 'an expired key counts as absent');
    });

    test('compareAndDelete deletes only the expected value', async () => {
      const store = await open();
      assert.equal(await store.compareAndDelete('k', 'v'), false, 'absent');
      await store.set('k', 'mine');
      assert.equal(await store.compareAndDelete('k', 'yours'), false);
      assert.equal(await store.get('k'), 'mine');
      assert.equal(await store.compareAndDelete('k', 'mine'), true);
      assert.equal(await store.get('k'), null);
      assert.equal(await store.compareAndDelete('k', 'mine'), false, 'already gone');
    });

    test('stores with different prefixes do not see each other\'s keys', async () => {
      const a = await open({ prefix: `${uniquePrefix()}a:` });
      const b = await open({ prefix: `${uniquePrefix()}b:` });
      await a.set('shared-name', 'from-a');
      assert.equal(await b.get('shared-name'), null);
      assert.equal(await b.setIfAbsent('shared-name', 'from-b'), true);
      await a.delete('shared-name');
      assert.equal(await b.get('shared-name'), 'from-b');
      assert.equal(await a.get('shared-name'), null);
    });

    test('without a lock, concurrent read-modify-write loses updates (the next test can fail)', async () => {
      const store = await open();
      await Promise.all(Array.from({ length: 20 }, () => increment(store, 'counter')));
      assert.ok(Number(await store.get('counter')) < 20);
    });

    test('withLock: 100 concurrent increments through the lock end at 100', async () => {
      const store = await open();
      const results = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          withLock(store, 'counter', async () => {
            await increment(store, 'counter');
            return i;
          }, { pollMs: 5, waitMs: 8_000 }),
        ),
      );
      assert.equal(await store.get('counter'), '100');
      assert.deepEqual(results, Array.from({ length: 100 }, (_, i) => i), 'each caller gets its own result');
      assert.equal(await store.get(lockKey('counter')), null, 'released at the end');
    });

    test('withLock: while the lock is held, a waiter gives up after waitMs with LOCK_TIMEOUT', async () => {
      const store = await open();
      let release!: () => void;
      const holding = withLock(store, 'order-1', () => new Promise<void>((resolve) => (release = resolve)));
      await sleep(20);
      let ran = false;
      const started = Date.now();
      await assert.rejects(
        withLock(store, 'order-1', () => { ran = true; }, { waitMs: 100, pollMs: 10 }),
        (error: unknown) => {
          assert.ok(error instanceof LockTimeoutError);
          assert.equal(error.code, 'LOCK_TIMEOUT');
          assert.equal(error.key, 'order-1');
          return true;
        },
      );
      assert.ok(Date.now() - started >= 95, 'waited about waitMs');
      assert.equal(ran, false);
      await assert.rejects(withLock(store, 'order-1', () => {}, { waitMs: 0 }), LockTimeoutError);
      release();
      await holding;
      assert.equal(await withLock(store, 'order-1', () => 'free again', { waitMs: 0 }), 'free again');
    });

    test('withLock: releases the lock when fn throws and rethrows the error', async () => {
      const store = await open();
      await assert.rejects(withLock(store, 'k', () => { throw new Error('boom'); }), /boom/);
      assert.equal(await store.get(lockKey('k')), null);
    });

    test('withLock: a lock whose holder never released it frees after its ttl', async () => {
      const store = await open();
      assert.equal(await store.setIfAbsent(lockKey('k'), 'crashed-holder', { ttlMs: 80 }), true);
      const started = Date.now();
      assert.equal(await withLock(store, 'k', () => 'got it', { waitMs: 2_000, pollMs: 10 }), 'got it');
      assert.ok(Date.now() - started >= 60);
    });

    test('withLock: a holder whose lock lapsed does not release the next holder\'s lock', async () => {
      const store = await open();
      const slow = withLock(store, 'k', () => sleep(150), { ttlMs: 50 });
      await sleep(100);
      assert.equal(await store.setIfAbsent(lockKey('k'), 'next-holder', { ttlMs: 5_000 }), true);
      await slow;
      assert.equal(await store.get(lockKey('k')), 'next-holder');
    });
  });
}

describe('MemoryStore', () => {
  storeBehaviour('store behaviour', (options) => new MemoryStore(options));

  test('keeps at most maxEntries keys, evicting the least recently set', async () => {
    const evicted: string[] = [];
    const store = new MemoryStore({ maxEntries: 3, onEvict: (key) => evicted.push(key) });
    await store.set('a', '1');
    await store.set('b', '2');
    await store.set('c', '3');
    await store.set('a', '1 again'); // a is now the most recently set
    await store.set('d', '4');
    assert.equal(store.size, 3);
    assert.deepEqual(evicted, ['b']);
    assert.equal(await store.get('b'), null);
    assert.equal(await store.get('a'), '1 again');
    assert.equal(await store.setIfAbsent('e', '5'), true);
    assert.deepEqual(evicted, ['b', 'c']);
  });

  test('when full, drops expired keys before evicting a live one', async () => {
    const evicted: string[] = [];
    const store = new MemoryStore({ maxEntries: 2, onEvict: (key) => evicted.push(key) });
    await store.set('old-but-live', 'v');
    await store.set('short', 'v', { ttlMs: 20 });
    await sleep(50);
    await store.set('new', 'v');
    assert.deepEqual(evicted, []);
    assert.equal(await store.get('old-but-live'), 'v');
    assert.equal(await store.get('new'), 'v');
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
    assert.equal((store as unknown as { entries: Map<string, unknown> }).entries.size, 1);
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
