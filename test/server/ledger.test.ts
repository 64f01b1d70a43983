/**
 * The order ledger: regression tests for four money holes (DESIGN.md, "The order ledger").
 *
 * 1. One bill, paid to the biller twice (two providers' pages completed for one inquiry).
 * 2. A charge made for an older cart pays a bigger order (the cart grew under the same reference).
 * 3. Payments lost under a flood of anonymous inquiries (durable records evicted from the store).
 * 4. Xendit's answer to a new charge trusted blindly (amount, currency, checkout URL).
 *
 * Only the public surface is used: the companion's HTTP routes, `onPaymentEvent` / `onBillEvent`,
 * `createCompanion` / `MemoryStore` options and the simulator's public methods. Each test has its
 * own shop, closed in `finally`.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryStore, type CompanionOptions, type PaymentEvent } from '../../src/server/index.js';
import type { BillEvent } from '../../src/server/index.js';
import { billShop, startShop, order, eventually, pressOnProviderPage, CALLBACK_TOKEN, SECRET_KEY, type Shop } from '../helpers/shop.js';
import { billShopper } from '../helpers/orders.js';

// ------------------------------------------------------------------ helpers


async function inquiry(shop: Shop, product_id: string, customer_number: string) {
  const answer = await shop.call('/bills/inquiry', { json: { product_id, customer_number } });
  assert.equal(answer.status, 200, `inquiry: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** Plans for a checkout; the provider's plan must be offered. */
async function plansFor(shop: Shop, checkout: string) {
  const plans = await shop.plans(checkout);
  assert.equal(plans.status, 200, `plans: ${JSON.stringify(plans.body)}`);
  return plans.body;
}

function planOf(plans: any, channel: string): string {
  const provider = plans.providers.find((p: any) => p.channel_code === channel);
  assert.ok(provider?.available, `${channel} should be offered: ${JSON.stringify(provider)}`);
  return provider.plan_id;
}

async function chargeAt(shop: Shop, plans: any, channel: string) {
  const charge = await shop.charge(plans.quote, planOf(plans, channel));
  assert.equal(charge.status, 200, `charge at ${channel}: ${JSON.stringify(charge.body)}`);
  return charge.body as { charge_id: string; status: string; status_token: string; checkout_url: { desktop: string; mobile: string } };
}

const simCharge = (shop: Shop, id: string) => shop.simulator.charges().find((c) => c.id === id);

/** Polls until `read()` gives `expected` (or `ms` pass), then asserts it does. */
async function settlesTo<T>(read: () => T | Promise<T>, expected: T, ms: number, what: string) {
  const until = Date.now() + ms;
  let last = await read();
  while (last !== expected && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 20));
    last = await read();
  }
  assert.equal(last, expected, what);
}

/**
 * Polls `GET /status?token=` for each token until `done` holds for the answers, asserting every
 * answer is a 200 (a shopper who holds a status token must always be answered).
 */
async function pollStatuses(shop: Shop, tokens: string[], done: (answers: any[]) => boolean, ms = 6_000) {
  const until = Date.now() + ms;
  let answers: any[] = [];
  for (;;) {
    answers = [];
    for (const token of tokens) {
      const answer = await shop.call(`/status?token=${token}`);
      assert.equal(answer.status, 200, `GET /status answers 200 for a token the shopper holds; got ${answer.status} ${JSON.stringify(answer.body)}`);
      answers.push(answer.body);
    }
    if (done(answers)) return answers;
    if (Date.now() > until) assert.fail(`the payments did not settle in ${ms} ms; last answers: ${JSON.stringify(answers)}`);
    await new Promise((r) => setTimeout(r, 15));
  }
}

/** Runs `n` calls of `task`, `concurrency` at a time. */
async function limited(n: number, concurrency: number, task: (i: number) => Promise<unknown>) {
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const i = next++;
      await task(i);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** Anonymous bill inquiries by other people: the only route anyone may call without a cart. */
async function floodInquiries(shop: Shop, n = 1_000) {
  await limited(n, 20, async () => {
    const response = await fetch(`${shop.base}/bills/inquiry`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ product_id: 'PLN_PREPAID_50K', customer_number: '12345678910' }),
    });
    await response.arrayBuffer();
  });
}

const eventOf = (shop: Shop, chargeId: string, status: string) => shop.events.find((e) => e.chargeId === chargeId && e.status === status);

/** The fields the ledger adds to payment events (absent from today's type). */
const ledger = (event: PaymentEvent | undefined) => event as (PaymentEvent & { paysOrder?: boolean; refundedAs?: string; duplicateOf?: string }) | undefined;

/** The cart of test/helpers/orders.ts grown from 2 pairs of shoes to 3, under the same reference. */
const grownOrder = () => order({ amount: 2_250_000, order_items: [{ ...order().order_items[0]!, net_unit_amount: 750_000, quantity: 3 }] });

// ------------------------------------------------------------------ 1. one bill, paid twice

describe('ledger: one bill paid with two providers is bought once', () => {
  for (const [product, number] of [
    ['PLN_PREPAID_50K', '12345678910'],
    ['PLN_POSTPAID', '22345678910'],
  ] as const) {
    it(`${product} ${number}: both pages paid → one bill payment, the second charge refunded in full as DUPLICATE`, async () => {
      const billEvents: BillEvent[] = [];
      // Refunds settle slowly enough that the shopper's status polls see the second charge SUCCEEDED
      // before it is REFUNDED (as with a real provider, where a refund takes far longer).
      const shop = await billShop({ simulator: { refundSettleMs: 300, billSettleMs: 10 } }, billEvents);
      try {
        const inq = await inquiry(shop, product, number);
        const plans = await plansFor(shop, inq.checkout);
        const kredivo = await chargeAt(shop, plans, 'ID_KREDIVO');
        const akulaku = await chargeAt(shop, plans, 'ID_AKULAKU');
        assert.notEqual(kredivo.charge_id, akulaku.charge_id);

        // Once the order is paid, the companion cancels its other pending charge; here that cancel
        // does not reach Xendit, so the second page can still be paid: the double payment to guard.
        shop.simulator.injectFault({ route: 'cancel', status: 503, errorCode: 'SERVER_ERROR' });
        await pressOnProviderPage(kredivo.checkout_url.desktop, 'Pay');
        await pressOnProviderPage(akulaku.checkout_url.desktop, 'Pay');

        // The shopper's two tabs poll their status until one is paid (bill bought) and the other refunded.
        await pollStatuses(shop, [kredivo.status_token, akulaku.status_token], (answers) => {
          const statuses = answers.map((a) => a.status).sort();
          if (statuses.join() !== 'REFUNDED,SUCCEEDED') return false;
          const kept = answers.find((a) => a.status === 'SUCCEEDED');
          return kept.bill?.status === 'SUCCEEDED';
        });
        await shop.simulator.whenIdle();

        const payments = shop.simulator.billPayments().filter((p) => p.properties.customer_number === number);
        assert.equal(payments.length, 1, `one bill, one payment to the biller; got ${payments.length}: ${JSON.stringify(payments.map((p) => p.properties.reference_id))}`);
        assert.equal(payments[0]!.properties.total_amount, inq.total_amount);

        const charges = [kredivo, akulaku].map((c) => simCharge(shop, c.charge_id)!);
        assert.deepEqual(charges.map((c) => c.status).sort(), ['REFUNDED', 'SUCCEEDED'], 'one charge kept, the other refunded');
        const keeper = charges.find((c) => c.status === 'SUCCEEDED')!;
        const duplicate = charges.find((c) => c.status === 'REFUNDED')!;
        const refunded = shop.simulator.refunds().filter((r) => r.charge_id === duplicate.id && r.status === 'SUCCEEDED');
        assert.equal(refunded.reduce((sum, r) => sum + r.amount, 0), duplicate.amount, 'the duplicate is refunded in full');
        assert.equal(shop.simulator.refunds().filter((r) => r.charge_id === keeper.id).length, 0, 'the keeper is not refunded');

        assert.deepEqual(
          billEvents.map((e) => e.status),
          ['SUCCEEDED'],
          `onBillEvent once, SUCCEEDED; got ${JSON.stringify(billEvents.map((e) => [e.chargeId, e.status]))}`,
        );

        const kept = ledger(eventOf(shop, keeper.id, 'SUCCEEDED'));
        assert.ok(kept, 'the keeper has a SUCCEEDED event');
        assert.equal(kept.paysOrder, true, 'the keeper pays the order');
        const second = ledger(eventOf(shop, duplicate.id, 'SUCCEEDED'));
        assert.ok(second, 'the duplicate has a SUCCEEDED event');
        assert.equal(second.paysOrder, false, 'the duplicate does not pay the order');
        assert.equal(second.refundedAs, 'DUPLICATE');
        assert.equal(second.duplicateOf, keeper.id);
      } finally {
        await shop.close();
      }
    });
  }
});

// ------------------------------------------------------------------ 2. a cheap charge pays a bigger order

describe('ledger: a charge made for an older cart never pays the grown order', () => {
  it('asking plans for a grown cart cancels the pending charge made for the old one', async () => {
    const shop = await startShop();
    try {
      const a = await chargeAt(shop, await plansFor(shop, 'cart-1'), 'ID_KREDIVO');
      assert.equal(simCharge(shop, a.charge_id)?.status, 'PENDING');
      assert.equal(simCharge(shop, a.charge_id)?.amount, 1_500_000);

      shop.carts.set('cart-1', grownOrder());
      const grown = await plansFor(shop, 'cart-1');
      assert.equal(grown.amount, 2_250_000);

      await settlesTo(() => simCharge(shop, a.charge_id)?.status, 'CANCELLED', 1_000, 'the charge for the old cart is cancelled at Xendit once plans are asked for the grown cart');
    } finally {
      await shop.close();
    }
  });

  it('when the cancel fails and the old charge is paid anyway, it is refunded as SUPERSEDED and the grown order can still be paid', async () => {
    const shop = await startShop();
    try {
      const a = await chargeAt(shop, await plansFor(shop, 'cart-1'), 'ID_KREDIVO');

      // Xendit refuses every cancel: charge A stays PENDING and its page can still be paid.
      shop.simulator.injectFault({ route: 'cancel', status: 503, errorCode: 'SERVER_ERROR' });
      shop.carts.set('cart-1', grownOrder());
      await shop.plans('cart-1'); // its answer is not the point here (the companion may refuse while it cannot cancel)
      assert.equal(simCharge(shop, a.charge_id)?.status, 'PENDING', 'the cancel failed, A is still payable');

      await pressOnProviderPage(a.checkout_url.desktop, 'Pay');
      await eventually(() => !!eventOf(shop, a.charge_id, 'SUCCEEDED'), 3_000, "A's SUCCEEDED event");
      await settlesTo(() => simCharge(shop, a.charge_id)?.status, 'REFUNDED', 3_000, 'A, made for the old cart, is refunded at Xendit');
      const refunded = shop.simulator.refunds().filter((r) => r.charge_id === a.charge_id && r.status === 'SUCCEEDED');
      assert.equal(refunded.reduce((sum, r) => sum + r.amount, 0), 1_500_000, 'A is refunded in full');

      const paidA = ledger(eventOf(shop, a.charge_id, 'SUCCEEDED'));
      assert.equal(paidA?.paysOrder, false, "A's payment does not pay the order");
      assert.equal(paidA?.refundedAs, 'SUPERSEDED');

      // Xendit answers again: the shopper pays the grown cart.
      shop.simulator.clearFaults();
      const plans = await plansFor(shop, 'cart-1');
      assert.equal(plans.amount, 2_250_000);
      const b = await shop.charge(plans.quote, planOf(plans, 'ID_KREDIVO'));
      assert.notEqual(b.status, 409, `the grown order is not paid yet: ${JSON.stringify(b.body)}`);
      assert.equal(b.status, 200, JSON.stringify(b.body));
      assert.notEqual(b.body.charge_id, a.charge_id);
      await pressOnProviderPage(b.body.checkout_url.desktop, 'Pay');
      await eventually(() => !!eventOf(shop, b.body.charge_id, 'SUCCEEDED'), 3_000, "B's SUCCEEDED event");
      const paidB = ledger(eventOf(shop, b.body.charge_id, 'SUCCEEDED'));
      assert.equal(paidB?.paysOrder, true, 'B pays the order');
      assert.equal(paidB?.amount, 2_250_000);
      assert.equal(paidB?.refundedAs, undefined);
    } finally {
      await shop.close();
    }
  });

  it('a charge with the quote of the old cart is refused (409 CHECKOUT_CHANGED) and cancels the old cart\u2019s pending charge at once: paid anyway, it never pays the grown order', async () => {
    const shop = await startShop();
    try {
      const old = await plansFor(shop, 'cart-1');
      const a = await chargeAt(shop, old, 'ID_AKULAKU');
      shop.carts.set('cart-1', grownOrder());
      // No plans request for the grown cart: the shopper's tab still has the old quote.
      const again = await shop.charge(old.quote, planOf(old, 'ID_INDODANA'));
      assert.equal(again.status, 409);
      assert.equal(again.body.error.code, 'CHECKOUT_CHANGED');
      assert.equal(simCharge(shop, a.charge_id)?.status, 'CANCELLED', 'the old cart\u2019s page can no longer be paid');
      const cancelled = ledger(eventOf(shop, a.charge_id, 'CANCELLED'));
      assert.equal(cancelled?.paysOrder, false);
    } finally {
      await shop.close();
    }
  });

  it('a Kredivo page paid after its cancel, which Kredivo refunds by itself, is reported SUPERSEDED with no "refund it by hand"', async () => {
    const shop = await startShop();
    try {
      const a = await chargeAt(shop, await plansFor(shop, 'cart-1'), 'ID_KREDIVO');
      shop.carts.set('cart-1', grownOrder());
      const plans = await plansFor(shop, 'cart-1');
      await settlesTo(() => simCharge(shop, a.charge_id)?.status, 'CANCELLED', 1_000, 'the old charge cancelled');
      const b = await chargeAt(shop, plans, 'ID_AKULAKU');
      await pressOnProviderPage(b.checkout_url.desktop, 'Pay');
      await eventually(() => !!eventOf(shop, b.charge_id, 'SUCCEEDED'), 3_000, "B's SUCCEEDED event");

      // Kredivo's page stays usable after a cancel, and Kredivo refunds such a payment at once.
      await pressOnProviderPage(a.checkout_url.desktop, 'Pay');
      await eventually(() => !!eventOf(shop, a.charge_id, 'SUCCEEDED'), 3_000, "A's SUCCEEDED event");
      await settlesTo(() => simCharge(shop, a.charge_id)?.status, 'REFUNDED', 5_000, 'A refunded');
      const paidA = ledger(eventOf(shop, a.charge_id, 'SUCCEEDED')) as PaymentEvent & { paysOrder?: boolean; refundedAs?: string; refundRefused?: boolean };
      assert.equal(paidA.paysOrder, false);
      assert.equal(paidA.refundedAs, 'SUPERSEDED', 'made for the cart before it grew, though the order is paid by now');
      assert.equal(paidA.refundRefused, undefined, 'nothing to refund by hand');
      assert.deepEqual(shop.logs.filter((line) => /refund it by hand/.test(line)), []);
      assert.equal(shop.simulator.refunds().filter((r) => r.charge_id === a.charge_id).length, 1, 'refunded once, by Kredivo');
    } finally {
      await shop.close();
    }
  });

  it('a charge cancelled when the cart changed, paid on its Kredivo page after the cart changed back, never pays the order: refunded as CANCELLED, and the order can still be paid', async () => {
    const shop = await startShop();
    try {
      const a = await chargeAt(shop, await plansFor(shop, 'cart-1'), 'ID_KREDIVO');
      shop.carts.set('cart-1', grownOrder());
      await plansFor(shop, 'cart-1');
      await settlesTo(() => simCharge(shop, a.charge_id)?.status, 'CANCELLED', 1_000, 'the old charge cancelled');
      // The shopper takes the extra items out again: the cart is what charge A was made for.
      shop.carts.set('cart-1', order());
      await plansFor(shop, 'cart-1');
      // Kredivo's page stays usable after a cancel, and Kredivo refunds such a payment at once.
      await pressOnProviderPage(a.checkout_url.desktop, 'Pay');
      await eventually(() => !!eventOf(shop, a.charge_id, 'SUCCEEDED'), 3_000, "A's SUCCEEDED event");
      const paidA = ledger(eventOf(shop, a.charge_id, 'SUCCEEDED'))!;
      assert.equal(paidA.paysOrder, false, 'the shop is never told a payment the shopper gets back pays the order');
      assert.equal(paidA.refundedAs, 'CANCELLED');
      await settlesTo(() => simCharge(shop, a.charge_id)?.status, 'REFUNDED', 5_000, 'A refunded');
      assert.equal(ledger(eventOf(shop, a.charge_id, 'REFUNDED'))?.paysOrder ?? false, false);
      assert.equal((await shop.call(`/status?token=${a.status_token}`)).body.refunded_as, 'CANCELLED', 'the return page says so');
      // The order is not paid: the shopper can pay it, at Kredivo again too (the same cart and provider).
      const b = await chargeAt(shop, await plansFor(shop, 'cart-1'), 'ID_KREDIVO');
      await pressOnProviderPage(b.checkout_url.desktop, 'Pay');
      await eventually(() => !!eventOf(shop, b.charge_id, 'SUCCEEDED'), 3_000, "B's SUCCEEDED event");
      assert.equal(ledger(eventOf(shop, b.charge_id, 'SUCCEEDED'))!.paysOrder, true);
    } finally {
      await shop.close();
    }
  });

  it('a charge your back office cancelled, paid on its Kredivo page anyway: refunded as CANCELLED, and the shopper can still pay at Kredivo', async () => {
    const shop = await startShop();
    try {
      const a = await chargeAt(shop, await plansFor(shop, 'cart-1'), 'ID_KREDIVO');
      await shop.companion.cancel(a.charge_id);
      await pressOnProviderPage(a.checkout_url.desktop, 'Pay');
      await eventually(() => !!eventOf(shop, a.charge_id, 'SUCCEEDED'), 3_000, "A's SUCCEEDED event");
      assert.equal(ledger(eventOf(shop, a.charge_id, 'SUCCEEDED'))!.refundedAs, 'CANCELLED');
      const again = await chargeAt(shop, await plansFor(shop, 'cart-1'), 'ID_KREDIVO');
      assert.notEqual(again.charge_id, a.charge_id, 'a new charge');
    } finally {
      await shop.close();
    }
  });

  it('choosing another provider cancels a page left open at UangMe (a second payment there could not be refunded by the API); pages at providers that refund stay open', async () => {
    const shop = await startShop();
    try {
      const plans = await plansFor(shop, 'cart-1');
      const uangme = await chargeAt(shop, plans, 'ID_UANGME');
      const akulaku = await chargeAt(shop, plans, 'ID_AKULAKU');
      assert.equal(simCharge(shop, uangme.charge_id)?.status, 'CANCELLED', 'UangMe\u2019s page can no longer be paid');
      assert.equal(ledger(eventOf(shop, uangme.charge_id, 'CANCELLED'))?.paysOrder, false);
      const kredivo = await chargeAt(shop, plans, 'ID_KREDIVO');
      assert.equal(simCharge(shop, akulaku.charge_id)?.status, 'PENDING', 'Akulaku refunds a second payment by the API: its page is left as it is');
      await pressOnProviderPage(kredivo.checkout_url.desktop, 'Pay');
      await eventually(() => !!eventOf(shop, kredivo.charge_id, 'SUCCEEDED'), 3_000, "Kredivo's SUCCEEDED event");
      assert.equal(ledger(eventOf(shop, kredivo.charge_id, 'SUCCEEDED'))?.paysOrder, true);
      // Back to UangMe: a new charge, and the order is paid by then.
      const again = await shop.charge(plans.quote, planOf(plans, 'ID_UANGME'));
      assert.equal(again.status, 409);
    } finally {
      await shop.close();
    }
  });

  /**
   * A Kredivo payment, then a partial refund at Xendit, with Xendit's own deliveries refused (a
   * wrong token at the simulator): the callbacks come by hand, late. Returns the shop, the charge
   * and Xendit's charge as it was paid.
   */
  async function paidThenRefundedAtXendit() {
    const shop = await startShop({ simulator: { callbackToken: 'not-the-shop-token', callbackRetryDelaysMs: [] } });
    const a = await chargeAt(shop, await plansFor(shop, 'cart-1'), 'ID_KREDIVO');
    await pressOnProviderPage(a.checkout_url.desktop, 'Pay');
    const paid = structuredClone(simCharge(shop, a.charge_id)!);
    await shop.simulator.fetch(`https://api.xendit.co/paylater/charges/${a.charge_id}/refunds`, {
      method: 'POST',
      headers: { authorization: `Basic ${btoa(`${SECRET_KEY}:`)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ amount: 100_000, reason: 'OTHERS' }),
    });
    await settlesTo(() => simCharge(shop, a.charge_id)?.status, 'REFUNDED', 3_000, 'the partial refund at Xendit');
    return { shop, a, paid };
  }

  it('a SUCCEEDED callback handled after the charge was refunded at Xendit still records the payment (the keeper, its event), then the refund', async () => {
    const { shop, a, paid } = await paidThenRefundedAtXendit();
    try {
      const late = await shop.call('/webhooks/xendit', { json: { event: 'paylater.payment', data: paid }, headers: { 'x-callback-token': CALLBACK_TOKEN } });
      assert.equal(late.status, 200, JSON.stringify(late.body));
      const succeeded = ledger(eventOf(shop, a.charge_id, 'SUCCEEDED'));
      assert.equal(succeeded?.paysOrder, true, 'the payment is recorded: it pays the order');
      assert.ok(eventOf(shop, a.charge_id, 'REFUNDED'), 'then its refund');
    } finally {
      await shop.close();
    }
  });

  it('the REFUNDED callback handled before the SUCCEEDED one: the payment is recorded first (the keeper, its event), then the refund; the order stays paid', async () => {
    const { shop, a, paid } = await paidThenRefundedAtXendit();
    try {
      const refunded = structuredClone(simCharge(shop, a.charge_id)!);
      const deliver = (data: unknown) => shop.call('/webhooks/xendit', { json: { event: 'paylater.payment', data }, headers: { 'x-callback-token': CALLBACK_TOKEN } });
      assert.equal((await deliver(refunded)).status, 200);
      assert.equal((await deliver(paid)).status, 200);
      assert.equal(ledger(eventOf(shop, a.charge_id, 'SUCCEEDED'))?.paysOrder, true, 'the payment is recorded: it pays the order');
      assert.ok(eventOf(shop, a.charge_id, 'REFUNDED'), 'then its refund');
      assert.deepEqual(shop.events.filter((e) => e.chargeId === a.charge_id).map((e) => e.status), ['SUCCEEDED', 'REFUNDED']);
      const again = await shop.plans('cart-1');
      assert.equal(again.status, 409, 'the order was paid (and partly refunded): no second payment');
      assert.equal(again.body.error.code, 'ALREADY_PAID');
    } finally {
      await shop.close();
    }
  });

  it('plans for a grown cart whose old charge turns out paid (its callback not in yet) answer 409 ALREADY_PAID, not plans that could never be charged', async () => {
    // Every callback is refused (a wrong token at the simulator): the companion learns only by asking.
    const shop = await startShop({ simulator: { callbackToken: 'not-the-shop-token', callbackRetryDelaysMs: [] } });
    try {
      const a = await chargeAt(shop, await plansFor(shop, 'cart-1'), 'ID_KREDIVO');
      await pressOnProviderPage(a.checkout_url.desktop, 'Pay');
      shop.carts.set('cart-1', grownOrder());
      const plans = await shop.plans('cart-1');
      assert.equal(plans.status, 409, JSON.stringify(plans.body));
      assert.equal(plans.body.error.code, 'ALREADY_PAID');
      const paid = ledger(eventOf(shop, a.charge_id, 'SUCCEEDED'));
      assert.equal(paid?.paysOrder, true, 'paid before the change reached the companion: the keeper, for the old amount');
    } finally {
      await shop.close();
    }
  });

  it('Atome takes no cancel through the API: the grown cart can still be paid, and the old page paid anyway is reported for a refund by hand, never paying the order', async () => {
    const shop = await startShop();
    try {
      const a = await chargeAt(shop, await plansFor(shop, 'cart-1'), 'ID_ATOME');
      shop.carts.set('cart-1', grownOrder());
      const plans = await plansFor(shop, 'cart-1');
      assert.equal(plans.amount, 2_250_000);
      // The cancel was asked for and refused (400 FEATURE_NOT_AVAILABLE): A is still payable at Xendit.
      assert.equal(simCharge(shop, a.charge_id)?.status, 'PENDING');

      // A refusal is final, not a failure to retry: the shopper is not kept waiting for A to end.
      const b = await shop.charge(plans.quote, planOf(plans, 'ID_KREDIVO'));
      assert.equal(b.status, 200, JSON.stringify(b.body));

      await pressOnProviderPage(a.checkout_url.desktop, 'Pay');
      await eventually(() => !!eventOf(shop, a.charge_id, 'SUCCEEDED'), 3_000, "A's SUCCEEDED event");
      const paidA = ledger(eventOf(shop, a.charge_id, 'SUCCEEDED')) as PaymentEvent & { paysOrder?: boolean; refundedAs?: string; refundRefused?: boolean };
      assert.equal(paidA.paysOrder, false, "A's payment does not pay the grown order");
      assert.equal(paidA.refundedAs, 'SUPERSEDED');
      assert.equal(paidA.refundRefused, true, 'Atome takes no refund through the API either: the event says to refund by hand');
      assert.equal(simCharge(shop, a.charge_id)?.status, 'SUCCEEDED', 'no refund was made at Xendit');

      await pressOnProviderPage(b.body.checkout_url.desktop, 'Pay');
      await eventually(() => !!eventOf(shop, b.body.charge_id, 'SUCCEEDED'), 3_000, "B's SUCCEEDED event");
      const paidB = ledger(eventOf(shop, b.body.charge_id, 'SUCCEEDED'));
      assert.equal(paidB?.paysOrder, true, 'B pays the order');
      assert.equal(paidB?.amount, 2_250_000);
    } finally {
      await shop.close();
    }
  });
});

// ------------------------------------------------------------------ 3. lost payments under a flood

describe('ledger: a flood of anonymous inquiries loses no payment', () => {
  it('a bill paid after 1,000 inquiries by others is still answered and bought once', async () => {
    const billEvents: BillEvent[] = [];
    const shop = await billShop({ companion: { store: new MemoryStore({ maxEntries: 300 }) } }, billEvents);
    try {
      const inq = await inquiry(shop, 'PLN_POSTPAID', '22345678911');
      const plans = await plansFor(shop, inq.checkout);
      const charge = await chargeAt(shop, plans, 'ID_KREDIVO');

      await floodInquiries(shop);

      await pressOnProviderPage(charge.checkout_url.desktop, 'Pay');
      const [status] = await pollStatuses(shop, [charge.status_token], ([a]) => a.status !== 'PENDING' && (a.bill?.status === 'SUCCEEDED' || a.bill?.status === 'FAILED'));
      assert.equal(status.status, 'SUCCEEDED');
      assert.equal(status.charge_id, charge.charge_id);
      assert.equal(status.bill.status, 'SUCCEEDED', 'the bill is bought');
      assert.match(status.bill.receipt, /^PLN\d{17}$/);
      await shop.simulator.whenIdle();

      const payments = shop.simulator.billPayments();
      assert.equal(payments.length, 1, 'exactly one bill payment');
      assert.equal(payments[0]!.properties.customer_number, '22345678911');
      assert.equal(payments[0]!.properties.total_amount, inq.total_amount);
      assert.equal(simCharge(shop, charge.charge_id)?.status, 'SUCCEEDED', 'the charge is kept, not refunded');
      assert.deepEqual(billEvents.map((e) => [e.chargeId, e.status]), [[charge.charge_id, 'SUCCEEDED']]);
    } finally {
      await shop.close();
    }
  });

  it('a cart paid after 1,000 inquiries by others is still answered SUCCEEDED', async () => {
    const shop = await billShop({ companion: { store: new MemoryStore({ maxEntries: 300 }) } });
    try {
      const charge = await chargeAt(shop, await plansFor(shop, 'cart-1'), 'ID_KREDIVO');

      await floodInquiries(shop);

      await pressOnProviderPage(charge.checkout_url.desktop, 'Pay');
      const [status] = await pollStatuses(shop, [charge.status_token], ([a]) => a.status !== 'PENDING');
      assert.equal(status.status, 'SUCCEEDED');
      assert.equal(status.charge_id, charge.charge_id);
      assert.equal(status.amount, 1_500_000);
      await eventually(() => !!eventOf(shop, charge.charge_id, 'SUCCEEDED'), 3_000, 'the SUCCEEDED event');
      assert.equal(ledger(eventOf(shop, charge.charge_id, 'SUCCEEDED'))?.paysOrder, true);
      assert.equal(simCharge(shop, charge.charge_id)?.status, 'SUCCEEDED');
    } finally {
      await shop.close();
    }
  });
});

// ------------------------------------------------------------------ 4. Xendit's answers checked

type Rewrite = ((charge: any) => void) | null;

/** A fetch for Xendit calls that passes everything through but lets a test rewrite the answer to `POST …/paylater/charges`. */
function rewritingFetch(rewrite: { current: Rewrite }): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const response = await fetch(input, init);
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    if (!rewrite.current || method !== 'POST' || !url.pathname.endsWith('/paylater/charges') || !response.ok) return response;
    const body = await response.json();
    rewrite.current(body);
    const headers = new Headers(response.headers);
    headers.delete('content-length');
    headers.delete('content-encoding');
    return new Response(JSON.stringify(body), { status: response.status, statusText: response.statusText, headers });
  }) as typeof fetch;
}

async function rewritingShop(extra: Record<string, unknown> = {}) {
  const rewrite: { current: Rewrite } = { current: null };
  const shop = await startShop({ companion: { fetch: rewritingFetch(rewrite), ...extra } as Partial<CompanionOptions> });
  return { shop, rewrite };
}

/** The charge route refuses the rewritten answer: 502, no checkout URL leaked, the charge cancelled at Xendit. */
async function assertRefused(shop: Shop, checkout: string, badText: string | null) {
  const plans = await plansFor(shop, checkout);
  const before = new Set(shop.simulator.charges().map((c) => c.id));
  const answer = await shop.charge(plans.quote, planOf(plans, 'ID_KREDIVO'));
  const text = shop.bodies.at(-1)!;
  assert.equal(answer.status, 502, `POST /charges answers 502; got ${answer.status} ${text}`);
  assert.equal(answer.body.error?.code, 'UPSTREAM_ERROR');
  assert.ok(!text.includes('checkout_url'), `no checkout_url in the answer: ${text}`);
  if (badText) assert.ok(!text.includes(badText), `the bad URL is not in the answer: ${text}`);
  const made = shop.simulator.charges().filter((c) => !before.has(c.id));
  assert.equal(made.length, 1, 'one charge was made at Xendit');
  await settlesTo(() => simCharge(shop, made[0]!.id)?.status, 'CANCELLED', 3_000, 'the refused charge is cancelled at Xendit');
}

describe("ledger: Xendit's answer to a new charge is checked", () => {
  it('plain http is the simulator’s alone: on Xendit’s own API host a checkout page must be https', async () => {
    const { chargeProblem } = await import('../../src/server/companion/routes/charge-check.js');
    const charge = (url: string) => ({ id: 'plc_1', amount: 1_500_000, currency: 'IDR', actions: { desktop_web_checkout_url: url, mobile_web_checkout_url: url } }) as any;
    const hosts = ['kredivo.com'];
    assert.match(chargeProblem(charge('http://api.xendit.co/checkout/plc_1'), order(), hosts, 'api.xendit.co') ?? '', /not https/);
    assert.equal(chargeProblem(charge('https://api.xendit.co/checkout/plc_1'), order(), hosts, 'api.xendit.co'), null);
    assert.equal(chargeProblem(charge('http://127.0.0.1:4010/checkout/plc_1'), order(), hosts, '127.0.0.1:4010'), null);
  });

  const cases: Array<[string, (charge: any) => void, string | null]> = [
    ['an amount smaller than the order', (c) => void (c.amount = 1_000), null],
    ['another currency', (c) => void (c.currency = 'PHP'), null],
    [
      'checkout URLs on an unknown host',
      (c) => {
        c.actions.desktop_web_checkout_url = 'https://evil.example/pay';
        c.actions.mobile_web_checkout_url = 'https://evil.example/pay';
      },
      'evil.example',
    ],
    [
      'javascript: checkout URLs',
      (c) => {
        c.actions.desktop_web_checkout_url = 'javascript:alert(1)';
        c.actions.mobile_web_checkout_url = 'javascript:alert(1)';
      },
      'javascript:',
    ],
  ];
  for (const [what, change, badText] of cases) {
    it(`a charge answered with ${what} → 502 UPSTREAM_ERROR, nothing to pay, cancelled at Xendit`, async () => {
      const { shop, rewrite } = await rewritingShop();
      try {
        rewrite.current = change;
        await assertRefused(shop, 'cart-1', badText);
      } finally {
        await shop.close();
      }
    });
  }

  it("the simulator's own page and a host in checkoutHosts are accepted; any other host is still refused", async () => {
    const { shop, rewrite } = await rewritingShop({ checkoutHosts: ['pay.partner.example'] });
    try {
      const plans = await plansFor(shop, 'cart-1');
      const normal = await shop.charge(plans.quote, planOf(plans, 'ID_KREDIVO'));
      assert.equal(normal.status, 200, JSON.stringify(normal.body));
      assert.equal(new URL(normal.body.checkout_url.desktop).origin, new URL(shop.xenditUrl).origin, "the simulator's checkout page");

      rewrite.current = (c) => {
        c.actions.desktop_web_checkout_url = 'https://pay.partner.example/x';
        c.actions.mobile_web_checkout_url = 'https://pay.partner.example/x';
      };
      shop.carts.set('cart-partner', order({ reference_id: 'order-2001' }));
      const partnerPlans = await plansFor(shop, 'cart-partner');
      const partner = await shop.charge(partnerPlans.quote, planOf(partnerPlans, 'ID_KREDIVO'));
      assert.equal(partner.status, 200, JSON.stringify(partner.body));
      assert.equal(partner.body.checkout_url.desktop, 'https://pay.partner.example/x');

      rewrite.current = (c) => {
        c.actions.desktop_web_checkout_url = 'https://evil.example/pay';
        c.actions.mobile_web_checkout_url = 'https://evil.example/pay';
      };
      shop.carts.set('cart-evil', order({ reference_id: 'order-2002' }));
      await assertRefused(shop, 'cart-evil', 'evil.example');
    } finally {
      await shop.close();
    }
  });
});
