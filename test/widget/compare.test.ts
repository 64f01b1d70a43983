/**
 * The comparison's facts, from the plans alone: the one cheapest option (ties: none), the order of
 * the providers, "0% instalments", and the tenors.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AvailableProvider, PlanOption, Provider } from '../../src/contract/index.js';
import { interestFree, lowestTotal, ordered, shownOptions, tenorsOf } from '../../src/widget/components/checkout/compare.js';

const option = (payments: number, installment: number, total: number, rate = 0): PlanOption => ({
  total_amount: total,
  installment_amount: installment,
  interval: 'MONTH',
  interval_count: 1,
  total_recurrence: payments,
  interest_rate: rate,
  description: '',
});
const provider = (name: string, options: PlanOption[]): AvailableProvider => ({ channel_code: `ID_${name.toUpperCase()}`, name, available: true, plan_id: `plan-${name}`, options });
const unavailable: Provider = { channel_code: 'ID_ATOME', name: 'Atome', available: false, reason: { code: 'AMOUNT_TOO_LOW', min_amount: 50_000 } } as Provider;

describe('comparison', () => {
  const kredivo = provider('Kredivo', [option(1, 95_000, 95_000), option(3, 33_000, 99_000, 1.4)]);
  const uangme = provider('UangMe', [option(1, 98_800, 98_800, 4)]);
  const akulaku = provider('Akulaku', [option(1, 95_000, 95_000)]);

  it('marks the one option with the lowest total, and none on a tie or with one option alone', () => {
    assert.equal(lowestTotal([...kredivo.options, ...uangme.options]), kredivo.options[0]);
    assert.equal(lowestTotal([...kredivo.options, ...akulaku.options]), undefined);
    assert.equal(lowestTotal(uangme.options), undefined);
    // The same whatever order the options come in.
    assert.equal(lowestTotal([...uangme.options, ...kredivo.options].reverse()), kredivo.options[0]);
  });

  it('orders by lowest monthly or lowest total among the options shown; unavailable last; ties keep the answer order', () => {
    const all = [unavailable, uangme, kredivo, akulaku];
    assert.deepEqual(ordered(all, 'monthly', undefined).map((p) => p.name), ['Kredivo', 'Akulaku', 'UangMe', 'Atome']);
    assert.deepEqual(ordered(all, 'total', undefined).map((p) => p.name), ['Kredivo', 'Akulaku', 'UangMe', 'Atome']);
    // One tenor: the providers without it after those with it.
    assert.deepEqual(ordered(all, 'monthly', 3).map((p) => p.name), ['Kredivo', 'UangMe', 'Akulaku', 'Atome']);
  });

  it('shows one tenor or all, shortest first, and lists the tenors offered', () => {
    assert.deepEqual(shownOptions(kredivo, 3), [kredivo.options[1]]);
    assert.deepEqual(shownOptions(provider('X', [option(3, 1, 3), option(1, 3, 3)]), undefined).map((o) => o.total_recurrence), [1, 3]);
    assert.deepEqual(tenorsOf([uangme, kredivo, akulaku]), [1, 3]);
  });

  it('says "0% instalments" only of instalments that cost nothing', () => {
    assert.equal(interestFree(option(3, 31_667, 95_000), 95_000), true);
    assert.equal(interestFree(option(1, 95_000, 95_000), 95_000), false, 'one payment is not instalments');
    assert.equal(interestFree(option(3, 33_000, 99_000, 1.4), 95_000), false);
    assert.equal(interestFree(option(3, 33_000, 99_000, 0), 95_000), false, 'a fee costs something even at 0%');
  });
});
