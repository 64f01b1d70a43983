/**
 * The terms derivation and the contract's formula, without HTTP: the simulator's providers come out
 * exact with a handful of probes; providers that round otherwise, or whose minimum payment is no
 * round figure, come out marked `estimate`, and never promise a tenor the provider would not offer.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eligibility, optionsFor, parseTermsResponse, tenorOption, type ProviderTerms } from '../../src/contract/index.js';
import { deriveTenors, PROBE_BUDGET, type AnswerOption } from '../../src/server/companion/terms/derive.js';
import { planOptions, SIMULATOR_CHANNELS, type ChannelSpec } from '../../src/testing/paylater.js';
import { prng } from '../helpers/random.js';

const rangeOf = (spec: ChannelSpec) => ({ currency: spec.currency, min_amount: spec.min, max_amount: spec.max });
const provider = (spec: ChannelSpec, tenors: ProviderTerms['tenors']): ProviderTerms => ({ channel_code: 'X', name: spec.name, min_amount: spec.min, max_amount: spec.max, tenors });

/** `count` amounts spread evenly over the logarithm of the range (so small amounts, where tenors start, are well covered). */
function amounts(spec: ChannelSpec, count: number, seed: number): number[] {
  const random = prng(seed);
  const f = spec.currency === 'IDR' ? 1 : 100;
  const [lo, hi] = [Math.log(spec.min), Math.log(spec.max)];
  return Array.from({ length: count }, () => Math.min(spec.max, Math.max(spec.min, Math.round(Math.exp(lo + random.next() * (hi - lo)) * f) / f)));
}

describe('terms derivation', () => {
  for (const [code, spec] of Object.entries(SIMULATOR_CHANNELS)) {
    it(`${code}: exact terms from at most ${PROBE_BUDGET} plans answers, equal to the provider's options at 5,000 amounts`, async () => {
      const { tenors, answers } = await deriveTenors(async (amount) => planOptions(spec, amount), rangeOf(spec));
      assert.ok(answers.length <= PROBE_BUDGET, `${answers.length} probes`);
      assert.deepEqual(tenors.map((t) => t.total_recurrence), spec.tenures.map((t) => t.months));
      assert.deepEqual(tenors.filter((t) => t.estimate), [], 'no tenor is an estimate');
      assert.deepEqual(tenors.map((t) => t.min_installment), spec.tenures.map((_, i) => (i === 0 ? undefined : spec.minInstallment)));
      for (const amount of amounts(spec, 5_000, 7)) {
        const mine = optionsFor(provider(spec, tenors), amount, spec.currency);
        const theirs = planOptions(spec, amount).map(({ description: _d, downpayment_amount, ...o }) => (downpayment_amount ? { ...o, downpayment_amount } : o));
        assert.deepEqual(mine, theirs, `${code} at ${amount}`);
      }
    });
  }

  it('a provider that rounds payments to Rp 100 gets estimates: every tenor that missed an answer seen says so, with the largest difference', async () => {
    const spec = SIMULATOR_CHANNELS.ID_KREDIVO!;
    const rounded = (amount: number): AnswerOption[] => planOptions(spec, amount).map((o) => ({ ...o, installment_amount: Math.round(o.installment_amount / 100) * 100 }));
    const { tenors, answers } = await deriveTenors(async (amount) => rounded(amount), rangeOf(spec));
    for (const tenor of tenors) {
      const seen = answers.flatMap((a) => a.options.filter((o) => o.total_recurrence === tenor.total_recurrence).map((o) => Math.abs(o.installment_amount - tenorOption(tenor, a.amount, 'IDR').installment_amount)));
      const largest = Math.max(...seen);
      if (largest === 0) assert.equal(tenor.estimate, undefined, `${tenor.total_recurrence} months matched every answer seen`);
      else assert.deepEqual([tenor.estimate, tenor.max_error], [true, largest], `${tenor.total_recurrence} months`);
    }
    assert.ok(tenors.filter((t) => t.estimate).length >= 2, 'the rounding shows');
  });

  it('a minimum payment that is no round figure is bounded from above: marked estimate, and never a tenor the provider refuses', async () => {
    const spec = { ...SIMULATOR_CHANNELS.ID_KREDIVO!, minInstallment: 45_123 };
    const { tenors, answers } = await deriveTenors(async (amount) => planOptions(spec, amount), rangeOf(spec));
    assert.equal(answers.length, PROBE_BUDGET);
    const gated = tenors.filter((t) => t.min_installment !== undefined);
    assert.equal(gated.length, 3);
    for (const tenor of gated) {
      assert.equal(tenor.estimate, true);
      assert.equal(tenor.max_error, undefined, 'the amounts themselves are exact');
      assert.ok(tenor.min_installment! >= 45_123 && tenor.min_installment! < 50_000, `min_installment ${tenor.min_installment}`);
    }
    for (const amount of amounts(spec, 5_000, 11)) {
      const offered = new Set(planOptions(spec, amount).map((o) => o.total_recurrence));
      for (const option of optionsFor(provider(spec, tenors), amount, spec.currency)) assert.ok(offered.has(option.total_recurrence), `${option.total_recurrence} months at ${amount}`);
    }
  });

  it('a stated rate that does not match the totals gives way to the rate the totals imply', async () => {
    const spec = SIMULATOR_CHANNELS.ID_AKULAKU!;
    const { tenors } = await deriveTenors(async (amount) => planOptions(spec, amount).map((o) => ({ ...o, interest_rate: 0 })), rangeOf(spec));
    assert.deepEqual(tenors.map((t) => t.interest_rate), [0, 2.5, 2.75, 3]);
    assert.deepEqual(tenors.filter((t) => t.estimate), []);
  });

  it('a channel that answers no options has no tenors (it is left out of the terms)', async () => {
    const { tenors, answers } = await deriveTenors(async () => [], { currency: 'IDR', min_amount: 1_000, max_amount: 1_000_000 });
    assert.deepEqual(tenors, []);
    assert.equal(answers.length, 2);
  });
});

describe('contract: the terms formula and rule', () => {
  const tenor = { total_recurrence: 3, interval: 'MONTH', interval_count: 1, interest_rate: 3.49, downpayment_rate: 0.2, min_installment: 200 };

  it('rounds as the providers do: down payment and total to the currency, the payment up', () => {
    // PHP 1,000.01: down payment 200.00, financed 800.01, interest 83.76 → total 1,083.77; (883.77 / 3) = 294.59 rounded up.
    assert.deepEqual(tenorOption(tenor, 1_000.01, 'PHP'), { total_amount: 1_083.77, installment_amount: 294.59, downpayment_amount: 200, interval: 'MONTH', interval_count: 1, total_recurrence: 3, interest_rate: 3.49 });
    // IDR: whole rupiah; 100,000 at 2.6% for 3 months → 107,800, paid as 35,934 a month (rounded up).
    assert.equal(tenorOption({ total_recurrence: 3, interval: 'MONTH', interval_count: 1, interest_rate: 2.6 }, 100_000, 'IDR').installment_amount, 35_934);
  });

  it('eligibility: currency, then the range, with the same reasons as the checkout', () => {
    const range = { currency: 'IDR', min_amount: 1_000, max_amount: 30_000_000 };
    assert.equal(eligibility(range, 'IDR', 1_000), null);
    assert.deepEqual(eligibility(range, 'PHP', 5_000), { code: 'CURRENCY_NOT_SUPPORTED', currency: 'PHP' });
    assert.deepEqual(eligibility(range, 'IDR', 999), { code: 'AMOUNT_TOO_LOW', min_amount: 1_000, currency: 'IDR' });
    assert.deepEqual(eligibility(range, 'IDR', 30_000_001), { code: 'AMOUNT_TOO_HIGH', max_amount: 30_000_000, currency: 'IDR' });
    const terms = { channel_code: 'X', name: 'X', min_amount: 1_000, max_amount: 30_000_000, tenors: [{ total_recurrence: 1, interval: 'MONTH', interval_count: 1, interest_rate: 0 }] };
    assert.deepEqual(optionsFor(terms, 999, 'IDR'), []);
    assert.equal(optionsFor(terms, 1_000, 'IDR').length, 1);
  });

  it('parseTermsResponse keeps the contract’s fields and names the first one that breaks it', () => {
    const body = { currency: 'IDR', updated_at: '2026-01-01T00:00:00.000Z', extra: 1, providers: [{ channel_code: 'ID_KREDIVO', name: 'Kredivo', min_amount: 1, max_amount: 2, tenors: [{ ...tenor, estimate: true, max_error: 2, junk: 'x' }] }] };
    const parsed = parseTermsResponse(body);
    assert.equal('extra' in parsed, false);
    assert.deepEqual(parsed.providers[0]!.tenors[0], { ...tenor, estimate: true, max_error: 2 });
    assert.throws(() => parseTermsResponse({ ...body, providers: [{ ...body.providers[0], tenors: [{ ...tenor, total_recurrence: 0 }] }] }), /providers\[0\]\.tenors\[0\]\.total_recurrence/);
    assert.throws(() => parseTermsResponse({ ...body, providers: [{ ...body.providers[0], tenors: [{ ...tenor, downpayment_rate: 1.5 }] }] }), /downpayment_rate/);
    assert.throws(() => parseTermsResponse({ ...body, currency: 5 }), /terms\.currency/);
  });
});
