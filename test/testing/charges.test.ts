import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { scriptedServer, sendJson } from '../helpers/http.js';
import { XenditNotFoundError } from '../../src/xendit/index.js';
import { eventually, forms, newCharge, newCustomer, plansBody, press, startSimulator, TOKEN, type Started, withReceiver, type Receiver } from './support.js';


describe('simulator: the charge life cycle through the provider page', () => {
  let receiver: Receiver;
  let s: Started;
  withReceiver((url) => ({ callbackUrl: `${url}/webhooks/xendit` }), (started, r) => ([s, receiver] = [started, r]));

  it('creates a PENDING charge from the plan, with checkout URLs on the simulator and the callback URL', async () => {
    const charge = await newCharge(s, { amount: 2_000_000, reference: 'order-42' });
    assert.match(charge.id, /^plc_[0-9a-f-]{36}$/);
    assert.equal(charge.status, 'PENDING');
    assert.equal(charge.amount, 2_000_000);
    assert.equal(charge.currency, 'IDR');
    assert.equal(charge.channel_code, 'ID_KREDIVO');
    assert.equal(charge.reference_id, 'order-42');
    assert.equal(charge.checkout_method, 'ONE_TIME_PAYMENT');
    assert.match(charge.customer_id, /^cust-/);
    assert.match(charge.plan_id, /^plp_/);
    assert.equal(charge.order_items.length, 1);
    assert.equal(charge.callback_url, `${receiver.url}/webhooks/xendit`);
    assert.equal(charge.actions.desktop_web_checkout_url, `${s.url}/checkout/${charge.id}`);
    assert.equal(charge.actions.mobile_web_checkout_url, `${s.url}/checkout/${charge.id}`);
    assert.equal(charge.actions.mobile_deeplink_checkout_url, `${s.url}/checkout/${charge.id}?via=app`);
    const got = await s.client.paylater.getCharge(charge.id);
    assert.equal(got.status, 'PENDING');
    assert.equal(got.id, charge.id);
  });

  it('deep links only for Kredivo and Akulaku', async () => {
    const akulaku = await newCharge(s, { channel: 'ID_AKULAKU' });
    assert.match(akulaku.actions.mobile_deeplink_checkout_url, /\?via=app$/);
    for (const channel of ['ID_INDODANA', 'ID_ATOME', 'ID_UANGME']) {
      const other = await newCharge(s, { channel });
      assert.equal(other.actions.mobile_deeplink_checkout_url, null, channel);
    }
    const ph = await newCharge(s, { channel: 'PH_BILLEASE', currency: 'PHP', amount: 5_000 });
    assert.equal(ph.actions.mobile_deeplink_checkout_url, null);
  });

  it('an unknown plan → 404 DATA_NOT_FOUND; an unknown charge → 404', async () => {
    const answer = await s.api('/paylater/charges', {
      body: { plan_id: 'plp_00000000-0000-0000-0000-000000000000', reference_id: 'x', checkout_method: 'ONE_TIME_PAYMENT', success_redirect_url: 'https://shop.example/ok' },
    });
    assert.equal(answer.status, 404);
    assert.equal(answer.body.error_code, 'DATA_NOT_FOUND');
    await assert.rejects(s.client.paylater.getCharge('plc_nope'), XenditNotFoundError);
  });

  it('the provider page is accessible HTML with the order, escaped, and two post forms "Pay" and "Cancel"', async () => {
    const charge = await newCharge(s, { reference: '<img src=x onerror=alert(1)>&"order"' });
    const page = await fetch(charge.actions.desktop_web_checkout_url);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    const html = await page.text();
    assert.match(html, /<html lang="en">/);
    assert.match(html, /<title>[^<]*Kredivo[^<]*<\/title>/);
    assert.match(html, /<meta name="viewport" content="width=device-width, initial-scale=1">/);
    assert.match(html, /<main>[\s\S]*<h1>Kredivo<\/h1>[\s\S]*<\/main>/);
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;&amp;&quot;order&quot;'), 'the reference is shown, escaped');
    assert.ok(!html.includes('<img'), 'no markup from data');
    assert.ok(html.includes('Rp\u00a01.500.000') || html.includes('Rp 1.500.000'), 'amount formatted for IDR');
    assert.match(html, /Batik shirt/);
    // The plans in the page's one language (the provider's Indonesian descriptions are not shown).
    assert.match(html, /3 monthly instalments/, 'the plan options');
    assert.doesNotMatch(html, /Cicilan 3 bulan/);
    assert.match(html, /:focus-visible\{outline/);
    assert.ok(!/<script|<link|src="http|href="http/.test(html), 'no scripts, no external resources');
    const found = forms(html, charge.actions.desktop_web_checkout_url);
    assert.deepEqual(found.map((f) => [f.method, f.buttons]), [['post', ['Pay']], ['post', ['Cancel']]]);
    assert.ok(found.every((f) => f.action.startsWith(`${s.url}/checkout/${charge.id}/`)));
  });

  it('Pay → SUCCEEDED, 303 to the success URL, and a callback with the token arrives', async () => {
    const charge = await newCharge(s);
    const answer = await press(charge.actions.desktop_web_checkout_url, 'Pay');
    assert.equal(answer.status, 303);
    assert.equal(answer.headers.get('location'), 'https://shop.example/paid');
    assert.equal((await s.client.paylater.getCharge(charge.id)).status, 'SUCCEEDED');

    await s.sim.whenIdle();
    assert.equal(receiver.requests.length, 1);
    const delivery = receiver.requests[0]!;
    assert.equal(delivery.method, 'POST');
    assert.equal(delivery.url, '/webhooks/xendit');
    assert.equal(delivery.headers['x-callback-token'], TOKEN);
    assert.match(String(delivery.headers['content-type']), /application\/json/);
    const body = JSON.parse(delivery.body);
    assert.equal(body.event, 'paylater.payment');
    assert.equal(typeof body.business_id, 'string');
    assert.ok(!Number.isNaN(Date.parse(body.created)));
    assert.equal(body.data.id, charge.id);
    assert.equal(body.data.status, 'SUCCEEDED');
    assert.equal(body.data.amount, 1_500_000);
    const [record] = s.sim.callbacks();
    assert.deepEqual(
      { event: record?.event, chargeId: record?.chargeId, status: record?.status, attempt: record?.attempt, responseStatus: record?.responseStatus, outcome: record?.outcome },
      { event: 'paylater.payment', chargeId: charge.id, status: 'SUCCEEDED', attempt: 1, responseStatus: 200, outcome: 'delivered' },
    );
  });

  it('Cancel → FAILED, 303 to the failure URL (or the success URL without one), with a callback', async () => {
    const charge = await newCharge(s);
    const answer = await press(charge.actions.mobile_web_checkout_url, 'Cancel');
    assert.equal(answer.status, 303);
    assert.equal(answer.headers.get('location'), 'https://shop.example/failed');
    assert.equal((await s.client.paylater.getCharge(charge.id)).status, 'FAILED');
    const noFailureUrl = await newCharge(s, { failureUrl: null, reference: 'order-2' });
    const back = await press(noFailureUrl.actions.desktop_web_checkout_url, 'Cancel');
    assert.equal(back.headers.get('location'), 'https://shop.example/paid');
    await s.sim.whenIdle();
    assert.deepEqual(
      receiver.requests.map((r) => JSON.parse(r.body).data.status),
      ['FAILED', 'FAILED'],
    );
  });

  it('a charge that is no longer PENDING shows its status in words and no buttons; pressing again changes nothing', async () => {
    const charge = await newCharge(s);
    const url = charge.actions.desktop_web_checkout_url;
    const [pay] = forms(await (await fetch(url)).text(), url);
    await press(url, 'Pay');
    const html = await (await fetch(url)).text();
    assert.match(html, /role="status"[^>]*>Paid</);
    assert.doesNotMatch(html, /SUCCEEDED/, 'a word for the shopper, not the status code');
    assert.ok(!/<button/.test(html), 'no buttons');
    const again = await fetch(pay!.action, { method: 'POST', redirect: 'manual' });
    assert.equal(again.status, 409);
    const notice = await again.text();
    assert.match(notice, /This payment is already paid; nothing was changed\./);
    assert.doesNotMatch(notice, /SUCCEEDED/);
    await s.sim.whenIdle();
    assert.equal(receiver.requests.length, 1, 'one callback only');
  });

  it('the deep link opens the same page, saying it came from the app', async () => {
    const charge = await newCharge(s);
    const html = await (await fetch(charge.actions.mobile_deeplink_checkout_url)).text();
    assert.match(html, /Opened from the Kredivo app link/);
    assert.deepEqual(forms(html, charge.actions.mobile_deeplink_checkout_url).map((f) => f.buttons[0]), ['Pay', 'Cancel']);
  });

  it('an unknown charge’s page is a 404 page', async () => {
    const page = await fetch(`${s.url}/checkout/plc_nope`);
    assert.equal(page.status, 404);
    assert.match(await page.text(), /<h1>Payment not found<\/h1>/);
  });

  it('cancel → CANCELLED without a callback; cancelling again → 409 INVALID_STATUS', async () => {
    const charge = await newCharge(s);
    const cancelled = await s.client.paylater.cancelCharge(charge.id);
    assert.equal(cancelled.status, 'CANCELLED');
    const again = await s.api(`/paylater/charges/${charge.id}/cancel`, { body: {} });
    assert.equal(again.status, 409);
    assert.equal(again.body.error_code, 'INVALID_STATUS');
    const page = await (await fetch(charge.actions.desktop_web_checkout_url)).text();
    assert.match(page, /Cancelled by the merchant/);
    await s.sim.whenIdle();
    assert.equal(receiver.requests.length, 0, 'Xendit sends no callback for cancel');
    assert.equal(s.sim.callbacks().length, 0);
  });

  it('approveCharge / rejectCharge move a PENDING charge, return it, and send the callback', async () => {
    const a = await newCharge(s, { reference: 'a' });
    const b = await newCharge(s, { reference: 'b' });
    assert.equal(s.sim.approveCharge(a.id).status, 'SUCCEEDED');
    assert.equal(s.sim.rejectCharge(b.id).status, 'FAILED');
    assert.throws(() => s.sim.approveCharge(a.id), /SUCCEEDED, not PENDING/);
    assert.throws(() => s.sim.rejectCharge('plc_nope'), /not found/);
    await s.sim.whenIdle();
    const statuses = Object.fromEntries(receiver.requests.map((r) => [JSON.parse(r.body).data.id, JSON.parse(r.body).data.status]));
    assert.deepEqual(statuses, { [a.id]: 'SUCCEEDED', [b.id]: 'FAILED' });
    assert.deepEqual(s.sim.charges().map((c) => c.status).sort(), ['FAILED', 'SUCCEEDED']);
  });

  it('ignores Idempotency-Key on /paylater by default: the same key twice makes two charges', async () => {
    const customer = await newCustomer(s);
    const plans = await s.api('/paylater/plans', { body: plansBody(customer, 'ID_KREDIVO', 'IDR', 500_000) });
    const body = { plan_id: plans.body.id, reference_id: 'same', checkout_method: 'ONE_TIME_PAYMENT', success_redirect_url: 'https://shop.example/ok' };
    const one = await s.api('/paylater/charges', { body, headers: { 'idempotency-key': 'k' } });
    const two = await s.api('/paylater/charges', { body, headers: { 'idempotency-key': 'k' } });
    assert.notEqual(one.body.id, two.body.id);
    assert.equal(s.sim.charges().length, 2);
    assert.deepEqual(s.sim.requests().filter((r) => r.route === 'charges').map((r) => r.idempotencyKey), ['k', 'k'], 'recorded');
  });
});

describe('simulator: honourPaylaterIdempotency', () => {
  it('replays the stored charge for the same key and body; 409 for another body', async () => {
    const s = await startSimulator({ honourPaylaterIdempotency: true });
    try {
      const customer = await newCustomer(s);
      const plans = await s.api('/paylater/plans', { body: plansBody(customer, 'ID_KREDIVO', 'IDR', 500_000) });
      const body = { plan_id: plans.body.id, reference_id: 'same', checkout_method: 'ONE_TIME_PAYMENT', success_redirect_url: 'https://shop.example/ok' };
      const one = await s.api('/paylater/charges', { body, headers: { 'idempotency-key': 'k' } });
      const two = await s.api('/paylater/charges', { body, headers: { 'idempotency-key': 'k' } });
      assert.equal(two.body.id, one.body.id);
      const other = await s.api('/paylater/charges', { body: { ...body, reference_id: 'other' }, headers: { 'idempotency-key': 'k' } });
      assert.equal(other.status, 409);
      assert.equal(other.body.error_code, 'IDEMPOTENCY_ERROR');
      assert.equal(s.sim.charges().length, 1);
    } finally {
      await s.close();
    }
  });
});

describe('simulator: callback delivery and retries', () => {
  it('retries on 500 on the given schedule until a 2xx', async () => {
    const receiver = await scriptedServer((_req, res, index) => sendJson(res, index < 2 ? 500 : 200, {}));
    const s = await startSimulator({ callbackUrl: `${receiver.url}/cb`, callbackRetryDelaysMs: [30, 60, 120] });
    try {
      const charge = await newCharge(s);
      const started = Date.now();
      s.sim.approveCharge(charge.id);
      await s.sim.whenIdle();
      const elapsed = Date.now() - started;
      assert.equal(receiver.requests.length, 3);
      assert.ok(elapsed >= 90, `waited 30 + 60 ms between attempts (took ${elapsed} ms)`);
      assert.ok(receiver.requests.every((r) => r.headers['x-callback-token'] === TOKEN && r.body === receiver.requests[0]!.body), 'same body and token every time');
      assert.deepEqual(
        s.sim.callbacks().map((c) => [c.attempt, c.responseStatus, c.outcome, c.willRetry, c.gaveUp]),
        [
          [1, 500, 'failed', true, false],
          [2, 500, 'failed', true, false],
          [3, 200, 'delivered', false, false],
        ],
      );
    } finally {
      await s.close();
      await receiver.close();
    }
  });

  it('gives up after the last retry, and treats no answer in callbackTimeoutMs as a failure', async () => {
    const receiver = await scriptedServer((_req, _res, index) => {
      if (index === 0) return; // never answers
      _res.writeHead(503).end();
    });
    const s = await startSimulator({ callbackUrl: `${receiver.url}/cb`, callbackRetryDelaysMs: [5, 5], callbackTimeoutMs: 100 });
    try {
      const charge = await newCharge(s);
      s.sim.approveCharge(charge.id);
      await s.sim.whenIdle();
      assert.deepEqual(
        s.sim.callbacks().map((c) => [c.attempt, c.outcome, c.responseStatus, c.gaveUp]),
        [
          [1, 'timeout', 0, false],
          [2, 'failed', 503, false],
          [3, 'failed', 503, true],
        ],
      );
    } finally {
      await s.close();
      await receiver.close();
    }
  });

  it('a refused connection counts as a network error and is retried', async () => {
    const receiver = await scriptedServer((_req, res) => sendJson(res, 200, {}));
    const deadUrl = receiver.url;
    await receiver.close();
    const s = await startSimulator({ callbackUrl: `${deadUrl}/cb`, callbackRetryDelaysMs: [5] });
    try {
      s.sim.approveCharge((await newCharge(s)).id);
      await s.sim.whenIdle();
      assert.deepEqual(s.sim.callbacks().map((c) => c.outcome), ['network-error', 'network-error']);
      assert.equal(s.sim.callbacks()[1]?.gaveUp, true);
    } finally {
      await s.close();
    }
  });

  it('flush() runs Xendit’s real (hours-long) retry schedule at once', async () => {
    const receiver = await scriptedServer((_req, res, index) => sendJson(res, index === 0 ? 500 : 204, {}));
    const s = await startSimulator({ callbackUrl: `${receiver.url}/cb`, callbackRetryDelaysMs: undefined });
    try {
      s.sim.approveCharge((await newCharge(s)).id);
      await eventually(() => s.sim.callbacks().length === 1, 2_000, 'the first attempt');
      await s.sim.flush();
      assert.deepEqual(s.sim.callbacks().map((c) => c.outcome), ['failed', 'delivered']);
    } finally {
      await s.close();
      await receiver.close();
    }
  });

  it('sends nothing without a callback URL, and setCallbackUrl() turns delivery on', async () => {
    const receiver = await scriptedServer((_req, res) => sendJson(res, 200, {}));
    const s = await startSimulator();
    try {
      s.sim.approveCharge((await newCharge(s, { reference: 'x' })).id);
      await s.sim.whenIdle();
      assert.equal(s.sim.callbacks().length, 0);
      s.sim.setCallbackUrl(`${receiver.url}/late`);
      s.sim.approveCharge((await newCharge(s, { reference: 'y' })).id);
      await s.sim.whenIdle();
      assert.equal(receiver.requests.length, 1);
      assert.equal(receiver.requests[0]!.url, '/late');
    } finally {
      await s.close();
      await receiver.close();
    }
  });

  it('close() stops pending retries (no delivery after close)', async () => {
    const receiver = await scriptedServer((_req, res) => sendJson(res, 500, {}));
    const s = await startSimulator({ callbackUrl: `${receiver.url}/cb`, callbackRetryDelaysMs: [50, 50] });
    try {
      s.sim.approveCharge((await newCharge(s)).id);
      await eventually(() => receiver.requests.length === 1, 2_000, 'the first attempt');
      await s.close();
      await new Promise((r) => setTimeout(r, 150));
      assert.equal(receiver.requests.length, 1);
      await s.sim.whenIdle();
    } finally {
      await receiver.close();
    }
  });
});
