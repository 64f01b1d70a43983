import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { newCharge, type Started, withReceiver, type Receiver } from './support.js';


describe('simulator: refunds', () => {
  let receiver: Receiver;
  let s: Started;
  withReceiver((url) => ({ callbackUrl: `${url}/cb`, refundSettleMs: 400 }), (started, r) => ([s, receiver] = [started, r])); // long enough to read the charge before it settles, on a busy machine too

  async function paidCharge(options: Parameters<typeof newCharge>[1] = {}) {
    const charge = await newCharge(s, options);
    s.sim.approveCharge(charge.id);
    await s.sim.whenIdle();
    receiver.requests.length = 0;
    return charge;
  }

  it('an empty body refunds in full: PENDING, then SUCCEEDED and the charge REFUNDED, then two callbacks', async () => {
    const charge = await paidCharge();
    const refund = await s.api(`/paylater/charges/${charge.id}/refunds`, { method: 'POST' });
    assert.equal(refund.status, 200, refund.text);
    assert.match(refund.body.id, /^plr_[0-9a-f-]{36}$/);
    assert.deepEqual(
      { charge_id: refund.body.charge_id, amount: refund.body.amount, currency: refund.body.currency, status: refund.body.status, channel_code: refund.body.channel_code },
      { charge_id: charge.id, amount: 1_500_000, currency: 'IDR', status: 'PENDING', channel_code: 'ID_KREDIVO' },
    );
    assert.equal((await s.client.paylater.getCharge(charge.id)).status, 'SUCCEEDED', 'not refunded until it settles');

    await s.sim.whenIdle();
    const settled = await s.client.paylater.getRefund(charge.id, refund.body.id);
    assert.equal(settled.status, 'SUCCEEDED');
    const after = await s.client.paylater.getCharge(charge.id);
    assert.equal(after.status, 'REFUNDED');
    assert.equal(after.refunded_amount, 1_500_000);

    const events = receiver.requests.map((r) => JSON.parse(r.body));
    assert.deepEqual(events.map((e) => [e.event, e.data.id, e.data.status]), [
      ['paylater.refund', refund.body.id, 'SUCCEEDED'],
      ['paylater.payment', charge.id, 'REFUNDED'],
    ]);
    assert.equal(events[1].data.refunded_amount, 1_500_000);
    assert.deepEqual(s.sim.refunds().map((r) => r.status), ['SUCCEEDED']);
  });

  it('partial refunds with a reason, up to the amount; more → 400; a fully refunded charge → 409', async () => {
    const charge = await paidCharge();
    const first = await s.client.paylater.refund(charge.id, { amount: 500_000, reason: 'CHANGE_OF_MIND' });
    assert.equal(first.amount, 500_000);
    assert.equal(first.reason, 'CHANGE_OF_MIND');
    const tooMuchWhilePending = await s.api(`/paylater/charges/${charge.id}/refunds`, { body: { amount: 1_000_001 } });
    assert.equal(tooMuchWhilePending.status, 400, 'pending refunds count');
    await s.sim.whenIdle();
    const partly = await s.client.paylater.getCharge(charge.id);
    assert.equal(partly.status, 'REFUNDED');
    assert.equal(partly.refunded_amount, 500_000);

    const over = await s.api(`/paylater/charges/${charge.id}/refunds`, { body: { amount: 1_000_001, reason: 'OTHERS' } });
    assert.equal(over.status, 400);
    assert.equal(over.body.error_code, 'API_VALIDATION_ERROR');
    assert.match(over.body.message, /1\.000\.000/);

    const rest = await s.api(`/paylater/charges/${charge.id}/refunds`, { body: {} });
    assert.equal(rest.body.amount, 1_000_000, 'an empty body refunds what is left');
    await s.sim.whenIdle();
    assert.equal((await s.client.paylater.getCharge(charge.id)).refunded_amount, 1_500_000);
    const done = await s.api(`/paylater/charges/${charge.id}/refunds`, { body: {} });
    assert.equal(done.status, 409);
    assert.equal(done.body.error_code, 'INVALID_STATUS');
  });

  it('refuses a refund before the customer paid', async () => {
    const charge = await newCharge(s);
    const answer = await s.api(`/paylater/charges/${charge.id}/refunds`, { body: {} });
    assert.equal(answer.status, 409);
    assert.equal(answer.body.error_code, 'INVALID_STATUS');
    assert.equal(s.sim.refunds().length, 0);
  });

  it('refunds by API only where the providers offer them; BillEase in full only', async () => {
    const atome = await paidCharge({ channel: 'ID_ATOME' });
    const no = await s.api(`/paylater/charges/${atome.id}/refunds`, { body: {} });
    assert.equal(no.status, 400);
    assert.equal(no.body.error_code, 'FEATURE_NOT_AVAILABLE');
    const billease = await paidCharge({ channel: 'PH_BILLEASE', currency: 'PHP', amount: 5_000 });
    const partial = await s.api(`/paylater/charges/${billease.id}/refunds`, { body: { amount: 100 } });
    assert.equal(partial.status, 400);
    assert.equal(partial.body.error_code, 'FEATURE_NOT_AVAILABLE');
    const full = await s.api(`/paylater/charges/${billease.id}/refunds`, { body: {} });
    assert.equal(full.status, 200);
    const indodana = await paidCharge({ channel: 'ID_INDODANA' });
    assert.equal((await s.api(`/paylater/charges/${indodana.id}/refunds`, { body: { amount: 1_000 } })).status, 200);
  });

  it('validates the body (reason from the list, positive amount) and 404s unknown ids', async () => {
    const charge = await paidCharge();
    const badReason = await s.api(`/paylater/charges/${charge.id}/refunds`, { body: { reason: 'BORED' } });
    assert.equal(badReason.status, 400);
    assert.equal(badReason.body.errors[0].path, 'reason');
    assert.equal((await s.api(`/paylater/charges/${charge.id}/refunds`, { body: { amount: -5 } })).status, 400);
    assert.equal((await s.api('/paylater/charges/plc_nope/refunds', { body: {} })).status, 404);
    const unknownRefund = await s.api(`/paylater/charges/${charge.id}/refunds/plr_nope`);
    assert.equal(unknownRefund.status, 404);
    assert.equal(unknownRefund.body.error_code, 'DATA_NOT_FOUND');
  });
});
