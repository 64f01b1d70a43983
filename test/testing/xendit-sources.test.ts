/**
 * The simulator checked against sources nobody here wrote: Xendit's SDKs and docs (issue 12). Each
 * test names its source; each failed against the simulator before it learned the fact.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createXenditSimulator } from '../../src/testing/index.js';
import { KEY, basic, eventually, newCharge, press, type Started, withReceiver, type Receiver } from './support.js';


const nestedBody = (reference: string, detail: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  reference_id: reference,
  type: 'INDIVIDUAL',
  individual_detail: { given_names: 'Siti', surname: 'Rahayu', ...detail },
  email: 'siti@example.co.id',
  mobile_number: '+6281234567890',
  ...extra,
});

describe('simulator: faithful to Xendit’s SDKs and docs', () => {
  let receiver: Receiver;
  let s: Started;
  withReceiver((url) => ({ callbackUrl: `${url}/cb`, refundSettleMs: 20 }), (started, r) => ([s, receiver] = [started, r]));

  /** Callbacks about one charge (or its refunds): a late retry from an earlier test does not count. */
  const events = (chargeId?: string) =>
    receiver.requests
      .map((r) => JSON.parse(r.body) as { event: string; data: { id: string; charge_id?: string; status: string; failure_code?: string } })
      .filter((e) => chargeId === undefined || e.data.id === chargeId || e.data.charge_id === chargeId);
  /** Distinct deliveries: on a loaded machine a slow answer can be retried, as Xendit would. */
  const distinct = (rows: unknown[][]) => [...new Set(rows.map((r) => JSON.stringify(r)))].sort().map((r) => JSON.parse(r) as unknown[]);

  // ---------------------------------------------------------------- customers

  it('no API-VERSION + the nested body (type, individual_detail) → a nested customer, as xendit-node 7 sends it [xendit-node customer/apis/Customer.js]', async () => {
    const answer = await s.api('/customers', { body: nestedBody('no-header-1') });
    assert.equal(answer.status, 200, answer.text);
    assert.match(answer.body.id, /^cust-/);
    assert.equal(answer.body.type, 'INDIVIDUAL');
    assert.equal(answer.body.individual_detail.given_names, 'Siti');
  });

  it('addresses as the SDKs spell them (country_code, line_1, line_2, suburb) are accepted and answered in that spelling [xendit-node customer/models/AddressRequest.js]', async () => {
    const addresses = [{ country_code: 'ID', line_1: 'Jl. Merdeka 1', line_2: 'Blok A', suburb: 'Gambir', city: 'Jakarta', postal_code: '10110' }];
    const nested = await s.api('/customers', { body: nestedBody('sdk-address-1', {}, { addresses }) });
    assert.equal(nested.status, 200, nested.text);
    assert.equal(nested.body.addresses[0].country_code, 'ID');
    assert.equal(nested.body.addresses[0].line_1, 'Jl. Merdeka 1');
    assert.equal(nested.body.addresses[0].line_2, 'Blok A');
    assert.equal(nested.body.addresses[0].suburb, 'Gambir');
    const flat = await s.api('/customers', { body: { reference_id: 'sdk-address-2', given_names: 'Dewi', addresses } });
    assert.equal(flat.status, 200, flat.text);
    assert.equal(flat.body.addresses[0].country_code, 'ID');
    const docs = await s.api('/customers', { body: nestedBody('docs-address', {}, { addresses: [{ country: 'ID', street_line1: 'Jl. Sudirman 5' }] }) });
    assert.equal(docs.body.addresses[0].street_line1, 'Jl. Sudirman 5');
    assert.equal(docs.body.addresses[0].line_1, undefined, 'a docs-spelled request gets the docs spelling only');
  });

  it('names: letters, digits and spaces only, at most 50 characters; refused with 400 API_VALIDATION_ERROR [docs customer field rules, XENDIT_API.md]', async () => {
    const refused: Array<[Record<string, unknown>, string]> = [
      [{ given_names: "O'Brien" }, 'individual_detail.given_names'],
      [{ surname: "Nur'aini" }, 'individual_detail.surname'],
      [{ given_names: 'Siti-Rahayu' }, 'individual_detail.given_names'],
      [{ given_names: 'A'.repeat(51) }, 'individual_detail.given_names'],
    ];
    for (const [detail, path] of refused) {
      const answer = await s.api('/customers', { headers: { 'api-version': '2020-10-31' }, body: nestedBody(`bad-${path}-${JSON.stringify(detail).length}`, detail) });
      assert.equal(answer.status, 400, `${JSON.stringify(detail)} must be refused`);
      assert.equal(answer.body.error_code, 'API_VALIDATION_ERROR');
      assert.ok(answer.body.errors.some((e: { path: string }) => e.path === path), answer.text);
    }
    const flat = await s.api('/customers', { body: { reference_id: 'flat-bad', given_names: 'Jean-Luc' } });
    assert.equal(flat.status, 400);
    assert.ok(flat.body.errors.some((e: { path: string }) => e.path === 'given_names'));
    for (const [reference, detail] of [['ok-50', { given_names: 'A'.repeat(50) }], ['ok-digits', { given_names: 'Siti 2', surname: 'Nur Aini' }], ['ok-accents', { given_names: 'Zoë Núñez' }]] as const) {
      const answer = await s.api('/customers', { body: nestedBody(reference, detail) });
      assert.equal(answer.status, 200, `${reference}: ${answer.text}`);
    }
    assert.equal(s.sim.customers().length, 3);
  });

  it('email at most 50 characters; mobile_number E.164 or local (081234567890) [docs customer field rules, XENDIT_API.md]', async () => {
    const long = `${'a'.repeat(39)}@example.com`; // 51 characters
    const email = await s.api('/customers', { body: nestedBody('long-email', {}, { email: long }) });
    assert.equal(email.status, 400);
    assert.ok(email.body.errors.some((e: { path: string }) => e.path === 'email'));
    assert.equal((await s.api('/customers', { body: nestedBody('email-50', {}, { email: `${'a'.repeat(38)}@example.com` }) })).status, 200);

    const local = await s.api('/customers', { body: nestedBody('local-mobile', {}, { mobile_number: '081234567890' }) });
    assert.equal(local.status, 200, local.text);
    assert.equal(local.body.mobile_number, '081234567890');
    const flatLocal = await s.api('/customers', { body: { reference_id: 'flat-local', given_names: 'Dewi', mobile_number: '081234567890' } });
    assert.equal(flatLocal.status, 200, flatLocal.text);
    for (const bad of ['12345', '+62 812 3456 7890', '0812-3456-7890']) {
      const answer = await s.api('/customers', { body: nestedBody(`bad-mobile-${bad}`, {}, { mobile_number: bad }) });
      assert.equal(answer.status, 400, `${bad} must be refused`);
      assert.ok(answer.body.errors.some((e: { path: string }) => e.path === 'mobile_number'));
    }
  });

  // ---------------------------------------------------------------- refunds

  async function paidCharge(options: Parameters<typeof newCharge>[1] = {}) {
    const charge = await newCharge(s, options);
    s.sim.approveCharge(charge.id);
    await s.sim.whenIdle();
    receiver.requests.length = 0;
    return charge;
  }

  it('a refund can end FAILED with failure_code INSUFFICIENT_BALANCE; the charge stays paid and can be refunded later [xendit-java model/PaylaterEnum.java RefundStatus, RefundFailureReason]', async () => {
    const charge = await paidCharge();
    s.sim.injectFault({ route: 'refunds', refundFailure: 'INSUFFICIENT_BALANCE', times: 1 });
    const refund = await s.api(`/paylater/charges/${charge.id}/refunds`, { method: 'POST' });
    assert.equal(refund.status, 200, refund.text);
    assert.equal(refund.body.status, 'PENDING');
    await s.sim.whenIdle();
    const failed = await s.api(`/paylater/charges/${charge.id}/refunds/${refund.body.id}`);
    assert.equal(failed.body.status, 'FAILED');
    assert.equal(failed.body.failure_code, 'INSUFFICIENT_BALANCE');
    const after = await s.api(`/paylater/charges/${charge.id}`);
    assert.equal(after.body.status, 'SUCCEEDED', 'a failed refund gives the shopper nothing back');
    assert.deepEqual(
      distinct(events(charge.id).map((e) => [e.event, e.data.status, e.data.failure_code])),
      [['paylater.refund', 'FAILED', 'INSUFFICIENT_BALANCE']],
    );

    const retry = await s.api(`/paylater/charges/${charge.id}/refunds`, { method: 'POST' });
    assert.equal(retry.status, 200, retry.text);
    assert.equal(retry.body.amount, charge.amount, 'the failed amount can be refunded again');
    await s.sim.whenIdle();
    assert.equal((await s.api(`/paylater/charges/${charge.id}`)).body.status, 'REFUNDED');
  });

  it('GET /paylater/charges/{id}/refunds lists the charge’s refunds as { data, has_more } [xendit-php src/PayLater.php listPayLaterRefund, tests/Xendit/PayLaterTest.php]', async () => {
    const charge = await paidCharge();
    const other = await paidCharge({ reference: 'order-2' });
    const first = await s.api(`/paylater/charges/${charge.id}/refunds`, { body: { amount: 500_000, reason: 'UNFULFILLED_ITEM' } });
    const second = await s.api(`/paylater/charges/${charge.id}/refunds`, { body: { amount: 250_000, reason: 'DEFECTIVE_ITEM' } });
    await s.api(`/paylater/charges/${other.id}/refunds`, { method: 'POST' });
    // xendit-php asks for `/refunds/` with the trailing slash.
    for (const path of [`/paylater/charges/${charge.id}/refunds`, `/paylater/charges/${charge.id}/refunds/`]) {
      const list = await s.api(path);
      assert.equal(list.status, 200, list.text);
      assert.equal(list.body.has_more, false);
      assert.deepEqual(
        list.body.data.map((r: { id: string; amount: number }) => [r.id, r.amount]),
        [[first.body.id, 500_000], [second.body.id, 250_000]],
      );
    }
    const unknown = await s.api('/paylater/charges/plc_00000000-0000-0000-0000-000000000000/refunds');
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error_code, 'DATA_NOT_FOUND');
  });

  // ---------------------------------------------------------------- Kredivo after a cancel

  it('Kredivo: a charge cancelled by the API can still be paid on the page; the credit is refunded at once and the shopper lands on the failure URL [docs help centre, XENDIT_API.md "Kredivo after a cancel"]', async () => {
    const charge = await newCharge(s, { channel: 'ID_KREDIVO', reference: 'kredivo-cancelled' });
    assert.equal((await s.api(`/paylater/charges/${charge.id}/cancel`, { method: 'POST' })).body.status, 'CANCELLED');
    const answer = await press(charge.actions.desktop_web_checkout_url, 'Pay');
    assert.equal(answer.status, 303);
    assert.equal(answer.headers.get('location'), 'https://shop.example/failed');
    await s.sim.whenIdle();
    const after = await s.api(`/paylater/charges/${charge.id}`);
    assert.equal(after.body.status, 'REFUNDED');
    assert.equal(after.body.refunded_amount, charge.amount);
    const refunds = await s.api(`/paylater/charges/${charge.id}/refunds`);
    assert.deepEqual(refunds.body.data.map((r: { status: string; amount: number }) => [r.status, r.amount]), [['SUCCEEDED', charge.amount]]);
    await eventually(() => distinct(events(charge.id).map((e) => [e.event, e.data.status])).length >= 3, 5_000, 'three callbacks');
    assert.deepEqual(
      distinct(events(charge.id).map((e) => [e.event, e.data.status])),
      [['paylater.payment', 'REFUNDED'], ['paylater.payment', 'SUCCEEDED'], ['paylater.refund', 'SUCCEEDED']],
    );
  });

  it('other channels keep refusing a cancelled charge’s page (409), and nothing is charged', async () => {
    const charge = await newCharge(s, { channel: 'ID_AKULAKU', reference: 'akulaku-cancelled' });
    await s.api(`/paylater/charges/${charge.id}/cancel`, { method: 'POST' });
    const page = await fetch(charge.actions.desktop_web_checkout_url);
    assert.doesNotMatch(await page.text(), />Pay</, 'no Pay button');
    const pay = await fetch(`${charge.actions.desktop_web_checkout_url}/pay`, { method: 'POST', redirect: 'manual' });
    assert.equal(pay.status, 409);
    await s.sim.whenIdle();
    assert.equal((await s.api(`/paylater/charges/${charge.id}`)).body.status, 'CANCELLED');
    assert.deepEqual(events(charge.id), [], 'no callback: nothing happened to the charge');
  });

  // ---------------------------------------------------------------- bill products

  it('product list: default limit 50, postpaid base_amount 0, next_cursor empty on the last page, revenue_share_amount and locale [docs.xendit.co apidocs get-product-list]', async () => {
    const all = await s.api('/bill-payments/v1/product');
    assert.equal(all.status, 200);
    assert.equal(all.body.limit, 50);
    assert.equal(all.body.next_cursor, '');
    const postpaid = all.body.data.find((p: { id: string }) => p.id === 'PLN_POSTPAID');
    assert.equal(postpaid.properties.base_amount, 0);
    for (const product of all.body.data) {
      assert.equal(typeof product.properties.revenue_share_amount, 'number');
      assert.equal(typeof product.properties.locale.en, 'string');
      assert.equal(product.properties.locale.id, product.properties.product_name);
    }
    const page1 = await s.api('/bill-payments/v1/product?limit=2');
    assert.ok(page1.body.next_cursor);
    const page2 = await s.api(`/bill-payments/v1/product?limit=2&cursor=${encodeURIComponent(page1.body.next_cursor)}`);
    assert.equal(page2.body.next_cursor, '');
  });
});

describe('simulator: bounded tables', () => {
  it('keeps at most `maxStoredObjects` of each table, oldest out first: an evicted customer is unknown again', async () => {
    const sim = createXenditSimulator({ secretKey: KEY, maxStoredObjects: 3 });
    const auth = { authorization: basic(KEY), 'content-type': 'application/json' };
    try {
      const ids: string[] = [];
      for (let i = 1; i <= 5; i += 1) {
        const answer = await sim.fetch('https://api.xendit.co/customers', { method: 'POST', headers: auth, body: JSON.stringify(nestedBody(`bounded-${i}`)) });
        assert.equal(answer.status, 200);
        ids.push(((await answer.json()) as { id: string }).id);
      }
      assert.deepEqual(sim.customers().map((c) => c.reference_id), ['bounded-3', 'bounded-4', 'bounded-5']);
      assert.equal((await sim.fetch(`https://api.xendit.co/customers/${ids[0]}`, { headers: auth })).status, 404);
      const byReference = await sim.fetch('https://api.xendit.co/customers?reference_id=bounded-1', { headers: auth });
      assert.deepEqual(((await byReference.json()) as { data: unknown[] }).data, []);
      assert.ok(sim.requests().length <= 3, 'the request log is bounded too');
      // The reference is free again once its customer is gone, as for an unknown one.
      const again = await sim.fetch('https://api.xendit.co/customers', { method: 'POST', headers: auth, body: JSON.stringify(nestedBody('bounded-1')) });
      assert.equal(again.status, 200);
    } finally {
      await sim.close();
    }
  });

  it('refuses a nonsense bound', () => {
    assert.throws(() => createXenditSimulator({ maxStoredObjects: 0 }), /maxStoredObjects/);
  });
});
