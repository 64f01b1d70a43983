/**
 * Xendit's Bill Payments callbacks (`POST {base}/bills/webhook`), from the simulator to the real
 * companion over HTTP on 127.0.0.1: a payment the biller settles late, or whose answer was lost on
 * its way back, ends its bill when its callback comes (token, onBillEvent, or the refund), with no
 * status poll; nothing in a callback is believed but the names it carries.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { BillEvent } from '../../src/server/index.js';
import { billStatus, payBill } from '../helpers/bills.js';
import { billShop, eventually, CALLBACK_TOKEN, type Shop } from '../helpers/shop.js';

/** A bill bought as a shopper would, and the simulator's payment for it once the companion asked for one. */
async function buy(shop: Shop, product: string, customerNumber: string) {
  const before = new Set(shop.simulator.billPayments().map((p) => p.id));
  const { charge } = await payBill(shop, product, customerNumber);
  const made = () => shop.simulator.billPayments().find((p) => !before.has(p.id));
  await eventually(() => !!made(), 3_000, 'the bill payment');
  return { charge, payment: made()! };
}

const webhook = (shop: Shop, body: unknown, headers: Record<string, string> = {}) =>
  shop.call('/bills/webhook', { json: body, headers: { 'user-agent': 'test', ...headers } });

const callbackBody = (payment_id: string, reference_id: string) => ({ event: 'bill_payment.succeeded', data: { data: { status: 'SUCCEEDDED', payment_id, reference_id } } });

describe('bills: Xendit\'s bill payment callbacks', () => {
  let shop: Shop;
  const events: BillEvent[] = [];
  before(async () => {
    shop = await billShop({ simulator: { billSettleMs: 10, refundSettleMs: 10 } }, events);
    shop.simulator.setBillCallbackUrl(`${shop.base}/bills/webhook`);
  });
  after(() => shop.close());

  it('a payment the biller settles late ("suspected"): its callback ends the bill with the token, with no status poll', async () => {
    const { charge, payment } = await buy(shop, 'PLN_PREPAID_50K', '12345678920');
    await shop.simulator.whenIdle(); // the PayLater callback's fulfilment is over: the bill is PROCESSING
    assert.equal(events.length, 0);
    shop.simulator.settleBillPayment(payment.id, 'SUCCEEDED');
    await shop.simulator.whenIdle();
    const delivered = shop.simulator.callbacks().filter((c) => c.billPaymentId === payment.id);
    assert.deepEqual(delivered.map((c) => [c.event, c.responseStatus]), [['bill_payment.succeeded', 200]]);
    assert.equal(events.length, 1, 'onBillEvent, from the callback');
    assert.equal(events[0]!.status, 'SUCCEEDED');
    assert.match(events[0]!.token ?? '', /^\d{4}(-\d{4}){4}$/);
    const status = await billStatus(shop, charge.status_token, (bill) => bill.status === 'SUCCEEDED');
    assert.equal(status.bill.token, events[0]!.token);
  });

  it('a "suspected" payment that ends FAILED: the callback fails the bill and refunds the charge once', async () => {
    events.length = 0;
    const { charge, payment } = await buy(shop, 'PLN_POSTPAID', '22345678924');
    await shop.simulator.whenIdle();
    shop.simulator.settleBillPayment(payment.id, 'FAILED');
    await shop.simulator.whenIdle();
    assert.deepEqual(events.map((e) => [e.status, e.refunded]), [['FAILED', true]]);
    assert.equal(shop.simulator.refunds().filter((r) => r.charge_id === charge.charge_id).length, 1);
  });

  it('a bill the fulfilment\u2019s own polling ended first: its callback is the usual case, answered 200 with no warning', async () => {
    const { charge, payment } = await buy(shop, 'PLN_PREPAID_50K', '12345678910');
    await billStatus(shop, charge.status_token, (bill) => bill.status === 'SUCCEEDED');
    await shop.simulator.whenIdle();
    assert.deepEqual(shop.simulator.callbacks().filter((c) => c.billPaymentId === payment.id).map((c) => c.responseStatus), [200]);
    assert.deepEqual(shop.logs.filter((l) => l.startsWith('warn bill payment callback')), []);
  });

  it('the answer to the payment request lost on its way back (the bill was bought): the callback records it, nothing is asked twice or refunded', async () => {
    events.length = 0;
    // The PayLater callback that asked is then answered 500 and comes again only a minute later:
    // the bill payment's own callback is what ends it here.
    const slow = await billShop({ simulator: { billSettleMs: 10, refundSettleMs: 10, callbackRetryDelaysMs: [60_000] } }, events);
    try {
      slow.simulator.setBillCallbackUrl(`${slow.base}/bills/webhook`);
      slow.simulator.injectFault({ route: 'payment', method: 'POST', answerLost: true, times: 1 });
      const { charge } = await payBill(slow, 'PLN_PREPAID_50K', '12345678910');
      await eventually(() => events.length === 1, 5_000, 'the bill event');
      assert.equal(events[0]!.status, 'SUCCEEDED');
      assert.equal(slow.simulator.billPayments().length, 1, 'one payment');
      assert.ok(slow.simulator.callbacks().some((c) => c.event === 'paylater.payment' && c.responseStatus === 500), 'the PayLater callback failed with the lost answer');
      assert.deepEqual(slow.simulator.refunds(), []);
      assert.equal((await billStatus(slow, charge.status_token, (bill) => bill.status === 'SUCCEEDED')).bill.token, events[0]!.token);
    } finally {
      await slow.close();
    }
  });

  it('believes nothing in the body: a wrong token, no names, a bill not of ours, another payment than the one recorded change nothing', async () => {
    events.length = 0;
    const { charge, payment } = await buy(shop, 'PLN_PREPAID_50K', '12345678920');
    const other = shop.simulator.billPayments().find((p) => p.id !== payment.id);
    await shop.simulator.whenIdle();
    const reference = payment.properties.reference_id;
    assert.equal((await webhook(shop, callbackBody(payment.id, reference), { 'x-callback-token': 'not-the-token' })).status, 401);
    const bad = await webhook(shop, { event: 'bill_payment.succeeded', data: { data: { status: 'SUCCEEDDED' } } });
    assert.deepEqual([bad.status, bad.body.error.code], [400, 'INVALID_REQUEST']);
    const asked = () => shop.simulator.requests().filter((r) => r.path.startsWith('/bill-payments/v1/payment/')).length;
    const before = asked();
    assert.equal((await webhook(shop, callbackBody(payment.id, 'bill-20260101-NOTOURSXXXX'))).status, 200);
    assert.equal(asked(), before, 'no call to Xendit for a reference that is not a bill of ours');
    assert.equal((await webhook(shop, callbackBody('trx-made-up', reference))).status, 200);
    if (other) assert.equal((await webhook(shop, callbackBody(other.id, reference), { 'x-callback-token': CALLBACK_TOKEN })).status, 200);
    assert.ok(shop.logs.some((l) => /bill payment callback ignored: no bill of a paid order has this reference/.test(l)), 'a bill not of ours');
    assert.ok(shop.logs.some((l) => new RegExp(`bill payment callback ignored: payment ${payment.id} is the one recorded for this bill`).test(l)));
    const status = (await shop.call(`/status?token=${charge.status_token}`)).body;
    assert.equal(status.bill.status, 'PROCESSING', 'unchanged');
    assert.equal(events.length, 0);
    // The real one, with the documented body, settles it.
    shop.simulator.settleBillPayment(payment.id, 'SUCCEEDED');
    await shop.simulator.whenIdle();
    assert.deepEqual(events.map((e) => e.status), ['SUCCEEDED']);
  });
});
