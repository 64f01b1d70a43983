/**
 * One engine: the terms a product page gets promise exactly what the checkout then offers. For
 * 1,000 random amounts in each provider's range, the options computed from `GET {base}/terms`
 * are the simulator's real plans answer for that amount (the same tenors, the same lowest
 * payment), and a limit changed in the options moves the terms and the checkout together.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { currencyDecimals, eligibility, lowestInstallment, optionsFor, tenorOption, type ProviderTerms, type TermsResponseBody } from '../../src/contract/index.js';
import { prng } from '../helpers/random.js';
import { order, startShop, type Shop } from '../helpers/shop.js';

const RANDOM_AMOUNTS = 1_000;
/** The simulator answers 503 CHANNEL_UNAVAILABLE for this amount (Xendit's test amount): not a term. */
const UNAVAILABLE_TEST_AMOUNT = 10_101;

/**
 * 1,000 amounts spread evenly over the logarithm of the range (small prices, where tenors start,
 * are as well covered as large ones), plus the range's ends and, for each tenor with a minimum
 * payment, the first amount it is offered at and the amount one unit below.
 */
function amountsFor(provider: ProviderTerms, currency: string, seed: number): number[] {
  const random = prng(seed);
  const f = 10 ** currencyDecimals(currency);
  const { min_amount: min, max_amount: max } = provider;
  const out = new Set([min, max]);
  for (let i = 0; i < RANDOM_AMOUNTS; i += 1) out.add(Math.min(max, Math.max(min, Math.round(Math.exp(Math.log(min) + random.next() * Math.log(max / min)) * f) / f)));
  for (const tenor of provider.tenors.filter((t) => t.min_installment !== undefined)) {
    let [lo, hi] = [Math.round(min * f), Math.round(max * f)];
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (tenorOption(tenor, mid / f, currency).installment_amount >= tenor.min_installment!) hi = mid;
      else lo = mid + 1;
    }
    out.add(lo / f).add(Math.max(min * f, lo - 1) / f);
  }
  out.delete(UNAVAILABLE_TEST_AMOUNT);
  return [...out];
}

/** Runs `work` over `items`, `width` at a time. */
async function pool<T, R>(items: T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]!);
    }
  }));
  return out;
}

/** Asks the simulator for real plans, as the checkout does (the same Xendit client, over HTTP). */
async function realPlans(shop: Shop, customerId: string, channel: string, currency: string, amount: number) {
  const item = { type: 'PHYSICAL_PRODUCT' as const, reference_id: 'SKU-1', name: 'Thing', net_unit_amount: amount, quantity: 1, url: 'https://shop.example/p/1', category: 'General' };
  return (await shop.companion.xendit.paylater.initiatePlans({ customer_id: customerId, channel_code: channel, currency, amount, order_items: [item] })).options;
}

describe('terms and the checkout: one engine', () => {
  for (const currency of ['IDR', 'PHP']) {
    it(`${currency}: for ${RANDOM_AMOUNTS} random amounts per provider, the terms give the real plans’ tenors and lowest payment`, async () => {
      const shop = await startShop();
      try {
        const terms: TermsResponseBody = (await shop.call(`/terms?currency=${currency}`)).body;
        const customer = await shop.companion.xendit.customers.create({ reference_id: `checker-${currency}`, type: 'INDIVIDUAL', individual_detail: { given_names: 'Siti', surname: 'Rahayu' }, email: 'siti@example.co.id', mobile_number: '+6281234567890' });
        const exact: string[] = [];
        for (const [index, provider] of terms.providers.entries()) {
          if (provider.tenors.every((t) => !t.estimate)) exact.push(provider.channel_code);
          const tenorOf = new Map(provider.tenors.map((t) => [t.total_recurrence, t]));
          const amounts = amountsFor(provider, currency, 1_000 + index);
          assert.ok(amounts.length >= RANDOM_AMOUNTS * 0.95, `${amounts.length} amounts`);
          await pool(amounts, 16, async (amount) => {
            const real = await realPlans(shop, customer.id, provider.channel_code, currency, amount);
            const mine = optionsFor(provider, amount, currency);
            const at = `${provider.channel_code} at ${amount}`;
            assert.deepEqual(mine.map((o) => o.total_recurrence), real.map((o) => o.total_recurrence), `${at}: the tenors offered`);
            const lowest = lowestInstallment(provider, amount, currency)!;
            const realLowest = Math.min(...real.map((o) => o.installment_amount));
            const tenor = tenorOf.get(lowest.total_recurrence)!;
            if (tenor.estimate) assert.ok(Math.abs(lowest.installment_amount - realLowest) <= (tenor.max_error ?? 0), `${at}: within max_error`);
            else assert.equal(lowest.installment_amount, realLowest, `${at}: the lowest payment`);
            for (const [i, option] of mine.entries()) {
              if (tenorOf.get(option.total_recurrence)!.estimate) continue;
              assert.deepEqual([option.total_amount, option.installment_amount, option.downpayment_amount ?? 0], [real[i]!.total_amount, real[i]!.installment_amount, real[i]!.downpayment_amount ?? 0], `${at}: ${option.total_recurrence} payments`);
            }
          });
        }
        // What the simulator's providers come out as: every formula reproduces their answers exactly.
        assert.deepEqual(exact, terms.providers.map((p) => p.channel_code));
      } finally {
        await shop.close();
      }
    });
  }

  it('a limit changed in the options changes the terms and the checkout’s decision alike', async () => {
    const limited = { ID_KREDIVO: { currency: 'IDR', min: 2_000_000, max: 10_000_000 }, ID_ATOME: { currency: 'IDR', min: 100_000, max: 6_000_000 } };
    const channels = ['ID_KREDIVO', 'ID_AKULAKU', 'ID_ATOME'];
    for (const channelLimits of [undefined, limited]) {
      const shop = await startShop({ companion: { channels, ...(channelLimits ? { channelLimits } : {}) } });
      try {
        const terms: TermsResponseBody = (await shop.call('/terms?currency=IDR')).body;
        const kredivo = terms.providers.find((p) => p.channel_code === 'ID_KREDIVO')!;
        assert.deepEqual([kredivo.min_amount, kredivo.max_amount], channelLimits ? [2_000_000, 10_000_000] : [1_000, 30_000_000]);
        const probed = shop.simulator.plans().filter((p) => p.channel_code === 'ID_KREDIVO').map((p) => p.amount);
        assert.ok(probed.every((a) => a >= kredivo.min_amount && a <= kredivo.max_amount), 'the derivation asked within the limits');

        const edges = [1_000, 99_999, 100_000, 1_500_000, 1_999_999, 2_000_000, 6_000_001, 10_000_000, 10_000_001, 25_000_001];
        for (const [i, amount] of edges.entries()) {
          const handle = `cart-${i}`;
          shop.carts.set(handle, order({ reference_id: `order-${i}`, amount, order_items: [{ ...order().order_items[0]!, net_unit_amount: amount, quantity: 1 }] }));
          const plans = await shop.plans(handle);
          assert.equal(plans.status, 200);
          for (const channel of channels) {
            const offered = plans.body.providers.find((p: { channel_code: string }) => p.channel_code === channel);
            const inTerms = terms.providers.find((p) => p.channel_code === channel)!;
            const reason = eligibility({ ...inTerms, currency: 'IDR' }, 'IDR', amount);
            assert.equal(offered.available, optionsFor(inTerms, amount, 'IDR').length > 0, `${channel} at ${amount}: the checkout offers what the terms promise`);
            if (!offered.available) assert.deepEqual(offered.reason, reason, `${channel} at ${amount}`);
            else assert.deepEqual(offered.options.map((o: { total_recurrence: number }) => o.total_recurrence), optionsFor(inTerms, amount, 'IDR').map((o) => o.total_recurrence));
          }
        }
        const at = async (amount: number) => {
          shop.carts.set('probe', order({ reference_id: `probe-${amount}`, amount, order_items: [{ ...order().order_items[0]!, net_unit_amount: amount, quantity: 1 }] }));
          return (await shop.plans('probe')).body.providers.find((p: { channel_code: string }) => p.channel_code === 'ID_KREDIVO');
        };
        const small = await at(1_500_000);
        if (channelLimits) assert.deepEqual(small.reason, { code: 'AMOUNT_TOO_LOW', min_amount: 2_000_000, currency: 'IDR' });
        else assert.equal(small.available, true);
      } finally {
        await shop.close();
      }
    }
  });
});
