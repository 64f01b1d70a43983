import { describe, it, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { startShop, order, eventually, pressOnProviderPage, SECRET_KEY, CALLBACK_TOKEN, type Shop } from '../helpers/shop.js';

async function plansAndCharge(shop: Shop, channel = 'ID_KREDIVO') {
  const plans = await shop.plans();
  assert.equal(plans.status, 200, JSON.stringify(plans.body));
  const provider = plans.body.providers.find((p: any) => p.channel_code === channel);
  assert.ok(provider?.available, `${channel} should be available`);
  const charge = await shop.charge(plans.body.quote, provider.plan_id);
  assert.equal(charge.status, 200, JSON.stringify(charge.body));
  return { plans: plans.body, provider, charge: charge.body };
}

describe('companion: the happy path', () => {
  let shop: Shop;
  before(async () => {
    shop = await startShop();
  });
  after(() => shop.close());

  it('plans → charge → Pay on the provider page → callback → status SUCCEEDED → onPaymentEvent once', async () => {
    const { plans, charge } = await plansAndCharge(shop);
    assert.equal(plans.amount, 1_500_000);
    assert.equal(plans.currency, 'IDR');
    const available = plans.providers.filter((p: any) => p.available);
    assert.ok(available.length >= 4, 'the Indonesian providers answer');
    assert.ok(!plans.providers.some((p: any) => p.channel_code.startsWith('PH_')), 'no PHP providers for an IDR order');
    for (const p of available) {
      assert.ok(p.options.length > 0);
      for (const o of p.options) assert.ok(o.installment_amount > 0 && o.total_recurrence >= 1);
    }
    assert.equal(charge.status, 'PENDING');
    assert.match(charge.status_token, /^[A-Za-z0-9_-]{40,}$/);

    const before = await shop.call(`/status?token=${charge.status_token}`);
    assert.equal(before.body.status, 'PENDING');

    const location = await pressOnProviderPage(charge.checkout_url.desktop, 'Pay');
    const back = new URL(location);
    assert.equal(back.origin + back.pathname, `${shop.url}/return`);
    assert.equal(back.searchParams.get('paylater_token'), charge.status_token);

    await eventually(() => shop.events.length === 1, 3000, 'onPaymentEvent');
    const status = await shop.call(`/status?token=${charge.status_token}`);
    assert.deepEqual(
      { status: status.body.status, amount: status.body.amount, currency: status.body.currency, charge_id: status.body.charge_id },
      { status: 'SUCCEEDED', amount: 1_500_000, currency: 'IDR', charge_id: charge.charge_id },
    );
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(shop.events.length, 1);
    assert.equal(shop.events[0]!.status, 'SUCCEEDED');
    assert.equal(shop.events[0]!.referenceId, 'order-1001');
    assert.equal(shop.simulator.charges().length, 1);
  });

  it('creates the Xendit customer once and reuses it', async () => {
    shop.carts.set('cart-2', order({ reference_id: 'order-1002', amount: 750_000, order_items: [{ ...order().order_items[0]!, quantity: 1 }] }));
    assert.equal((await shop.plans('cart-2')).status, 200);
    assert.equal((await shop.plans('cart-2')).status, 200);
    assert.equal(shop.simulator.customers().filter((c: any) => c.reference_id === 'customer-77').length, 1);
  });

  it('cancels a pending charge from the back office and tells onPaymentEvent', async () => {
    shop.carts.set('cart-3', order({ reference_id: 'order-1003' }));
    const plans = await shop.plans('cart-3');
    const plan = plans.body.providers.find((p: any) => p.available);
    const charge = await shop.charge(plans.body.quote, plan.plan_id);
    const cancelled = await shop.companion.cancel(charge.body.charge_id);
    assert.equal(cancelled.status, 'CANCELLED');
    assert.ok(shop.events.some((e) => e.chargeId === charge.body.charge_id && e.status === 'CANCELLED'));
    assert.equal((await shop.call(`/status?token=${charge.body.status_token}`)).body.status, 'CANCELLED');
  });

  it('refunds a paid charge from the back office: REFUNDED reaches status and onPaymentEvent', async () => {
    shop.carts.set('cart-4', order({ reference_id: 'order-1004' }));
    const plans = await shop.plans('cart-4');
    const plan = plans.body.providers.find((p: any) => p.channel_code === 'ID_AKULAKU');
    const charge = (await shop.charge(plans.body.quote, plan.plan_id)).body;
    shop.simulator.approveCharge(charge.charge_id);
    await eventually(() => shop.events.some((e) => e.chargeId === charge.charge_id && e.status === 'SUCCEEDED'));
    const refund = await shop.companion.refund(charge.charge_id, { reason: 'CHANGE_OF_MIND' });
    assert.equal(refund.status, 'PENDING');
    await eventually(() => shop.events.some((e) => e.chargeId === charge.charge_id && e.status === 'REFUNDED'), 3000, 'REFUNDED event');
    assert.equal((await shop.call(`/status?token=${charge.status_token}`)).body.status, 'REFUNDED');
  });
});

describe('companion: eligibility and partial failure', () => {
  let shop: Shop;
  before(async () => {
    shop = await startShop();
  });
  after(() => shop.close());
  beforeEach(() => shop.simulator.clearFaults());

  it('a merchant’s order Xendit would refuse is named in the log with its field, never shown as every provider unavailable', async () => {
    const item = order().order_items[0]!;
    const cases = [
      ['rupiah with decimals', order({ reference_id: 'bad-1', amount: 95_000.5, order_items: [{ ...item, net_unit_amount: 95_000.5, quantity: 1 }] }), /field":"amount".*more decimals than IDR takes/],
      ['a lower-case currency', order({ reference_id: 'bad-2', currency: 'idr' }), /field":"currency".*upper-case ISO 4217/],
      ['an amount that is not the sum of the items', order({ reference_id: 'bad-3', amount: 1_000 }), /field":"amount".*not the sum of the items/],
      ['pesos with three decimals', order({ reference_id: 'bad-4', currency: 'PHP', amount: 1_000.125, order_items: [{ ...item, net_unit_amount: 1_000.125, quantity: 1 }] }), /more decimals than PHP takes/],
    ] as const;
    for (const [what, bad, logged] of cases) {
      shop.carts.set(bad.reference_id, bad);
      const before = shop.logs.length;
      const plans = await shop.plans(bad.reference_id);
      assert.equal(plans.status, 500, what);
      assert.equal(plans.body.error.code, 'INTERNAL', what);
      assert.ok(shop.logs.slice(before).some((line) => line.startsWith('error resolveCheckout returned an invalid order') && logged.test(line)), `${what}: ${shop.logs.slice(before).join('\n')}`);
    }
    // Pesos in cents are fine.
    shop.carts.set('ok-php', order({ reference_id: 'ok-php', currency: 'PHP', amount: 1_000.25, order_items: [{ ...item, net_unit_amount: 1_000.25, quantity: 1 }] }));
    assert.equal((await shop.plans('ok-php')).status, 200);
  });

  it('a cart summed in floating point (3 × ₱128.23 + ₱615.31 = 999.9999999999999) is the ₱1,000.00 it says: Cashalo, from ₱1,000, is offered, and Xendit gets 1000', async () => {
    const item = order().order_items[0]!;
    const items = [{ ...item, reference_id: 'SKU-A', net_unit_amount: 128.23, quantity: 3 }, { ...item, reference_id: 'SKU-B', net_unit_amount: 615.31, quantity: 1 }];
    const amount = items.reduce((sum, i) => sum + i.net_unit_amount * i.quantity, 0);
    assert.notEqual(amount, 1_000, 'the sum carries floating-point noise');
    shop.carts.set('float-php', order({ reference_id: 'float-php', currency: 'PHP', amount, order_items: items }));
    const plans = await shop.plans('float-php');
    assert.equal(plans.status, 200, JSON.stringify(plans.body));
    assert.equal(plans.body.amount, 1_000);
    const cashalo = plans.body.providers.find((p: { channel_code: string }) => p.channel_code === 'PH_CASHALO');
    assert.equal(cashalo.available, true, JSON.stringify(cashalo));
    const sent = shop.simulator.plans().filter((p) => p.customer_id && p.currency === 'PHP' && p.channel_code === 'PH_CASHALO').at(-1)!;
    assert.equal(sent.amount, 1_000);
    // Paid for that amount: Xendit's charge matches the order exactly.
    const charge = await shop.charge(plans.body.quote, cashalo.plan_id);
    assert.equal(charge.status, 200, JSON.stringify(charge.body));
  });

  it('gives each provider a reason when the amount is outside its limits', async () => {
    shop.carts.set('small', order({ reference_id: 'order-small', amount: 15_000, order_items: [{ ...order().order_items[0]!, net_unit_amount: 15_000, quantity: 1 }] }));
    const plans = await shop.plans('small');
    const byChannel = Object.fromEntries(plans.body.providers.map((p: any) => [p.channel_code, p]));
    assert.deepEqual(byChannel.ID_ATOME.reason, { code: 'AMOUNT_TOO_LOW', min_amount: 50_000, currency: 'IDR' });
    assert.deepEqual(byChannel.ID_UANGME.reason, { code: 'AMOUNT_TOO_LOW', min_amount: 20_000, currency: 'IDR' });
    assert.equal(byChannel.ID_KREDIVO.available, true);
  });

  it('one provider answering 503 is shown unavailable while the others answer', async () => {
    shop.simulator.injectFault({ route: 'plans', channel: 'ID_AKULAKU', status: 503, errorCode: 'CHANNEL_UNAVAILABLE' });
    shop.carts.set('f1', order({ reference_id: 'order-f1' }));
    const plans = await shop.plans('f1');
    const akulaku = plans.body.providers.find((p: any) => p.channel_code === 'ID_AKULAKU');
    assert.deepEqual(akulaku.reason, { code: 'PROVIDER_UNAVAILABLE' });
    assert.equal(akulaku.available, false);
    assert.ok(plans.body.providers.filter((p: any) => p.available).length >= 4);
  });

  it('a slow provider and one that never answers time out alone; the answer comes within the channel limit', async () => {
    shop.simulator.injectFault({ route: 'plans', channel: 'ID_INDODANA', latencyMs: 5_000 });
    shop.simulator.injectFault({ route: 'plans', channel: 'ID_ATOME', timeout: true });
    shop.carts.set('f2', order({ reference_id: 'order-f2' }));
    const started = Date.now();
    const plans = await shop.plans('f2');
    const took = Date.now() - started;
    const byChannel = Object.fromEntries(plans.body.providers.map((p: any) => [p.channel_code, p]));
    assert.deepEqual(byChannel.ID_INDODANA.reason, { code: 'PROVIDER_TIMEOUT' });
    assert.deepEqual(byChannel.ID_ATOME.reason, { code: 'PROVIDER_TIMEOUT' });
    assert.equal(byChannel.ID_KREDIVO.available, true);
    assert.ok(took < 3_000, `answered in ${took} ms`);
  });

  it('backs off on 429 from Xendit and still creates the charge', async () => {
    shop.carts.set('f3', order({ reference_id: 'order-f3' }));
    const plans = await shop.plans('f3');
    const plan = plans.body.providers.find((p: any) => p.available);
    shop.simulator.injectFault({ route: 'charges', status: 429, errorCode: 'RATE_LIMIT_EXCEEDED', times: 1 });
    const earlier = shop.simulator.requests().length;
    const charge = await shop.charge(plans.body.quote, plan.plan_id);
    assert.equal(charge.status, 200);
    const attempts = shop.simulator.requests().slice(earlier).filter((r: any) => r.method === 'POST' && r.path === '/paylater/charges');
    assert.equal(attempts.length, 2);
    assert.equal(attempts[0]!.status, 429);
    assert.ok(attempts[0]!.idempotencyKey);
    assert.equal(attempts[0]!.idempotencyKey, attempts[1]!.idempotencyKey);
  });

  it('a malformed Xendit body becomes UPSTREAM_ERROR, and a retry then works', async () => {
    shop.carts.set('f4', order({ reference_id: 'order-f4' }));
    const plans = await shop.plans('f4');
    const plan = plans.body.providers.find((p: any) => p.available);
    shop.simulator.injectFault({ route: 'charges', malformed: true, times: 1 });
    const broken = await shop.charge(plans.body.quote, plan.plan_id);
    assert.equal(broken.status, 502);
    assert.equal(broken.body.error.code, 'UPSTREAM_ERROR');
    const retry = await shop.charge(plans.body.quote, plan.plan_id);
    assert.equal(retry.status, 200);
  });

  it('every provider failing still answers 200 with reasons, not an error', async () => {
    shop.simulator.injectFault({ route: 'plans', status: 500, errorCode: 'SERVER_ERROR' });
    shop.carts.set('f5', order({ reference_id: 'order-f5' }));
    const plans = await shop.plans('f5');
    assert.equal(plans.status, 200);
    assert.ok(plans.body.providers.length >= 5);
    assert.ok(plans.body.providers.every((p: any) => !p.available && p.reason.code === 'PROVIDER_UNAVAILABLE'));
  });
});

describe('companion: tampering', () => {
  let shop: Shop;
  before(async () => {
    shop = await startShop({ companion: { quoteTtlMs: 400 } });
    shop.carts.set('cart-b', order({ reference_id: 'order-b', amount: 750_000, order_items: [{ ...order().order_items[0]!, quantity: 1 }] }));
  });
  after(() => shop.close());

  async function fresh() {
    const plans = await shop.plans('cart-1');
    return { quote: plans.body.quote as string, plan: plans.body.providers.find((p: any) => p.available).plan_id as string };
  }

  it('refuses an edited quote, a quote of another checkout, an expired quote, a plan not in the quote and a changed cart', async () => {
    const { quote, plan } = await fresh();
    const [v, payload, sig] = quote.split('.');
    const decoded = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const cheaper = Buffer.from(JSON.stringify({ ...decoded, amount: 1000 })).toString('base64url');

    const other = await shop.plans('cart-b');
    const otherPlan = other.body.providers.find((p: any) => p.available).plan_id;

    // The quote the browser holds names no Xendit customer.
    assert.equal('customer_id' in decoded, false);
    // The signature's last base64url character has two unused bits: another spelling of the same bytes.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const respelled = `${sig!.slice(0, -1)}${alphabet[alphabet.indexOf(sig!.at(-1)!) ^ 1]}`;
    assert.deepEqual(Buffer.from(respelled, 'base64url'), Buffer.from(sig!, 'base64url'), 'the same bytes');

    const cases: Array<[string, string, string, number, string]> = [
      ['edited amount', `${v}.${cheaper}.${sig}`, plan, 400, 'QUOTE_INVALID'],
      ['the signature spelt another way', `${v}.${payload}.${respelled}`, plan, 400, 'QUOTE_INVALID'],
      ['edited signature', `${v}.${payload}.${sig!.slice(0, -2)}AA`, plan, 400, 'QUOTE_INVALID'],
      ['not a quote', 'hello', plan, 400, 'QUOTE_INVALID'],
      ['plan of another checkout', quote, otherPlan, 400, 'PLAN_NOT_IN_QUOTE'],
      ['made-up plan', quote, 'plp_00000000-0000-0000-0000-000000000000', 400, 'PLAN_NOT_IN_QUOTE'],
    ];
    for (const [what, q, p, status, code] of cases) {
      const answer = await shop.charge(q, p);
      assert.equal(answer.status, status, what);
      assert.equal(answer.body.error.code, code, what);
    }

    shop.carts.set('cart-1', order({ amount: 1_600_000, order_items: [{ ...order().order_items[0]!, net_unit_amount: 800_000 }] }));
    const changed = await shop.charge(quote, plan);
    assert.equal(changed.status, 409);
    assert.equal(changed.body.error.code, 'CHECKOUT_CHANGED');
    shop.carts.set('cart-1', order());

    const stale = await fresh();
    await new Promise((r) => setTimeout(r, 450));
    const expired = await shop.charge(stale.quote, stale.plan);
    assert.equal(expired.status, 410);
    assert.equal(expired.body.error.code, 'QUOTE_EXPIRED');

    assert.equal(shop.simulator.charges().length, 0, 'no charge was created');
  });

  it('refuses a quote signed with another signing secret', async () => {
    const stranger = await startShop({ companion: { signingSecret: 'another-merchant-signing-secret-0123456789' } });
    try {
      const plans = await stranger.plans('cart-1');
      const answer = await shop.charge(plans.body.quote, plans.body.providers.find((p: any) => p.available).plan_id);
      assert.equal(answer.body.error.code, 'QUOTE_INVALID');
    } finally {
      await stranger.close();
    }
  });
});

describe('companion: never charges twice', () => {
  it('20 concurrent identical charge requests create exactly one Xendit charge', async () => {
    const shop = await startShop();
    try {
      const plans = await shop.plans();
      const plan = plans.body.providers.find((p: any) => p.available).plan_id;
      shop.simulator.injectFault({ route: 'charges', latencyMs: 150 });
      const answers = await Promise.all(Array.from({ length: 20 }, () => shop.charge(plans.body.quote, plan)));
      assert.ok(answers.every((a) => a.status === 200), JSON.stringify(answers.map((a) => a.status)));
      assert.equal(new Set(answers.map((a) => a.body.charge_id)).size, 1);
      assert.equal(new Set(answers.map((a) => a.body.status_token)).size, 1);
      assert.equal(shop.simulator.charges().length, 1);
    } finally {
      await shop.close();
    }
  });

  it('a charge Xendit makes but answers after xenditTimeoutMs is waited for: the shopper gets it, a retry gets the same one, Xendit has one charge', async () => {
    // Xendit makes the charge at once, but its answer reaches the companion 600 ms later (a slow
    // network, an overloaded Xendit or an overloaded shop server): past xenditTimeoutMs. Had the
    // companion given up, the shopper's retry would send the request again, and Xendit, which is
    // not known to honour Idempotency-Key on /paylater (the simulator's default: it does not),
    // would make a second charge.
    let held = 0;
    const shop = await startShop({
      companion: {
        xenditTimeoutMs: 200,
        fetch: async (input, init) => {
          const answer = await fetch(input, { ...init, signal: null });
          if (init?.method === 'POST' && String(input).endsWith('/paylater/charges') && held++ === 0) {
            await new Promise((resolve, reject) => {
              const timer = setTimeout(resolve, 600);
              init.signal?.addEventListener('abort', () => (clearTimeout(timer), reject(init.signal!.reason)), { once: true });
            });
          }
          return answer;
        },
      },
    });
    try {
      const plans = await shop.plans();
      const plan = plans.body.providers.find((p: any) => p.available).plan_id;
      const first = await shop.charge(plans.body.quote, plan);
      assert.equal(first.status, 200, JSON.stringify(first.body));
      const retry = await shop.charge(plans.body.quote, plan);
      assert.equal(retry.status, 200, JSON.stringify(retry.body));
      assert.equal(retry.body.charge_id, first.body.charge_id);
      assert.deepEqual(shop.simulator.charges().map((c) => c.id), [first.body.charge_id]);
      const sent = shop.simulator.requests().filter((r) => r.method === 'POST' && r.path === '/paylater/charges');
      assert.equal(sent.length, 1, 'the charge request was sent once');
    } finally {
      await shop.close();
    }
  });

  it('a failed attempt can be retried and then creates one charge', async () => {
    const shop = await startShop();
    try {
      const plans = await shop.plans();
      const plan = plans.body.providers.find((p: any) => p.available).plan_id;
      shop.simulator.injectFault({ route: 'charges', status: 400, errorCode: 'API_VALIDATION_ERROR', times: 1 });
      assert.equal((await shop.charge(plans.body.quote, plan)).status, 502);
      assert.equal((await shop.charge(plans.body.quote, plan)).status, 200);
      assert.equal((await shop.charge(plans.body.quote, plan)).status, 200);
      assert.equal(shop.simulator.charges().length, 1);
    } finally {
      await shop.close();
    }
  });
});

describe('companion: one order, one payment', () => {
  it('a shopper who comes back to the same provider gets the same charge; a paid order takes no new charge', async () => {
    const shop = await startShop({ companion: { plansCacheTtlMs: 1 } });
    try {
      const first = await plansAndCharge(shop, 'ID_KREDIVO');
      await new Promise((r) => setTimeout(r, 5));
      const again = await plansAndCharge(shop, 'ID_KREDIVO');
      assert.notEqual(again.provider.plan_id, first.provider.plan_id, 'new plans were asked for');
      assert.equal(again.charge.charge_id, first.charge.charge_id);
      assert.equal(shop.simulator.charges().length, 1);

      await pressOnProviderPage(first.charge.checkout_url.desktop, 'Cancel');
      await eventually(() => shop.events.some((e) => e.status === 'FAILED'));
      const retry = await plansAndCharge(shop, 'ID_KREDIVO');
      assert.notEqual(retry.charge.charge_id, first.charge.charge_id, 'a failed charge may be tried again');

      const quoted = await shop.plans();
      shop.simulator.approveCharge(retry.charge.charge_id);
      await eventually(() => shop.events.some((e) => e.status === 'SUCCEEDED'));
      const plans = await shop.plans();
      // A paid order shows no plans any more: the checkout opened again says it is paid.
      assert.equal(plans.status, 409);
      assert.equal(plans.body.error.code, 'ALREADY_PAID');
      // A quote from before it was paid cannot charge it again either.
      const akulaku = quoted.body.providers.find((p: any) => p.channel_code === 'ID_AKULAKU');
      const late = await shop.charge(quoted.body.quote, akulaku.plan_id);
      assert.equal(late.status, 409);
      assert.equal(late.body.error.code, 'ALREADY_PAID');
      assert.equal(shop.simulator.charges().length, 2);
    } finally {
      await shop.close();
    }
  });

  it('an order paid through one provider: its charge at another provider is cancelled, so it cannot pay twice', async () => {
    const shop = await startShop();
    try {
      const kredivo = await plansAndCharge(shop, 'ID_KREDIVO');
      const akulaku = await plansAndCharge(shop, 'ID_AKULAKU');
      await pressOnProviderPage(kredivo.charge.checkout_url.desktop, 'Pay');
      await eventually(() => shop.events.some((e) => e.chargeId === akulaku.charge.charge_id), 3000, 'the other charge\u2019s event');
      assert.equal(shop.simulator.charges().find((c) => c.id === akulaku.charge.charge_id)!.status, 'CANCELLED');
      const cancelled = shop.events.find((e) => e.chargeId === akulaku.charge.charge_id)!;
      assert.deepEqual([cancelled.status, cancelled.paysOrder, cancelled.refundedAs], ['CANCELLED', false, undefined]);
      const paid = shop.events.find((e) => e.chargeId === kredivo.charge.charge_id)!;
      assert.deepEqual([paid.status, paid.paysOrder], ['SUCCEEDED', true]);
      // The shopper's Akulaku tab: the page no longer takes the payment; its return page says so.
      const page = await fetch(`${akulaku.charge.checkout_url.desktop.replace(/\?.*$/, '')}/pay`, { method: 'POST', redirect: 'manual' });
      assert.equal(page.status, 409);
      assert.equal((await shop.call(`/status?token=${akulaku.charge.status_token}`)).body.status, 'CANCELLED');
      assert.equal(shop.simulator.refunds().length, 0, 'nothing to refund');
    } finally {
      await shop.close();
    }
  });

  it('an order paid through two providers\' pages (the other charge could not be cancelled): the second payment is refunded in full and its event says so', async () => {
    const shop = await startShop();
    try {
      const kredivo = await plansAndCharge(shop, 'ID_KREDIVO');
      const akulaku = await plansAndCharge(shop, 'ID_AKULAKU');
      shop.simulator.injectFault({ route: 'cancel', status: 503, errorCode: 'SERVER_ERROR' });
      await pressOnProviderPage(kredivo.charge.checkout_url.desktop, 'Pay');
      await eventually(() => shop.events.length === 1);
      await pressOnProviderPage(akulaku.charge.checkout_url.desktop, 'Pay');
      await eventually(() => shop.events.some((e) => e.chargeId === akulaku.charge.charge_id && e.status === 'REFUNDED'), 3000, 'the duplicate refunded');
      const paid = shop.events.filter((e) => e.status === 'SUCCEEDED');
      assert.deepEqual(paid.map((e) => [e.chargeId, e.duplicateOf]), [
        [kredivo.charge.charge_id, undefined],
        [akulaku.charge.charge_id, kredivo.charge.charge_id],
      ]);
      assert.equal(shop.events.find((e) => e.status === 'REFUNDED')!.duplicateOf, kredivo.charge.charge_id);
      const refunds = shop.simulator.refunds();
      assert.equal(refunds.length, 1);
      assert.equal(refunds[0]!.charge_id, akulaku.charge.charge_id);
      assert.equal(refunds[0]!.amount, 1_500_000);
    } finally {
      await shop.close();
    }
  });
});

describe('companion: webhooks', () => {
  let shop: Shop;
  before(async () => {
    shop = await startShop();
  });
  after(() => shop.close());

  async function paidCharge(ref: string) {
    shop.carts.set(ref, order({ reference_id: ref }));
    const plans = await shop.plans(ref);
    const plan = plans.body.providers.find((p: any) => p.available).plan_id;
    return (await shop.charge(plans.body.quote, plan)).body;
  }

  function callback(charge: any, status: string, token = CALLBACK_TOKEN) {
    return shop.call('/webhooks/xendit', {
      json: { event: 'paylater.payment', business_id: 'biz', created: new Date().toISOString(), data: { ...charge, status } },
      headers: { 'x-callback-token': token },
    });
  }

  it('refuses a wrong token with 401 and changes nothing', async () => {
    const created = await paidCharge('wh-1');
    const charge = shop.simulator.charges().find((c: any) => c.id === created.charge_id);
    for (const token of ['wrong', '', CALLBACK_TOKEN.slice(0, -1), `${CALLBACK_TOKEN}x`]) {
      const answer = await callback(charge, 'SUCCEEDED', token);
      assert.equal(answer.status, 401);
      assert.equal(answer.body.error.code, 'UNAUTHORIZED');
    }
    assert.equal((await shop.call(`/status?token=${created.status_token}`)).body.status, 'PENDING');
    assert.equal(shop.events.filter((e) => e.chargeId === created.charge_id).length, 0);
  });

  it('absorbs the same callback three times: the hook runs once', async () => {
    const created = await paidCharge('wh-2');
    shop.simulator.approveCharge(created.charge_id); // paid at Xendit (which sends its own callback too)
    const charge = shop.simulator.charges().find((c: any) => c.id === created.charge_id);
    const answers = await Promise.all([callback(charge, 'SUCCEEDED'), callback(charge, 'SUCCEEDED'), callback(charge, 'SUCCEEDED')]);
    assert.deepEqual(answers.map((a) => a.status), [200, 200, 200]);
    await shop.simulator.whenIdle();
    assert.equal(shop.events.filter((e) => e.chargeId === created.charge_id).length, 1);
  });

  it('believes a SUCCEEDED callback only as Xendit confirms it: still PENDING at Xendit → 503 and nothing changes; a charge Xendit does not know → 200, ignored', async () => {
    const created = await paidCharge('wh-5');
    const charge = shop.simulator.charges().find((c: any) => c.id === created.charge_id);
    const early = await callback(charge, 'SUCCEEDED');
    assert.equal(early.status, 503, JSON.stringify(early.body));
    assert.equal(early.body.error.code, 'UPSTREAM_ERROR');
    assert.equal((await shop.call(`/status?token=${created.status_token}`)).body.status, 'PENDING');
    assert.equal(shop.events.filter((e) => e.chargeId === created.charge_id).length, 0);

    // A made-up charge for a real order, with its reference and amount: never pays it.
    const forged = await callback({ ...charge, id: 'plc_00000000-0000-4000-8000-000000000000' }, 'SUCCEEDED');
    assert.equal(forged.status, 200);
    assert.equal(shop.events.filter((e) => e.referenceId === 'wh-5').length, 0, 'no event for the order');
    assert.equal(shop.simulator.charges().find((c: any) => c.id === created.charge_id)?.status, 'PENDING', 'the real charge is untouched');
  });

  it('believes a REFUNDED or FAILED callback only as Xendit confirms it too: for a charge still being paid it changes nothing, and the payment that follows pays the order', async () => {
    const created = await paidCharge('wh-6');
    const charge = shop.simulator.charges().find((c: any) => c.id === created.charge_id);
    for (const status of ['REFUNDED', 'FAILED']) {
      const forged = await callback(charge, status);
      assert.equal(forged.status, 503, `${status}: ${JSON.stringify(forged.body)}`);
    }
    assert.equal((await shop.call(`/status?token=${created.status_token}`)).body.status, 'PENDING');
    shop.simulator.approveCharge(created.charge_id);
    await eventually(() => shop.events.some((e) => e.chargeId === created.charge_id && e.status === 'SUCCEEDED' && e.paysOrder), 3000, 'the payment');
    assert.equal((await shop.call(`/status?token=${created.status_token}`)).body.status, 'SUCCEEDED');
    assert.deepEqual(shop.events.filter((e) => e.chargeId === created.charge_id).map((e) => e.status), ['SUCCEEDED']);
  });

  it('never moves backwards: SUCCEEDED then an older PENDING stays SUCCEEDED', async () => {
    const created = await paidCharge('wh-3');
    shop.simulator.approveCharge(created.charge_id);
    const charge = shop.simulator.charges().find((c: any) => c.id === created.charge_id);
    assert.equal((await callback(charge, 'SUCCEEDED')).status, 200);
    assert.equal((await callback(charge, 'PENDING')).status, 200);
    assert.equal((await callback(charge, 'FAILED')).status, 200);
    assert.equal((await shop.call(`/status?token=${created.status_token}`)).body.status, 'SUCCEEDED');
    assert.deepEqual(shop.events.filter((e) => e.chargeId === created.charge_id).map((e) => e.status), ['SUCCEEDED']);
  });

  it('a hook that throws answers non-2xx, and Xendit\'s retry runs it again', async () => {
    const created = await paidCharge('wh-4');
    let calls = 0;
    shop.setHook(() => {
      calls += 1;
      if (calls === 1) throw new Error('database down');
    });
    try {
      shop.simulator.approveCharge(created.charge_id);
      await eventually(() => shop.events.some((e) => e.chargeId === created.charge_id), 3000, 'the retried callback');
      assert.equal(calls, 2);
      const deliveries = () => shop.simulator.callbacks().filter((c) => c.chargeId === created.charge_id);
      await eventually(() => deliveries().length === 2, 3000, 'the second delivery to be recorded');
      assert.deepEqual(deliveries().map((d) => d.responseStatus), [500, 200]);
      assert.ok(shop.logs.some((line) => line.includes('database down')));
    } finally {
      shop.setHook(() => {});
    }
  });

  it('rejects a callback body that is not a charge with 400, without a 5xx', async () => {
    const answers = await Promise.all([
      shop.call('/webhooks/xendit', { json: { event: 'paylater.payment', data: { id: 'plc_x', status: 'SUCCEEDED' } }, headers: { 'x-callback-token': CALLBACK_TOKEN } }),
      shop.call('/webhooks/xendit', { json: { nothing: true }, headers: { 'x-callback-token': CALLBACK_TOKEN } }),
    ]);
    assert.deepEqual(answers.map((a) => [a.status, a.body.error.code]), [[400, 'INVALID_REQUEST'], [400, 'INVALID_REQUEST']]);
    const unknown = await shop.call('/webhooks/xendit', { json: { event: 'paylater.something_new', data: { id: 'x' } }, headers: { 'x-callback-token': CALLBACK_TOKEN } });
    assert.equal(unknown.status, 200);
    // An event this project does not know is kept and acknowledged whatever its data holds.
    const noId = await shop.call('/webhooks/xendit', { json: { event: 'paylater.something_new', data: { reference: 'r-1' } }, headers: { 'x-callback-token': CALLBACK_TOKEN } });
    assert.equal(noId.status, 200, JSON.stringify(noId.body));
  });

  it('reads a refund callback whose id is spelled refund_id (xendit-java PaylaterRefund) and applies the refunded charge', async () => {
    const created = await paidCharge('wh-refund-id');
    shop.simulator.approveCharge(created.charge_id);
    await eventually(() => shop.events.some((e) => e.chargeId === created.charge_id && e.status === 'SUCCEEDED'), 3000, 'the payment event');
    await shop.companion.refund(created.charge_id);
    const made = shop.simulator.refunds().find((r: any) => r.charge_id === created.charge_id)!;
    await eventually(() => shop.simulator.charges().find((c: any) => c.id === created.charge_id)?.status === 'REFUNDED', 5000, 'the refund at Xendit');
    const { id, ...rest } = made as any;
    const answer = await shop.call('/webhooks/xendit', { json: { event: 'paylater.refund', data: { ...rest, refund_id: id, status: 'SUCCEEDED' } }, headers: { 'x-callback-token': CALLBACK_TOKEN } });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    await eventually(() => shop.events.some((e) => e.chargeId === created.charge_id && e.status === 'REFUNDED'), 3000, 'the REFUNDED event');
  });

  it('acknowledges a refund callback for a charge Xendit does not know (no retries for hours), and logs it', async () => {
    const refund = { id: 'plr_00000000-0000-4000-8000-000000000000', charge_id: 'plc_00000000-0000-4000-8000-00000000dead', currency: 'IDR', amount: 1000, status: 'SUCCEEDED' };
    const answer = await shop.call('/webhooks/xendit', { json: { event: 'paylater.refund', business_id: 'biz', created: new Date().toISOString(), data: refund }, headers: { 'x-callback-token': CALLBACK_TOKEN } });
    assert.equal(answer.status, 200);
    assert.ok(shop.logs.some((line) => line.includes('refund callback for a charge Xendit does not know') && line.includes(refund.charge_id)));
    assert.equal(shop.events.filter((e) => e.chargeId === refund.charge_id).length, 0);
    // Xendit failing to answer is another matter: 502, so that the callback comes again.
    const created = await paidCharge('wh-refund');
    shop.simulator.injectFault({ route: 'charge', method: 'GET', status: 503 });
    try {
      const failing = await shop.call('/webhooks/xendit', { json: { event: 'paylater.refund', data: { ...refund, charge_id: created.charge_id } }, headers: { 'x-callback-token': CALLBACK_TOKEN } });
      assert.ok(failing.status >= 500, `status ${failing.status}`);
    } finally {
      shop.simulator.clearFaults();
    }
  });
});

describe('companion: origins', () => {
  let shop: Shop;
  before(async () => {
    shop = await startShop({ companion: { allowedOrigins: ['https://shop.example'] } });
  });
  after(() => shop.close());

  it('answers preflight for allowed origins and refuses other origins on state-changing routes', async () => {
    const preflight = await shop.call('/plans', { method: 'OPTIONS', headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' } });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), 'https://shop.example');
    const allowed = await shop.call('/plans', { json: { checkout: 'cart-1' }, headers: { origin: 'https://shop.example' } });
    assert.equal(allowed.status, 200);
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://shop.example');

    const evilPreflight = await shop.call('/plans', { method: 'OPTIONS', headers: { origin: 'https://evil.example' } });
    assert.equal(evilPreflight.status, 403);
    const evil = await shop.call('/charges', { json: { quote: allowed.body.quote, plan_id: 'x' }, headers: { origin: 'https://evil.example' } });
    assert.equal(evil.status, 403);
    assert.equal(evil.body.error.code, 'FORBIDDEN_ORIGIN');
    assert.equal(evil.headers.get('access-control-allow-origin'), null);
    const sameOrigin = await shop.call('/plans', { json: { checkout: 'cart-1' }, headers: { origin: shop.url } });
    assert.equal(sameOrigin.status, 200);
  });
});

describe('companion: bad input never gets a 5xx', () => {
  let shop: Shop;
  before(async () => {
    shop = await startShop();
  });
  after(() => shop.close());

  it('answers every malformed request with a 4xx and a stable code', async () => {
    const plans = await shop.plans();
    const plan = plans.body.providers.find((p: any) => p.available).plan_id;
    const json = { 'content-type': 'application/json' };
    const huge = JSON.stringify({ checkout: 'x'.repeat(100_000) });
    const cases: Array<[string, string, RequestInit, number, string]> = [
      ['plans: no body', '/plans', { method: 'POST', headers: json }, 400, 'INVALID_REQUEST'],
      ['plans: empty object', '/plans', { method: 'POST', headers: json, body: '{}' }, 400, 'INVALID_REQUEST'],
      ['plans: not JSON', '/plans', { method: 'POST', headers: json, body: '{checkout: cart-1' }, 400, 'INVALID_REQUEST'],
      ['plans: JSON null', '/plans', { method: 'POST', headers: json, body: 'null' }, 400, 'INVALID_REQUEST'],
      ['plans: JSON array', '/plans', { method: 'POST', headers: json, body: '[]' }, 400, 'INVALID_REQUEST'],
      ['plans: JSON string', '/plans', { method: 'POST', headers: json, body: '"cart-1"' }, 400, 'INVALID_REQUEST'],
      ['plans: checkout a number', '/plans', { method: 'POST', headers: json, body: '{"checkout":42}' }, 400, 'INVALID_REQUEST'],
      ['plans: checkout an object', '/plans', { method: 'POST', headers: json, body: '{"checkout":{"$ne":null}}' }, 400, 'INVALID_REQUEST'],
      ['plans: checkout empty', '/plans', { method: 'POST', headers: json, body: '{"checkout":""}' }, 400, 'INVALID_REQUEST'],
      ['plans: checkout too long', '/plans', { method: 'POST', headers: json, body: JSON.stringify({ checkout: 'c'.repeat(300) }) }, 400, 'INVALID_REQUEST'],
      ['plans: channels not a list', '/plans', { method: 'POST', headers: json, body: '{"checkout":"cart-1","channels":"ID_KREDIVO"}' }, 400, 'INVALID_REQUEST'],
      ['plans: unknown checkout', '/plans', { method: 'POST', headers: json, body: '{"checkout":"cart-404"}' }, 404, 'CHECKOUT_NOT_FOUND'],
      ['plans: script in checkout', '/plans', { method: 'POST', headers: json, body: JSON.stringify({ checkout: '<script>alert(1)</script>' }) }, 404, 'CHECKOUT_NOT_FOUND'],
      ['plans: prototype keys', '/plans', { method: 'POST', headers: json, body: '{"checkout":"__proto__","__proto__":{"admin":true}}' }, 404, 'CHECKOUT_NOT_FOUND'],
      ['plans: huge body', '/plans', { method: 'POST', headers: json, body: huge }, 413, 'PAYLOAD_TOO_LARGE'],
      ['plans: form body', '/plans', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'checkout=cart-1' }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
      ['plans: text body', '/plans', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"checkout":"cart-1"}' }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
      ['plans: bad UTF-8', '/plans', { method: 'POST', headers: json, body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) }, 400, 'INVALID_REQUEST'],
      ['plans: GET', '/plans', { method: 'GET' }, 405, 'METHOD_NOT_ALLOWED'],
      ['plans: PUT', '/plans', { method: 'PUT', headers: json, body: '{}' }, 405, 'METHOD_NOT_ALLOWED'],
      ['plans: DELETE', '/plans', { method: 'DELETE' }, 405, 'METHOD_NOT_ALLOWED'],
      ['charges: missing plan', '/charges', { method: 'POST', headers: json, body: JSON.stringify({ quote: plans.body.quote }) }, 400, 'INVALID_REQUEST'],
      ['charges: missing quote', '/charges', { method: 'POST', headers: json, body: JSON.stringify({ plan_id: plan }) }, 400, 'INVALID_REQUEST'],
      ['charges: quote a number', '/charges', { method: 'POST', headers: json, body: JSON.stringify({ quote: 1, plan_id: plan }) }, 400, 'INVALID_REQUEST'],
      ['charges: three-part junk quote', '/charges', { method: 'POST', headers: json, body: JSON.stringify({ quote: 'v1.!!!.???', plan_id: plan }) }, 400, 'QUOTE_INVALID'],
      ['charges: quote with bad base64', '/charges', { method: 'POST', headers: json, body: JSON.stringify({ quote: 'v1.e30.%%%', plan_id: plan }) }, 400, 'QUOTE_INVALID'],
      ['charges: v2 quote', '/charges', { method: 'POST', headers: json, body: JSON.stringify({ quote: plans.body.quote.replace(/^v1/, 'v2'), plan_id: plan }) }, 400, 'QUOTE_INVALID'],
      ['charges: GET', '/charges', { method: 'GET' }, 405, 'METHOD_NOT_ALLOWED'],
      ['status: no token', '/status', { method: 'GET' }, 400, 'INVALID_REQUEST'],
      // A malformed token is a wrong link to the shopper: "not found", as an unknown one.
      ['status: short token', '/status?token=abc', { method: 'GET' }, 404, 'STATUS_TOKEN_INVALID'],
      ['status: token with markup', `/status?token=${encodeURIComponent('<img src=x onerror=alert(1)>')}`, { method: 'GET' }, 404, 'STATUS_TOKEN_INVALID'],
      ['status: unknown token', `/status?token=${'A'.repeat(43)}`, { method: 'GET' }, 404, 'STATUS_TOKEN_INVALID'],
      ['status: POST', '/status?token=abc', { method: 'POST', headers: json, body: '{}' }, 405, 'METHOD_NOT_ALLOWED'],
      ['webhook: no token', '/webhooks/xendit', { method: 'POST', headers: json, body: '{}' }, 401, 'UNAUTHORIZED'],
      ['webhook: GET', '/webhooks/xendit', { method: 'GET' }, 405, 'METHOD_NOT_ALLOWED'],
      ['webhook: not JSON', '/webhooks/xendit', { method: 'POST', headers: { ...json, 'x-callback-token': CALLBACK_TOKEN }, body: 'not json' }, 400, 'INVALID_REQUEST'],
      ['unknown path', '/refunds', { method: 'GET' }, 404, 'NOT_FOUND'],
      ['unknown nested path', '/plans/extra/../../admin', { method: 'GET' }, 404, 'NOT_FOUND'],
      ['root of the base path', '', { method: 'GET' }, 404, 'NOT_FOUND'],
    ];
    assert.ok(cases.length >= 30);
    for (const [what, path, init, status, code] of cases) {
      const answer = await shop.call(path, init);
      assert.equal(answer.status, status, `${what}: ${JSON.stringify(answer.body)}`);
      assert.equal(answer.body?.error?.code, code, what);
      assert.equal(typeof answer.body.error.message, 'string', what);
    }
    assert.ok(!shop.logs.some((l) => l.startsWith('error')), shop.logs.filter((l) => l.startsWith('error')).join('\n'));
  });
});

describe('companion: the secret key', () => {
  it('appears in no response body and no log line across a full journey with faults', async () => {
    const shop = await startShop();
    try {
      const { charge } = await plansAndCharge(shop);
      await pressOnProviderPage(charge.checkout_url.mobile, 'Pay');
      await eventually(() => shop.events.length === 1);
      shop.simulator.injectFault({ route: 'plans', status: 401, errorCode: 'INVALID_API_KEY' });
      shop.carts.set('x', order({ reference_id: 'order-x' }));
      await shop.plans('x');
      await shop.call('/webhooks/xendit', { json: { event: 'x', data: { id: SECRET_KEY } }, headers: { 'x-callback-token': 'bad' } });
      assert.ok(shop.bodies.length >= 4 && shop.logs.length > 0);
      for (const text of [...shop.bodies, ...shop.logs]) {
        assert.ok(!text.includes(SECRET_KEY), `secret in: ${text.slice(0, 120)}`);
        assert.ok(!text.includes(CALLBACK_TOKEN), `callback token in: ${text.slice(0, 120)}`);
      }
    } finally {
      await shop.close();
    }
  });

  it('refuses to start without its secrets, naming what is missing but not its value', () => {
    const base = { secretKey: SECRET_KEY, callbackToken: CALLBACK_TOKEN, signingSecret: 's'.repeat(32), returnUrl: 'https://shop.example/return', resolveCheckout: () => null };
    for (const [field, value, message] of [
      ['secretKey', '', /secretKey/],
      ['callbackToken', undefined, /callbackToken/],
      ['signingSecret', 'short', /signingSecret/],
      ['returnUrl', 'javascript:alert(1)', /returnUrl/],
      ['resolveCheckout', 'nope', /resolveCheckout/],
    ] as const) {
      assert.throws(
        () => shop_create({ ...base, [field]: value }),
        (error: Error) => message.test(error.message) && !error.message.includes(SECRET_KEY),
        field,
      );
    }
  });
});

import { createCompanion } from '../../src/server/index.js';
function shop_create(options: any) {
  return createCompanion(options);
}
