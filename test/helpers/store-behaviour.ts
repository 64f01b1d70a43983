/**
 * The behaviour every `Store` must have, as one suite to run against each store (MemoryStore,
 * RedisStore on one server, RedisStore on a Redis Cluster).
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { increment as countUp, LockTimeoutError, lockKey, withLock, type Store } from '../../src/server/store.js';

export type MakeStore = (options?: { prefix?: string }) => Store | Promise<Store>;

let prefixes = 0;
/** A prefix no other test uses, so tests sharing one Redis never see each other's keys. */
export const uniquePrefix = () => `test-${process.pid}-${(prefixes += 1)}:`;

/** Read, yield, write: loses updates unless something serialises it. */
export async function increment(store: Store, key: string): Promise<void> {
  const value = Number((await store.get(key)) ?? '0');
  await sleep(0);
  await store.set(key, String(value + 1));
}

/** The behaviour every Store must have. */
export function storeBehaviour(name: string, makeStore: MakeStore) {
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

    test('withLock: a live holder keeps its lock past the ttl (renewed while it works)', async () => {
      const store = await open();
      const slow = withLock(store, 'k', () => sleep(250), { ttlMs: 60 });
      await sleep(150);
      assert.equal(await store.setIfAbsent(lockKey('k'), 'intruder', { ttlMs: 5_000 }), false);
      await slow;
      assert.equal(await store.get(lockKey('k')), null, 'released at the end');
    });

    test('withLock: a holder whose lock was lost neither renews nor releases the next holder\'s lock', async () => {
      const store = await open();
      const slow = withLock(store, 'k', () => sleep(200), { ttlMs: 60 });
      await sleep(30);
      await store.delete(lockKey('k')); // lost (an expiry during a stall, a failover)
      assert.equal(await store.setIfAbsent(lockKey('k'), 'next-holder', { ttlMs: 5_000 }), true);
      await slow;
      assert.equal(await store.get(lockKey('k')), 'next-holder');
    });

    // A store without `increment` gets the compareAndSet fallback: both must count the same way.
    for (const [how, wrap] of [
      ['its own increment', (store: Store) => store],
      ['the compareAndSet fallback', (store: Store): Store => ({ ...bind(store), increment: undefined })],
    ] as const) {
      test(`increment (${how}): concurrent counts are never lost, and the window ends when the first count set it`, async () => {
        const store = wrap(await open());
        const counts = await Promise.all(Array.from({ length: 40 }, () => countUp(store, 'counter', { ttlMs: 10_000, cache: true })));
        assert.deepEqual([...counts].sort((a, b) => a - b), Array.from({ length: 40 }, (_, i) => i + 1));
        assert.equal(await countUp(store, 'window', { ttlMs: 400 }), 1);
        await sleep(250);
        assert.equal(await countUp(store, 'window', { ttlMs: 400 }), 2, 'a later count keeps the window');
        await sleep(250);
        assert.equal(await countUp(store, 'window', { ttlMs: 400 }), 1, 'the window ended 400 ms after its first count, not after the last');
      });
    }
  });
}

/** The store's methods bound to it, so a copy of them works as a store. */
function bind(store: Store): Store {
  return {
    get: (k) => store.get(k),
    set: (k, v, o) => store.set(k, v, o),
    setIfAbsent: (k, v, o) => store.setIfAbsent(k, v, o),
    compareAndSet: (k, e, v, o) => store.compareAndSet(k, e, v, o),
    compareAndDelete: (k, e) => store.compareAndDelete(k, e),
    delete: (k) => store.delete(k),
  };
}
