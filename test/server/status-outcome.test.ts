/**
 * The status route says how a payment ended in words the return page can speak, never in Xendit's
 * codes: `ended_as` (CANCELLED or DECLINED) for a payment that ended unpaid, and `refunded_amount`
 * for a refunded one (a partial refund makes a charge REFUNDED too).
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startShop, order, eventually, pressOnProviderPage, CALLBACK_TOKEN, type Shop } from '../helpers/shop.js';

describe('companion: how a payment ended, on the status route', () => {
  let shop: Shop;
  before(async () => {
    shop = await startShop();
  });
  after(() => shop.close());

  async function pendingCharge(reference: string, channel = 'ID_AKULAKU') {
    shop.carts.set(reference, order({ reference_id: reference }));
    const plans = await shop.plans(reference);
    const plan = plans.body.providers.find((p: any) => p.channel_code === channel);
    return (await shop.charge(plans.body.quote, plan.plan_id)).body as { charge_id: string; status_token: string; checkout_url: { desktop: string } };
  }

  const status = async (token: string) => (await shop.call(`/status?token=${token}`)).body;

  function callback(data: Record<string, unknown>) {
    return shop.call('/webhooks/xendit', {
      json: { event: 'paylater.payment', business_id: 'biz', created: new Date().toISOString(), data },
      headers: { 'x-callback-token': CALLBACK_TOKEN },
    });
  }

  it("the shopper's Cancel on the provider's page: FAILED with no failure code, said as CANCELLED", async () => {
    const charge = await pendingCharge('end-1');
    assert.equal((await status(charge.status_token)).ended_as, undefined, 'nothing ended yet');
    await pressOnProviderPage(charge.checkout_url.desktop, 'Cancel');
    const xendit = shop.simulator.charges().find((c: any) => c.id === charge.charge_id)!;
    assert.equal(xendit.status, 'FAILED');
    assert.equal('failure_code' in xendit, false, "Xendit's PayLater charge carries no failure code");
    await eventually(async () => (await status(charge.status_token)).status === 'FAILED', 3000, 'FAILED');
    assert.equal((await status(charge.status_token)).ended_as, 'CANCELLED');
  });

  it('a cancel by the shop (CANCELLED) is CANCELLED too', async () => {
    const charge = await pendingCharge('end-2');
    await shop.companion.cancel(charge.charge_id);
    const answer = await status(charge.status_token);
    assert.equal(answer.status, 'CANCELLED');
    assert.equal(answer.ended_as, 'CANCELLED');
  });

  it("a FAILED charge with a refusal's failure code is DECLINED; the shopper's own refusal stays CANCELLED; the code never reaches the browser", async () => {
    // Xendit has the charge FAILED; its callback (here by hand) says why, which its GET does not.
    const failedAtXendit = async (ref: string) => {
      const made = await pendingCharge(ref);
      shop.simulator.setCallbackUrl(undefined);
      try {
        shop.simulator.rejectCharge(made.charge_id);
      } finally {
        shop.simulator.setCallbackUrl(`${shop.base}/webhooks/xendit`);
      }
      return made;
    };
    const refused = await failedAtXendit('end-3');
    const xendit = shop.simulator.charges().find((c: any) => c.id === refused.charge_id)!;
    assert.equal((await callback({ ...xendit, status: 'FAILED', failure_code: 'INSUFFICIENT_BALANCE' })).status, 200);
    const answer = await status(refused.status_token);
    assert.deepEqual([answer.status, answer.ended_as], ['FAILED', 'DECLINED']);
    assert.doesNotMatch(JSON.stringify(answer), /INSUFFICIENT_BALANCE/);

    const own = await failedAtXendit('end-4');
    const ownCharge = shop.simulator.charges().find((c: any) => c.id === own.charge_id)!;
    await callback({ ...ownCharge, status: 'FAILED', failure_code: 'USER_DECLINED_PAYMENT' });
    assert.equal((await status(own.status_token)).ended_as, 'CANCELLED');
  });

  it('a paid or pending payment has no ended_as; a refunded one says how much came back, raised by a further partial refund', async () => {
    const charge = await pendingCharge('end-5', 'ID_KREDIVO');
    shop.simulator.approveCharge(charge.charge_id);
    await eventually(async () => (await status(charge.status_token)).status === 'SUCCEEDED');
    assert.equal((await status(charge.status_token)).ended_as, undefined);
    assert.equal((await status(charge.status_token)).refunded_amount, undefined);
    await shop.companion.refund(charge.charge_id, { amount: 500_000 });
    await eventually(async () => (await status(charge.status_token)).status === 'REFUNDED', 5000, 'REFUNDED');
    assert.equal((await status(charge.status_token)).refunded_amount, 500_000);
    await shop.companion.refund(charge.charge_id);
    await eventually(async () => (await status(charge.status_token)).refunded_amount === 1_500_000, 5000, 'the rest refunded');
    const events = shop.events.filter((e) => e.chargeId === charge.charge_id).map((e) => e.status);
    assert.deepEqual(events, ['SUCCEEDED', 'REFUNDED'], 'onPaymentEvent still once per status');
  });
});
