import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { scriptedServer, sendJson } from '../helpers/http.js';
import {
  createXenditClient,
  XenditError,
  XenditInvalidResponseError,
  XenditNetworkError,
  XenditRateLimitError,
  XenditTimeoutError,
  XenditUpstreamError,
  XenditValidationError,
  XenditAuthError,
} from '../../src/xendit/index.js';

const SECRET = 'xnd_development_client_test_secret_0123456789';

const charge = {
  id: 'plc_1',
  reference_id: 'order-1',
  currency: 'IDR',
  amount: 150000,
  channel_code: 'ID_KREDIVO',
  status: 'PENDING',
  actions: { desktop_web_checkout_url: 'https://p.example/1', mobile_web_checkout_url: 'https://p.example/1' },
};
const chargeBody = {
  plan_id: 'plp_1',
  reference_id: 'order-1',
  checkout_method: 'ONE_TIME_PAYMENT' as const,
  success_redirect_url: 'https://shop.example/ok',
};
const plansBody = {
  customer_id: 'cust-1',
  channel_code: 'ID_KREDIVO',
  currency: 'IDR',
  amount: 150000,
  order_items: [
    { type: 'PRODUCT' as const, reference_id: 'sku', name: 'Shoes', net_unit_amount: 150000, quantity: 1, url: 'https://shop.example/p', category: 'Fashion' },
  ],
};

function assertNoSecret(error: unknown) {
  const texts = [String(error), (error as Error).stack ?? '', JSON.stringify(error), inspect(error, { depth: 5 })];
  for (const text of texts) assert.ok(!text.includes(SECRET), `secret leaked in: ${text.slice(0, 200)}`);
}

describe('createXenditClient: headers', () => {
  it('sends Basic auth with the key and an empty password, API-VERSION on customers, for-user-id when set', async () => {
    const server = await scriptedServer((req, res) => {
      if (req.url.startsWith('/customers')) sendJson(res, 200, { data: [], has_more: false });
      else sendJson(res, 200, charge);
    });
    after(() => server.close());
    const client = createXenditClient({ secretKey: SECRET, baseUrl: server.url, forUserId: 'sub-account-7' });
    assert.equal(await client.customers.getByReferenceId('ref/with space'), null);
    await client.paylater.getCharge('plc_1');
    const [customers, get] = server.requests;
    assert.equal(customers!.headers.authorization, `Basic ${Buffer.from(`${SECRET}:`).toString('base64')}`);
    assert.equal(customers!.headers['api-version'], '2020-10-31');
    assert.equal(customers!.url, '/customers?reference_id=ref%2Fwith%20space');
    assert.equal(customers!.headers['for-user-id'], 'sub-account-7');
    assert.equal(get!.headers['api-version'], undefined);

    const plain = createXenditClient({ secretKey: SECRET, baseUrl: server.url });
    await plain.paylater.getCharge('plc_1');
    assert.equal(server.requests[2]!.headers['for-user-id'], undefined);
  });

  it('refuses to start without a secret key or with a non-http base URL', () => {
    assert.throws(() => createXenditClient({ secretKey: '' }), /secretKey/);
    assert.throws(() => createXenditClient({ secretKey: SECRET, baseUrl: 'ftp://x' }), /baseUrl/);
  });
});

describe('createXenditClient: retries', () => {
  it('retries a GET on 503 and 502 and succeeds', async () => {
    const server = await scriptedServer((_req, res, i) => {
      if (i === 0) sendJson(res, 503, { error_code: 'SERVER_ERROR', message: 'down' });
      else if (i === 1) sendJson(res, 502, { error_code: 'SERVER_ERROR', message: 'bad gateway' });
      else sendJson(res, 200, charge);
    });
    after(() => server.close());
    const client = createXenditClient({ secretKey: SECRET, baseUrl: server.url, retryBaseDelayMs: 5 });
    const result = await client.paylater.getCharge('plc_1');
    assert.equal(result.status, 'PENDING');
    assert.equal(server.requests.length, 3);
  });

  it('retries charge creation on 503 with one Idempotency-Key on every attempt', async () => {
    const server = await scriptedServer((_req, res, i) => {
      if (i < 2) sendJson(res, 503, { error_code: 'SERVER_ERROR', message: 'down' });
      else sendJson(res, 200, charge);
    });
    after(() => server.close());
    const client = createXenditClient({ secretKey: SECRET, baseUrl: server.url, retryBaseDelayMs: 5 });
    await client.paylater.createCharge(chargeBody);
    const keys = server.requests.map((r) => r.headers['idempotency-key']);
    assert.equal(keys.length, 3);
    assert.ok(typeof keys[0] === 'string' && keys[0].length >= 16, 'a key is made when none is given');
    assert.deepEqual(new Set(keys).size, 1, 'the same key on every attempt');

    await client.paylater.createCharge(chargeBody, { idempotencyKey: 'order-1:plp_1' });
    assert.equal(server.requests.at(-1)!.headers['idempotency-key'], 'order-1:plp_1');
  });

  it('does not retry a POST without an idempotency key', async () => {
    const server = await scriptedServer((_req, res) => sendJson(res, 503, { error_code: 'CHANNEL_UNAVAILABLE', message: 'try later' }, { 'request-id': 'req-503' }));
    after(() => server.close());
    const client = createXenditClient({ secretKey: SECRET, baseUrl: server.url, retryBaseDelayMs: 5 });
    const error = await client.paylater.initiatePlans(plansBody).catch((e: unknown) => e);
    assert.ok(error instanceof XenditUpstreamError);
    assert.equal(error.code, 'CHANNEL_UNAVAILABLE');
    assert.equal(error.status, 503);
    assert.equal(error.requestId, 'req-503');
    assert.equal(server.requests.length, 1);
  });

  it('honours Rate-Limit-Reset on 429 before trying again', async () => {
    const server = await scriptedServer((_req, res, i) => {
      if (i === 0) sendJson(res, 429, { error_code: 'RATE_LIMIT_EXCEEDED', message: 'slow down' }, { 'rate-limit-reset': '0.4', 'rate-limit-remaining': '0' });
      else sendJson(res, 200, charge);
    });
    after(() => server.close());
    const client = createXenditClient({ secretKey: SECRET, baseUrl: server.url, retryBaseDelayMs: 1 });
    const started = Date.now();
    await client.paylater.createCharge(chargeBody);
    const waited = Date.now() - started;
    assert.equal(server.requests.length, 2);
    assert.ok(waited >= 390, `waited ${waited} ms, expected the 400 ms reset`);
    assert.equal(server.requests[0]!.headers['idempotency-key'], server.requests[1]!.headers['idempotency-key']);
  });

  it('gives up on 429 when the reset is longer than it may wait, telling how long', async () => {
    const server = await scriptedServer((_req, res) => sendJson(res, 429, { error_code: 'RATE_LIMIT_EXCEEDED', message: 'slow down' }, { 'rate-limit-reset': '45' }));
    after(() => server.close());
    const client = createXenditClient({ secretKey: SECRET, baseUrl: server.url, maxRetryDelayMs: 1000 });
    const error = await client.paylater.getCharge('plc_1').catch((e: unknown) => e);
    assert.ok(error instanceof XenditRateLimitError);
    assert.equal(error.code, 'RATE_LIMIT_EXCEEDED');
    assert.equal(error.retryAfterMs, 45_000);
    assert.equal(server.requests.length, 1);
  });

  it('stops after maxRetries', async () => {
    const server = await scriptedServer((_req, res) => sendJson(res, 504, { error_code: 'SERVER_ERROR', message: 'timeout' }));
    after(() => server.close());
    const client = createXenditClient({ secretKey: SECRET, baseUrl: server.url, maxRetries: 3, retryBaseDelayMs: 2 });
    await assert.rejects(client.paylater.getCharge('plc_1'), XenditUpstreamError);
    assert.equal(server.requests.length, 4);
  });

  it('does not retry 4xx answers', async () => {
    const server = await scriptedServer((_req, res) =>
      sendJson(res, 400, { error_code: 'API_VALIDATION_ERROR', message: 'amount is required', errors: [{ path: 'amount' }] }),
    );
    after(() => server.close());
    const client = createXenditClient({ secretKey: SECRET, baseUrl: server.url, retryBaseDelayMs: 2 });
    const error = await client.paylater.createCharge(chargeBody).catch((e: unknown) => e);
    assert.ok(error instanceof XenditValidationError);
    assert.deepEqual(error.errors, [{ path: 'amount' }]);
    assert.equal(server.requests.length, 1);
  });

  it('retries a dropped connection on a GET, then reports a network error', async () => {
    const server = await scriptedServer((_req, res) => {
      res.socket?.destroy();
    });
    after(() => server.close());
    const client = createXenditClient({ secretKey: SECRET, baseUrl: server.url, maxRetries: 1, retryBaseDelayMs: 2 });
    const error = await client.paylater.getCharge('plc_1').catch((e: unknown) => e);
    assert.ok(error instanceof XenditNetworkError);
    assert.equal(error.code, 'NETWORK_ERROR');
    assert.equal(error.status, 0);
    assert.equal(server.requests.length, 2);
  });
});

describe('createXenditClient: time limits and bad answers', () => {
  it('ends a call that gets no answer with a TIMEOUT error', async () => {
    const server = await scriptedServer(() => {
      /* never answers */
    });
    after(() => server.close());
    const client = createXenditClient({ secretKey: SECRET, baseUrl: server.url, timeoutMs: 150, maxRetries: 0 });
    const started = Date.now();
    const error = await client.paylater.getCharge('plc_1').catch((e: unknown) => e);
    assert.ok(error instanceof XenditTimeoutError);
    assert.equal(error.code, 'TIMEOUT');
    assert.match(error.message, /within 150 ms/);
    assert.ok(Date.now() - started < 2000);
  });

  it('stops at once, without retrying, when the caller aborts', async () => {
    const server = await scriptedServer(() => {
      /* never answers */
    });
    after(() => server.close());
    const client = createXenditClient({ secretKey: SECRET, baseUrl: server.url, timeoutMs: 5000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('shopper left')), 50);
    await assert.rejects(client.paylater.getCharge('plc_1', { signal: controller.signal }), /shopper left/);
    assert.equal(server.requests.length, 1);
  });

  it('rejects a 2xx body that is not JSON or not the promised shape', async () => {
    const server = await scriptedServer((_req, res, i) => {
      if (i === 0) {
        res.writeHead(200, { 'content-type': 'application/json', 'request-id': 'req-bad' });
        res.end('{"id": "plc_1", "status": ');
      } else sendJson(res, 200, { id: 'plc_1', status: 42 });
    });
    after(() => server.close());
    const client = createXenditClient({ secretKey: SECRET, baseUrl: server.url, retryBaseDelayMs: 2 });
    const notJson = await client.paylater.getCharge('plc_1').catch((e: unknown) => e);
    assert.ok(notJson instanceof XenditInvalidResponseError);
    assert.equal(notJson.code, 'INVALID_RESPONSE');
    assert.equal(notJson.requestId, 'req-bad');
    const wrongShape = await client.paylater.getCharge('plc_1').catch((e: unknown) => e);
    assert.ok(wrongShape instanceof XenditInvalidResponseError);
    assert.match(wrongShape.message, /status/);
    assert.equal(server.requests.length, 2, 'an invalid answer is not retried');
  });

  it('requires an idempotency key to pay a bill, and sends nothing without one', async () => {
    const server = await scriptedServer((_req, res) => sendJson(res, 500, {}));
    after(() => server.close());
    const client = createXenditClient({ secretKey: SECRET, baseUrl: server.url });
    const body = { product_id: 'PLN_PREPAID_50K', customer_number: '12345678910', reference_id: 'tx-1', total_amount: 53200 };
    // @ts-expect-error: the key is required by the types too
    await assert.rejects(client.billPayments.pay(body, {}), /idempotencyKey/);
    assert.equal(server.requests.length, 0);
  });
});

describe('XenditError', () => {
  it('carries code, status and requestId and never the secret key', async () => {
    const server = await scriptedServer((req, res) =>
      // A hostile upstream that echoes the Authorization header back in its message.
      sendJson(res, 401, { error_code: 'INVALID_API_KEY', message: 'API key is invalid' }, { 'request-id': 'req-401', 'x-echo': String(req.headers.authorization) }),
    );
    after(() => server.close());
    const events: unknown[] = [];
    const client = createXenditClient({ secretKey: SECRET, baseUrl: server.url, onRequest: (e) => events.push(e) });
    const error = await client.paylater.getCharge('plc_1').catch((e: unknown) => e);
    assert.ok(error instanceof XenditAuthError);
    assert.ok(error instanceof XenditError);
    assert.equal(error.code, 'INVALID_API_KEY');
    assert.equal(error.status, 401);
    assert.equal(error.requestId, 'req-401');
    assert.equal(error.name, 'XenditAuthError');
    assertNoSecret(error);
    assert.ok(!JSON.stringify(events).includes(SECRET));
    assert.deepEqual(Object.keys(error.toJSON()).sort(), ['code', 'errors', 'message', 'name', 'requestId', 'status']);
  });

  it('keeps the secret out of network and timeout errors too', async () => {
    const client = createXenditClient({ secretKey: SECRET, baseUrl: 'http://127.0.0.1:9', maxRetries: 0 });
    const error = await client.paylater.getCharge('plc_1').catch((e: unknown) => e);
    assert.ok(error instanceof XenditNetworkError);
    assertNoSecret(error);
  });
});

describe('createXenditClient: expected failures', () => {
  it('marks a failure the caller expects (expectedError) in onRequest, and still throws it', async () => {
    const server = await scriptedServer((_req, res) =>
      sendJson(res, 409, { error_code: 'DUPLICATE_ERROR', message: 'A customer with this reference_id already exists' }, { 'request-id': 'req-409' }),
    );
    after(() => server.close());
    const events: Array<{ status: number; expected?: true }> = [];
    const client = createXenditClient({ secretKey: SECRET, baseUrl: server.url, onRequest: (e) => events.push(e) });
    const body = { reference_id: 'customer-1', type: 'INDIVIDUAL' as const, individual_detail: { given_names: 'Siti' } };
    const seen: XenditError[] = [];
    const expectedError = (error: XenditError) => (seen.push(error), error.status === 409);

    const expected = await client.customers.create(body, { expectedError }).catch((e: unknown) => e);
    assert.ok(expected instanceof XenditError && expected.code === 'DUPLICATE_ERROR');
    assert.equal(seen[0], expected, 'the predicate sees the error that is thrown');
    const plain = await client.customers.create(body).catch((e: unknown) => e);
    assert.ok(plain instanceof XenditError);
    const notThis = await client.customers.create(body, { expectedError: (e) => e.status === 400 }).catch((e: unknown) => e);
    assert.ok(notThis instanceof XenditError);
    assert.deepEqual(
      events.map((e) => [e.status, e.expected]),
      [[409, true], [409, undefined], [409, undefined]],
    );
  });
});
