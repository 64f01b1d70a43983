import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryStore, RedisStore, type Store } from '../../src/server/index.js';
import type { BillEvent } from '../../src/server/index.js';
import { createXenditSimulator } from '../../src/testing/index.js';
import { listenSimulator } from '../../src/testing/node.js';
import { startRedis, type RedisServer } from '../helpers/redis.js';
import { billShop, startShop, eventually, pressOnProviderPage, SECRET_KEY, CALLBACK_TOKEN, type Shop } from '../helpers/shop.js';
import { billShopper } from '../helpers/orders.js';
import { billStatus, ended, inquiry, payBill } from '../helpers/bills.js';



describe('bills: products and inquiry', () => {
  let shop: Shop;
  before(async () => {
    shop = await billShop({ simulator: { billSettleMs: 10, refundSettleMs: 10 } });
  });
  after(() => shop.close());

  it('lists the electricity products', async () => {
    const answer = await shop.call('/bills/products');
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body.products.map((p: any) => p.id), ['PLN_PREPAID_50K', 'PLN_PREPAID_200K', 'PLN_POSTPAID']);
  });

  it('answers what is owed and a checkout handle; the browser cannot change the amount', async () => {
    const inq = await inquiry(shop, 'PLN_POSTPAID', '22345678912');
    assert.equal(inq.status, 200);
    assert.match(inq.body.checkout, /^bill_[A-Za-z0-9_-]{20,}$/);
    assert.equal(inq.body.total_amount, inq.body.base_amount + inq.body.admin_amount);
    assert.ok(inq.body.bill_details.some((d: any) => d.key === 'bill_count' && d.value === '3'));
    const plans = await shop.plans(inq.body.checkout);
    assert.equal(plans.body.amount, inq.body.total_amount);
    assert.deepEqual(plans.body.providers.map((p: any) => p.channel_code), ['ID_KREDIVO', 'ID_AKULAKU', 'ID_INDODANA'], 'only providers that refund by API');
    assert.equal((await shop.plans('bill_made-up-handle-0123456789')).body.error.code, 'CHECKOUT_NOT_FOUND');
  });

  it('gives each bill a short, readable order reference: the day and 10 characters, the same for every step of one bill', async () => {
    const references: string[] = [];
    for (const number of ['12345678910', '12345678910']) {
      const inq = await inquiry(shop, 'PLN_PREPAID_50K', number);
      const plans = await shop.plans(inq.body.checkout);
      const again = await shop.plans(inq.body.checkout);
      const planId = plans.body.providers.find((p: any) => p.available).plan_id;
      const charge = await shop.charge(plans.body.quote, planId);
      assert.equal(charge.status, 200);
      const charged = shop.simulator.charges().find((c: any) => c.id === charge.body.charge_id);
      // The same order for plans asked twice and the charge: one reference.
      assert.equal((await shop.charge(again.body.quote, again.body.providers.find((p: any) => p.available).plan_id)).body.charge_id, charge.body.charge_id);
      references.push(charged!.reference_id);
    }
    const today = new Date().toISOString().slice(0, 10).replace(/-/g, '');
    for (const reference of references) assert.match(reference, new RegExp(`^bill-${today}-[0-9A-HJKMNP-TV-Z]{10}$`));
    assert.notEqual(references[0], references[1], 'two inquiries of the same number are two orders');
  });

  const inquiryErrors: Array<[string, string, number, string]> = [
    ['PLN_PREPAID_50K', '12345678911', 404, 'BILL_CUSTOMER_NOT_FOUND'],
    ['PLN_PREPAID_50K', '12345678912', 504, 'BILLER_TIMEOUT'],
    ['PLN_PREPAID_50K', '12345678913', 503, 'BILLER_MAINTENANCE'],
    ['PLN_PREPAID_50K', '12345678914', 404, 'BILL_PRODUCT_NOT_FOUND'],
    ['PLN_PREPAID_50K', '12345678915', 400, 'BILL_INVALID_NUMBER'],
    ['PLN_PREPAID_50K', '12345678918', 400, 'BILL_KWH_LIMIT'],
    ['PLN_POSTPAID', '22345678915', 404, 'BILL_CUSTOMER_NOT_FOUND'],
    ['PLN_POSTPAID', '22345678916', 409, 'BILL_ALREADY_PAID'],
    ['PLN_POSTPAID', '22345678917', 504, 'BILLER_TIMEOUT'],
    ['PLN_POSTPAID', '22345678918', 503, 'BILLER_MAINTENANCE'],
    ['PLN_POSTPAID', '22345678919', 404, 'BILL_PRODUCT_NOT_FOUND'],
    ['PLN_POSTPAID', '22345678920', 403, 'BILL_NUMBER_RESTRICTED'],
    ['PLN_POSTPAID', '22345678921', 502, 'BILLER_ERROR'],
  ];
  for (const [product, number, status, code] of inquiryErrors) {
    it(`${product} ${number} → ${status} ${code} at inquiry`, async () => {
      const answer = await inquiry(shop, product, number);
      assert.equal(answer.status, status);
      assert.equal(answer.body.error.code, code);
      assert.ok(answer.body.error.message.length > 10);
    });
  }

  it('refuses malformed inquiries with 400 and unknown products with 404', async () => {
    for (const body of [{}, { product_id: 'PLN_PREPAID_50K' }, { product_id: 'x y', customer_number: '12345678910' }, { product_id: 'PLN_PREPAID_50K', customer_number: '12-34' }, { product_id: 'PLN_PREPAID_50K', customer_number: 12345678910 }]) {
      const answer = await shop.call('/bills/inquiry', { json: body });
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.equal(answer.body.error.code, 'INVALID_REQUEST');
    }
    assert.equal((await inquiry(shop, 'PLN_WATER', '12345678910')).body.error.code, 'BILL_PRODUCT_NOT_FOUND');
  });
});

describe('bills: every PLN test number ends as documented after PayLater', () => {
  let shop: Shop;
  const events: BillEvent[] = [];
  before(async () => {
    shop = await billShop({ simulator: { billSettleMs: 10, refundSettleMs: 10 } }, events);
  });
  after(() => shop.close());

  const cases: Array<[string, string, 'token' | 'receipt' | 'refunded' | 'processing', string?]> = [
    ['PLN_PREPAID_50K', '12345678910', 'token'],
    ['PLN_PREPAID_200K', '12345678910', 'token'],
    ['PLN_PREPAID_50K', '12345678916', 'refunded', 'BILLER_ERROR'],
    ['PLN_PREPAID_50K', '12345678917', 'refunded', 'DUPLICATE_REFERENCE_ID'],
    ['PLN_PREPAID_50K', '12345678919', 'refunded', 'TRANSACTION_FAILED'],
    ['PLN_PREPAID_50K', '12345678920', 'processing'],
    ['PLN_POSTPAID', '22345678910', 'receipt'],
    ['PLN_POSTPAID', '22345678911', 'receipt'],
    ['PLN_POSTPAID', '22345678912', 'receipt'],
    ['PLN_POSTPAID', '22345678913', 'receipt'],
    ['PLN_POSTPAID', '22345678922', 'refunded', 'INVALID_INQUIRY'],
    ['PLN_POSTPAID', '22345678923', 'refunded', 'TRANSACTION_FAILED'],
    ['PLN_POSTPAID', '22345678924', 'processing'],
  ];
  for (const [product, number, outcome, failure] of cases) {
    it(`${product} ${number} → ${outcome}${failure ? ` (${failure})` : ''}`, async () => {
      const { charge, inquiry: inq } = await payBill(shop, product, number);
      if (outcome === 'processing') {
        await eventually(() => shop.simulator.billPayments().some((p) => p.properties.customer_number === number), 3000, 'the bill payment');
        const status = (await shop.call(`/status?token=${charge.status_token}`)).body;
        assert.equal(status.status, 'SUCCEEDED');
        assert.equal(status.bill.status, 'PROCESSING');
        assert.equal(status.bill.token, undefined);
        return;
      }
      const status = await billStatus(shop, charge.status_token, ended);
      const event = events.find((e) => e.chargeId === charge.charge_id);
      if (outcome === 'token') {
        assert.equal(status.bill.status, 'SUCCEEDED');
        // docs.xendit.co/apidocs/get-payment-detail: payment_details [{ key: "Token", value: "1234-5678-9012-3456-7890" },
        // { key: "Serial Number", ... }]: the token is found by its label, and no kWh is made up.
        assert.match(status.bill.token, /^\d{4}(-\d{4}){4}$/);
        assert.equal(status.bill.kwh, undefined);
        assert.equal(event?.status, 'SUCCEEDED');
        assert.equal(event?.token, status.bill.token, 'onBillEvent carries the token found in the details');
      } else if (outcome === 'receipt') {
        assert.equal(status.bill.status, 'SUCCEEDED');
        // The docs show no receipt label: a postpaid bill's proof is its "Serial Number".
        assert.match(status.bill.receipt, /^PLN\d{17}$/);
        assert.equal(status.amount, inq.total_amount);
        assert.equal(event?.receipt, status.bill.receipt);
      } else {
        assert.equal(status.bill.status, 'FAILED');
        assert.equal(status.bill.failure_code, failure);
        assert.equal(status.bill.refund.status, 'SUCCEEDED');
        const refunds = shop.simulator.refunds().filter((r) => r.charge_id === charge.charge_id);
        assert.equal(refunds.length, 1, 'refunded once');
        assert.equal(refunds[0]!.amount, inq.total_amount, 'refunded in full');
        await eventually(() => shop.events.some((e) => e.chargeId === charge.charge_id && e.status === 'REFUNDED'), 3000, 'REFUNDED');
        assert.equal(event?.status, 'FAILED');
        assert.equal(event?.refunded, true);
      }
    });
  }
});

/** A store that fails the first write of a placed bill payment: a crash between the Xendit call and recording it. */
function crashOnceAfterPaying(inner: Store): Store & { crashed: number } {
  let crashed = 0;
  return {
    get crashed() {
      return crashed;
    },
    get: (k) => inner.get(k),
    setIfAbsent: (k, v, o) => inner.setIfAbsent(k, v, o),
    set: (k, v, o) => inner.set(k, v, o),
    compareAndDelete: (k, e) => inner.compareAndDelete(k, e),
    delete: (k) => inner.delete(k),
    async compareAndSet(key, expected, value, options) {
      if (crashed === 0 && key.startsWith('bill:') && value.includes('"payment_id"')) {
        crashed += 1;
        throw new Error('process died before recording the bill payment');
      }
      return inner.compareAndSet(key, expected, value, options);
    },
  };
}

describe('bills: exactly one bill payment', () => {
  const idempotencyErrors = (shop: { simulator: ReturnType<typeof createXenditSimulator> }) =>
    shop.simulator.requests().filter((r) => r.route === 'payment' && r.status === 409).length;

  it('a bill whose PayLater payment Xendit has refunded before its callback was handled is never bought: the refund wins', async () => {
    // Xendit's own deliveries are refused (a wrong token at the simulator): the callbacks come by hand, late.
    const late = await billShop({ simulator: { billSettleMs: 10, refundSettleMs: 10, callbackToken: 'not-the-shop-token', callbackRetryDelaysMs: [] } });
    try {
      const { charge } = await payBill(late, 'PLN_PREPAID_50K', '530000000321');
      await late.simulator.fetch(`https://api.xendit.co/paylater/charges/${charge.charge_id}/refunds`, {
        method: 'POST',
        headers: { authorization: `Basic ${btoa(`${SECRET_KEY}:`)}`, 'content-type': 'application/json' },
        body: JSON.stringify({ reason: 'OTHERS' }),
      });
      await eventually(() => late.simulator.charges().find((c) => c.id === charge.charge_id)?.status === 'REFUNDED', 3_000, 'the refund at Xendit');
      const refunded = late.simulator.charges().find((c) => c.id === charge.charge_id)!;
      const answer = await late.call('/webhooks/xendit', { json: { event: 'paylater.payment', data: refunded }, headers: { 'x-callback-token': CALLBACK_TOKEN } });
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.equal(late.simulator.billPayments().length, 0, 'no bill payment for a refunded PayLater payment');
    } finally {
      await late.close();
    }
  });

  it('three copies of the callback → one bill payment', async () => {
    const shop = await billShop({ simulator: { billSettleMs: 10 } });
    try {
      const inq = (await inquiry(shop, 'PLN_PREPAID_50K', '12345678910')).body;
      const plans = (await shop.plans(inq.checkout)).body;
      const charge = (await shop.charge(plans.quote, plans.providers[0].plan_id)).body;
      const paid = { ...shop.simulator.approveCharge(charge.charge_id) };
      const copy = () =>
        shop.call('/webhooks/xendit', { json: { event: 'paylater.payment', business_id: 'b', created: new Date().toISOString(), data: paid }, headers: { 'x-callback-token': CALLBACK_TOKEN } });
      const answers = await Promise.all([copy(), copy(), copy()]);
      assert.deepEqual(answers.map((a) => a.status), [200, 200, 200]);
      await billStatus(shop, charge.status_token, ended);
      assert.equal(shop.simulator.billPayments().length, 1);
      assert.equal(idempotencyErrors(shop), 0);
    } finally {
      await shop.close();
    }
  });

  it('a crash between paying and recording → the retried callback finds the same payment', async () => {
    const store = crashOnceAfterPaying(new MemoryStore());
    const shop = await billShop({ simulator: { billSettleMs: 10, callbackRetryDelaysMs: [30, 60] }, companion: { store } });
    try {
      const { charge } = await payBill(shop, 'PLN_PREPAID_50K', '12345678910');
      const status = await billStatus(shop, charge.status_token, ended);
      assert.equal(store.crashed, 1, 'the crash happened');
      assert.equal(status.bill.status, 'SUCCEEDED');
      const attempts = shop.simulator.requests().filter((r) => r.route === 'payment' && r.method === 'POST');
      assert.ok(attempts.length >= 2, 'paid again after the crash');
      assert.equal(new Set(attempts.map((a) => a.idempotencyKey)).size, 1, 'with the same key');
      assert.equal(shop.simulator.billPayments().length, 1);
      assert.equal(idempotencyErrors(shop), 0);
    } finally {
      await shop.close();
    }
  });

  it('biller 502/503/504 on payment are retried with the same key, past a callback retry → one bill payment each', async () => {
    const shop = await billShop({ simulator: { billSettleMs: 10, callbackRetryDelaysMs: [30, 60, 120] } });
    try {
      for (const [status, code] of [[502, 'BILLER_ERROR'], [503, 'BILLER_MAINTENANCE'], [504, 'BILLER_TIMEOUT']] as const) {
        // Three failures: more than the client's own retries, so one callback delivery fails too.
        const fault = shop.simulator.injectFault({ route: 'payment', status, errorCode: code, times: 3 });
        const before = shop.simulator.requests().length;
        const { charge } = await payBill(shop, 'PLN_PREPAID_50K', '12345678910');
        const answer = await billStatus(shop, charge.status_token, ended);
        fault.remove();
        assert.equal(answer.bill.status, 'SUCCEEDED', String(status));
        const attempts = shop.simulator.requests().slice(before).filter((r) => r.route === 'payment' && r.method === 'POST');
        assert.deepEqual(attempts.map((a) => a.status), [status, status, status, 200]);
        assert.equal(new Set(attempts.map((a) => a.idempotencyKey)).size, 1, 'one key for every attempt');
        const callbacks = shop.simulator.callbacks().filter((c) => c.chargeId === charge.charge_id && c.status === 'SUCCEEDED');
        assert.ok(callbacks.some((c) => c.responseStatus >= 500), 'a callback delivery failed and was retried');
      }
      assert.equal(shop.simulator.billPayments().length, 3);
      assert.equal(idempotencyErrors(shop), 0);
    } finally {
      await shop.close();
    }
  });

  it('one postpaid bill paid through two inquiries (two tabs): bought once; the biller refuses the second payment and its PayLater charge is refunded; a new inquiry says it is paid', async () => {
    const billEvents: BillEvent[] = [];
    const shop = await billShop({ simulator: { billSettleMs: 10 } }, billEvents);
    try {
      const first = await inquiry(shop, 'PLN_POSTPAID', '22345678910');
      const second = await inquiry(shop, 'PLN_POSTPAID', '22345678910');
      assert.equal(first.status, 200);
      assert.equal(second.status, 200);
      const pay = async (checkout: string) => {
        const plans = await shop.plans(checkout);
        const charge = await shop.charge(plans.body.quote, plans.body.providers.find((p: any) => p.channel_code === 'ID_KREDIVO').plan_id);
        await pressOnProviderPage(charge.body.checkout_url.desktop, 'Pay');
        return charge.body;
      };
      const a = await pay(first.body.checkout);
      const paidA = await billStatus(shop, a.status_token, ended);
      assert.equal(paidA.bill.status, 'SUCCEEDED');
      const b = await pay(second.body.checkout);
      const paidB = await billStatus(shop, b.status_token, ended);
      assert.equal(paidB.bill.status, 'FAILED');
      assert.equal(paidB.bill.refund.status, 'SUCCEEDED', 'the second payment is refunded');
      assert.equal(shop.simulator.billPayments().filter((p) => p.properties.status === 'SUCCEEDED').length, 1, 'the bill is paid once');
      assert.deepEqual(billEvents.map((e) => [e.status, e.failureCode]).sort(), [['FAILED', 'BILL_ALREADY_PAID'], ['SUCCEEDED', null]]);
      const again = await inquiry(shop, 'PLN_POSTPAID', '22345678910');
      assert.equal(again.status, 409);
      assert.equal(again.body.error.code, 'BILL_ALREADY_PAID');
    } finally {
      await shop.close();
    }
  });

  it('the merchant\u2019s Xendit balance too low (402 BALANCE_INSUFFICIENT): the paid bill waits, logged, and is bought once the balance is back; nothing is refunded', async () => {
    const billEvents: BillEvent[] = [];
    const shop = await billShop({ simulator: { billSettleMs: 10, callbackRetryDelaysMs: [30, 60, 120] } }, billEvents);
    try {
      const fault = shop.simulator.injectFault({ route: 'payment', status: 402, errorCode: 'BALANCE_INSUFFICIENT', times: 4 });
      const before = shop.simulator.requests().length;
      const { charge } = await payBill(shop, 'PLN_PREPAID_50K', '12345678910');
      const answer = await billStatus(shop, charge.status_token, ended);
      fault.remove();
      assert.equal(answer.bill.status, 'SUCCEEDED', JSON.stringify(answer.bill));
      assert.match(answer.bill.token, /\d{4}/, 'the shopper gets the token');
      const attempts = shop.simulator.requests().slice(before).filter((r) => r.route === 'payment' && r.method === 'POST');
      assert.deepEqual(attempts.map((a) => a.status), [402, 402, 402, 402, 200]);
      assert.equal(new Set(attempts.map((a) => a.idempotencyKey)).size, 1, 'one key for every attempt');
      assert.equal(shop.simulator.refunds().length, 0, 'the shopper\u2019s charge is not refunded while the bill waits');
      assert.equal(shop.simulator.billPayments().length, 1);
      assert.ok(shop.logs.some((line) => /^error .*Xendit balance is too low/.test(line)), 'the merchant is told to top up');
      assert.deepEqual(billEvents.map((e) => e.status), ['SUCCEEDED']);
    } finally {
      await shop.close();
    }
  });

  it('still too low after balanceWaitMs: the bill fails and the shopper\u2019s PayLater charge is refunded in full', async () => {
    const billEvents: BillEvent[] = [];
    const shop = await billShop({
      simulator: { billSettleMs: 10, callbackRetryDelaysMs: [30, 60, 120] },
      companion: { bills: { customer: () => billShopper, itemUrl: 'https://shop.example/listrik', pollIntervalMs: 15, pollTimeoutMs: 1_500, balanceWaitMs: 150, onBillEvent: (e) => void billEvents.push(e) } },
    });
    try {
      shop.simulator.injectFault({ route: 'payment', status: 402, errorCode: 'BALANCE_INSUFFICIENT' });
      const { charge } = await payBill(shop, 'PLN_PREPAID_50K', '12345678910');
      const answer = await billStatus(shop, charge.status_token, ended);
      assert.equal(answer.bill.status, 'FAILED');
      assert.equal(answer.bill.refund.status, 'SUCCEEDED');
      const refunded = shop.simulator.refunds().filter((r) => r.charge_id === charge.charge_id && r.status === 'SUCCEEDED');
      assert.equal(refunded.reduce((sum, r) => sum + r.amount, 0), shop.simulator.charges().find((c) => c.id === charge.charge_id)!.amount);
      assert.equal(shop.simulator.billPayments().length, 0, 'nothing was bought');
      assert.deepEqual(billEvents.map((e) => [e.status, e.failureCode, e.refunded]), [['FAILED', 'BALANCE_INSUFFICIENT', true]]);
    } finally {
      await shop.close();
    }
  });

  it('RATE_LIMIT_EXCEEDED is never a refusal, whatever its status (the seed pairs it with 404): retried, bought once', async () => {
    const shop = await billShop({ simulator: { billSettleMs: 10, callbackRetryDelaysMs: [30, 60, 120] } });
    try {
      const fault = shop.simulator.injectFault({ route: 'payment', status: 404, errorCode: 'RATE_LIMIT_EXCEEDED', times: 2 });
      const { charge } = await payBill(shop, 'PLN_PREPAID_50K', '12345678910');
      const answer = await billStatus(shop, charge.status_token, ended);
      fault.remove();
      assert.equal(answer.bill.status, 'SUCCEEDED');
      assert.equal(shop.simulator.refunds().length, 0);
      assert.equal(shop.simulator.billPayments().length, 1);
    } finally {
      await shop.close();
    }
  });

  describe('two instances sharing one RedisStore', () => {
    let redis: RedisServer;
    before(async () => {
      redis = await startRedis();
    });
    after(() => redis.stop());

    it('the same callback to both instances at once → one bill payment', async () => {
      const simulator = createXenditSimulator({ secretKey: SECRET_KEY, callbackToken: CALLBACK_TOKEN, billSettleMs: 10 });
      const { url } = await listenSimulator(simulator);
      const instance = () => billShop({ sharedSimulator: simulator, companion: { baseUrl: url, store: new RedisStore({ url: redis.url, prefix: 'bills-test:' }) } });
      const a = await instance();
      const b = await instance();
      try {
        const inq = (await inquiry(a, 'PLN_POSTPAID', '22345678911')).body;
        const plans = (await b.plans(inq.checkout)).body;
        const charge = (await a.charge(plans.quote, plans.providers[0].plan_id)).body;
        const paid = { ...simulator.approveCharge(charge.charge_id) };
        const deliver = (shop: Shop) =>
          shop.call('/webhooks/xendit', { json: { event: 'paylater.payment', business_id: 'b', created: new Date().toISOString(), data: paid }, headers: { 'x-callback-token': CALLBACK_TOKEN } });
        const answers = await Promise.all([deliver(a), deliver(b), deliver(a), deliver(b)]);
        assert.deepEqual(answers.map((r) => r.status), [200, 200, 200, 200]);
        const status = await billStatus(b, charge.status_token, ended);
        assert.match(status.bill.receipt, /^PLN/);
        assert.equal(simulator.billPayments().length, 1);
        assert.equal(idempotencyErrors({ simulator }), 0);
      } finally {
        await a.close();
        await b.close();
        await simulator.close();
      }
    });
  });
});

