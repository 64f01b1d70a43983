/**
 * `runCheckout` from `paylater-checkout/testing`: a merchant's CI runs one whole checkout against
 * their own companion over HTTP (here the test shop: `toNodeHandler` on a real port) and gets what
 * happened, or an error that says which step failed and why.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { runCheckout } from '../../src/testing/index.js';
import { createXenditSimulator } from '../../src/testing/index.js';
import { order, startShop, type Shop } from '../helpers/shop.js';

describe('runCheckout against a companion over HTTP', () => {
  let shop: Shop;
  before(async () => {
    shop = await startShop();
  });
  after(() => shop.close());

  it('plans → charge → Pay → callback: returns the plans, the charge and the SUCCEEDED status; onPaymentEvent ran once', async () => {
    const run = await runCheckout({ simulator: shop.simulator, endpoint: shop.base, checkout: 'cart-1', channel: 'ID_KREDIVO' });
    assert.equal(run.plans.amount, 1_500_000);
    assert.equal(run.provider.channel_code, 'ID_KREDIVO');
    assert.equal(run.charge.status, 'PENDING');
    assert.deepEqual(
      { charge_id: run.status.charge_id, status: run.status.status, amount: run.status.amount, channel_code: run.status.channel_code },
      { charge_id: run.charge.charge_id, status: 'SUCCEEDED', amount: 1_500_000, channel_code: 'ID_KREDIVO' },
    );
    assert.deepEqual(run.callbacks.map((c) => [c.status, c.outcome]), [['SUCCEEDED', 'delivered']]);
    const events = shop.events.filter((e) => e.chargeId === run.charge.charge_id);
    assert.deepEqual(events.map((e) => [e.status, e.paysOrder, e.source]), [['SUCCEEDED', true, 'webhook']]);
  });

  it('outcome FAILED: the shopper cancels on the provider page; the first offered provider by default', async () => {
    shop.carts.set('cart-2', order({ reference_id: 'order-2002' }));
    const run = await runCheckout({ simulator: shop.simulator, endpoint: `${shop.base}/`, checkout: 'cart-2', outcome: 'FAILED' });
    assert.equal(run.provider.channel_code, run.plans.providers.find((p) => p.available)!.channel_code);
    assert.equal(run.status.status, 'FAILED');
    assert.ok(shop.events.some((e) => e.chargeId === run.charge.charge_id && e.status === 'FAILED'));
  });

  it('sends Origin like a browser on the shop: the shop’s own passes, a foreign one gets FORBIDDEN_ORIGIN', async () => {
    shop.carts.set('cart-3', order({ reference_id: 'order-2003' }));
    const run = await runCheckout({ simulator: shop.simulator, endpoint: shop.base, checkout: 'cart-3', origin: shop.url });
    assert.equal(run.status.status, 'SUCCEEDED');
    await assert.rejects(
      runCheckout({ simulator: shop.simulator, endpoint: shop.base, checkout: 'cart-3', origin: 'https://evil.example' }),
      /^Error: runCheckout: POST http:\/\/127\.0\.0\.1:\d+\/paylater\/plans answered 403 FORBIDDEN_ORIGIN: /,
    );
  });

  it('says which step failed: an unknown checkout, a provider not offered or not available', async () => {
    await assert.rejects(
      runCheckout({ simulator: shop.simulator, endpoint: shop.base, checkout: 'no-such-cart' }),
      /runCheckout: POST .*\/paylater\/plans answered 404 CHECKOUT_NOT_FOUND: /,
    );
    // cart-1 was paid by the first test: a paid order offers no plans.
    await assert.rejects(
      runCheckout({ simulator: shop.simulator, endpoint: shop.base, checkout: 'cart-1' }),
      /runCheckout: POST .*\/paylater\/plans answered 409 ALREADY_PAID: /,
    );
    shop.carts.set('cart-5', order({ reference_id: 'order-2005' }));
    await assert.rejects(
      runCheckout({ simulator: shop.simulator, endpoint: shop.base, checkout: 'cart-5', channel: 'PH_BILLEASE' }),
      /runCheckout: PH_BILLEASE is not among the providers offered for checkout "cart-5" \(ID_KREDIVO, /,
    );
    shop.carts.set('small', order({ reference_id: 'order-small', amount: 20_000, order_items: [{ ...order().order_items[0]!, net_unit_amount: 20_000, quantity: 1 }] }));
    await assert.rejects(
      runCheckout({ simulator: shop.simulator, endpoint: shop.base, checkout: 'small', channel: 'ID_ATOME' }),
      /runCheckout: ID_ATOME is not available for checkout "small": AMOUNT_TOO_LOW/,
    );
    await assert.rejects(
      runCheckout({ simulator: shop.simulator, endpoint: `${shop.url}/elsewhere`, checkout: 'cart-1' }),
      /runCheckout: POST .*\/elsewhere\/plans answered/,
    );
  });

  it('works without a port too: fetch straight into companion.fetch', async () => {
    shop.carts.set('cart-4', order({ reference_id: 'order-2004' }));
    const run = await runCheckout({
      simulator: shop.simulator,
      endpoint: 'https://shop.test/paylater',
      checkout: 'cart-4',
      fetch: (url, init) => shop.companion.fetch(new Request(url, init)),
    });
    assert.equal(run.status.status, 'SUCCEEDED');
  });
});

describe('runCheckout when the callback does not get through', () => {
  it('a companion with another callbackToken (401): fails fast with the answer and what to check', async () => {
    const shop = await startShop({ simulator: { callbackToken: 'not-the-companions-token' } }); // short retry delays
    try {
      await assert.rejects(
        runCheckout({ simulator: shop.simulator, endpoint: shop.base, checkout: 'cart-1' }),
        (error: Error) => {
          assert.match(error.message, /^runCheckout: the SUCCEEDED callback for charge plc_\S+ was not delivered to http:\/\/127\.0\.0\.1:\d+\/paylater\/webhooks\/xendit \(4 attempts\), last answer 401 \(check callbackToken/);
          return true;
        },
      );
    } finally {
      await shop.close();
    }
  });

  it('with Xendit’s retry schedule: whenIdle’s limit ends the wait with the same reason', async () => {
    const shop = await startShop({ simulator: { callbackToken: 'not-the-companions-token', callbackRetryDelaysMs: undefined } });
    try {
      const started = Date.now();
      await assert.rejects(
        runCheckout({ simulator: shop.simulator, endpoint: shop.base, checkout: 'cart-1', timeoutMs: 300 }),
        /^Error: whenIdle: 1 callback still undelivered after 300 ms: paylater\.payment for charge plc_\S+ to \S+\/webhooks\/xendit, last answer 401 \(check callbackToken/,
      );
      assert.ok(Date.now() - started < 3_000);
    } finally {
      await shop.close();
    }
  });

  it('a simulator that sends no callbacks: says to give it the callback URL', async () => {
    const simulator = createXenditSimulator({ secretKey: 'xnd_development_shop_test_SECRET_0123456789abcdef', callbackToken: 'shop-test-callback-token-abcdef0123456789' });
    const shop = await startShop({ sharedSimulator: simulator, companion: { baseUrl: 'https://api.xendit.co', fetch: simulator.fetch } });
    try {
      await assert.rejects(
        runCheckout({ simulator, endpoint: shop.base, checkout: 'cart-1' }),
        (error: Error) => error.message === `runCheckout: the simulator sent no callback for charge ${simulator.charges()[0]!.id}: give it \`callbackUrl: '${shop.base}/webhooks/xendit'\` (or call simulator.setCallbackUrl once the shop listens)`,
      );
    } finally {
      await shop.close();
      await simulator.close();
    }
  });
});
