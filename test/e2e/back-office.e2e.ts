/**
 * The demo's back office (`/orders`, `POST /orders/refund`) is closed to anyone without the key the
 * shop prints at start: no list of orders, no refund. The printed link lets a browser in with an
 * HttpOnly, SameSite=Strict cookie; a POST also needs the shop's own Origin.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { DemoShop } from '../../demo/shop.js';
import { eventually, pressOnProviderPage } from '../helpers/shop.js';
import { backOfficeCookie, cartAtCheckout, startShop } from './helpers.js';

describe('demo shop: the back office needs its key', () => {
  let shop: DemoShop;
  let reference = '';
  let chargeId = '';
  before(async () => {
    shop = await startShop();
    // One paid order, made as a shopper makes it: cart → checkout → plans → charge → Pay.
    const cartId = await cartAtCheckout(shop, 'kopi-gayo');
    const post = (path: string, body: unknown) =>
      fetch(`${shop.url}/paylater/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json() as Promise<any>);
    const plans = await post('plans', { checkout: cartId });
    const charge = await post('charges', { quote: plans.quote, plan_id: plans.providers.find((p: any) => p.channel_code === 'ID_KREDIVO').plan_id });
    await pressOnProviderPage(charge.checkout_url.desktop, 'Pay');
    await eventually(() => [...shop.state.orders.values()].some((o) => o.cartId === cartId && o.status === 'SUCCEEDED'), 5_000, 'the order paid');
    const order = [...shop.state.orders.values()].find((o) => o.cartId === cartId)!;
    reference = order.reference;
    chargeId = order.chargeId;
  });
  after(() => shop.close());

  const refundForm = () => `reference=${encodeURIComponent(reference)}&lang=en`;
  const refundRequests = () => shop.simulator.requests().filter((r) => r.route === 'refunds');

  it('without the key: GET /orders is 401 and shows no order; POST /orders/refund is refused and refunds nothing', async () => {
    for (const path of ['/orders', '/orders?lang=id', '/orders?key=not-the-key-0123456789']) {
      const page = await fetch(`${shop.url}${path}`, { redirect: 'manual' });
      assert.equal(page.status, 401, path);
      const html = await page.text();
      assert.doesNotMatch(html, new RegExp(`${reference}|${chargeId}`), 'no order on the page');
      assert.match(html, /\?key=/, 'the page says where the link is');
      assert.equal(page.headers.get('set-cookie'), null);
    }
    // A forged cookie, and requests from the shop's own origin or none: all refused.
    const attempts: Array<Record<string, string>> = [{ origin: shop.url }, {}, { origin: shop.url, cookie: 'toko_back_office=not-the-key-0123456789' }];
    for (const headers of attempts) {
      const refund = await fetch(`${shop.url}/orders/refund`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: refundForm(),
      });
      assert.equal(refund.status, 401, JSON.stringify(headers));
    }
    assert.deepEqual(refundRequests(), [], 'no refund reached Xendit');
    assert.equal(shop.state.orders.get(reference)?.status, 'SUCCEEDED');
    assert.equal(shop.state.orders.get(reference)?.refund, undefined);
  });

  it('with the key but from another site, or without Origin: the refund is refused (403)', async () => {
    const cookie = await backOfficeCookie(shop);
    for (const origin of ['http://evil.example', 'null', undefined]) {
      const refund = await fetch(`${shop.url}/orders/refund`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, ...(origin ? { origin } : {}) },
        body: refundForm(),
      });
      assert.equal(refund.status, 403, String(origin));
    }
    assert.deepEqual(refundRequests(), []);
    assert.equal(shop.state.orders.get(reference)?.refund, undefined);
  });

  it('the printed link sets an HttpOnly, SameSite=Strict cookie and leads to /orders; with it the orders show and Refund works', async () => {
    const signIn = await fetch(shop.backOfficeUrl, { redirect: 'manual', headers: { 'accept-language': 'id' } });
    assert.equal(signIn.status, 303);
    assert.equal(signIn.headers.get('location'), '/orders?lang=id', 'the key leaves the address bar');
    const setCookie = signIn.headers.get('set-cookie') ?? '';
    assert.match(setCookie, /;\s*HttpOnly/i);
    assert.match(setCookie, /;\s*SameSite=Strict/i);
    assert.match(setCookie, /;\s*Path=\/orders/i);
    const cookie = setCookie.split(';')[0]!;

    const orders = await fetch(`${shop.url}/orders?lang=en`, { headers: { cookie } });
    assert.equal(orders.status, 200);
    const html = await orders.text();
    assert.match(html, new RegExp(`id="order-${reference}"`));
    assert.match(html, new RegExp(chargeId));

    const refund = await fetch(`${shop.url}/orders/refund`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: shop.url, cookie },
      body: refundForm(),
    });
    assert.equal(refund.status, 303);
    assert.match(refund.headers.get('location') ?? '', /^\/orders\?notice=/);
    await eventually(() => shop.simulator.charges().find((c) => c.id === chargeId)?.status === 'REFUNDED', 5_000, 'the charge refunded at Xendit');
    await eventually(() => shop.state.orders.get(reference)?.status === 'REFUNDED', 5_000, 'the order refunded');
    assert.equal(refundRequests().filter((r) => r.method === 'POST').length, 1, 'one refund');
  });

  it('a refund Xendit refuses: the notice says why in the page language, with Xendit’s code labelled, never Xendit’s own message', async () => {
    // Atome takes no refunds through the API (Xendit answers 400 FEATURE_NOT_AVAILABLE).
    const cartId = await cartAtCheckout(shop, 'kopi-gayo');
    const post = (path: string, body: unknown) =>
      fetch(`${shop.url}/paylater/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json() as Promise<any>);
    const plans = await post('plans', { checkout: cartId });
    const charge = await post('charges', { quote: plans.quote, plan_id: plans.providers.find((p: any) => p.channel_code === 'ID_ATOME').plan_id });
    await pressOnProviderPage(charge.checkout_url.desktop, 'Pay');
    const order = () => [...shop.state.orders.values()].find((o) => o.cartId === cartId);
    await eventually(() => order()?.status === 'SUCCEEDED', 5_000, 'the Atome order paid');

    const cookie = await backOfficeCookie(shop);
    const refund = await fetch(`${shop.url}/orders/refund`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: shop.url, cookie },
      body: `reference=${encodeURIComponent(order()!.reference)}&lang=id`,
    });
    assert.equal(refund.status, 303);
    const html = await (await fetch(new URL(refund.headers.get('location')!, shop.url), { headers: { cookie } })).text();
    const notice = html.match(/<p class="notice error" role="alert">([\s\S]*?)<\/p>/)?.[1] ?? '';
    assert.match(notice, new RegExp(`Pengembalian dana pesanan ${order()!.reference} ditolak: penyedia ini tidak menerima pengembalian dana lewat Xendit`));
    assert.match(notice, /\(Kode Xendit: <code>FEATURE_NOT_AVAILABLE<\/code>\)/);
    assert.doesNotMatch(notice, /Refunds by API|not available for|Xendit answered/i, 'not Xendit’s own (English) message');
    assert.equal(order()!.status, 'SUCCEEDED');
  });
});
