/**
 * A shopper who comes back later: plan ids are new each time Xendit is asked for plans again (the
 * plans cache keeps them 60 s by default). Until the companion kept one charge per order, cart and
 * provider (rather than per plan id), a shopper who went to Kredivo, came back after a minute
 * (back button with a reload, a second tab, the cart page opened again) and pressed Continue for
 * Kredivo again got a second Xendit charge for the same order; both stayed payable, and paying both
 * ran `onPaymentEvent` SUCCEEDED twice for one order (fails at 3b12b73, passes since the fix).
 *
 * `plansCacheTtlMs: 1` stands for "a minute later" with the default 60 s cache.
 */
import { describe, it, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, startShop, type Shop } from '../helpers/shop.js';

describe('a shopper who comes back for the same order', () => {
  let shop: Shop;
  before(async () => {
    shop = await startShop({ companion: { plansCacheTtlMs: 1 } });
  });
  after(() => shop.close());

  async function continueWith(channel: string) {
    const plans = await shop.plans('cart-1');
    assert.equal(plans.status, 200);
    const provider = plans.body.providers.find((p: { channel_code: string }) => p.channel_code === channel);
    const charge = await shop.charge(plans.body.quote, provider.plan_id);
    assert.equal(charge.status, 200, JSON.stringify(charge.body));
    return charge.body as { charge_id: string; checkout_url: { desktop: string } };
  }

  it('is sent to the same Kredivo charge, and the order can be paid once', async () => {
    const first = await continueWith('ID_KREDIVO');
    await new Promise((r) => setTimeout(r, 10)); // the plans cache has expired
    const again = await continueWith('ID_KREDIVO');
    // The shopper completes every provider page they were sent to (the first tab was still open).
    for (const id of new Set([first.charge_id, again.charge_id])) shop.simulator.approveCharge(id);
    await eventually(() => shop.events.some((e) => e.referenceId === 'order-1001'), 3_000, 'the payment event');
    await shop.simulator.whenIdle();

    const atXendit = shop.simulator.charges().filter((c) => c.reference_id === 'order-1001');
    const paid = shop.events.filter((e) => e.referenceId === 'order-1001' && e.status === 'SUCCEEDED');
    assert.equal(atXendit.length, 1, `order-1001 has ${atXendit.length} Kredivo charges at Xendit and was paid ${paid.length} times (${paid.map((e) => e.chargeId).join(', ')})`);
    assert.equal(again.charge_id, first.charge_id);
    assert.equal(paid.length, 1);
  });
});
