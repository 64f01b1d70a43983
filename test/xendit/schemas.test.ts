import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { schemas } from '../../src/xendit/index.js';
import * as responses from './seed-responses.js';
import * as requests from '../testing/seed-samples.js';

describe('Xendit schemas: every seed sample parses unchanged', () => {
  const cases: Array<[string, { safeParse(v: unknown): { success: boolean; error?: unknown } }, string]> = [
    ['create customer request (flat 2020-05-19 shape)', schemas.LegacyCustomerCreateRequest, requests.createCustomer],
    ['create customer response', schemas.Customer, responses.createCustomerResponse],
    ['initiate plans request', schemas.PlansRequest, requests.initiatePlans],
    ['initiate plans response', schemas.Plans, responses.initiatePlansResponse],
    ['create charge request', schemas.ChargeRequest, requests.createCharge],
    ['create charge response', schemas.Charge, responses.createChargeResponse],
    ['"refund" sample request (a charge body)', schemas.ChargeRequest, requests.refundCharge],
    ['"refund" sample response (a charge)', schemas.Charge, responses.refundChargeResponse],
    ['"refund" sample request as a refund body (extra fields kept)', schemas.RefundRequest, requests.refundCharge],
    ['PLN prepaid payment request', schemas.BillPaymentRequest, requests.plnPrepaidPayment],
    ['PLN postpaid payment request', schemas.BillPaymentRequest, requests.plnPostpaidPayment],
    ['PLN prepaid pending response', schemas.BillPayment, responses.plnPrepaidPendingResponse],
  ];
  for (const [name, schema, text] of cases) {
    it(name, () => {
      const result = schema.safeParse(JSON.parse(text));
      assert.ok(result.success, `${name}: ${JSON.stringify(result.error)}`);
    });
  }

  it('keeps the values a merchant needs from the charge sample', () => {
    const charge = schemas.Charge.parse(JSON.parse(responses.createChargeResponse));
    assert.equal(charge.amount, 5_000_000);
    assert.equal(charge.status, 'PENDING');
    assert.equal(charge.actions?.desktop_web_checkout_url, 'https://pay-sandbox.kredivo.com/signIn?tk=c115175b-cf9c-445e-be24-3091a87e6316');
    assert.equal(charge.actions?.mobile_deeplink_checkout_url, undefined);
    const plans = schemas.Plans.parse(JSON.parse(responses.initiatePlansResponse));
    assert.deepEqual(plans.options[0], {
      total_amount: 11000,
      installment_amount: 11000,
      interval: 'MONTH',
      interval_count: 1,
      total_recurrence: 1,
      interest_rate: 0,
      description: 'Bayar dalam 30 hari',
    });
  });
});

describe('Xendit schemas: tolerant where Xendit may change, strict where money is', () => {
  const charge = JSON.parse(responses.createChargeResponse);

  it('keeps unknown fields', () => {
    const parsed = schemas.Charge.parse({ ...charge, new_field: { nested: true } }) as Record<string, unknown>;
    assert.deepEqual(parsed.new_field, { nested: true });
  });

  it('tolerates an unknown status string', () => {
    assert.equal(schemas.Charge.parse({ ...charge, status: 'EXPIRED' }).status, 'EXPIRED');
    assert.equal(schemas.Charge.parse({ ...charge, status: 'SOMETHING_NEW' }).status, 'SOMETHING_NEW');
    assert.equal(schemas.Charge.safeParse({ ...charge, status: '' }).success, false);
  });

  it('accepts money with decimals (PHP) and refuses money that is not a number', () => {
    assert.equal(schemas.Charge.parse({ ...charge, currency: 'PHP', amount: 1499.75 }).amount, 1499.75);
    assert.equal(schemas.Charge.safeParse({ ...charge, amount: '5000000' }).success, false);
    assert.equal(schemas.Charge.safeParse({ ...charge, amount: Number.NaN }).success, false);
  });

  it('refuses order items without the required fields or with a non-http url', () => {
    const plans = JSON.parse(requests.initiatePlans);
    const item = plans.order_items[0];
    for (const field of ['reference_id', 'name', 'net_unit_amount', 'quantity', 'url', 'category']) {
      const { [field]: _, ...rest } = item;
      assert.equal(schemas.PlansRequest.safeParse({ ...plans, order_items: [rest] }).success, false, field);
    }
    assert.equal(schemas.PlansRequest.safeParse({ ...plans, order_items: [{ ...item, url: 'javascript:alert(1)' }] }).success, false);
    assert.equal(schemas.PlansRequest.safeParse({ ...plans, amount: 0 }).success, false);
  });

  it('reads the PayLater callback with a charge in data, and any other event', () => {
    const callback = schemas.PaylaterCallback.parse({ event: 'paylater.payment', business_id: 'b', created: '2021-10-29T06:50:57.877Z', data: charge });
    assert.equal(schemas.Charge.parse(callback.data).id, charge.id);
    assert.ok(schemas.PaylaterCallback.safeParse({ event: 'paylater.refund', data: { id: 'plr_1' } }).success);
    assert.equal(schemas.PaylaterCallback.safeParse({ event: 'paylater.payment' }).success, false);
  });

  it('reads a Xendit error body', () => {
    const body = schemas.XenditErrorBody.parse({ error_code: 'API_VALIDATION_ERROR', message: 'bad', errors: [{ path: 'amount' }] });
    assert.equal(body.error_code, 'API_VALIDATION_ERROR');
  });

  it('needs individual_detail for an individual customer in the 2020-10-31 shape', () => {
    const base = { reference_id: 'c-1', type: 'INDIVIDUAL' };
    assert.equal(schemas.CustomerCreateRequest.safeParse(base).success, false);
    assert.ok(schemas.CustomerCreateRequest.safeParse({ ...base, individual_detail: { given_names: 'Siti' } }).success);
    assert.equal(schemas.CustomerCreateRequest.safeParse({ ...base, individual_detail: { given_names: 'Siti' }, mobile_number: '0812' }).success, false);
  });
});
