/**
 * Bounded work per shopper (real HTTP on 127.0.0.1, a real redis-server for the cross-instance
 * cases): concurrent identical requests share one Xendit call, request counts are limited per
 * client and per order, a shopper's request never waits out Xendit's long rate-limit waits, and the
 * companion's own origin comes from its configuration, never from the Host header.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { RedisStore } from '../../src/server/index.js';
import { createXenditSimulator } from '../../src/testing/index.js';
import { startRedis, type RedisServer } from '../helpers/redis.js';
import { billShop, CALLBACK_TOKEN, eventually, inOneWindow, order, SECRET_KEY, startShop, type Shop } from '../helpers/shop.js';

const IDR_CHANNELS = 5;
/** A well-formed status token that names no charge (404). */
const UNKNOWN_TOKEN = 'no-such-status-token-0000';

const xenditCalls = (shop: { simulator: ReturnType<typeof createXenditSimulator> }, route: string, method = 'POST') =>
  shop.simulator.requests().filter((r) => r.route === route && r.method === method).length;

/** Ten shoppers with carts (and customers) of their own. */
function honestCarts(shop: Shop, prefix = 'honest') {
  return Array.from({ length: 10 }, (_, i) => {
    const handle = `${prefix}-${i}`;
    const base = order();
    shop.carts.set(handle, { ...base, reference_id: `order-${handle}`, customer: { ...base.customer, reference_id: `customer-${handle}` } });
    return handle;
  });
}

const fromClient = (address: string) => ({ headers: { 'x-forwarded-for': address } });


describe('bounded work: one cart flooded with 200 concurrent plans requests', () => {
  it('costs Xendit one fan-out, and ten honest shoppers asking meanwhile see every provider (test-mode rate limit on)', async () => {
    // Xendit's test mode: 60 requests a minute per endpoint. Before single flight, the flood alone used them up.
    const shop = await startShop({ companion: { rateLimits: false }, simulator: { rateLimit: { limit: 60, windowMs: 60_000 } } });
    try {
      shop.simulator.injectFault({ route: 'plans', latencyMs: 150 });
      const honest = honestCarts(shop);
      const flood = Array.from({ length: 200 }, () => shop.plans('cart-1'));
      const shoppers = honest.map((handle) => shop.plans(handle));
      const [flooded, served] = await Promise.all([Promise.all(flood), Promise.all(shoppers)]);

      assert.deepEqual([...new Set(flooded.map((r) => r.status))], [200]);
      assert.equal(new Set(flooded.map((r) => r.body.providers.map((p: any) => p.plan_id).join())).size, 1, 'every flood request got the same plans');
      for (const answer of [...flooded.slice(0, 1), ...served]) {
        assert.equal(answer.status, 200);
        assert.deepEqual(
          answer.body.providers.filter((p: any) => !p.available).map((p: any) => `${p.channel_code} ${p.reason.code}`),
          [],
          'every provider available',
        );
      }
      // One fan-out for the flooded cart, one for each honest cart; one customer each.
      assert.equal(xenditCalls(shop, 'plans'), IDR_CHANNELS * 11);
      assert.equal(xenditCalls(shop, 'customers'), 11);
    } finally {
      await shop.close();
    }
  });

  it('with the default limits, one client gets 429 RATE_LIMITED with Retry-After past the per-order limit; Xendit still sees one fan-out', async () => {
    await inOneWindow();
    const shop = await startShop({ companion: { clientKey: { header: 'x-forwarded-for' }, rateLimits: {} } });
    try {
      shop.simulator.injectFault({ route: 'plans', latencyMs: 100 });
      const honest = honestCarts(shop);
      const flood = Array.from({ length: 200 }, () => shop.call('/plans', { json: { checkout: 'cart-1' }, ...fromClient('203.0.113.9') }));
      const shoppers = honest.map((handle, i) => shop.call('/plans', { json: { checkout: handle }, ...fromClient(`198.51.100.${i + 1}`) }));
      const [flooded, served] = await Promise.all([Promise.all(flood), Promise.all(shoppers)]);

      const statuses = flooded.map((r) => r.status);
      assert.equal(statuses.filter((s) => s === 200).length, 30, 'the per-order limit (30 a minute) lets 30 through');
      const refused = flooded.filter((r) => r.status === 429);
      assert.equal(refused.length, 170);
      assert.equal(refused[0]!.body.error.code, 'RATE_LIMITED');
      const retryAfter = Number(refused[0]!.headers.get('retry-after'));
      assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
      for (const answer of served) {
        assert.equal(answer.status, 200);
        assert.ok(answer.body.providers.every((p: any) => p.available));
      }
      assert.equal(xenditCalls(shop, 'plans'), IDR_CHANNELS * 11);
    } finally {
      await shop.close();
    }
  });
});

describe('bounded work: per-client limits', () => {
  it('the 11th bill inquiry a minute from one client is refused before Xendit is asked; another client still gets through', async () => {
    await inOneWindow();
    const shop = await billShop({ companion: { clientKey: { header: 'x-forwarded-for' }, rateLimits: {} } });
    try {
      const inquire = (number: string, client: string) =>
        shop.call('/bills/inquiry', { json: { product_id: 'PLN_PREPAID_50K', customer_number: number }, ...fromClient(client) });
      const answers = [];
      for (let i = 0; i < 11; i += 1) answers.push(await inquire(`5300000000${10 + i}`, '203.0.113.7'));
      assert.deepEqual(answers.slice(0, 10).map((r) => r.status), Array(10).fill(200));
      assert.equal(answers[10]!.status, 429);
      assert.equal(answers[10]!.body.error.code, 'RATE_LIMITED');
      assert.ok(Number(answers[10]!.headers.get('retry-after')) >= 1);
      assert.equal(xenditCalls(shop, 'inquiry'), 10, 'the refused inquiry cost no Xendit call');
      assert.equal((await inquire('530000000099', '203.0.113.8')).status, 200);
    } finally {
      await shop.close();
    }
  });

  it('a forwarded-for header counts the address the merchant\u2019s own proxy saw (the right-most), not what the client wrote', async () => {
    await inOneWindow();
    const shop = await startShop({ companion: { clientKey: { header: 'x-forwarded-for' }, rateLimits: { perClient: { status: 2 } } } });
    try {
      const status = (forwarded: string) => shop.call(`/status?token=${UNKNOWN_TOKEN}`, { headers: { 'x-forwarded-for': forwarded } });
      // The client forges a new left-most address each time; the proxy appends the real one.
      const answers = [await status('1.1.1.1, 203.0.113.5'), await status('2.2.2.2, 203.0.113.5'), await status('3.3.3.3, 203.0.113.5')];
      assert.deepEqual(answers.map((r) => r.status), [404, 404, 429]);
    } finally {
      await shop.close();
    }
  });

  it('by default the client is the socket address toNodeHandler passes; a forwarded-for header it was not told to trust is ignored, with one warning', async () => {
    await inOneWindow();
    const shop = await startShop({ companion: { rateLimits: { perClient: { status: 2 } } } });
    try {
      const answers = [];
      for (let i = 0; i < 3; i += 1) answers.push((await shop.call(`/status?token=${UNKNOWN_TOKEN}`, fromClient(`203.0.113.${i}`))).status);
      assert.deepEqual(answers, [404, 404, 429], 'forged addresses do not escape the limit of 127.0.0.1');
      const warnings = shop.logs.filter((line) => line.startsWith('warn') && line.includes('clientKey'));
      assert.equal(warnings.length, 1);
      assert.match(warnings[0]!, /x-forwarded-for/);
    } finally {
      await shop.close();
    }
  });

  it('limits are off with rateLimits: false', async () => {
    const shop = await startShop({ companion: { clientKey: { header: 'x-forwarded-for' }, rateLimits: false } });
    try {
      const answers = await Promise.all(Array.from({ length: 300 }, () => shop.call(`/status?token=${UNKNOWN_TOKEN}`, fromClient('203.0.113.5'))));
      assert.deepEqual([...new Set(answers.map((r) => r.status))], [404]);
    } finally {
      await shop.close();
    }
  });
});

describe('bounded work: a shopper never waits out Xendit\u2019s rate-limit reset', () => {
  it('plans answer at once with the limited providers unavailable, and a charge gets 429 with Xendit\u2019s Retry-After', async () => {
    // Two calls per endpoint in a 20 s window: the rest get 429 with Rate-Limit-Reset ≈ 20 s.
    const shop = await startShop({ companion: { channelTimeoutMs: 8_000, xenditTimeoutMs: 8_000 }, simulator: { rateLimit: { limit: 2, windowMs: 20_000 } } });
    try {
      let started = Date.now();
      const plans = await shop.plans();
      const plansMs = Date.now() - started;
      assert.equal(plans.status, 200);
      const available = plans.body.providers.filter((p: any) => p.available);
      assert.equal(available.length, 2, 'two plans calls fit the window');
      assert.ok(plans.body.providers.filter((p: any) => !p.available).every((p: any) => p.reason.code === 'PROVIDER_UNAVAILABLE'));
      // Waiting out the reset would take the channel's whole 8 s.
      assert.ok(plansMs < 4_000, `plans took ${plansMs} ms`);

      await shop.charge(plans.body.quote, available[0].plan_id);
      await shop.charge(plans.body.quote, available[1].plan_id);
      const thirdCart = { ...order(), reference_id: 'order-3' };
      shop.carts.set('cart-3', thirdCart);
      started = Date.now();
      const third = await shop.plans('cart-3');
      assert.ok(Date.now() - started < 4_000);
      assert.ok(third.body.providers.every((p: any) => !p.available), 'the plans endpoint is still limited');
    } finally {
      await shop.close();
    }
  });

  it('a charge refused by Xendit\u2019s rate limit answers 429 RATE_LIMITED at once, with Retry-After from Xendit', async () => {
    const shop = await startShop({ companion: { xenditTimeoutMs: 8_000 }, simulator: { rateLimit: { limit: 1, windowMs: 20_000 } } });
    try {
      // One plans call per 20 s: ask for one channel only.
      const plans = await shop.plans('cart-1', { channels: ['ID_KREDIVO'] });
      const plan = plans.body.providers[0].plan_id;
      const first = await shop.charge(plans.body.quote, plan);
      assert.equal(first.status, 200);
      // The shopper's first attempt fails; the next one needs a new charge, and that endpoint is now limited.
      shop.simulator.rejectCharge(first.body.charge_id);
      await eventually(() => shop.events.some((e) => e.status === 'FAILED'), 3000, 'the failed charge\u2019s event');
      const started = Date.now();
      const second = await shop.charge(plans.body.quote, plan);
      const ms = Date.now() - started;
      assert.equal(second.status, 429);
      assert.equal(second.body.error.code, 'RATE_LIMITED');
      assert.ok(Number(second.headers.get('retry-after')) >= 15, `Retry-After ${second.headers.get('retry-after')}`);
      assert.ok(ms < 4_000, `the charge took ${ms} ms`);
    } finally {
      await shop.close();
    }
  });
});

describe('bounded work: the companion\u2019s own origin comes from configuration', () => {
  /** Raw HTTP, so the Host header can be anything. */
  function raw(url: string, headers: Record<string, string>, body: string) {
    return new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers } }, (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  it('a page on a foreign host that also sends that Host (DNS rebinding) is refused, and the refusal is logged once with the fix', async () => {
    const shop = await startShop({ companion: { allowedOrigins: ['https://shop.example'] } });
    try {
      const body = JSON.stringify({ checkout: 'cart-1' });
      for (let i = 0; i < 2; i += 1) {
        const answer = await raw(`${shop.base}/plans`, { host: 'evil.example', origin: 'http://evil.example' }, body);
        assert.equal(answer.status, 403);
        assert.equal(JSON.parse(answer.body).error.code, 'FORBIDDEN_ORIGIN');
      }
      const warnings = shop.logs.filter((line) => line.startsWith('warn origin refused'));
      assert.equal(warnings.length, 1);
      assert.match(warnings[0]!, /http:\/\/evil\.example/);
      assert.match(warnings[0]!, /allowedOrigins/);
      assert.equal(xenditCalls(shop, 'plans'), 0);
    } finally {
      await shop.close();
    }
  });

  it('the shop\u2019s pages (returnUrl\u2019s origin) are allowed behind a TLS-terminating proxy, whatever Host the companion sees', async () => {
    const shop = await startShop({ companion: { returnUrl: 'https://shop.example/paylater/return' } });
    try {
      const answer = await raw(`${shop.base}/plans`, { host: '10.0.0.5:3000', origin: 'https://shop.example' }, JSON.stringify({ checkout: 'cart-1' }));
      assert.equal(answer.status, 200);
      // Its own Host no longer makes an origin "ours".
      const self = await raw(`${shop.base}/plans`, { origin: shop.url }, JSON.stringify({ checkout: 'cart-1' }));
      assert.equal(self.status, 403);
    } finally {
      await shop.close();
    }
  });
});

describe('bounded work: two instances sharing one RedisStore', () => {
  let redis: RedisServer;
  let simulator: ReturnType<typeof createXenditSimulator>;
  let a: Shop;
  let b: Shop;

  before(async () => {
    redis = await startRedis();
    simulator = createXenditSimulator({ secretKey: SECRET_KEY, callbackToken: CALLBACK_TOKEN });
    const { url } = await simulator.listen(0);
    const instance = () =>
      startShop({
        sharedSimulator: simulator,
        companion: {
          baseUrl: url,
          store: new RedisStore({ url: redis.url, prefix: 'bounded:' }),
          clientKey: { header: 'x-forwarded-for' },
          rateLimits: { perClient: { status: 5 } },
        },
      });
    a = await instance();
    b = await instance();
  });
  after(async () => {
    await a?.close();
    await b?.close();
    await simulator?.close();
    await redis?.stop();
  });

  it('100 concurrent plans requests for one new cart, split over both, make one customer and one fan-out', async () => {
    const cart = { ...order(), reference_id: 'order-shared', customer: { ...order().customer, reference_id: 'customer-shared' } };
    a.carts.set('cart-shared', cart);
    b.carts.set('cart-shared', cart);
    simulator.injectFault({ route: 'customers', latencyMs: 100 });
    simulator.injectFault({ route: 'plans', latencyMs: 150 });
    await inOneWindow();
    const before = { plans: xenditCalls({ simulator }, 'plans'), customers: xenditCalls({ simulator }, 'customers') };
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => (i % 2 ? a : b).call('/plans', { json: { checkout: 'cart-shared' }, ...fromClient(`192.0.2.${i}`) })));
    simulator.clearFaults();
    const ok = answers.filter((r) => r.status === 200);
    assert.equal(ok.length, 30, 'the per-order limit holds across instances');
    assert.ok(ok.every((r) => r.body.providers.every((p: any) => p.available)));
    assert.equal(new Set(ok.map((r) => r.body.providers.map((p: any) => p.plan_id).join())).size, 1, 'one set of plans for all');
    assert.equal(xenditCalls({ simulator }, 'plans') - before.plans, IDR_CHANNELS);
    assert.equal(xenditCalls({ simulator }, 'customers') - before.customers, 1);
  });

  it('a client\u2019s count is shared: past its limit it is refused whichever instance it reaches', async () => {
    await inOneWindow();
    const statuses = [];
    for (let i = 0; i < 3; i += 1) {
      statuses.push((await a.call(`/status?token=${UNKNOWN_TOKEN}`, fromClient('203.0.113.44'))).status);
      statuses.push((await b.call(`/status?token=${UNKNOWN_TOKEN}`, fromClient('203.0.113.44'))).status);
    }
    // Five a minute in all, not five per instance.
    assert.deepEqual(statuses, [404, 404, 404, 404, 404, 429]);
    assert.equal((await a.call(`/status?token=${UNKNOWN_TOKEN}`, fromClient('203.0.113.45'))).status, 404, 'another client is not affected');
  });
});
