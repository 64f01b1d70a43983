import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { XenditUpstreamError } from '../../src/xendit/index.js';
import { item, newCustomer, plansBody, startSimulator, type Started } from './support.js';

/** The channel table of XENDIT_API.md (PH_CASHALO: the simulator's decision, 1,000–50,000). */
const CHANNELS = [
  { code: 'ID_KREDIVO', currency: 'IDR', min: 1_000, max: 30_000_000 },
  { code: 'ID_AKULAKU', currency: 'IDR', min: 1_000, max: 25_000_000 },
  { code: 'ID_INDODANA', currency: 'IDR', min: 10_000, max: 25_000_000 },
  { code: 'ID_ATOME', currency: 'IDR', min: 50_000, max: 6_000_000 },
  { code: 'ID_UANGME', currency: 'IDR', min: 20_000, max: 20_000_000 },
  { code: 'PH_BILLEASE', currency: 'PHP', min: 50, max: 150_000 },
  { code: 'PH_CASHALO', currency: 'PHP', min: 1_000, max: 50_000 },
];

describe('simulator: PayLater plans', () => {
  let s: Started;
  let customer: string;
  before(async () => {
    s = await startSimulator();
    customer = await newCustomer(s);
  });
  after(() => s.close());

  const plans = (channel: string, currency: string, amount: number) => s.api('/paylater/plans', { body: plansBody(customer, channel, currency, amount) });

  for (const ch of CHANNELS) {
    it(`${ch.code}: ${ch.currency} only, ${ch.min}–${ch.max}, options that add up`, async () => {
      const mid = ch.currency === 'IDR' ? Math.min(3_000_000, ch.max) : 20_000;
      const ok = await plans(ch.code, ch.currency, mid);
      assert.equal(ok.status, 200, ok.text);
      assert.match(ok.body.id, /^plp_[0-9a-f-]{36}$/);
      assert.equal(ok.body.customer_id, customer);
      assert.equal(ok.body.channel_code, ch.code);
      assert.equal(ok.body.amount, mid);
      assert.equal(ok.body.order_items[0].name, 'Batik shirt');
      assert.ok(!Number.isNaN(Date.parse(ok.body.created)));
      const tenures = ok.body.options.map((o: { total_recurrence: number }) => o.total_recurrence);
      assert.ok(tenures.length >= 3, `several tenures for ${mid}: ${tenures}`);
      assert.ok(tenures.every((t: number) => [1, 3, 6, 12].includes(t)));
      for (const o of ok.body.options) {
        assert.equal(o.interval, 'MONTH');
        assert.equal(o.interval_count, 1);
        assert.equal(typeof o.description, 'string');
        const dp = o.downpayment_amount ?? 0;
        const unit = ch.currency === 'IDR' ? 1 : 0.01;
        const paid = dp + o.installment_amount * o.total_recurrence;
        assert.ok(paid >= o.total_amount - 1e-6 && paid - o.total_amount < unit * o.total_recurrence, 'instalments cover the total, rounded up by less than a unit each');
        assert.ok(o.total_amount >= mid, 'never less than the price');
        if (ch.currency === 'IDR') {
          assert.ok(Number.isInteger(o.installment_amount) && Number.isInteger(o.total_amount), 'IDR has no decimals');
        } else {
          assert.ok(Math.abs(o.installment_amount * 100 - Math.round(o.installment_amount * 100)) < 1e-6, 'PHP has at most 2 decimals');
        }
      }

      const other = ch.currency === 'IDR' ? 'PHP' : 'IDR';
      const wrongCurrency = await plans(ch.code, other, mid);
      assert.equal(wrongCurrency.status, 400);
      assert.equal(wrongCurrency.body.error_code, 'UNSUPPORTED_CURRENCY');

      assert.equal((await plans(ch.code, ch.currency, ch.min)).status, 200, 'the minimum itself is allowed');
      assert.equal((await plans(ch.code, ch.currency, ch.max)).status, 200, 'the maximum itself is allowed');
      for (const amount of [ch.min - 1, ch.max + 1]) {
        const out = await plans(ch.code, ch.currency, amount);
        assert.equal(out.status, 400, `${amount}`);
        assert.equal(out.body.error_code, 'API_VALIDATION_ERROR');
        assert.match(out.body.message, new RegExp(`between .*${ch.min.toLocaleString(ch.currency === 'IDR' ? 'id-ID' : 'en-PH')}.* and .*${ch.max.toLocaleString(ch.currency === 'IDR' ? 'id-ID' : 'en-PH')}`));
        assert.deepEqual(out.body.errors.map((e: { path: string }) => e.path), ['amount']);
      }

      const unavailable = await plans(ch.code, ch.currency, 10101);
      assert.equal(unavailable.status, 503);
      assert.equal(unavailable.body.error_code, 'CHANNEL_UNAVAILABLE');
    });
  }

  it('Kredivo: 1, 3, 6 and 12 months for a big basket, 0% for 30 days, 2.6%/month after', async () => {
    const ok = await plans('ID_KREDIVO', 'IDR', 3_000_000);
    const byTenure = Object.fromEntries(ok.body.options.map((o: { total_recurrence: number }) => [o.total_recurrence, o]));
    assert.deepEqual(Object.keys(byTenure).map(Number), [1, 3, 6, 12]);
    assert.equal(byTenure[1].interest_rate, 0);
    assert.equal(byTenure[1].total_amount, 3_000_000);
    assert.equal(byTenure[1].description, 'Bayar dalam 30 hari');
    assert.equal(byTenure[3].description, 'Cicilan 3 bulan');
    assert.equal(byTenure[3].interest_rate, 2.6);
    assert.ok(byTenure[12].total_amount > byTenure[6].total_amount && byTenure[6].total_amount > byTenure[3].total_amount);
  });

  it('a small basket gets only the short tenure (instalments have a minimum)', async () => {
    const ok = await plans('ID_KREDIVO', 'IDR', 10_000);
    assert.deepEqual(ok.body.options.map((o: { total_recurrence: number }) => o.total_recurrence), [1]);
  });

  it('Atome: 0% in 3; BillEase: a down payment on longer tenures, in PHP with 2 decimals', async () => {
    const atome = await plans('ID_ATOME', 'IDR', 1_000_000);
    const three = atome.body.options.find((o: { total_recurrence: number }) => o.total_recurrence === 3);
    assert.equal(three.interest_rate, 0);
    assert.equal(three.total_amount, 1_000_000);
    const billease = await plans('PH_BILLEASE', 'PHP', 12_345.67);
    const six = billease.body.options.find((o: { total_recurrence: number }) => o.total_recurrence === 6);
    assert.ok(six.downpayment_amount > 0);
    assert.match(six.description, /down payment/);
  });

  it('an unknown customer → 404 DATA_NOT_FOUND', async () => {
    const answer = await s.api('/paylater/plans', { body: plansBody('cust-00000000-0000-0000-0000-000000000000', 'ID_KREDIVO', 'IDR', 100_000) });
    assert.equal(answer.status, 404);
    assert.equal(answer.body.error_code, 'DATA_NOT_FOUND');
  });

  it('an unknown channel → 400 naming the known ones', async () => {
    const answer = await plans('ID_NOPE', 'IDR', 100_000);
    assert.equal(answer.status, 400);
    assert.match(answer.body.message, /ID_KREDIVO/);
  });

  it('amount must equal Σ net_unit_amount × quantity (decision), and IDR amounts are whole', async () => {
    const mismatch = await s.api('/paylater/plans', {
      body: { customer_id: customer, channel_code: 'ID_KREDIVO', currency: 'IDR', amount: 300_000, order_items: [item(100_000, 2)] },
    });
    assert.equal(mismatch.status, 400);
    assert.match(mismatch.body.errors[0].message, /200000/);
    const sum = await s.api('/paylater/plans', {
      body: { customer_id: customer, channel_code: 'ID_KREDIVO', currency: 'IDR', amount: 300_000, order_items: [item(100_000, 2), item(100_000, 1, { reference_id: 'SKU-2' })] },
    });
    assert.equal(sum.status, 200);
    const decimals = await plans('ID_KREDIVO', 'IDR', 100_000.5);
    assert.equal(decimals.status, 400);
  });

  it('our client surfaces 10101 as a 503 CHANNEL_UNAVAILABLE upstream error', async () => {
    await assert.rejects(
      s.client.paylater.initiatePlans(plansBody(customer, 'ID_AKULAKU', 'IDR', 10101) as never),
      (error: unknown) => error instanceof XenditUpstreamError && error.code === 'CHANNEL_UNAVAILABLE' && error.status === 503,
    );
  });
});

describe('simulator: channel overrides', () => {
  it('`channels` can move min/max and deactivate a channel (403 CHANNEL_NOT_ACTIVATED)', async () => {
    const s = await startSimulator({ channels: { ID_KREDIVO: { min: 500_000 }, ID_UANGME: { activated: false } } });
    try {
      const customer = await newCustomer(s);
      const low = await s.api('/paylater/plans', { body: plansBody(customer, 'ID_KREDIVO', 'IDR', 400_000) });
      assert.equal(low.status, 400);
      const off = await s.api('/paylater/plans', { body: plansBody(customer, 'ID_UANGME', 'IDR', 400_000) });
      assert.equal(off.status, 403);
      assert.equal(off.body.error_code, 'CHANNEL_NOT_ACTIVATED');
    } finally {
      await s.close();
    }
  });
});
