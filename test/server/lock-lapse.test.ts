/**
 * An instance that loses an order's lock while it goes on working (Redis stalled past the lock's
 * TTL while Xendit was slow to answer) never undoes what the next holder recorded, and never makes
 * a second charge: real HTTP, two companion instances on one real redis-server. The stall is played
 * by instance A's store: its lock lapses (deleted, as Redis's TTL would do) and its renewals fail.
 */
import { describe, it, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { RedisStore, type SetOptions, type Store } from '../../src/server/index.js';
import { createXenditSimulator } from '../../src/testing/index.js';
import { listenSimulator } from '../../src/testing/node.js';
import { startRedis, type RedisServer } from '../helpers/redis.js';
import { startShop, eventually, order, pressOnProviderPage, SECRET_KEY, CALLBACK_TOKEN, type Shop } from '../helpers/shop.js';

/** Instance A's view of Redis: `lapse(reference)` ends its hold on the order's lock behind its back. */
class StallingStore implements Store {
  stalled = false;
  constructor(private readonly inner: Store) {}
  get(key: string) {
    return this.inner.get(key);
  }
  set(key: string, value: string, options?: SetOptions) {
    return this.inner.set(key, value, options);
  }
  setIfAbsent(key: string, value: string, options?: SetOptions) {
    return this.inner.setIfAbsent(key, value, options);
  }
  compareAndSet(key: string, expected: string | null, value: string, options?: SetOptions) {
    // The renewals of a lapsed lock fail, as they would against a lock that expired.
    if (this.stalled && key.startsWith('lock:')) return Promise.resolve(false);
    return this.inner.compareAndSet(key, expected, value, options);
  }
  compareAndDelete(key: string, expected: string) {
    if (this.stalled && key.startsWith('lock:')) return Promise.resolve(false);
    return this.inner.compareAndDelete(key, expected);
  }
  delete(key: string) {
    return this.inner.delete(key);
  }
  async lapse(reference: string) {
    this.stalled = true;
    await this.inner.delete(`lock:order:${reference}`);
  }
  close() {
    return this.inner.close?.() ?? Promise.resolve();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('an instance whose lock on the order lapsed while Xendit was slow', () => {
  let redis: RedisServer;
  let simulator: ReturnType<typeof createXenditSimulator>;
  let storeA: StallingStore;
  let a: Shop;
  let b: Shop;

  before(async () => {
    redis = await startRedis();
    simulator = createXenditSimulator({ secretKey: SECRET_KEY, callbackToken: CALLBACK_TOKEN, callbackRetryDelaysMs: [20, 40] });
    const { url } = await listenSimulator(simulator);
    storeA = new StallingStore(new RedisStore({ url: redis.url, prefix: 'lapse:' }));
    // Plans not cached: every plans answer has new plan ids, as after the cache's minute.
    a = await startShop({ sharedSimulator: simulator, companion: { baseUrl: url, store: storeA, plansCacheTtlMs: 0 } });
    b = await startShop({ sharedSimulator: simulator, companion: { baseUrl: url, store: new RedisStore({ url: redis.url, prefix: 'lapse:' }), plansCacheTtlMs: 0 } });
    simulator.setCallbackUrl(`${b.base}/webhooks/xendit`);
  });
  afterEach(() => {
    storeA.stalled = false;
    simulator.clearFaults();
  });
  after(async () => {
    await a?.close();
    await b?.close();
    await simulator?.close();
    await redis?.stop();
  });

  function cart(name: string) {
    const value = order({ reference_id: `order-${name}`, customer: { ...order().customer, reference_id: `customer-${name}` } });
    a.carts.set(name, value);
    b.carts.set(name, value);
    return value.reference_id;
  }
  const planOf = (plans: any, channel: string) => plans.body.providers.find((p: any) => p.channel_code === channel).plan_id as string;

  it('paid through another charge meanwhile: its late charge is cancelled and the shopper told the order is paid; the payment stays recorded', async () => {
    const reference = cart('lapse-paid');
    const plans = await b.plans('lapse-paid');
    const first = await b.charge(plans.body.quote, planOf(plans, 'ID_KREDIVO'));
    assert.equal(first.status, 200);

    // Tab 2 asks A for Akulaku; Xendit takes its time; meanwhile A's lock lapses and tab 1 is paid.
    simulator.injectFault({ route: 'charges', channel: 'ID_AKULAKU', latencyMs: 3_000, times: 1 });
    const second = a.charge(plans.body.quote, planOf(plans, 'ID_AKULAKU'));
    await sleep(400);
    await storeA.lapse(reference);
    await pressOnProviderPage(first.body.checkout_url.desktop, 'Pay');
    await eventually(() => b.events.some((e) => e.chargeId === first.body.charge_id && e.status === 'SUCCEEDED' && e.paysOrder), 5_000, 'the payment recorded by B');

    const late = await second;
    assert.equal(late.status, 409, JSON.stringify(late.body));
    assert.equal(late.body.error.code, 'ALREADY_PAID');
    const akulaku = simulator.charges().find((c) => c.reference_id === reference && c.channel_code === 'ID_AKULAKU')!;
    await eventually(() => simulator.charges().find((c) => c.id === akulaku.id)!.status === 'CANCELLED', 3_000, 'the late charge cancelled at Xendit');
    // The order is still known paid (before, A wrote its old copy back over the keeper).
    const again = await b.plans('lapse-paid');
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, 'ALREADY_PAID');
    assert.equal((await a.call(`/status?token=${first.body.status_token}`)).body.status, 'SUCCEEDED');
  });

  it('still waiting for Xendit: the same charge asked of another instance answers 503 with Retry-After, then that one charge; Xendit makes one', async () => {
    const reference = cart('lapse-twice');
    const plans = await a.plans('lapse-twice');
    const plan = planOf(plans, 'ID_ATOME');
    simulator.injectFault({ route: 'charges', channel: 'ID_ATOME', latencyMs: 3_000, times: 1 });
    const first = a.charge(plans.body.quote, plan);
    await sleep(400);
    await storeA.lapse(reference);

    const meanwhile = await b.charge(plans.body.quote, plan);
    assert.equal(meanwhile.status, 503, JSON.stringify(meanwhile.body));
    assert.equal(meanwhile.body.error.code, 'CONFLICT');
    assert.ok(Number(meanwhile.headers.get('retry-after')) >= 1);

    const made = await first;
    assert.equal(made.status, 200, JSON.stringify(made.body));
    const retry = await b.charge(plans.body.quote, plan);
    assert.equal(retry.status, 200);
    assert.equal(retry.body.charge_id, made.body.charge_id);
    assert.equal(simulator.charges().filter((c) => c.reference_id === reference).length, 1, 'one charge at Xendit');
  });

  it('still waiting for Xendit: the same provider asked of another instance with new plans (new plan ids) answers 503 too; Xendit makes one charge', async () => {
    const reference = cart('lapse-new-plans');
    const first = await a.plans('lapse-new-plans');
    simulator.injectFault({ route: 'charges', channel: 'ID_ATOME', latencyMs: 3_000, times: 1 });
    const asked = a.charge(first.body.quote, planOf(first, 'ID_ATOME'));
    await sleep(400);
    await storeA.lapse(reference);
    const second = await b.plans('lapse-new-plans');
    assert.notEqual(planOf(second, 'ID_ATOME'), planOf(first, 'ID_ATOME'), 'new plan ids');
    const meanwhile = await b.charge(second.body.quote, planOf(second, 'ID_ATOME'));
    assert.equal(meanwhile.status, 503, JSON.stringify(meanwhile.body));
    assert.equal(meanwhile.body.error.code, 'CONFLICT');
    const made = await asked;
    assert.equal(made.status, 200, JSON.stringify(made.body));
    const retry = await b.charge(second.body.quote, planOf(second, 'ID_ATOME'));
    assert.equal(retry.body.charge_id, made.body.charge_id, 'the returning shopper is sent to that one charge');
    assert.equal(simulator.charges().filter((c) => c.reference_id === reference).length, 1, 'one charge at Xendit');
  });

  it('the cart changed meanwhile: the late charge, for the old amount, is cancelled and the shopper told to choose again', async () => {
    const reference = cart('lapse-grown');
    const plans = await a.plans('lapse-grown');
    simulator.injectFault({ route: 'charges', channel: 'ID_KREDIVO', latencyMs: 3_000, times: 1 });
    const asked = a.charge(plans.body.quote, planOf(plans, 'ID_KREDIVO'));
    await sleep(400);
    await storeA.lapse(reference);
    const grown = order({ reference_id: reference, amount: 2_250_000, order_items: [{ ...order().order_items[0]!, quantity: 3 }], customer: { ...order().customer, reference_id: 'customer-lapse-grown' } });
    a.carts.set('lapse-grown', grown);
    b.carts.set('lapse-grown', grown);
    assert.equal((await b.plans('lapse-grown')).status, 200);
    const late = await asked;
    assert.equal(late.status, 409, JSON.stringify(late.body));
    assert.equal(late.body.error.code, 'CHECKOUT_CHANGED');
    const old = simulator.charges().find((c) => c.reference_id === reference && c.amount === 1_500_000)!;
    await eventually(() => simulator.charges().find((c) => c.id === old.id)!.status === 'CANCELLED', 3_000, 'the old amount\u2019s charge cancelled at Xendit');
  });

  it('a charge Xendit refused clears the way at once: the shopper\u2019s retry asks again', async () => {
    cart('lapse-refused');
    const plans = await a.plans('lapse-refused');
    const plan = planOf(plans, 'ID_KREDIVO');
    simulator.injectFault({ route: 'charges', channel: 'ID_KREDIVO', status: 400, errorCode: 'API_VALIDATION_ERROR', times: 1 });
    const refused = await a.charge(plans.body.quote, plan);
    assert.ok(refused.status >= 400 && refused.status !== 503, JSON.stringify(refused.body));
    const retry = await b.charge(plans.body.quote, plan);
    assert.equal(retry.status, 200, JSON.stringify(retry.body));
  });
});
