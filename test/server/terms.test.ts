/**
 * `GET {base}/terms` over real HTTP (the companion behind `toNodeHandler`, the simulator on its own
 * port): what it answers and how it may be cached, what it refuses, what it costs Xendit, and what
 * it does when Xendit fails.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseTermsResponse, type TermsResponseBody } from '../../src/contract/index.js';
import { createCompanion } from '../../src/server/index.js';
import { DEFAULT_PREVIEW_CUSTOMER } from '../../src/server/companion/terms/engine.js';
import { eventually, inOneWindow, order, SECRET_KEY, startShop, type Shop } from '../helpers/shop.js';

const IDR = ['ID_KREDIVO', 'ID_AKULAKU', 'ID_INDODANA', 'ID_ATOME', 'ID_UANGME'];
const plansCalls = (shop: Shop) => shop.simulator.requests().filter((r) => r.route === 'plans' && r.method === 'POST').length;
const terms = (shop: Shop, query = '?currency=IDR', headers: Record<string, string> = {}) => shop.call(`/terms${query}`, { headers });

async function withShop(options: Parameters<typeof startShop>[0], run: (shop: Shop) => Promise<void>) {
  const shop = await startShop(options);
  try {
    await run(shop);
  } finally {
    await shop.close();
  }
}

describe('GET {base}/terms: the answer', () => {
  it('holds every enabled provider of the currency with its range and tenors, in the contract’s shape, and nothing of the customer, the plans or the key', async () => {
    await withShop({}, async (shop) => {
      const answer = await terms(shop);
      assert.equal(answer.status, 200);
      assert.match(answer.headers.get('content-type')!, /^application\/json/);
      const body = parseTermsResponse(answer.body);
      assert.deepEqual(answer.body, body, 'no field beyond the contract');
      assert.equal(body.currency, 'IDR');
      assert.ok(Math.abs(Date.parse(body.updated_at) - Date.now()) < 60_000);
      assert.deepEqual(body.providers.map((p) => p.channel_code), IDR);
      const kredivo = body.providers[0]!;
      assert.deepEqual([kredivo.name, kredivo.min_amount, kredivo.max_amount], ['Kredivo', 1_000, 30_000_000]);
      assert.deepEqual(kredivo.tenors.map((t) => [t.total_recurrence, t.interest_rate, t.min_installment]), [[1, 0, undefined], [3, 2.6, 50_000], [6, 2.6, 50_000], [12, 2.6, 50_000]]);

      const php = await terms(shop, '?currency=PHP');
      assert.deepEqual(parseTermsResponse(php.body).providers.map((p) => [p.channel_code, p.tenors[1]?.downpayment_rate]), [['PH_BILLEASE', 0.2], ['PH_CASHALO', undefined]]);

      const text = shop.bodies.slice(-2).join('\n');
      const preview = shop.simulator.customers()[0]!;
      for (const secret of [SECRET_KEY, 'plp_', preview.id, preview.reference_id, DEFAULT_PREVIEW_CUSTOMER.ID.email!, DEFAULT_PREVIEW_CUSTOMER.ID.mobile_number!, DEFAULT_PREVIEW_CUSTOMER.ID.given_names]) {
        assert.ok(!text.includes(secret), `the answer holds ${secret}`);
      }
    });
  });

  it('is public and cacheable: a strong ETag of the body, Cache-Control with stale-while-revalidate, Vary: Origin, and 304 for If-None-Match', async () => {
    await withShop({}, async (shop) => {
      const first = await terms(shop);
      const etag = first.headers.get('etag')!;
      assert.match(etag, /^"[0-9a-f]{32}"$/, 'a strong validator');
      assert.equal(first.headers.get('cache-control'), 'public, max-age=300, stale-while-revalidate=3600');
      assert.equal(first.headers.get('vary'), 'Origin');

      const again = await terms(shop);
      assert.equal(again.headers.get('etag'), etag, 'the same terms, the same ETag');
      for (const header of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
        const cached = await terms(shop, '?currency=IDR', { 'if-none-match': header });
        assert.equal(cached.status, 304, header);
        assert.equal(cached.body, '');
        assert.equal(cached.headers.get('etag'), etag);
        assert.equal(cached.headers.get('cache-control'), first.headers.get('cache-control'));
      }
      assert.equal((await terms(shop, '?currency=IDR', { 'if-none-match': '"stale"' })).status, 200);
      assert.notEqual((await terms(shop, '?currency=PHP')).headers.get('etag'), etag);
    });
  });

  it('answers the shop’s pages with CORS headers like the other GET routes, and HEAD without a body', async () => {
    await withShop({ companion: { allowedOrigins: ['https://shop.example'] } }, async (shop) => {
      const allowed = await terms(shop, '?currency=IDR', { origin: 'https://shop.example' });
      assert.equal(allowed.status, 200);
      assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://shop.example');
      const foreign = await terms(shop, '?currency=IDR', { origin: 'https://elsewhere.example' });
      assert.equal(foreign.headers.get('access-control-allow-origin'), null, 'another site’s page cannot read it');
      const preflight = await shop.call('/terms', { method: 'OPTIONS', headers: { origin: 'https://shop.example', 'access-control-request-method': 'GET' } });
      assert.equal(preflight.status, 204);
      const head = await shop.call('/terms?currency=IDR', { method: 'HEAD' });
      assert.deepEqual([head.status, head.body], [200, '']);
    });
  });
});

describe('GET {base}/terms: bad input', () => {
  it('gets 400 INVALID_REQUEST with a message that says what to send', async () => {
    await withShop({}, async (shop) => {
      const cases: Array<[string, RegExp]> = [
        ['', /Name the currency: \?currency=IDR or PHP/],
        ['?currency=USD', /No provider is offered in this currency \(offered: IDR or PHP\)/],
        ['?currency=idr', /three-letter code in capitals/],
        ['?currency=%3Cscript%3E', /three-letter code/],
        ['?currency=IDR&currency=PHP', /once/],
        ['?currency=IDR&amount=5', /Only the `currency` query parameter/],
        ['?__proto__=1', /Only the `currency` query parameter/],
      ];
      for (const [query, message] of cases) {
        const answer = await terms(shop, query);
        assert.equal(answer.status, 400, query);
        assert.equal(answer.body.error.code, 'INVALID_REQUEST', query);
        assert.match(answer.body.error.message, message, query);
        assert.equal(answer.headers.get('cache-control'), 'no-store');
      }
      assert.equal((await shop.call('/terms', { json: {} })).status, 405);
      assert.equal(plansCalls(shop), 0, 'no refused request reached Xendit');
    });
  });

  it('takes the one currency of the enabled providers when none is named', async () => {
    await withShop({ companion: { channels: ['ID_KREDIVO', 'ID_ATOME'] } }, async (shop) => {
      const answer = await terms(shop, '');
      assert.equal(answer.status, 200);
      assert.deepEqual([answer.body.currency, answer.body.providers.map((p: { channel_code: string }) => p.channel_code)], ['IDR', ['ID_KREDIVO', 'ID_ATOME']]);
      assert.equal((await terms(shop, '?currency=PHP')).status, 400);
    });
  });

  it('is rate-limited per client (default 300 a minute): one page asks once for all its messages', async () => {
    await inOneWindow();
    await withShop({ companion: { rateLimits: { perClient: { terms: 3 } } } }, async (shop) => {
      const statuses = [];
      for (let i = 0; i < 4; i += 1) statuses.push((await terms(shop)).status);
      assert.deepEqual(statuses, [200, 200, 200, 429]);
    });
  });
});

describe('GET {base}/terms: what it costs Xendit', () => {
  it('20 concurrent requests share one derivation: at most 7 plans calls a channel, one preview customer; later requests cost nothing', async () => {
    await withShop({}, async (shop) => {
      const answers = await Promise.all(Array.from({ length: 20 }, () => terms(shop)));
      assert.deepEqual([...new Set(answers.map((a) => a.status))], [200]);
      assert.equal(new Set(answers.map((a) => a.headers.get('etag'))).size, 1);
      const plans = shop.simulator.plans();
      const customers = shop.simulator.customers();
      assert.deepEqual(customers.map((c) => c.reference_id), ['paylater-terms-preview'], 'one preview customer');
      for (const channel of IDR) {
        const amounts = plans.filter((p) => p.channel_code === channel).map((p) => p.amount);
        assert.ok(amounts.length >= 2 && amounts.length <= 7, `${channel}: ${amounts.length} calls`);
        assert.equal(new Set(amounts).size, amounts.length, `${channel}: no amount asked twice`);
      }
      const calls = plansCalls(shop);
      assert.ok(calls <= 7 * IDR.length, `${calls} plans calls`);
      assert.equal(shop.logs.filter((l) => l.includes('terms derived')).length, IDR.length);

      await Promise.all(Array.from({ length: 20 }, () => terms(shop)));
      assert.equal(plansCalls(shop), calls, 'fresh terms are served from the store');
      // The checkout then finds the preview customer's cache untouched and creates the shopper's own.
      assert.equal((await shop.plans()).status, 200);
      assert.equal(shop.simulator.customers().length, 2);
    });
  });

  it('both currencies derive within Xendit’s test-mode limit (60 plans calls a minute), with room left for a shopper’s plans', async () => {
    await withShop({ simulator: { rateLimit: { limit: 60, windowMs: 60_000 } } }, async (shop) => {
      const [idr, php] = await Promise.all([terms(shop), terms(shop, '?currency=PHP')]);
      assert.deepEqual([idr.body.providers.length, php.body.providers.length], [5, 2]);
      assert.ok(plansCalls(shop) <= 45, `${plansCalls(shop)} plans calls`);
      const plans = await shop.plans();
      assert.ok(plans.body.providers.every((p: { available: boolean }) => p.available), 'the checkout still gets every provider');
      assert.equal(shop.simulator.requests().filter((r) => r.status === 429).length, 0);
    });
  });

  it('uses the merchant’s own preview customer when given, and refuses a bad one at start', async () => {
    const customer = { ...order().customer, reference_id: 'shop-preview', given_names: 'Toko', surname: 'Contoh' };
    await withShop({ companion: { preview: { customer, item: { category: 'Electronics' } } } }, async (shop) => {
      assert.equal((await terms(shop)).status, 200);
      assert.deepEqual(shop.simulator.customers().map((c) => c.reference_id), ['shop-preview']);
      assert.ok(!shop.bodies.at(-1)!.includes('Toko'));
      assert.deepEqual([...new Set(shop.simulator.plans().map((p) => p.order_items[0]!.category))], ['Electronics']);
    });
    const options = { secretKey: SECRET_KEY, callbackToken: 'token-0123456789', signingSecret: 's'.repeat(32), returnUrl: 'https://shop.example/return', resolveCheckout: () => null };
    assert.throws(() => createCompanion({ ...options, preview: { customer: { ...customer, mobile_number: 'call me' } } }), /createCompanion: `preview\.customer\.mobile_number`/);
    assert.throws(() => createCompanion({ ...options, preview: { refreshMs: -1 } as never }), /createCompanion: `preview\.refreshMs`/);
  });
});

describe('GET {base}/terms: when Xendit fails', () => {
  it('after a first derivation, the last good terms are served (and said so in the logs); a new attempt waits a minute', async () => {
    await withShop({ companion: { preview: { refreshMs: 300 }, channels: IDR } }, async (shop) => {
      const good = await terms(shop);
      const before = plansCalls(shop);
      shop.simulator.injectFault({ route: 'plans', status: 500 });
      await new Promise((r) => setTimeout(r, 350));

      const stale = await terms(shop);
      assert.equal(stale.status, 200);
      assert.deepEqual(stale.body, good.body, 'the last good terms, as they were');
      await eventually(() => shop.logs.filter((l) => l.includes('terms refresh failed: serving the last good terms')).length === IDR.length, 3_000, 'the warnings');
      assert.equal(plansCalls(shop) - before, IDR.length, 'one failed call a channel');

      const later = await Promise.all(Array.from({ length: 10 }, () => terms(shop)));
      assert.ok(later.every((a) => a.status === 200 && a.headers.get('etag') === good.headers.get('etag')));
      await new Promise((r) => setTimeout(r, 50));
      assert.equal(plansCalls(shop) - before, IDR.length, 'no new attempt within the minute');
    });
  });

  it('stale terms are refreshed behind the answer: the next request sees the new derivation', async () => {
    await withShop({ companion: { preview: { refreshMs: 300 }, channels: ['ID_KREDIVO'] } }, async (shop) => {
      const first = await terms(shop);
      await new Promise((r) => setTimeout(r, 350));
      assert.equal((await terms(shop)).body.updated_at, first.body.updated_at, 'stale terms answer at once');
      await eventually(() => shop.logs.filter((l) => l.includes('terms derived')).length === 2, 3_000, 'the refresh');
      const next = await terms(shop);
      assert.ok(Date.parse(next.body.updated_at) > Date.parse(first.body.updated_at));
    });
  });

  it('a provider whose terms cannot be read yet is left out, with a short cache life; with none at all the answer is 503', async () => {
    await withShop({ companion: { channels: IDR } }, async (shop) => {
      shop.simulator.injectFault({ route: 'plans', channel: 'ID_ATOME', status: 500 });
      const partial = await terms(shop);
      assert.equal(partial.status, 200);
      assert.deepEqual((partial.body as TermsResponseBody).providers.map((p) => p.channel_code), IDR.filter((c) => c !== 'ID_ATOME'));
      assert.equal(partial.headers.get('cache-control'), 'public, max-age=30');
      assert.ok(shop.logs.some((l) => l.includes('terms derivation failed') && l.includes('ID_ATOME')));
    });
    await withShop({ companion: { channels: IDR } }, async (shop) => {
      shop.simulator.injectFault({ route: 'plans', status: 500 });
      const none = await terms(shop);
      assert.equal(none.status, 503);
      assert.equal(none.body.error.code, 'UPSTREAM_ERROR');
      assert.equal(none.headers.get('retry-after'), '60');
    });
  });

  it('a channel not activated for the account is left out, and the answer is complete', async () => {
    await withShop({ simulator: { channels: { ID_ATOME: { activated: false } } }, companion: { channels: IDR } }, async (shop) => {
      const answer = await terms(shop);
      assert.deepEqual(answer.body.providers.map((p: { channel_code: string }) => p.channel_code), IDR.filter((c) => c !== 'ID_ATOME'));
      assert.equal(answer.headers.get('cache-control'), 'public, max-age=300, stale-while-revalidate=3600');
    });
  });
});
