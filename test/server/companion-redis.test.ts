import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { RedisStore } from '../../src/server/index.js';
import { createXenditSimulator } from '../../src/testing/index.js';
import { listenSimulator } from '../../src/testing/node.js';
import { startRedis, type RedisServer } from '../helpers/redis.js';
import { startShop, eventually, pressOnProviderPage, SECRET_KEY, CALLBACK_TOKEN, type Shop } from '../helpers/shop.js';

/** Two companion instances (two servers, two Redis clients) behind one "load balancer", one Redis. */
describe('companion: two instances sharing one RedisStore', () => {
  let redis: RedisServer;
  let simulator: ReturnType<typeof createXenditSimulator>;
  let a: Shop;
  let b: Shop;

  before(async () => {
    redis = await startRedis();
    simulator = createXenditSimulator({ secretKey: SECRET_KEY, callbackToken: CALLBACK_TOKEN, callbackRetryDelaysMs: [20, 40] });
    const { url } = await listenSimulator(simulator);
    const instance = () =>
      startShop({ sharedSimulator: simulator, companion: { baseUrl: url, store: new RedisStore({ url: redis.url, prefix: 'shop-test:' }) } });
    a = await instance();
    b = await instance();
    // Callbacks reach instance B only: state written by A must be seen there.
    simulator.setCallbackUrl(`${b.base}/webhooks/xendit`);
  });
  after(async () => {
    await a?.close();
    await b?.close();
    await simulator?.close();
    await redis?.stop();
  });

  it('20 concurrent identical charge requests spread over both instances create one Xendit charge', async () => {
    const plans = await a.plans();
    const plan = plans.body.providers.find((p: any) => p.available).plan_id;
    simulator.injectFault({ route: 'charges', latencyMs: 150 });
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).charge(plans.body.quote, plan)));
    simulator.clearFaults();
    assert.deepEqual([...new Set(answers.map((r) => r.status))], [200]);
    assert.equal(new Set(answers.map((r) => r.body.charge_id)).size, 1);
    assert.equal(simulator.charges().length, 1);

    // The journey goes on across instances: paid via B's webhook, status read from A, hook once in all.
    const charge = answers[0]!.body;
    await pressOnProviderPage(charge.checkout_url.desktop, 'Pay');
    await eventually(() => a.events.length + b.events.length === 1, 3000, 'onPaymentEvent');
    assert.equal((await a.call(`/status?token=${charge.status_token}`)).body.status, 'SUCCEEDED');
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(a.events.length + b.events.length, 1);
  });

  it('a new shopper asking both instances at once becomes one Xendit customer', async () => {
    const cart = a.carts.get('cart-1')!;
    const fresh = { ...cart, reference_id: 'order-9', customer: { ...cart.customer, reference_id: 'customer-88' } };
    a.carts.set('cart-9', fresh);
    b.carts.set('cart-9', fresh);
    const answers = await Promise.all([a.plans('cart-9'), b.plans('cart-9'), a.plans('cart-9'), b.plans('cart-9')]);
    assert.deepEqual(answers.map((r) => r.status), [200, 200, 200, 200]);
    assert.equal(simulator.customers().filter((c) => c.reference_id === 'customer-88').length, 1);
  });
});
