/**
 * The demo's orders page follows the README's recipe for payments that do not pay the order: a
 * shopper who completes two providers' pages for one cart (the second one could not be cancelled
 * in time) leaves one paid order (the first payment), the second payment noted as refunded in
 * full, and the back office's Refund button aimed at the payment that paid the order.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { DemoShop } from '../../demo/shop.js';
import { eventually, pressOnProviderPage } from '../helpers/shop.js';
import { backOfficeCookie, cartAtCheckout, startShop } from './helpers.js';

describe('demo shop: orders page with a duplicate payment', () => {
  let shop: DemoShop;
  before(async () => {
    shop = await startShop();
  });
  after(() => shop.close());

  async function post(path: string, body: unknown) {
    const response = await fetch(`${shop.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: shop.url },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as any };
  }

  it('two providers paid for one cart: one SUCCEEDED order, the second payment refunded, Refund aims at the first', async () => {
    // A cart with coffee, shown at checkout (the demo's order reference is fixed from here).
    const cartId = await cartAtCheckout(shop, 'kopi-gayo');

    const plans = await post('/paylater/plans', { checkout: cartId });
    assert.equal(plans.status, 200, JSON.stringify(plans.body));
    const plan = (channel: string) => plans.body.providers.find((p: any) => p.channel_code === channel).plan_id;
    const first = await post('/paylater/charges', { quote: plans.body.quote, plan_id: plan('ID_KREDIVO') });
    const second = await post('/paylater/charges', { quote: plans.body.quote, plan_id: plan('ID_AKULAKU') });
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.equal(second.status, 200, JSON.stringify(second.body));
    const order = () => [...shop.state.orders.values()].find((o) => o.cartId === cartId);
    // The companion cancels an order's other charge once it is paid; here the cancel does not
    // reach Xendit, so the second page takes the money too (the case the shop must handle).
    shop.simulator.injectFault({ route: 'cancel', status: 503, errorCode: 'SERVER_ERROR' });
    await pressOnProviderPage(first.body.checkout_url.desktop, 'Pay');
    await eventually(() => order()?.status === 'SUCCEEDED', 5_000, 'the first payment on the order');
    await pressOnProviderPage(second.body.checkout_url.desktop, 'Pay');
    await eventually(() => order()?.refundedPayments.length === 1, 5_000, 'the second payment on the order');
    assert.equal(order()!.status, 'SUCCEEDED', 'the order stays paid');
    assert.equal(order()!.chargeId, first.body.charge_id, 'paid by the first payment');
    assert.equal(order()!.refundedPayments[0]!.chargeId, second.body.charge_id);
    assert.equal(order()!.refundedPayments[0]!.reason, 'DUPLICATE');
    await eventually(() => shop.simulator.charges().find((c) => c.id === second.body.charge_id)?.status === 'REFUNDED', 5_000, 'the second payment refunded at Xendit');
    await eventually(() => order()!.refundedPayments[0]!.status === 'REFUNDED', 5_000, 'the refund confirmed to the shop');

    const cookie = await backOfficeCookie(shop);
    const html = await (await fetch(`${shop.url}/orders?lang=en`, { headers: { cookie } })).text();
    const card = html.slice(html.indexOf(`id="order-${order()!.reference}"`));
    assert.match(card, /Paid twice<\/dt><dd>Akulaku · Rp\s?\d[\d,.]* · Refunded/);
    assert.match(card.slice(0, card.indexOf('</article>')), /name="reference"/, 'the order can still be refunded by the shop');

    // The back office refunds the payment that paid the order, not the duplicate.
    const refund = await fetch(`${shop.url}/orders/refund`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: shop.url, cookie },
      body: `reference=${encodeURIComponent(order()!.reference)}&lang=en`,
    });
    assert.equal(refund.status, 303);
    await eventually(() => shop.simulator.charges().find((c) => c.id === first.body.charge_id)?.status === 'REFUNDED', 5_000, 'the first payment refunded');
    await eventually(() => order()!.status === 'REFUNDED', 5_000, 'the order refunded');
  });
});
