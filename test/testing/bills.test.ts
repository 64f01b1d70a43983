import { describe, it, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { billDetail } from '../../src/contract/index.js';
import { XenditConflictError } from '../../src/xendit/index.js';
import { createHmac } from 'node:crypto';
import { startSimulator, TOKEN, type Started, withReceiver, type Receiver } from './support.js';

/** What a merchant sees for each PLN test number: at inquiry, and at payment (final status after settling). */
type Expect = { inquiry: number | string; payment: number | string; failure_code?: string; months?: number; total?: number };

const PREPAID: Record<string, Expect> = {
  '12345678910': { inquiry: 200, payment: 'SUCCEEDED', total: 53_200 },
  '12345678911': { inquiry: 'CUSTOMER_NOT_FOUND', payment: 'CUSTOMER_NOT_FOUND' },
  '12345678912': { inquiry: 'BILLER_TIMEOUT', payment: 'BILLER_TIMEOUT' },
  '12345678913': { inquiry: 'BILLER_MAINTENANCE', payment: 'BILLER_MAINTENANCE' },
  '12345678914': { inquiry: 'PRODUCT_NOT_FOUND', payment: 'PRODUCT_NOT_FOUND' },
  '12345678915': { inquiry: 'API_VALIDATION_ERROR', payment: 'API_VALIDATION_ERROR' },
  '12345678916': { inquiry: 200, payment: 'FAILED', failure_code: 'BILLER_ERROR' },
  '12345678917': { inquiry: 200, payment: 'DUPLICATE_REFERENCE_ID' },
  '12345678918': { inquiry: 'KWH_LIMIT_EXCEEDED', payment: 'KWH_LIMIT_EXCEEDED' },
  '12345678919': { inquiry: 200, payment: 'FAILED', failure_code: 'TRANSACTION_FAILED' },
  '12345678920': { inquiry: 200, payment: 'PENDING' },
};

const POSTPAID: Record<string, Expect> = {
  '22345678910': { inquiry: 200, payment: 'SUCCEEDED', months: 1, total: 159_500 },
  '22345678911': { inquiry: 200, payment: 'SUCCEEDED', months: 2, total: 310_500 },
  '22345678912': { inquiry: 200, payment: 'SUCCEEDED', months: 3, total: 475_250 },
  '22345678913': { inquiry: 200, payment: 'SUCCEEDED', months: 6, total: 918_700 },
  '22345678915': { inquiry: 'CUSTOMER_NOT_FOUND', payment: 'CUSTOMER_NOT_FOUND' },
  '22345678916': { inquiry: 'BILL_ALREADY_PAID', payment: 'BILL_ALREADY_PAID' },
  '22345678917': { inquiry: 'BILLER_TIMEOUT', payment: 'BILLER_TIMEOUT' },
  '22345678918': { inquiry: 'BILLER_MAINTENANCE', payment: 'BILLER_MAINTENANCE' },
  '22345678919': { inquiry: 'PRODUCT_NOT_FOUND', payment: 'PRODUCT_NOT_FOUND' },
  '22345678920': { inquiry: 'CUSTOMER_NUMBER_RESTRICTED', payment: 'CUSTOMER_NUMBER_RESTRICTED' },
  '22345678921': { inquiry: 'BILLER_ERROR', payment: 'BILLER_ERROR' },
  '22345678922': { inquiry: 200, payment: 'INVALID_INQUIRY' },
  '22345678923': { inquiry: 200, payment: 'FAILED', failure_code: 'TRANSACTION_FAILED' },
  '22345678924': { inquiry: 200, payment: 'PENDING' },
};

const HTTP_STATUS: Record<string, number> = {
  CUSTOMER_NOT_FOUND: 404,
  PRODUCT_NOT_FOUND: 404,
  BILLER_TIMEOUT: 504,
  BILLER_MAINTENANCE: 503,
  BILLER_ERROR: 502,
  API_VALIDATION_ERROR: 400,
  KWH_LIMIT_EXCEEDED: 400,
  INVALID_INQUIRY: 400,
  DUPLICATE_REFERENCE_ID: 409,
  BILL_ALREADY_PAID: 409,
  CUSTOMER_NUMBER_RESTRICTED: 403,
};

let n = 0;
const fresh = (prefix: string) => `${prefix}-${++n}`;

describe('simulator: bill payments', () => {
  let s: Started;
  before(async () => {
    s = await startSimulator({ billSettleMs: 20 });
  });
  beforeEach(() => s.sim.reset());
  after(() => s.close());

  const inquire = (product_id: string, customer_number: string) => s.api('/bill-payments/v1/inquiry', { body: { product_id, customer_number } });
  const pay = (body: Record<string, unknown>, key: string | null = fresh('key')) =>
    s.api('/bill-payments/v1/payment', { body, headers: key === null ? {} : { 'idempotency-key': key } });

  it('lists the PLN products with filters, limit and cursor', async () => {
    const all = await s.api('/bill-payments/v1/product');
    assert.equal(all.status, 200);
    assert.deepEqual(all.body.data.map((p: { id: string }) => p.id), ['PLN_PREPAID_50K', 'PLN_PREPAID_200K', 'PLN_POSTPAID']);
    assert.equal(all.body.next_cursor, '');
    const fifty = all.body.data[0];
    assert.equal(fifty.type, 'product');
    assert.deepEqual(
      [fifty.properties.base_amount, fifty.properties.admin_amount, fifty.properties.total_amount, fifty.properties.currency, fifty.properties.category, fifty.properties.requires_inquiry],
      [50_000, 3_200, 53_200, 'IDR', 'ELECTRICITY', false],
    );
    assert.equal(all.body.data[2].properties.requires_inquiry, true);

    const inquiryOnly = await s.api('/bill-payments/v1/product?requires_inquiry=true&category=ELECTRICITY&country=ID&biller=PLN&availability_status=AVAILABLE');
    assert.deepEqual(inquiryOnly.body.data.map((p: { id: string }) => p.id), ['PLN_POSTPAID']);
    const byId = await s.client.billPayments.listProducts({ id: 'PLN_PREPAID_200K' });
    assert.deepEqual(byId.data.map((p) => p.id), ['PLN_PREPAID_200K']);
    const none = await s.api('/bill-payments/v1/product?country=PH');
    assert.deepEqual(none.body.data, []);

    const page1 = await s.api('/bill-payments/v1/product?limit=2');
    assert.equal(page1.body.limit, 2);
    assert.deepEqual(page1.body.data.map((p: { id: string }) => p.id), ['PLN_PREPAID_50K', 'PLN_PREPAID_200K']);
    assert.ok(page1.body.next_cursor);
    const page2 = await s.api(`/bill-payments/v1/product?limit=2&cursor=${encodeURIComponent(page1.body.next_cursor)}`);
    assert.deepEqual(page2.body.data.map((p: { id: string }) => p.id), ['PLN_POSTPAID']);
    assert.equal(page2.body.next_cursor, '');
    assert.equal((await s.api('/bill-payments/v1/product?limit=0')).status, 400);
    assert.equal((await s.api('/bill-payments/v1/product?cursor=bogus')).status, 400);
    assert.equal((await s.api('/bill-payments/v1/product?requires_inquiry=maybe')).status, 400);
  });

  for (const [number, expected] of Object.entries(PREPAID)) {
    it(`PLN prepaid ${number}: inquiry ${expected.inquiry}, payment ${expected.payment}`, async () => {
      await checkNumber('PLN_PREPAID_50K', number, expected);
    });
  }
  for (const [number, expected] of Object.entries(POSTPAID)) {
    it(`PLN postpaid ${number}: inquiry ${expected.inquiry}, payment ${expected.payment}${expected.months ? ` (${expected.months} months)` : ''}`, async () => {
      await checkNumber('PLN_POSTPAID', number, expected);
    });
  }

  async function checkNumber(product: string, number: string, expected: Expect) {
    const inquiry = await inquire(product, number);
    let inquiryId = 'inq-not-issued';
    let total = product === 'PLN_PREPAID_50K' ? 53_200 : 159_500;
    if (expected.inquiry === 200) {
      assert.equal(inquiry.status, 200, inquiry.text);
      const data = inquiry.body.data;
      assert.equal(data.type, 'inquiry');
      assert.match(data.id, /^inq-/);
      assert.equal(data.properties.customer_number, number);
      assert.equal(data.properties.total_amount, data.properties.base_amount + data.properties.admin_amount);
      if (expected.total !== undefined) assert.equal(data.properties.total_amount, expected.total);
      if (expected.months !== undefined) {
        const count = data.properties.bill_details.find((d: { key: string }) => d.key === 'bill_count');
        assert.equal(count.value, String(expected.months));
        assert.equal(data.properties.bill_details.filter((d: { key: string }) => d.key.startsWith('period_')).length, expected.months);
      }
      inquiryId = data.id;
      total = data.properties.total_amount;
    } else {
      assert.equal(inquiry.body.error_code, expected.inquiry);
      assert.equal(inquiry.status, HTTP_STATUS[expected.inquiry as string]);
    }

    const payment = await pay({ product_id: product, customer_number: number, inquiry_id: inquiryId, reference_id: fresh('ref'), total_amount: total });
    if (typeof expected.payment === 'string' && expected.payment in HTTP_STATUS) {
      assert.equal(payment.body.error_code, expected.payment, payment.text);
      assert.equal(payment.status, HTTP_STATUS[expected.payment]);
      assert.equal(s.sim.billPayments().length, 0);
      return;
    }
    assert.equal(payment.status, 200, payment.text);
    const id = payment.body.data.id;
    assert.match(id, /^trx-/);
    if (expected.payment === 'PENDING') await new Promise((r) => setTimeout(r, 40)); // well past billSettleMs
    await s.sim.whenIdle();
    const polled = (await s.client.billPayments.getPayment(id)).data.properties;
    assert.equal(polled.status, expected.payment);
    if (expected.payment === 'SUCCEEDED') {
      assert.ok(!Number.isNaN(Date.parse(polled.fulfilled_at ?? '')));
      assert.equal(polled.failure_code, null);
      if (product === 'PLN_POSTPAID') {
        // docs.xendit.co Get Payment Detail: the payment's proof is its "Serial Number" (no receipt label).
        assert.match(polled.payment_details.find((d) => d.key === 'Serial Number')?.value ?? '', /^\w{10,}$/);
      }
    }
    if (expected.payment === 'FAILED') {
      assert.equal(polled.failure_code, expected.failure_code);
      assert.ok(polled.failure_reason);
      assert.equal(polled.fulfilled_at, null);
      assert.deepEqual(polled.payment_details, []);
    }
    if (expected.payment === 'PENDING') {
      assert.equal(s.sim.settleBillPayment(id, 'SUCCEEDED').properties.status, 'SUCCEEDED');
      assert.equal((await s.client.billPayments.getPayment(id)).data.properties.status, 'SUCCEEDED');
    }
  }

  // docs.xendit.co/apidocs/get-payment-detail (PLN Prepaid Payment - Success): payment_details are
  // [{ key: "Token", value: "1234-5678-9012-3456-7890" }, { key: "Serial Number", value: "PLN987654321" }];
  // no kWh and no receipt label appear there, so the simulator sends neither.
  it('a prepaid payment is PENDING, then SUCCEEDED with the docs\' payment_details: "Token" (20 digits, dashed) and "Serial Number"', async () => {
    const answer = await pay({ product_id: 'PLN_PREPAID_200K', customer_number: '12345678910', reference_id: 'token-1', total_amount: 203_200 });
    assert.equal(answer.status, 200, answer.text);
    const p = answer.body.data;
    assert.equal(p.type, 'payment');
    assert.equal(p.properties.status, 'PENDING');
    assert.equal(p.properties.fulfilled_at, null);
    assert.deepEqual([p.properties.base_amount, p.properties.admin_amount, p.properties.total_amount], [200_000, 3_200, 203_200]);
    await s.sim.whenIdle();
    const done = (await s.api(`/bill-payments/v1/payment/${p.id}`)).body.data.properties;
    assert.equal(done.status, 'SUCCEEDED');
    assert.deepEqual(done.payment_details.map((d: { key: string }) => d.key), ['Token', 'Serial Number']);
    assert.match(done.payment_details[0].value, /^\d{4}(-\d{4}){4}$/);
    assert.equal(billDetail('kwh', done.payment_details), undefined);
  });

  // docs.xendit.co/apidocs/create-inquiry (PLN Prepaid Inquiry Response): customer_details
  // "Nama Pelanggan", "Nomor Pelanggan"; product_details "Tarif/Daya", "Denom"; bill_details "Admin".
  it('an inquiry answers with the docs\' detail labels (Nama Pelanggan, Nomor Pelanggan, Tarif/Daya, Denom, Admin)', async () => {
    const answer = await inquire('PLN_PREPAID_50K', '12345678910');
    assert.equal(answer.status, 200, answer.text);
    const p = answer.body.data.properties;
    assert.deepEqual(p.customer_details.map((d: { key: string }) => d.key), ['Nama Pelanggan', 'Nomor Pelanggan']);
    assert.deepEqual(p.product_details.map((d: { key: string }) => d.key), ['Tarif/Daya', 'Denom']);
    assert.deepEqual(p.bill_details, [{ key: 'Admin', value: '3200' }]);
    assert.equal(billDetail('customerNumber', p.customer_details), '12345678910');
    assert.ok(billDetail('customerName', p.customer_details));
  });

  it('Idempotency-Key is required', async () => {
    const answer = await pay({ product_id: 'PLN_PREPAID_50K', customer_number: '12345678910', reference_id: 'no-key', total_amount: 53_200 }, null);
    assert.equal(answer.status, 400);
    assert.equal(answer.body.error_code, 'API_VALIDATION_ERROR');
    assert.match(answer.body.message, /Idempotency-Key/);
    assert.equal(s.sim.billPayments().length, 0);
  });

  it('same key + same body → the stored answer (same id); same key + other body → 409 IDEMPOTENCY_ERROR', async () => {
    const body = { product_id: 'PLN_PREPAID_50K', customer_number: '12345678910', reference_id: 'idem-1', total_amount: 53_200 };
    const first = await pay(body, 'k-1');
    const again = await pay({ total_amount: 53_200, reference_id: 'idem-1', customer_number: '12345678910', product_id: 'PLN_PREPAID_50K' }, 'k-1');
    assert.equal(again.status, 200);
    assert.equal(again.body.data.id, first.body.data.id);
    const viaClient = await s.client.billPayments.pay(body, { idempotencyKey: 'k-1' });
    assert.equal(viaClient.data.id, first.body.data.id);
    const other = await pay({ ...body, reference_id: 'idem-2' }, 'k-1');
    assert.equal(other.status, 409);
    assert.equal(other.body.error_code, 'IDEMPOTENCY_ERROR');
    assert.equal(s.sim.billPayments().length, 1);
  });

  it('a reference_id reused under another key → 409 DUPLICATE_REFERENCE_ID', async () => {
    const body = { product_id: 'PLN_PREPAID_50K', customer_number: '12345678910', reference_id: 'ref-once', total_amount: 53_200 };
    assert.equal((await pay(body, 'a')).status, 200);
    const dup = await pay(body, 'b');
    assert.equal(dup.status, 409);
    assert.equal(dup.body.error_code, 'DUPLICATE_REFERENCE_ID');
    await assert.rejects(s.client.billPayments.pay(body, { idempotencyKey: 'c' }), XenditConflictError);
  });

  it('total_amount must equal the product’s or the inquiry’s total', async () => {
    const prepaid = await pay({ product_id: 'PLN_PREPAID_50K', customer_number: '12345678910', reference_id: 'amt-1', total_amount: 50_000 });
    assert.equal(prepaid.status, 400);
    assert.equal(prepaid.body.errors[0].path, 'total_amount');
    assert.match(prepaid.body.errors[0].message, /53200/);
    const inquiry = await inquire('PLN_POSTPAID', '22345678912');
    const postpaid = await pay({ product_id: 'PLN_POSTPAID', customer_number: '22345678912', inquiry_id: inquiry.body.data.id, reference_id: 'amt-2', total_amount: 159_500 });
    assert.equal(postpaid.status, 400);
    assert.match(postpaid.body.errors[0].message, /475250/);
  });

  it('a 4xx is not stored under the key: fixing the body with the same key goes through', async () => {
    const bad = await pay({ product_id: 'PLN_PREPAID_50K', customer_number: '12345678910', reference_id: 'fix-1', total_amount: 1 }, 'fix-key');
    assert.equal(bad.status, 400);
    const good = await pay({ product_id: 'PLN_PREPAID_50K', customer_number: '12345678910', reference_id: 'fix-1', total_amount: 53_200 }, 'fix-key');
    assert.equal(good.status, 200);
  });

  it('a 5xx is not stored under the key, so a retry with the same key succeeds', async () => {
    const body = { product_id: 'PLN_PREPAID_50K', customer_number: '12345678910', reference_id: 'retry-1', total_amount: 53_200 };
    s.sim.injectFault({ route: 'payment', method: 'POST', status: 503, times: 1 });
    const failed = await pay(body, 'retry-key');
    assert.equal(failed.status, 503);
    assert.equal(failed.body.error_code, 'BILLER_MAINTENANCE');
    const retried = await pay(body, 'retry-key');
    assert.equal(retried.status, 200);
    assert.equal(s.sim.billPayments().length, 1);
  });

  it('postpaid needs an inquiry_id; a known one must match the number; unknown ones are accepted when the total matches', async () => {
    const without = await pay({ product_id: 'PLN_POSTPAID', customer_number: '22345678910', reference_id: 'pp-1', total_amount: 159_500 });
    assert.equal(without.status, 400);
    assert.equal(without.body.errors[0].path, 'inquiry_id');
    const inquiry = await inquire('PLN_POSTPAID', '22345678911');
    const mismatch = await pay({ product_id: 'PLN_POSTPAID', customer_number: '22345678910', inquiry_id: inquiry.body.data.id, reference_id: 'pp-2', total_amount: 159_500 });
    assert.equal(mismatch.status, 400);
    const unknown = await pay({ product_id: 'PLN_POSTPAID', customer_number: '22345678910', inquiry_id: 'inq-from-elsewhere', reference_id: 'pp-3', total_amount: 159_500 });
    assert.equal(unknown.status, 200);
  });

  it('an unknown product → 404 PRODUCT_NOT_FOUND; an unknown payment → 404; a bad number → 400', async () => {
    const product = await inquire('PLN_PREPAID_1M', '12345678910');
    assert.equal(product.status, 404);
    assert.equal(product.body.error_code, 'PRODUCT_NOT_FOUND');
    const payment = await s.api('/bill-payments/v1/payment/trx-nope');
    assert.equal(payment.status, 404);
    assert.equal(payment.body.error_code, 'DATA_NOT_FOUND');
    assert.equal((await inquire('PLN_PREPAID_50K', '12345')).status, 400);
    const other = await inquire('PLN_PREPAID_50K', '98765432101');
    assert.equal(other.status, 200, 'other valid numbers behave like the success number');
  });
});

// docs.xendit.co/apidocs/payment-status-callback-webhook: the payment nested in `data.data`, its
// status spelled "SUCCEEDDED", headers X-Callback-Signature and X-Callback-Timestamp.
describe('simulator: bill payment callbacks', () => {
  let s: Started;
  let receiver: Receiver;
  withReceiver((url) => ({ billSettleMs: 20, billCallbackUrl: `${url}/bills/webhook` }), (started, r) => ([s, receiver] = [started, r]));

  const pay = (customer_number: string, reference_id: string) =>
    s.api('/bill-payments/v1/payment', { body: { product_id: 'PLN_PREPAID_50K', customer_number, reference_id, total_amount: 53_200 }, headers: { 'idempotency-key': reference_id } });

  it('a payment that ends sends bill_payment.succeeded, shaped as the docs show it, signed with the callback token', async () => {
    const answer = await pay('12345678910', 'cb-1');
    assert.equal(answer.status, 200, answer.text);
    assert.equal(receiver.requests.length, 0, 'nothing while PENDING');
    await s.sim.whenIdle();
    assert.equal(receiver.requests.length, 1);
    const delivery = receiver.requests[0]!;
    assert.equal(delivery.url, '/bills/webhook');
    const body = JSON.parse(delivery.body);
    assert.deepEqual(Object.keys(body).sort(), ['api_version', 'business_id', 'created', 'data', 'event']);
    assert.equal(body.event, 'bill_payment.succeeded');
    assert.equal(body.data.event, 'bill_payment.succeeded');
    assert.deepEqual(
      Object.keys(body.data.data).sort(),
      ['created_at', 'customer_number', 'ledger_transaction_id', 'payment_id', 'product_id', 'reference_id', 'status', 'total_amount', 'updated_at'],
    );
    assert.equal(body.data.data.status, 'SUCCEEDDED', 'as the docs spell it');
    assert.equal(body.data.data.payment_id, answer.body.data.id);
    assert.equal(body.data.data.reference_id, 'cb-1');
    assert.equal(delivery.headers['x-callback-token'], undefined, 'the docs show a signature, not the token');
    const timestamp = String(delivery.headers['x-callback-timestamp']);
    assert.match(timestamp, /^\d{10}$/);
    assert.equal(delivery.headers['x-callback-signature'], createHmac('sha256', TOKEN).update(`${timestamp}.${delivery.body}`).digest('hex'));
    const [record] = s.sim.callbacks();
    assert.deepEqual([record?.event, record?.billPaymentId, record?.status, record?.outcome], ['bill_payment.succeeded', answer.body.data.id, 'SUCCEEDED', 'delivered']);
  });

  it('a failed payment sends bill_payment.failed with its failure code; a "suspected" one only when it is settled', async () => {
    const failed = await pay('12345678919', 'cb-2');
    await s.sim.whenIdle();
    const body = JSON.parse(receiver.requests[0]!.body);
    assert.deepEqual([body.event, body.data.data.status, body.data.data.failure_code, body.data.data.payment_id], ['bill_payment.failed', 'FAILED', 'TRANSACTION_FAILED', failed.body.data.id]);
    const suspected = await pay('12345678920', 'cb-3');
    await s.sim.whenIdle();
    assert.equal(receiver.requests.length, 1, 'still PENDING: no callback');
    s.sim.settleBillPayment(suspected.body.data.id, 'SUCCEEDED');
    await s.sim.whenIdle();
    assert.equal(JSON.parse(receiver.requests[1]!.body).data.data.payment_id, suspected.body.data.id);
  });

  it('answerLost: the payment is made, and its answer never comes back', async () => {
    s.sim.injectFault({ route: 'payment', method: 'POST', answerLost: true, times: 1 });
    await assert.rejects(s.client.billPayments.pay({ product_id: 'PLN_PREPAID_50K', customer_number: '12345678910', reference_id: 'cb-4', total_amount: 53_200 }, { idempotencyKey: 'cb-4' }));
    assert.equal(s.sim.billPayments().filter((p) => p.properties.reference_id === 'cb-4').length, 1, 'made all the same');
    await s.sim.whenIdle();
    assert.equal(JSON.parse(receiver.requests[0]!.body).data.data.reference_id, 'cb-4', 'its callback still comes');
  });
});
