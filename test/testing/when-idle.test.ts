/**
 * `whenIdle({ timeoutMs })` in a merchant's CI: a callback their companion keeps refusing must fail
 * the job in seconds with the reason, not wait out Xendit's retry schedule (hours).
 */
import { describe, it, mock } from 'node:test';
import assert from 'node:assert/strict';
import { WHEN_IDLE_TIMEOUT_MS } from '../../src/testing/index.js';
import { startShop, type Shop } from '../helpers/shop.js';
import { newCharge, startSimulator } from './support.js';

async function pendingCharge(shop: Shop) {
  const plans = await shop.plans();
  assert.equal(plans.status, 200, JSON.stringify(plans.body));
  const kredivo = plans.body.providers.find((p: { channel_code: string }) => p.channel_code === 'ID_KREDIVO');
  const charge = await shop.charge(plans.body.quote, kredivo.plan_id);
  assert.equal(charge.status, 200, JSON.stringify(charge.body));
  return charge.body as { charge_id: string; status_token: string };
}

describe('simulator.whenIdle({ timeoutMs })', () => {
  it('rejects in time, naming the callback the companion refuses (wrong callbackToken → 401) and what to check', async () => {
    // Xendit's own retry schedule (15 min, 45 min, …), as a merchant who did not set callbackRetryDelaysMs has it.
    const shop = await startShop({ simulator: { callbackToken: 'not-the-companions-token', callbackRetryDelaysMs: undefined } });
    try {
      const charge = await pendingCharge(shop);
      shop.simulator.approveCharge(charge.charge_id);
      const started = Date.now();
      await assert.rejects(shop.simulator.whenIdle({ timeoutMs: 400 }), (error: Error) => {
        assert.ok(error instanceof Error);
        const url = `${shop.base}/webhooks/xendit`;
        assert.ok(
          error.message.startsWith(`whenIdle: 1 callback still undelivered after 400 ms: paylater.payment for charge ${charge.charge_id} to ${url}, last answer 401 (check callbackToken`),
          error.message,
        );
        assert.match(error.message, /next attempt in 15 min/);
        assert.match(error.message, /callbackRetryDelaysMs/);
        assert.ok(!error.message.includes('not-the-companions-token'), 'no token in the message');
        return true;
      });
      const took = Date.now() - started;
      assert.ok(took >= 390 && took < 3_000, `rejected after ${took} ms`);
      assert.equal(shop.events.length, 0, 'the companion took no forged callback');
      assert.deepEqual(
        shop.simulator.callbacks().map((c) => [c.attempt, c.responseStatus, c.willRetry]),
        [[1, 401, true]],
      );
    } finally {
      await shop.close();
    }
  });

  it('waits 10 s by default, then rejects', async () => {
    assert.equal(WHEN_IDLE_TIMEOUT_MS, 10_000);
    const s = await startSimulator({
      callbackUrl: 'https://shop.test/paylater/webhooks/xendit',
      callbackRetryDelaysMs: [60_000],
      fetch: async () => new Response('{"error":{"code":"UNAUTHORIZED"}}', { status: 401 }),
    });
    try {
      const charge = await newCharge(s);
      mock.timers.enable({ apis: ['setTimeout'] });
      try {
        s.sim.approveCharge(charge.id);
        const settled = { yet: false };
        const idle = s.sim.whenIdle().then(
          (): unknown => 'resolved',
          (error: unknown) => error,
        );
        void idle.finally(() => (settled.yet = true));
        // The delivery (an immediate 401) finishes; its retry waits a minute on a mocked timer.
        await new Promise((resolve) => setImmediate(resolve));
        mock.timers.tick(WHEN_IDLE_TIMEOUT_MS - 1);
        await new Promise((resolve) => setImmediate(resolve));
        assert.equal(settled.yet, false, 'not settled a millisecond early');
        mock.timers.tick(1);
        const outcome = await idle;
        assert.ok(outcome instanceof Error, String(outcome));
        assert.match(outcome.message, /^whenIdle: 1 callback still undelivered after 10000 ms: paylater\.payment for charge plc_[^ ]+ to https:\/\/shop\.test\/paylater\/webhooks\/xendit, last answer 401 .*next attempt in 1 min$/);
      } finally {
        mock.timers.reset();
      }
    } finally {
      await s.close();
    }
  });

  it('names other pending work too, and resolves as before once everything is done', async () => {
    const s = await startSimulator({ refundSettleMs: 300 });
    try {
      const charge = await newCharge(s);
      s.sim.approveCharge(charge.id);
      await s.sim.whenIdle();
      const refund = await s.client.paylater.refund(charge.id);
      assert.equal(refund.status, 'PENDING');
      await assert.rejects(s.sim.whenIdle({ timeoutMs: 20 }), /^Error: whenIdle: 1 refund settlement still pending after 20 ms$/);
      await s.sim.whenIdle({ timeoutMs: Infinity });
      assert.equal((await s.client.paylater.getRefund(charge.id, refund.id)).status, 'SUCCEEDED');
      await s.sim.whenIdle({ timeoutMs: 0 }); // idle: resolves at once whatever the limit
    } finally {
      await s.close();
    }
  });

  it('short callbackRetryDelaysMs: a refused callback is given up on quickly, and whenIdle resolves', async () => {
    const shop = await startShop({ simulator: { callbackToken: 'not-the-companions-token', callbackRetryDelaysMs: [10, 20] } });
    try {
      const charge = await pendingCharge(shop);
      shop.simulator.approveCharge(charge.charge_id);
      await shop.simulator.whenIdle({ timeoutMs: 2_000 });
      const attempts = shop.simulator.callbacks();
      assert.deepEqual(
        attempts.map((c) => [c.attempt, c.responseStatus, c.gaveUp]),
        [[1, 401, false], [2, 401, false], [3, 401, true]],
      );
    } finally {
      await shop.close();
    }
  });

  it('flush() still runs Xendit-scheduled retries now, until the simulator gives up', async () => {
    const shop = await startShop({ simulator: { callbackToken: 'not-the-companions-token', callbackRetryDelaysMs: undefined } });
    try {
      const charge = await pendingCharge(shop);
      shop.simulator.approveCharge(charge.charge_id);
      await shop.simulator.flush();
      const attempts = shop.simulator.callbacks();
      assert.equal(attempts.length, 7, 'the first attempt and Xendit’s six retries');
      assert.equal(attempts.at(-1)!.gaveUp, true);
      await shop.simulator.whenIdle({ timeoutMs: 0 });
    } finally {
      await shop.close();
    }
  });

  it('refuses a timeoutMs that is not a number ≥ 0', async () => {
    const s = await startSimulator();
    try {
      for (const timeoutMs of [-1, Number.NaN, '10' as unknown as number]) {
        assert.throws(() => s.sim.whenIdle({ timeoutMs }), /timeoutMs/);
      }
    } finally {
      await s.close();
    }
  });
});
