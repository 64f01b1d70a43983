/**
 * RedisStore on a real Redis Cluster (three masters on loopback, started here): the store waits
 * for a given cluster client to finish connecting and discovering its slots before the first
 * command, and two companion instances on one cluster still make exactly one charge.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createCluster } from 'redis';
import { RedisStore, type RedisClientLike } from '../../src/server/redis-store.js';
import type { Store } from '../../src/server/store.js';
import { createXenditSimulator } from '../../src/testing/index.js';
import { listenSimulator } from '../../src/testing/node.js';
import { clusterSkipReason, startRedisCluster, type RedisCluster } from '../helpers/redis-cluster.js';
import { CALLBACK_TOKEN, SECRET_KEY, startShop, type Shop } from '../helpers/shop.js';
import { storeBehaviour, uniquePrefix } from '../helpers/store-behaviour.js';

const clusterClient = (rootNodes: Array<{ url: string }>) => createCluster({ rootNodes });
type Cluster = ReturnType<typeof clusterClient>;

/** A client in the shape of node-redis's that refuses commands until it is ready, as a cluster client does. */
function fakeClient(state: { isOpen?: boolean; isReady?: boolean; masters?: unknown[] }, connect?: () => Promise<void>) {
  const values = new Map<string, string>();
  let commands = 0;
  const offline = () => {
    const ready = state.isReady ?? (state.masters ? state.masters.length > 0 : true);
    if (state.isOpen === false || !ready) throw new Error('The client is offline');
    commands += 1;
  };
  const client = {
    get isOpen() { return state.isOpen; },
    get isReady() { return state.isReady; },
    get masters() { return state.masters; },
    ...(connect ? { connect } : {}),
    get: async (key: string) => { offline(); return values.get(key) ?? null; },
    set: async (key: string, value: string) => { offline(); values.set(key, value); return 'OK'; },
    del: async (key: string) => { offline(); return values.delete(key) ? 1 : 0; },
    eval: async () => { offline(); return 0; },
    evalSha: async () => { offline(); return 0; },
  } satisfies RedisClientLike;
  return { client, values, commands: () => commands };
}

const later = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('RedisStore waits for a given client to be ready before its first command', () => {
  test('not open: connected once for 20 concurrent callers, no command before it is ready', async () => {
    const state: { isOpen: boolean; isReady: boolean } = { isOpen: false, isReady: false };
    let connects = 0;
    const { client, commands } = fakeClient(state, async () => {
      connects += 1;
      state.isOpen = true; // open at once, ready only after discovery, like a cluster client
      await later(30);
      state.isReady = true;
    });
    const store = new RedisStore({ client });
    const values = await Promise.all(Array.from({ length: 20 }, () => store.get('k')));
    assert.deepEqual(values, Array.from({ length: 20 }, () => null));
    assert.equal(connects, 1);
    assert.equal(commands(), 20);
  });

  test('open but not ready (its owner is connecting it): polled until ready, then used', async () => {
    const state = { isOpen: true, isReady: false };
    const { client } = fakeClient(state, async () => assert.fail('the store must not connect a client that is open'));
    const store = new RedisStore({ client });
    setTimeout(() => (state.isReady = true), 40);
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.set(`k${i}`, 'v')));
    assert.equal(await store.get('k19'), 'v');
  });

  test('node-redis 5 cluster shape (no isReady): waits until it lists its masters', async () => {
    const state: { isOpen: boolean; masters: unknown[] } = { isOpen: true, masters: [] };
    const { client } = fakeClient(state);
    const store = new RedisStore({ client });
    setTimeout(() => state.masters.push({}), 40);
    assert.equal(await store.get('k'), null);
  });

  test('never ready: fails within connectTimeoutMs with a clear error, and the next call waits again', async () => {
    const state = { isOpen: true, isReady: false };
    const { client, commands } = fakeClient(state);
    const store = new RedisStore({ client, connectTimeoutMs: 100 });
    const started = Date.now();
    await assert.rejects(store.get('k'), /RedisStore could not connect: the Redis client it was given was not ready within 100 ms/);
    const waited = Date.now() - started;
    assert.ok(waited >= 90 && waited < 1_000, `waited ${waited} ms`);
    assert.equal(commands(), 0);
    state.isReady = true;
    assert.equal(await store.get('k'), null, 'a later call tries again');
  });

  test('closed by its owner before it was ready: fails at once, not after the timeout', async () => {
    const state = { isOpen: true, isReady: false };
    const { client } = fakeClient(state);
    const store = new RedisStore({ client, connectTimeoutMs: 5_000 });
    setTimeout(() => (state.isOpen = false), 20);
    const started = Date.now();
    await assert.rejects(store.get('k'), /the Redis client it was given is closed/);
    assert.ok(Date.now() - started < 1_000);
  });
});

const skip = clusterSkipReason();

describe('RedisStore on a Redis Cluster', { skip: skip ?? false }, () => {
  let cluster: RedisCluster | undefined;
  const clients: Cluster[] = [];
  const errors: unknown[] = [];
  /** A cluster client of our own, not connected; closed in `after` (the store leaves it open). */
  const newClient = (): Cluster => {
    if (!cluster) throw new Error('the cluster did not start');
    const client = clusterClient(cluster.rootNodes);
    client.on('error', (error) => errors.push(error));
    clients.push(client);
    return client;
  };
  /** A client whose connect() the test started and did not await: open, slots not discovered yet. */
  const connectingClient = (): Cluster => {
    const client = newClient();
    client.connect().catch((error: unknown) => errors.push(error));
    assert.equal(client.isOpen, true);
    assert.notEqual(client.isReady, true, 'still discovering slots');
    return client;
  };

  before(async () => {
    cluster = await startRedisCluster();
  });
  after(async () => {
    await Promise.allSettled(clients.map((client) => (client.isOpen ? client.close() : undefined)));
    await cluster?.stop();
  });

  storeBehaviour('store behaviour, cluster client given not connected', (options) =>
    new RedisStore({ client: newClient(), prefix: options?.prefix ?? uniquePrefix() }));

  storeBehaviour('store behaviour, cluster client given while still connecting', (options) =>
    new RedisStore({ client: connectingClient(), prefix: options?.prefix ?? uniquePrefix() }));

  for (const [given, make] of [['not connected', newClient], ['while still connecting', connectingClient]] as const) {
    test(`50 concurrent first operations on a cluster client given ${given} all succeed, one connect`, async () => {
      const client = make();
      const store = new RedisStore({ client, prefix: uniquePrefix() });
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => store.setIfAbsent(`order-${i % 5}`, `caller-${i}`, { ttlMs: 5_000 })),
      );
      assert.equal(results.filter(Boolean).length, 5, 'one winner per key');
      assert.equal(client.isReady, true);
      await store.close();
      assert.equal(client.isOpen, true, 'close() leaves a client it did not create open');
    });
  }

  test('a store given a connected cluster client works at once; scripts run on every master', async () => {
    const client = newClient();
    await client.connect();
    const store: Store = new RedisStore({ client, prefix: uniquePrefix() });
    // 60 keys spread over the slots of all three masters: each master runs the Lua scripts
    // (EVALSHA, then EVAL the first time a node does not know them), each with one key.
    const keys = Array.from({ length: 60 }, (_, i) => `key-${i}`);
    assert.deepEqual(await Promise.all(keys.map((key) => store.compareAndSet(key, null, 'v'))), keys.map(() => true));
    const sizes = await Promise.all(client.masters.map(async (master) => (await client.nodeClient(master)).dbSize()));
    assert.equal(sizes.length, 3);
    assert.ok(sizes.every((size) => size > 0), `keys on every master: ${sizes.join(', ')}`);
    assert.deepEqual(await Promise.all(keys.map((key) => store.compareAndDelete(key, 'v'))), keys.map(() => true));
    assert.deepEqual(await Promise.all(keys.map((key) => store.get(key))), keys.map(() => null));
  });

  test('a cluster client whose root nodes are all unreachable fails with its error, and the store retries later', async () => {
    const client = createCluster({ rootNodes: [{ url: 'redis://127.0.0.1:1' }] });
    client.on('error', () => {});
    const store = new RedisStore({ client, prefix: uniquePrefix(), connectTimeoutMs: 1_000 });
    const started = Date.now();
    await assert.rejects(store.get('k'), /root nodes|ECONNREFUSED|could not connect|not ready/i);
    await assert.rejects(store.get('k'), /root nodes|ECONNREFUSED|could not connect|not ready/i);
    assert.ok(Date.now() - started < 2_500, `failed within the bound (${Date.now() - started} ms)`);
    assert.equal(client.isOpen, false);
  });

  describe('two companion instances, each with its own cluster client, one cluster', () => {
    let simulator: ReturnType<typeof createXenditSimulator>;
    let a: Shop;
    let b: Shop;

    before(async () => {
      simulator = createXenditSimulator({ secretKey: SECRET_KEY, callbackToken: CALLBACK_TOKEN, callbackRetryDelaysMs: [20, 40] });
      const { url } = await listenSimulator(simulator);
      // The finding's setup: `createCluster({ rootNodes })` handed over as is, same prefix on both.
      const instance = () =>
        startShop({ sharedSimulator: simulator, companion: { baseUrl: url, store: new RedisStore({ client: newClient(), prefix: 'shop-cluster:' }) } });
      a = await instance();
      b = await instance();
    });
    after(async () => {
      await a?.close();
      await b?.close();
      await simulator?.close();
    });

    test('20 concurrent POST /charges for one quote, split over both: all 200, one charge id, one Xendit charge', async () => {
      const plans = await a.plans();
      assert.equal(plans.status, 200, JSON.stringify(plans.body));
      const plan = plans.body.providers.find((p: any) => p.available).plan_id;
      simulator.injectFault({ route: 'charges', latencyMs: 150 });
      const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).charge(plans.body.quote, plan)));
      simulator.clearFaults();
      assert.deepEqual(
        answers.filter((r) => r.status !== 200).map((r) => `${r.status} ${JSON.stringify(r.body)}`),
        [],
        'every request answered 200',
      );
      assert.equal(new Set(answers.map((r) => r.body.charge_id)).size, 1);
      assert.equal(simulator.charges().length, 1);
    });
  });
});
