import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createXenditSimulator } from '../../src/testing/index.js';
import { listenSimulator } from '../../src/testing/node.js';
import { createXenditClient, XenditAuthError, XenditValidationError } from '../../src/xendit/index.js';
import { basic, call, KEY, startSimulator, type Started } from './support.js';

describe('simulator: auth, errors and records', () => {
  let s: Started;
  before(async () => {
    s = await startSimulator();
  });
  after(() => s.close());

  it('refuses a missing key, a wrong key and a non-empty password with 401 INVALID_API_KEY', async () => {
    const missing = await s.api('/customers?reference_id=x', { key: null });
    const wrong = await s.api('/customers?reference_id=x', { key: 'xnd_development_wrong' });
    const password = await call(s.url, '/customers?reference_id=x', { key: null, headers: { authorization: basic(KEY, 'secret') } });
    const bearer = await call(s.url, '/customers?reference_id=x', { key: null, headers: { authorization: `Bearer ${KEY}` } });
    for (const answer of [missing, wrong, password, bearer]) {
      assert.equal(answer.status, 401);
      assert.equal(answer.body.error_code, 'INVALID_API_KEY');
      assert.equal(typeof answer.body.message, 'string');
      assert.ok(!answer.text.includes(KEY), 'the key is never echoed');
    }
    const right = await s.api('/customers?reference_id=x');
    assert.equal(right.status, 200);
  });

  it('our client sees a wrong key as XenditAuthError with the Request-Id', async () => {
    const client = createXenditClient({ secretKey: 'xnd_development_nope', baseUrl: s.url, maxRetries: 0 });
    await assert.rejects(client.paylater.getCharge('plc_x'), (error: unknown) => {
      assert.ok(error instanceof XenditAuthError);
      assert.equal(error.code, 'INVALID_API_KEY');
      assert.match(error.requestId ?? '', /^[0-9a-f-]{36}$/);
      return true;
    });
  });

  it('puts a Request-Id header on every answer, errors and pages included', async () => {
    const answers = [
      await s.api('/customers?reference_id=x'),
      await s.api('/customers?reference_id=x', { key: null }),
      await s.api('/nope'),
      await s.api('/paylater/plans', { body: {} }),
      await s.api('/checkout/plc_unknown', { key: null }),
    ];
    const ids = answers.map((a) => a.headers.get('request-id'));
    for (const id of ids) assert.match(id ?? '', /^[0-9a-f-]{36}$/);
    assert.equal(new Set(ids).size, ids.length, 'one id per request');
  });

  it('validates bodies with Xendit’s error shape: 400 API_VALIDATION_ERROR, errors [{ path, message }]', async () => {
    const answer = await s.api('/paylater/plans', {
      body: { customer_id: 'c', channel_code: 'ID_KREDIVO', currency: 'IDR', amount: 'lots', order_items: [{ type: 'PRODUCT', name: 'x', net_unit_amount: 1, quantity: 1, url: 'ftp://x', category: 'c' }] },
    });
    assert.equal(answer.status, 400);
    assert.equal(answer.body.error_code, 'API_VALIDATION_ERROR');
    const paths = answer.body.errors.map((e: { path: string }) => e.path);
    assert.ok(paths.includes('amount'), JSON.stringify(answer.body.errors));
    assert.ok(paths.includes('order_items.0.url'), JSON.stringify(answer.body.errors));
    assert.ok(paths.includes('order_items.0.reference_id'), JSON.stringify(answer.body.errors));
    for (const e of answer.body.errors) assert.equal(typeof e.message, 'string');
  });

  it('answers 400 to a body that is not JSON, and our client maps it to XenditValidationError', async () => {
    const answer = await s.api('/paylater/charges', { body: '{"plan_id": ' });
    assert.equal(answer.status, 400);
    assert.equal(answer.body.error_code, 'API_VALIDATION_ERROR');
    await assert.rejects(s.client.paylater.createCharge({} as never), XenditValidationError);
  });

  it('answers 404 NOT_FOUND to unknown routes and to a known path with the wrong method', async () => {
    const unknown = await s.api('/v2/invoices');
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error_code, 'NOT_FOUND');
    const wrongMethod = await s.api('/paylater/plans');
    assert.equal(wrongMethod.status, 404);
    assert.equal(wrongMethod.body.error_code, 'NOT_FOUND');
  });

  it('records requests with status and idempotency key, never the Authorization header', async () => {
    s.sim.reset();
    await s.api('/paylater/charges', { body: {}, headers: { 'idempotency-key': 'key-1', 'for-user-id': 'sub-1' } });
    const [entry] = s.sim.requests();
    assert.ok(entry);
    assert.equal(entry.method, 'POST');
    assert.equal(entry.path, '/paylater/charges');
    assert.equal(entry.route, 'charges');
    assert.equal(entry.status, 400);
    assert.equal(entry.idempotencyKey, 'key-1');
    assert.equal(entry.headers['for-user-id'], 'sub-1');
    assert.ok(!('authorization' in entry.headers));
    assert.ok(!JSON.stringify(s.sim.requests()).includes(basic(KEY).slice(6)), 'no credentials anywhere in the records');
  });

  it('reset() forgets objects and records but keeps the doc fixtures', async () => {
    await s.api('/customers', { body: { reference_id: 'to-forget', given_names: 'A' } });
    assert.equal(s.sim.customers().length, 1);
    s.sim.reset();
    assert.equal(s.sim.customers().length, 0);
    assert.equal(s.sim.requests().length, 0);
    const fixture = await s.api('/customers/e296f81b-074c-44ef-9977-d0ace6c6df1f');
    assert.equal(fixture.status, 200);
    const again = await s.api('/customers', { body: { reference_id: 'to-forget', given_names: 'A' } });
    assert.equal(again.status, 200, 'the reference is free again');
  });
});

describe('simulator: construction and the fetch face', () => {
  it('rejects bad options with a clear TypeError', () => {
    assert.throws(() => createXenditSimulator({ baseUrl: 'not a url' }), /baseUrl/);
    assert.throws(() => createXenditSimulator({ rateLimit: { limit: 0, windowMs: 10 } }), /rateLimit/);
    assert.throws(() => createXenditSimulator({ channels: { ID_NOPE: { min: 1 } } }), /ID_NOPE/);
    assert.throws(() => createXenditSimulator({ billSettleMs: -1 }), /billSettleMs/);
  });

  it('simulator.fetch is the whole API without a server, usable as our client’s fetch', async () => {
    const sim = createXenditSimulator();
    try {
      const client = createXenditClient({ secretKey: 'xnd_development_simulator', fetch: sim.fetch, maxRetries: 0 });
      const customer = await client.customers.create({ reference_id: 'fetch-face', type: 'INDIVIDUAL', individual_detail: { given_names: 'Budi' } });
      assert.match(customer.id, /^cust-/);
      const plans = await client.paylater.initiatePlans({
        customer_id: customer.id,
        channel_code: 'ID_AKULAKU',
        currency: 'IDR',
        amount: 600_000,
        order_items: [{ type: 'PRODUCT', reference_id: 'a', name: 'A', net_unit_amount: 600_000, quantity: 1, url: 'https://a.example', category: 'c' }],
      });
      const charge = await client.paylater.createCharge({ plan_id: plans.id, reference_id: 'r', checkout_method: 'ONE_TIME_PAYMENT', success_redirect_url: 'https://a.example/ok' });
      assert.equal(charge.actions?.desktop_web_checkout_url, `https://api.xendit.co/checkout/${charge.id}`, 'checkout pages live under baseUrl without a server');
      const page = await sim.fetch(charge.actions!.desktop_web_checkout_url!);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /<h1>Akulaku<\/h1>/);
    } finally {
      await sim.close();
    }
  });

  it('listenSimulator twice is refused; after simulator.close() or the server\'s close() it can listen again', async () => {
    const sim = createXenditSimulator();
    try {
      const first = await listenSimulator(sim);
      assert.ok(first.url.startsWith('http://127.0.0.1:'));
      assert.equal(sim.url, first.url);
      await assert.rejects(listenSimulator(sim), /already listening/);
      await sim.close();
      assert.equal(sim.url, undefined);
      await assert.rejects(fetch(`${first.url}/nope`), 'simulator.close() closed the server');
      const second = await listenSimulator(sim);
      assert.equal((await fetch(`${second.url}/nope`)).status, 404);
      await second.close();
      assert.equal(sim.url, undefined);
      await assert.rejects(fetch(`${second.url}/nope`), 'the server is closed');
      const third = await listenSimulator(sim);
      assert.equal(sim.url, third.url);
    } finally {
      await sim.close();
    }
  });
});
