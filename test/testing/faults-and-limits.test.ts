import { describe, it, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  createXenditClient,
  XenditInvalidResponseError,
  XenditNetworkError,
  XenditRateLimitError,
  XenditTimeoutError,
  XenditUpstreamError,
} from '../../src/xendit/index.js';
import { KEY, newCharge, newCustomer, plansBody, startSimulator, type Started } from './support.js';

describe('simulator: fault injection', () => {
  let s: Started;
  let customer: string;
  before(async () => {
    s = await startSimulator();
    customer = await newCustomer(s);
  });
  beforeEach(() => s.sim.clearFaults());
  after(() => s.close());

  const plans = (channel = 'ID_KREDIVO') => s.api('/paylater/plans', { body: plansBody(customer, channel, 'IDR', 500_000) });

  it('latency: the answer comes, later', async () => {
    s.sim.injectFault({ route: 'plans', latencyMs: 150 });
    const started = Date.now();
    const answer = await plans();
    assert.equal(answer.status, 200);
    assert.ok(Date.now() - started >= 140, `took ${Date.now() - started} ms`);
    const quick = Date.now();
    await s.api('/customers?reference_id=x');
    assert.ok(Date.now() - quick < 140, 'other routes are not slowed');
  });

  it('status: a Xendit error with the given code, or a usual one for the status', async () => {
    s.sim.injectFault({ route: 'plans', status: 500 });
    const plain = await plans();
    assert.equal(plain.status, 500);
    assert.equal(plain.body.error_code, 'SERVER_ERROR');
    assert.ok(plain.headers.get('request-id'));
    s.sim.clearFaults();
    s.sim.injectFault({ route: 'plans', status: 503 });
    assert.equal((await plans()).body.error_code, 'CHANNEL_UNAVAILABLE');
    s.sim.clearFaults();
    s.sim.injectFault({ route: 'plans', status: 403, errorCode: 'CHANNEL_NOT_ACTIVATED' });
    const custom = await plans();
    assert.equal(custom.status, 403);
    assert.equal(custom.body.error_code, 'CHANNEL_NOT_ACTIVATED');
  });

  it('a 429 fault carries the rate-limit headers our client honours', async () => {
    s.sim.injectFault({ route: 'charge', status: 429 });
    const answer = await s.api('/paylater/charges/plc_x');
    assert.equal(answer.status, 429);
    assert.equal(answer.body.error_code, 'RATE_LIMIT_EXCEEDED');
    assert.equal(answer.headers.get('rate-limit-remaining'), '0');
    assert.equal(answer.headers.get('rate-limit-reset'), '1');
  });

  it('timeout: no answer until the client gives up (XenditTimeoutError)', async () => {
    s.sim.injectFault({ route: 'plans', timeout: true });
    const client = createXenditClient({ secretKey: KEY, baseUrl: s.url, timeoutMs: 200, maxRetries: 0 });
    const started = Date.now();
    await assert.rejects(client.paylater.initiatePlans(plansBody(customer, 'ID_KREDIVO', 'IDR', 500_000) as never), XenditTimeoutError);
    assert.ok(Date.now() - started >= 190);
    const entry = s.sim.requests().at(-1);
    assert.equal(entry?.outcome, 'timeout');
    assert.equal(entry?.status, 0);
  });

  it('malformed: 200 with a body that is not JSON (XenditInvalidResponseError)', async () => {
    s.sim.injectFault({ route: 'charges', malformed: true });
    const raw = await s.api('/paylater/charges', { body: {} });
    assert.equal(raw.status, 200);
    assert.throws(() => JSON.parse(raw.text));
    await assert.rejects(s.client.paylater.createCharge({} as never), XenditInvalidResponseError);
  });

  it('drop: the connection is cut without an answer (XenditNetworkError)', async () => {
    s.sim.injectFault({ route: 'customers', drop: true });
    await assert.rejects(fetch(`${s.url}/customers?reference_id=x`), TypeError);
    await assert.rejects(s.client.customers.getByReferenceId('x'), XenditNetworkError);
    assert.equal(s.sim.requests().at(-1)?.outcome, 'dropped');
  });

  it('channel: only plans for that channel, and only charges on that channel', async () => {
    s.sim.injectFault({ route: 'plans', channel: 'ID_AKULAKU', status: 503 });
    assert.equal((await plans('ID_KREDIVO')).status, 200);
    assert.equal((await plans('ID_AKULAKU')).status, 503);
    s.sim.clearFaults();
    const kredivo = await newCharge(s, { channel: 'ID_KREDIVO' });
    const atome = await newCharge(s, { channel: 'ID_ATOME' });
    s.sim.injectFault({ route: 'charge', channel: 'ID_ATOME', status: 500 });
    assert.equal((await s.api(`/paylater/charges/${kredivo.id}`)).status, 200);
    assert.equal((await s.api(`/paylater/charges/${atome.id}`)).status, 500);
  });

  it('times: only the next N matching requests; remove() and method narrow it', async () => {
    s.sim.injectFault({ route: 'plans', status: 500, times: 2 });
    assert.deepEqual([(await plans()).status, (await plans()).status, (await plans()).status], [500, 500, 200]);
    const handle = s.sim.injectFault({ route: 'customers', method: 'POST', status: 502 });
    assert.equal((await s.api('/customers?reference_id=x')).status, 200, 'GET is not hit');
    assert.equal((await s.api('/customers', { body: { reference_id: 'f', given_names: 'A' } })).status, 502);
    handle.remove();
    assert.equal((await s.api('/customers', { body: { reference_id: 'f', given_names: 'A' } })).status, 200);
  });

  it('a retry-safe call of our client gets through a one-off 503', async () => {
    const client = createXenditClient({ secretKey: KEY, baseUrl: s.url, maxRetries: 2, retryBaseDelayMs: 5 });
    const charge = await newCharge(s);
    s.sim.injectFault({ route: 'charge', status: 503, times: 1 });
    assert.equal((await client.paylater.getCharge(charge.id)).id, charge.id);
    s.sim.injectFault({ route: 'charge', status: 503 });
    await assert.rejects(client.paylater.getCharge(charge.id), XenditUpstreamError);
  });

  it('the checkout page can fail too', async () => {
    const charge = await newCharge(s);
    s.sim.injectFault({ route: 'checkout', status: 502, times: 1 });
    assert.equal((await fetch(charge.actions.desktop_web_checkout_url)).status, 502);
    assert.equal((await fetch(charge.actions.desktop_web_checkout_url)).status, 200);
  });

  it('refuses a fault spec that does nothing or too much', () => {
    assert.throws(() => s.sim.injectFault({ route: 'plans' }), /does nothing/);
    assert.throws(() => s.sim.injectFault({ route: 'nope' as never, status: 500 }), /unknown route/);
    assert.throws(() => s.sim.injectFault({ status: 500, drop: true }), /at most one/);
    assert.throws(() => s.sim.injectFault({ status: 500, times: 0 }), /times/);
  });
});

describe('simulator: no answer holds the socket until close()', () => {
  it('a held request fails once the simulator closes, and close() does not hang', async () => {
    const s = await startSimulator();
    s.sim.injectFault({ route: 'products', timeout: true });
    const pending = fetch(`${s.url}/bill-payments/v1/product`, { headers: { authorization: `Basic ${btoa(`${KEY}:`)}` } });
    await new Promise((r) => setTimeout(r, 50));
    let settled = false;
    void pending.then(
      () => (settled = true),
      () => (settled = true),
    );
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(settled, false, 'still waiting');
    await s.close();
    await assert.rejects(pending, TypeError);
  });
});

describe('simulator: rate limit', () => {
  it('a sliding window per endpoint: headers on every answer, 429 RATE_LIMIT_EXCEEDED over the limit', async () => {
    const s = await startSimulator({ rateLimit: { limit: 3, windowMs: 400 } });
    try {
      const answers = [];
      for (let i = 0; i < 4; i += 1) answers.push(await s.api('/paylater/charges/plc_nope'));
      assert.deepEqual(answers.map((a) => a.status), [404, 404, 404, 429]);
      assert.deepEqual(answers.map((a) => a.headers.get('rate-limit-remaining')), ['2', '1', '0', '0']);
      for (const a of answers) {
        assert.equal(a.headers.get('rate-limit-limit'), '3');
        assert.equal(a.headers.get('rate-limit-reset'), '1');
      }
      assert.equal(answers[3]!.body.error_code, 'RATE_LIMIT_EXCEEDED');
      assert.ok(answers[3]!.headers.get('request-id'));

      const other = await s.api('/customers?reference_id=x');
      assert.equal(other.status, 200, 'another endpoint has its own window');
      assert.equal(other.headers.get('rate-limit-remaining'), '2');

      await assert.rejects(s.client.paylater.getCharge('plc_nope'), (error: unknown) => error instanceof XenditRateLimitError && error.retryAfterMs === 1000);

      await new Promise((r) => setTimeout(r, 420));
      assert.equal((await s.api('/paylater/charges/plc_nope')).status, 404, 'the window slid on');
    } finally {
      await s.close();
    }
  });

  it('off by default: no rate-limit headers', async () => {
    const s = await startSimulator();
    try {
      const answer = await s.api('/customers?reference_id=x');
      assert.equal(answer.headers.get('rate-limit-limit'), null);
    } finally {
      await s.close();
    }
  });
});
