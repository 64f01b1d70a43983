import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createXenditClient, XenditConflictError, XenditNotFoundError, XenditRateLimitError, XenditAuthError, type XenditClient } from '../../src/xendit/index.js';
import { createXenditSimulator } from '../../src/testing/index.js';
import { listenSimulator } from '../../src/testing/node.js';

const SECRET = 'xnd_development_client_sim_0123456789';

/** Every call of the client, against the simulator over real HTTP on 127.0.0.1. */
describe('createXenditClient against the simulator', () => {
  const simulator = createXenditSimulator({ secretKey: SECRET, refundSettleMs: 5, billSettleMs: 5 });
  let client: XenditClient;
  let url = '';
  before(async () => {
    url = (await listenSimulator(simulator)).url;
    client = createXenditClient({ secretKey: SECRET, baseUrl: url, retryBaseDelayMs: 5 });
  });
  after(() => simulator.close());

  it('customers: create, get, getByReferenceId; a duplicate is a conflict', async () => {
    const body = {
      reference_id: 'cust-ref-1',
      type: 'INDIVIDUAL' as const,
      individual_detail: { given_names: 'Budi', surname: 'Santoso' },
      email: 'budi@example.co.id',
      mobile_number: '+6281311112222',
      addresses: [{ country: 'ID', street_line1: 'Jl. Thamrin 2', city: 'Jakarta Pusat', postal_code: '10230' }],
    };
    const created = await client.customers.create(body);
    assert.match(created.id, /^cust-/);
    assert.equal((await client.customers.get(created.id)).reference_id, 'cust-ref-1');
    assert.equal((await client.customers.getByReferenceId('cust-ref-1'))?.id, created.id);
    assert.equal(await client.customers.getByReferenceId('nobody'), null);
    await assert.rejects(client.customers.create(body), XenditConflictError);
    await assert.rejects(client.customers.get('cust-unknown'), XenditNotFoundError);
  });

  it('paylater: initiatePlans, createCharge, getCharge, cancelCharge, refund, getRefund', async () => {
    const customer = await client.customers.create({ reference_id: 'cust-ref-2', type: 'INDIVIDUAL', individual_detail: { given_names: 'Ayu' } });
    const plans = await client.paylater.initiatePlans({
      customer_id: customer.id,
      channel_code: 'ID_AKULAKU',
      currency: 'IDR',
      amount: 3_000_000,
      order_items: [{ type: 'PHYSICAL_PRODUCT', reference_id: 'phone', name: 'Phone', net_unit_amount: 3_000_000, quantity: 1, url: 'https://shop.example/phone', category: 'Electronics' }],
    });
    assert.match(plans.id, /^plp_/);
    assert.deepEqual(plans.options.map((o) => o.total_recurrence), [1, 3, 6, 12]);

    const charge = await client.paylater.createCharge({ plan_id: plans.id, reference_id: 'order-9', checkout_method: 'ONE_TIME_PAYMENT', success_redirect_url: 'https://shop.example/ok' });
    assert.equal(charge.status, 'PENDING');
    assert.equal(charge.amount, 3_000_000);
    const other = await client.paylater.createCharge({ plan_id: plans.id, reference_id: 'order-10', checkout_method: 'ONE_TIME_PAYMENT', success_redirect_url: 'https://shop.example/ok' });
    assert.equal((await client.paylater.cancelCharge(other.id)).status, 'CANCELLED');

    simulator.approveCharge(charge.id);
    assert.equal((await client.paylater.getCharge(charge.id)).status, 'SUCCEEDED');
    const refund = await client.paylater.refund(charge.id, { amount: 1_000_000, reason: 'CHANGE_OF_MIND' });
    assert.match(refund.id, /^plr_/);
    assert.equal(refund.status, 'PENDING');
    await simulator.whenIdle();
    const settled = await client.paylater.getRefund(charge.id, refund.id);
    assert.equal(settled.status, 'SUCCEEDED');
    assert.equal(settled.amount, 1_000_000);
    const after = await client.paylater.getCharge(charge.id);
    assert.equal(after.status, 'REFUNDED');
    assert.equal(after.refunded_amount, 1_000_000);
  });

  it('billPayments: listProducts, inquire, pay (same key twice → same payment), getPayment', async () => {
    const products = await client.billPayments.listProducts({ category: 'ELECTRICITY' });
    assert.ok(products.data.some((p) => p.id === 'PLN_PREPAID_50K'));
    const inquiry = await client.billPayments.inquire({ product_id: 'PLN_PREPAID_50K', customer_number: '12345678910' });
    assert.equal(inquiry.data.properties.total_amount, 53_200);
    const body = { product_id: 'PLN_PREPAID_50K', customer_number: '12345678910', inquiry_id: inquiry.data.id, reference_id: 'bill-1', total_amount: 53_200 };
    const first = await client.billPayments.pay(body, { idempotencyKey: 'bill-1-key' });
    const again = await client.billPayments.pay(body, { idempotencyKey: 'bill-1-key' });
    assert.equal(again.data.id, first.data.id);
    await assert.rejects(client.billPayments.pay({ ...body, total_amount: 1 }, { idempotencyKey: 'bill-1-key' }), (e: XenditConflictError) => e.code === 'IDEMPOTENCY_ERROR');
    await simulator.whenIdle();
    const done = await client.billPayments.getPayment(first.data.id);
    assert.equal(done.data.properties.status, 'SUCCEEDED');
    assert.ok(done.data.properties.payment_details.length > 0);
    assert.equal(simulator.billPayments().length, 1);
  });

  it('a wrong key is INVALID_API_KEY, and the message says to make the simulator with the key the code uses (never the key)', async () => {
    const wrong = createXenditClient({ secretKey: 'xnd_development_wrong', baseUrl: url });
    await assert.rejects(
      wrong.paylater.getCharge('plc_x'),
      (e: XenditAuthError) => e instanceof XenditAuthError && e.code === 'INVALID_API_KEY' && e.status === 401 && /createXenditSimulator\(\{ secretKey \}\)/.test(e.message) && !e.message.includes(SECRET),
    );
    // No Basic auth at all: how to send the key.
    const bare = await fetch(`${url}/paylater/charges/plc_x`);
    assert.match(((await bare.json()) as { message: string }).message, /Use HTTP Basic auth/);
  });

  it('waits out the simulator\'s rate limit on GETs and gives up with RATE_LIMIT_EXCEEDED when told to wait too long', async () => {
    const limited = createXenditSimulator({ secretKey: SECRET, rateLimit: { limit: 2, windowMs: 300 } });
    const limitedUrl = (await listenSimulator(limited)).url;
    try {
      const patient = createXenditClient({ secretKey: SECRET, baseUrl: limitedUrl, retryBaseDelayMs: 5, maxRetries: 3 });
      for (let i = 0; i < 5; i += 1) assert.ok((await patient.billPayments.listProducts()).data.length > 0);
      const statuses = limited.requests().map((r) => r.status);
      assert.ok(statuses.includes(429), 'the limit was hit');
      assert.equal(statuses.filter((s) => s === 200).length, 5);

      const hasty = createXenditClient({ secretKey: SECRET, baseUrl: limitedUrl, maxRetries: 0 });
      await hasty.billPayments.listProducts();
      await hasty.billPayments.listProducts().catch(() => {});
      await assert.rejects(hasty.billPayments.listProducts(), XenditRateLimitError);
    } finally {
      await limited.close();
    }
  });
});
