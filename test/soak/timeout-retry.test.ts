/**
 * Found by the long soak (`npm run soak`): an answer from Xendit to POST /paylater/charges that
 * arrived after the client's time limit made the client send the request again with the same
 * Idempotency-Key. Whether Xendit honours that key on /paylater/* is OPEN (XENDIT_API.md: "never
 * rely on it alone"), and the simulator by default does not, so the retry created a second charge.
 * Now charge creation is not retried after an ambiguous failure: the shopper is told to try again,
 * and their retry carries the same key. (Should Xendit ignore the key, that retry can still make a
 * second PENDING charge; the first was never handed to anyone, and a second *payment* of one order
 * is refunded by the companion — see companion.test.ts, "one order, one payment".)
 *
 * Here the first answer is simply held back past the charge's time limit, as a slow network or an
 * overloaded server does. Since then charge creation has its own, longer limit (`chargeTimeoutMs`,
 * default 60 s): an answer that comes after `xenditTimeoutMs` but within it is waited for, and the
 * shopper's retry gets that charge (companion.test.ts, "never charges twice"). What is left is an
 * answer later still, or none: this test.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createCompanion } from '../../src/server/index.js';
import { createXenditSimulator } from '../../src/testing/index.js';
import { customer, order } from '../fuzz/support.js';

const SECRET = 'xnd_development_timeout_retry';

async function chargeWithALateFirstAnswer(honourPaylaterIdempotency: boolean) {
  const simulator = createXenditSimulator({ secretKey: SECRET, honourPaylaterIdempotency });
  let held = 0;
  const companion = createCompanion({
    secretKey: SECRET,
    callbackToken: 'timeout-retry-callback-token',
    signingSecret: 'timeout-retry-signing-secret-0123456789abcdef',
    returnUrl: 'https://shop.example/return',
    resolveCheckout: () => ({ ...order('order-late-answer'), customer }),
    xenditTimeoutMs: 100,
    chargeTimeoutMs: 100,
    logger: {},
    fetch: async (input, init) => {
      const answer = await simulator.fetch(input, { ...init, signal: null });
      if (init?.method === 'POST' && String(input).endsWith('/paylater/charges') && held++ === 0) {
        // Xendit made the charge; its answer comes after the client has given up.
        await new Promise((resolve, reject) => {
          const timer = setTimeout(resolve, 300);
          init.signal?.addEventListener('abort', () => (clearTimeout(timer), reject(init.signal!.reason)), { once: true });
        });
      }
      return answer;
    },
  });
  const post = (path: string, body: unknown) => companion.fetch(new Request(`https://shop.example/paylater/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));
  const plans = (await (await post('plans', { checkout: 'cart', channels: ['ID_KREDIVO'] })).json()) as { quote: string; providers: Array<{ plan_id: string }> };
  const choose = () => post('charges', { quote: plans.quote, plan_id: plans.providers[0]!.plan_id });
  const first = await choose();
  const afterFirst = simulator.charges().filter((c) => c.reference_id === 'order-late-answer').length;
  const retry = await choose(); // the shopper presses Continue again
  const charges = simulator.charges().filter((c) => c.reference_id === 'order-late-answer');
  const keys = simulator.requests().filter((r) => r.method === 'POST' && r.path === '/paylater/charges').map((r) => r.idempotencyKey);
  await simulator.close();
  return {
    first: { status: first.status, body: (await first.json()) as { error?: { code: string } } },
    retry: { status: retry.status, body: (await retry.json()) as { charge_id: string } },
    afterFirst,
    charges,
    keys,
  };
}

describe('soak finding: a charge whose answer came too late', () => {
  it('is not sent again blindly: the shopper is told to try again, and Xendit has one charge', async () => {
    const { first, afterFirst, keys } = await chargeWithALateFirstAnswer(false);
    assert.equal(first.status, 504);
    assert.equal(first.body.error?.code, 'UPSTREAM_TIMEOUT');
    assert.equal(afterFirst, 1, 'one request from the shopper, one charge at Xendit');
    assert.equal(new Set(keys).size, 1, "the shopper's retry carries the same Idempotency-Key");
  });

  it('when Xendit honours Idempotency-Key, the shopper\'s retry gets that same charge', async () => {
    const { first, retry, charges } = await chargeWithALateFirstAnswer(true);
    assert.equal(first.status, 504);
    assert.equal(retry.status, 200);
    assert.deepEqual(charges.map((c) => c.id), [retry.body.charge_id]);
  });
});
