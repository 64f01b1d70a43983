import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SEED_SAMPLES, idempotencyKeyExample } from './seed-samples.js';
import { startSimulator, type Started } from './support.js';

/** Every sample request body of the seed docs, sent unchanged. */
describe('simulator: the seed docs’ sample requests work unchanged', () => {
  let s: Started;
  before(async () => {
    s = await startSimulator();
  });
  after(() => s.close());

  it('000 "Sample create customer request" (flat shape) creates Gryffindor-student-003', async () => {
    const answer = await s.api('/customers', { body: SEED_SAMPLES.createCustomer });
    assert.equal(answer.status, 200, answer.text);
    assert.equal(answer.body.reference_id, 'Gryffindor-student-003');
    assert.equal(answer.body.given_names, 'Harry');
    assert.equal(answer.body.addresses[0].province, 'Daerah Khusus Ibukota Jakarta');
    assert.match(answer.body.id, /^[0-9a-f-]{36}$/);
    const again = await s.api('/customers', { body: SEED_SAMPLES.createCustomer });
    assert.equal(again.status, 409, 'created once');
  });

  it('000 "Sample Simulate PayLater Plans" answers like the sample response (fixture customer e296f81b-…)', async () => {
    const answer = await s.api('/paylater/plans', { body: SEED_SAMPLES.initiatePlans });
    assert.equal(answer.status, 200, answer.text);
    assert.match(answer.body.id, /^plp_/);
    assert.equal(answer.body.customer_id, 'e296f81b-074c-44ef-9977-d0ace6c6df1f');
    assert.equal(answer.body.order_items[0].metadata, null);
    assert.equal(answer.body.order_items[0].subcategory, 'Equipment');
    assert.deepEqual(
      answer.body.options.map((o: Record<string, unknown>) => [o.interval, o.interval_count, o.total_recurrence, o.interest_rate, o.description]),
      [['MONTH', 1, 1, 0, 'Bayar dalam 30 hari']],
    );
  });

  it('000 "Sample Create Charges Request" (fixture plan plp_c0df725d-…) gives a PENDING 5,000,000 IDR Kredivo charge', async () => {
    const answer = await s.api('/paylater/charges', { body: SEED_SAMPLES.createCharge });
    assert.equal(answer.status, 200, answer.text);
    assert.equal(answer.body.status, 'PENDING');
    assert.equal(answer.body.plan_id, 'plp_c0df725d-4997-461d-8530-f2cc661f7e14');
    assert.equal(answer.body.customer_id, '6a55adf8-1520-4651-8a05-9d04e0a4c48d');
    assert.equal(answer.body.amount, 5_000_000);
    assert.equal(answer.body.channel_code, 'ID_KREDIVO');
    assert.equal(answer.body.success_redirect_url, 'https://https://www.wzardingworld.com/successful-payments');
    const pay = await fetch(`${answer.body.actions.desktop_web_checkout_url}/pay`, { method: 'POST', redirect: 'manual' });
    assert.equal(pay.status, 303);
    assert.equal(pay.headers.get('location'), 'https://https://www.wzardingworld.com/successful-payments');
  });

  it('000 "Sample Refund PayLater Charge" works as the charge body it is, and as a full refund body', async () => {
    const charge = await s.api('/paylater/charges', { body: SEED_SAMPLES.refundCharge });
    assert.equal(charge.status, 200, charge.text);
    assert.equal(charge.body.plan_id, 'plp_49915991-a7a8-4c21-9ae1-de9b95f5cb3d');
    assert.equal(charge.body.amount, 10_000);
    s.sim.approveCharge(charge.body.id);
    const refund = await s.api(`/paylater/charges/${charge.body.id}/refunds`, { body: SEED_SAMPLES.refundCharge });
    assert.equal(refund.status, 200, refund.text);
    assert.equal(refund.body.amount, 10_000);
    await s.sim.whenIdle();
    assert.equal((await s.api(`/paylater/charges/${charge.body.id}`)).body.status, 'REFUNDED');
  });

  it('004 "PLN Prepaid Payment" with the docs’ inquiry id inq-98765 → PENDING 53,200, then SUCCEEDED', async () => {
    const answer = await s.api('/bill-payments/v1/payment', { body: SEED_SAMPLES.plnPrepaidPayment, headers: { 'Idempotency-Key': idempotencyKeyExample } });
    assert.equal(answer.status, 200, answer.text);
    const p = answer.body.data.properties;
    assert.deepEqual([p.product_id, p.customer_number, p.reference_id, p.admin_amount, p.base_amount, p.total_amount, p.currency, p.status], ['PLN_PREPAID_50K', '12345678910', 'tx-pln-001', 3_200, 50_000, 53_200, 'IDR', 'PENDING']);
    await s.sim.whenIdle();
    assert.equal((await s.api(`/bill-payments/v1/payment/${answer.body.data.id}`)).body.data.properties.status, 'SUCCEEDED');
  });

  it('004 "PLN Postpaid Payment" with the docs’ inquiry id inq-98766 → PENDING 159,500, then SUCCEEDED', async () => {
    const answer = await s.api('/bill-payments/v1/payment', { body: SEED_SAMPLES.plnPostpaidPayment, headers: { 'Idempotency-Key': 'postpaid-sample' } });
    assert.equal(answer.status, 200, answer.text);
    assert.equal(answer.body.data.properties.total_amount, 159_500);
    await s.sim.whenIdle();
    assert.equal((await s.api(`/bill-payments/v1/payment/${answer.body.data.id}`)).body.data.properties.status, 'SUCCEEDED');
  });

  it('without docFixtures the documented ids are unknown', async () => {
    const bare = await startSimulator({ docFixtures: false });
    try {
      assert.equal((await bare.api('/paylater/plans', { body: SEED_SAMPLES.initiatePlans })).status, 404);
      assert.equal((await bare.api('/paylater/charges', { body: SEED_SAMPLES.createCharge })).status, 404);
    } finally {
      await bare.close();
    }
  });
});
