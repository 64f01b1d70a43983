import { describe, it, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { setupServer } from 'msw/node';
import { createXenditSimulator } from '../../src/testing/index.js';
import { simulatorHandlers } from '../../src/testing/msw.js';
import { createXenditClient, XenditNetworkError, XenditTimeoutError } from '../../src/xendit/index.js';

/** The msw face in node: `setupServer(...simulatorHandlers(simulator))` stands in for https://api.xendit.co. */
describe('simulator: msw handlers (node)', () => {
  const simulator = createXenditSimulator();
  const server = setupServer(...simulatorHandlers(simulator));
  const client = createXenditClient({ secretKey: 'xnd_development_simulator', maxRetries: 0, timeoutMs: 300 });

  before(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => simulator.clearFaults());
  after(async () => {
    server.close();
    await simulator.close();
  });

  it('answers the real base URL: customer → plans → charge → provider page → Pay', async () => {
    const customer = await client.customers.create({ reference_id: 'msw-1', type: 'INDIVIDUAL', individual_detail: { given_names: 'Dewi' } });
    const plans = await client.paylater.initiatePlans({
      customer_id: customer.id,
      channel_code: 'PH_BILLEASE',
      currency: 'PHP',
      amount: 2_500.5,
      order_items: [{ type: 'PRODUCT', reference_id: 'p', name: 'Fan', net_unit_amount: 2_500.5, quantity: 1, url: 'https://shop.example.ph/fan', category: 'Home' }],
    });
    assert.ok(plans.options.length > 0);
    const charge = await client.paylater.createCharge({ plan_id: plans.id, reference_id: 'msw-order', checkout_method: 'ONE_TIME_PAYMENT', success_redirect_url: 'https://shop.example.ph/ok' });
    assert.equal(charge.actions?.desktop_web_checkout_url, `https://api.xendit.co/checkout/${charge.id}`);
    const page = await fetch(charge.actions!.desktop_web_checkout_url!);
    assert.match(await page.text(), /₱2,500\.50/);
    const pay = await fetch(`${charge.actions!.desktop_web_checkout_url!}/pay`, { method: 'POST', redirect: 'manual' });
    assert.equal(pay.status, 303);
    assert.equal((await client.paylater.getCharge(charge.id)).status, 'SUCCEEDED');
  });

  it('dropped connection → a network error', async () => {
    simulator.injectFault({ route: 'products', drop: true });
    await assert.rejects(client.billPayments.listProducts(), XenditNetworkError);
  });

  it('no answer → the client’s time limit ends it', async () => {
    simulator.injectFault({ route: 'products', timeout: true });
    await assert.rejects(client.billPayments.listProducts(), XenditTimeoutError);
  });

  it('a custom baseUrl is matched instead', async () => {
    const other = createXenditSimulator({ baseUrl: 'https://xendit.test/api' });
    const local = setupServer(...simulatorHandlers(other));
    server.close();
    local.listen({ onUnhandledRequest: 'error' });
    try {
      const c = createXenditClient({ secretKey: 'xnd_development_simulator', baseUrl: 'https://xendit.test/api', maxRetries: 0 });
      const list = await c.billPayments.listProducts({ requires_inquiry: true });
      assert.deepEqual(list.data.map((p) => p.id), ['PLN_POSTPAID']);
    } finally {
      local.close();
      server.listen({ onUnhandledRequest: 'error' });
      await other.close();
    }
  });
});
