/**
 * A bill fulfilled by two instances at once (the first one's lock on the order lapsed while the
 * biller was slow), a crash at each step, and a biller that answers late: the bill is bought once,
 * a bought bill is never shown failed nor refunded, its token is never hidden, the refund's news
 * is never lost, and `onBillEvent` is delivered. The bills plug-in is the real one over a real
 * `MemoryStore`; Xendit is played by each test (the moments it answers are the point).
 */
import { describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryStore, type Store } from '../../src/server/index.js';
import type { BillEvent } from '../../src/server/index.js';
import { createBillsPlugin } from '../../src/server/bills/plugin.js';
import type { CompanionError } from '../../src/server/errors.js';
import { billFacts } from '../../src/server/bills/fulfil.js';
import type { BillRecord } from '../../src/server/bills/model.js';
import { createXenditClient, XenditConflictError, XenditError, XenditNotFoundError, XenditRateLimitError } from '../../src/xendit/index.js';
import { billShopper } from '../helpers/orders.js';

const REFERENCE = 'bill-20260101-ABCDEFGHJK';
const KEEPER = { charge_id: 'plc-1' } as never;
const TOKEN = [{ key: 'Token', value: '1234-5678-9012-3456-7890' }];

/** A paid order's bill record as `prepare` stores it, plus `extra`. */
function billRecord(extra: Partial<BillRecord> = {}): BillRecord {
  return {
    reference_id: REFERENCE, charge_id: 'plc-1', product_id: 'PLN_PREPAID_50K', product_name: 'PLN Token 50.000', kind: 'prepaid',
    customer_number: '12345678910', inquiry_id: 'inq-1', total_amount: 53_200, currency: 'IDR', state: 'PENDING', updated_at: 0, ...extra,
  };
}

const payment = (status: string, details: { key: string; value: string }[] = []) => ({ data: { id: 'bp-1', type: 'payment', properties: { status, payment_details: details } } });

interface Seen {
  refunds: string[];
  errors: string[];
  events: BillEvent[];
}
const seen = (): Seen => ({ refunds: [], errors: [], events: [] });

/** One instance's bills plug-in over `store`, with `billPayments` as the test plays it. */
function instance(store: Store, billPayments: unknown, saw: Seen, { lockTtlMs = 15_000, onBillEvent }: { lockTtlMs?: number; onBillEvent?: (event: BillEvent) => void | Promise<void> } = {}) {
  const logger = { debug() {}, info() {}, warn() {}, error: (message: string) => void saw.errors.push(message) };
  const xendit = { billPayments, paylater: { refund: async (id: string) => (saw.refunds.push(id), { id: `rf-${id}`, charge_id: id, status: 'PENDING' }) } };
  const plugin = createBillsPlugin(
    {
      store, xendit, logger, flights: null,
      config: { recordTtlMs: 3_600_000, orderLockTtlMs: lockTtlMs, xenditTimeoutMs: 15_000, xenditMaxRetries: 2, shopperRetryWaitMs: 1_500, maxWebhookBytes: 65_536 },
      options: { callbackToken: 'token' },
      ledger: { withOrder: (_reference: string, fn: () => Promise<unknown>) => fn() },
    } as never,
    { customer: () => billShopper, itemUrl: 'https://shop.example', onBillEvent: onBillEvent ?? ((event) => void saw.events.push(event)) },
  );
  /** A bill payment callback to the route, answered as the companion would: its status and error code. */
  const callback = (paymentId: string) =>
    plugin.routes['bills/webhook']
      .handler(
        new Request('http://shop.test/paylater/bills/webhook', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ event: 'bill_payment.succeeded', data: { data: { status: 'SUCCEEDDED', payment_id: paymentId, reference_id: REFERENCE } } }),
        }),
        { requestId: 'test' },
      )
      .then(
        (response) => ({ status: response.status, code: undefined as string | undefined }),
        (error: CompanionError) => ({ status: error.status, code: error.code }),
      );
  return { ...plugin, fulfil: (wait = false) => plugin.fulfil({ referenceId: REFERENCE, keeper: KEEPER, wait }), callback };
}

async function stored(store: Store): Promise<BillRecord> {
  return JSON.parse((await store.get(`bill:${REFERENCE}`))!) as BillRecord;
}
async function newBill(extra: Partial<BillRecord> = {}) {
  const store = new MemoryStore();
  await store.set(`bill:${REFERENCE}`, JSON.stringify(billRecord(extra)));
  return store;
}

/** A promise the test settles: `open()`, and `reached` once somebody waits on it. */
function gate() {
  let open!: () => void;
  let hit!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const reached = new Promise<void>((resolve) => (hit = resolve));
  return { open, reached, pass: () => (hit(), opened) };
}

/** `inner`, except that writes whose value `late` picks wait for `release()` (a stalled connection). */
function stalling(inner: Store, late: (value: string) => boolean) {
  const held = gate();
  const store: Store = {
    get: (k) => inner.get(k),
    setIfAbsent: (k, v, o) => inner.setIfAbsent(k, v, o),
    compareAndDelete: (k, e) => inner.compareAndDelete(k, e),
    delete: (k) => inner.delete(k),
    set: async (k, v, o) => (late(v) ? held.pass().then(() => inner.set(k, v, o)) : inner.set(k, v, o)),
    compareAndSet: async (k, e, v, o) => (late(v) ? held.pass().then(() => inner.compareAndSet(k, e, v, o)) : inner.compareAndSet(k, e, v, o)),
  };
  return { store, reached: held.reached, release: held.open };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 400 && !check(); i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
  assert.ok(check());
};

/** `Date.now()` moved by `clock.shift` ms for the rest of test `t` (time passing, or one instance's clock being off). */
const clock = { shift: 0 };
function useClock(t: TestContext) {
  const realNow = Date.now;
  clock.shift = 0;
  Date.now = () => realNow() + clock.shift;
  t.after(() => void (Date.now = realNow));
}

/** A biller whose payment request waits for `answers`, then buys the bill. */
const buying = (answers: ReturnType<typeof gate>) => ({ pay: async () => (await answers.pass(), payment('PENDING')), getPayment: async () => payment('SUCCEEDED', TOKEN) });

/** The bill ended bought, once: its token shown, nothing refunded, one bill event. */
async function boughtOnce(store: Store, saw: Seen) {
  const record = await stored(store);
  assert.equal(record.state, 'SUCCEEDED');
  assert.equal(billFacts(record).token, '1234-5678-9012-3456-7890');
  assert.deepEqual(saw.refunds, [], 'nothing refunded');
  assert.deepEqual(saw.events.map((e) => e.status), ['SUCCEEDED'], 'one bill event');
}

const balanceShort = () => new XenditError({ code: 'BALANCE_INSUFFICIENT', status: 402, message: 'Your balance is too low.' });

/** A biller that refuses the bill (a 4xx for good). */
const refusingBiller = {
  pay: async () => {
    throw new XenditError({ code: 'INVALID_CUSTOMER_NUMBER', status: 400, message: 'Refused by the biller.' });
  },
  getPayment: async () => assert.fail('no payment to look at'),
};

describe('bills: two instances fulfilling one bill at once', () => {
  /** Xendit with the biller slow: the first payment request waits for `answer()`; one sent meanwhile with the same key gets `meanwhile` (409). */
  function slowBiller(meanwhile: 'IDEMPOTENCY_ERROR' | 'DUPLICATE_REFERENCE_ID' = 'IDEMPOTENCY_ERROR') {
    const first = gate();
    const asked: string[] = [];
    const billPayments = {
      async pay(_body: unknown, { idempotencyKey }: { idempotencyKey: string }) {
        asked.push(idempotencyKey);
        if (asked.length > 1) throw new XenditConflictError({ code: meanwhile, status: 409, message: 'A request with this key or reference exists.' });
        await first.pass();
        return payment('PENDING');
      },
      getPayment: async () => payment('SUCCEEDED', TOKEN),
    };
    return { billPayments, asked, answer: first.open };
  }

  it('both start before either asks the biller: one payment; "being processed" is never a refusal; the bill ends paid with its token and nothing is refunded', async () => {
    const store = await newBill();
    const saw = seen();
    const biller = slowBiller();
    // Whichever request reaches the biller first waits for it; the other is told the key is in use.
    const runs = Promise.allSettled([instance(store, biller.billPayments, saw), instance(store, biller.billPayments, saw)].map((one) => one.fulfil()));
    await until(() => biller.asked.length === 2);
    biller.answer();
    const ended = await runs;
    assert.equal(new Set(biller.asked).size, 1, 'one idempotency key');
    // The one told "being processed" fails its try (its callback comes again) and writes nothing.
    assert.deepEqual(ended.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
    const record = await stored(store);
    assert.equal(record.state, 'SUCCEEDED');
    assert.equal(record.payment_id, 'bp-1');
    assert.deepEqual(saw.refunds, [], 'the shopper\u2019s PayLater payment is not refunded for a bill that was bought');
    assert.deepEqual(saw.events.map((e) => [e.status, e.token]), [['SUCCEEDED', '1234-5678-9012-3456-7890']]);
  });

  it('the lapsed one writes last: what it learnt ("exists already, look it up") never hides the paid bill and its token', async () => {
    // Asked once before (the answer lost), so an "exists already" is held for a person, never refunded.
    const inner = await newBill({ placed_at: Date.now() - 60_000 });
    const saw = seen();
    const biller = slowBiller('DUPLICATE_REFERENCE_ID');
    const lapsed = stalling(inner, (value) => value.includes('DUPLICATE_REFERENCE_ID'));
    const a = instance(inner, biller.billPayments, saw);
    const b = instance(lapsed.store, biller.billPayments, saw);
    const runA = a.fulfil();
    await until(() => biller.asked.length === 1);
    const runB = b.fulfil();
    await lapsed.reached; // B learnt "exists already" and its write of it stalls
    biller.answer();
    await runA;
    assert.equal((await stored(inner)).state, 'SUCCEEDED');
    lapsed.release();
    await runB;
    const record = await stored(inner);
    assert.equal(record.state, 'SUCCEEDED', 'still paid after the late write');
    assert.equal(record.payment_id, 'bp-1');
    assert.equal(billFacts(record).token, '1234-5678-9012-3456-7890', 'the shopper still sees the token');
    assert.deepEqual(saw.refunds, []);
    assert.equal(saw.events.length, 1, 'one bill event');
  });

  /**
   * The bill has waited two hours for the merchant's balance. A asks the biller again and will be
   * told 402 (past the wait) when `aAnswers` opens; B asks after it (after the top-up), gets payment
   * bp-1 when `bAnswers` opens, and learns it succeeded when `bPolls` opens. Returns with both asked.
   */
  async function balanceRace() {
    const store = await newBill({ placed_at: Date.now() - 2 * 3_600_000 });
    const saw = seen();
    const [aAnswers, bAnswers, bPolls] = [gate(), gate(), gate()];
    const a = instance(store, {
      pay: async () => {
        await aAnswers.pass();
        throw balanceShort();
      },
      getPayment: async () => payment('SUCCEEDED', TOKEN),
    }, saw);
    const b = instance(store, {
      pay: async () => (await bAnswers.pass(), payment('PENDING')),
      getPayment: async () => (await bPolls.pass(), payment('SUCCEEDED', TOKEN)),
    }, saw);
    const runA = a.fulfil();
    await aAnswers.reached;
    const runB = b.fulfil();
    await bAnswers.reached; // B asked the biller after A
    return { store, saw, aAnswers, bAnswers, bPolls, runA, runB };
  }

  it('a refusal one instance saw (402 past balanceWaitMs) never marks failed, nor refunds, a bill another instance bought meanwhile', async () => {
    const { store, saw, aAnswers, bAnswers, bPolls, runA, runB } = await balanceRace();
    bAnswers.open();
    await bPolls.reached; // B recorded payment bp-1 (PROCESSING) and asks how it stands
    aAnswers.open(); // A: 402, past the wait
    await runA;
    bPolls.open();
    await runB;
    await boughtOnce(store, saw);
  });

  it('a refusal one instance saw (402 past balanceWaitMs) while another instance was asking again after it: the later ask decides; bought, never refunded', async () => {
    // A's lock lapsed while the biller was slow; its 402 arrives before B's payment does.
    const { store, saw, aAnswers, bAnswers, bPolls, runA, runB } = await balanceRace();
    aAnswers.open();
    await assert.rejects(runA, { code: 'CONFLICT' }, 'A\u2019s try fails (its callback comes again): B\u2019s ask decides');
    assert.equal((await stored(store)).state, 'PENDING', 'not marked failed while B\u2019s ask is under way');
    assert.deepEqual(saw.refunds, [], 'nothing refunded on A\u2019s refusal');
    bAnswers.open();
    bPolls.open();
    await runB;
    await boughtOnce(store, saw);
  });

  it('a refusal (402 past balanceWaitMs) answered to a later ask while an earlier one is still at the biller: the earlier decides; bought, never refunded', async () => {
    // The mirror of the race above: A asked first and its ask is slow (its lock lapses); B asks
    // after it and is refused at once; A's ask then buys the bill.
    const store = await newBill({ placed_at: Date.now() - 2 * 3_600_000 });
    const saw = seen();
    const aAnswers = gate();
    const a = instance(store, { pay: async () => (await aAnswers.pass(), payment('PENDING')), getPayment: async () => payment('SUCCEEDED', TOKEN) }, saw);
    const b = instance(store, { pay: async () => { throw balanceShort(); }, getPayment: async () => payment('SUCCEEDED', TOKEN) }, saw);
    const runA = a.fulfil();
    await aAnswers.reached;
    await assert.rejects(b.fulfil(), { code: 'CONFLICT' }, 'B\u2019s try fails: A\u2019s ask may still be answered');
    assert.equal((await stored(store)).state, 'PENDING');
    assert.deepEqual(saw.refunds, []);
    aAnswers.open();
    await runA;
    await boughtOnce(store, saw);
  });

  it('an ask that never got an answer (its instance died) holds a refusal back only while its answer may come; then the refusal stands, refunded once', async () => {
    // Asked 10 s ago by an instance that died; an answer may take 3 × 15 + 2 × 1.5 + 15 = 63 s.
    const recent = await newBill({ placed_at: Date.now() - 10_000, attempt: 1, asks: [{ n: 1, at: Date.now() - 10_000 }] });
    const saw = seen();
    await assert.rejects(instance(recent, refusingBiller, saw).fulfil(), { code: 'CONFLICT' });
    assert.equal((await stored(recent)).state, 'PENDING');
    assert.deepEqual(saw.refunds, []);
    // The same ask made 2 minutes ago: no answer comes that late.
    const old = await newBill({ placed_at: Date.now() - 120_000, attempt: 1, asks: [{ n: 1, at: Date.now() - 120_000 }] });
    await instance(old, refusingBiller, saw).fulfil();
    assert.equal((await stored(old)).state, 'FAILED');
    assert.deepEqual(saw.refunds, ['plc-1'], 'refunded once');
  });

  it('a claim whose write stalled past another ask: the time of the write that landed counts, and a refusal never gets the bill it is buying refunded', async (t) => {
    useClock(t);
    // A's claim stalls on its way to the store; B claims and asks meanwhile; A's claim lands a
    // minute later (the time of the write that landed counts), and A asks; B is refused; A buys.
    const inner = await newBill({ placed_at: Date.now() - 2 * 3_600_000 });
    const saw = seen();
    const stall = stalling(inner, (value) => value.includes('"asks"'));
    const [aAnswers, bAnswers] = [gate(), gate()];
    const a = instance(stall.store, buying(aAnswers), saw);
    const b = instance(inner, { pay: async () => (await bAnswers.pass(), Promise.reject(balanceShort())), getPayment: async () => assert.fail('no payment') }, saw);
    const runA = a.fulfil();
    await stall.reached;
    clock.shift += 60_000;
    const runB = b.fulfil();
    await bAnswers.reached;
    stall.release();
    await aAnswers.reached;
    clock.shift += 20_000;
    bAnswers.open();
    await assert.rejects(runB, { code: 'CONFLICT' }, 'A\u2019s ask, 20 s old, may still be answered');
    aAnswers.open();
    await runA;
    await boughtOnce(inner, saw);
  });

  it('a rate limit on the payment request is an answer that nothing was done: the ask is off the open ones, and no retry waits past shopperRetryWaitMs', async () => {
    const store = await newBill();
    const saw = seen();
    const calls: { maxRetryDelayMs?: number }[] = [];
    const limited = {
      pay: async (_body: unknown, options: { maxRetryDelayMs?: number }) => {
        calls.push(options);
        throw new XenditRateLimitError({ code: 'RATE_LIMIT_EXCEEDED', status: 429, message: 'Slow down.' });
      },
      getPayment: async () => assert.fail('no payment'),
    };
    await assert.rejects(instance(store, limited, saw).fulfil(), { code: 'RATE_LIMIT_EXCEEDED' });
    assert.equal(calls[0]!.maxRetryDelayMs, 1_500, 'a 30 s Rate-Limit-Reset is not waited for inside the ask');
    const record = await stored(store);
    assert.equal(record.state, 'PENDING');
    assert.deepEqual(record.asks, []);
    // So a refusal at the next try stands at once.
    await instance(store, refusingBiller, saw).fulfil();
    assert.equal((await stored(store)).state, 'FAILED');
    assert.deepEqual(saw.refunds, ['plc-1']);
  });

  it('asks answered 402 while the bill waits for the balance (a return page polling) never hold back the refusal after the wait', async () => {
    const balanceWaitMs = 3_600_000;
    const store = await newBill({ placed_at: Date.now() - balanceWaitMs + 200 });
    const saw = seen();
    const one = instance(store, { pay: async () => { throw balanceShort(); }, getPayment: async () => assert.fail('no payment') }, saw);
    for (let i = 0; i < 3; i += 1) await assert.rejects(one.fulfil(), { code: 'BALANCE_INSUFFICIENT' }, 'waits for the top-up');
    assert.deepEqual((await stored(store)).asks, [], 'each ask answered 402 is off the open ones');
    await new Promise((resolve) => setTimeout(resolve, 250)); // the wait is over
    await one.fulfil();
    assert.equal((await stored(store)).state, 'FAILED');
    assert.deepEqual(saw.refunds, ['plc-1']);
  });

  it('a refusal overruled by a later ask that the biller refuses as well: failed once, refunded once', async () => {
    const store = await newBill();
    const saw = seen();
    const [aAnswers, bAnswers] = [gate(), gate()];
    const refuse = (wait: ReturnType<typeof gate>) => ({ ...refusingBiller, pay: async () => (await wait.pass(), refusingBiller.pay()) });
    const a = instance(store, refuse(aAnswers), saw);
    const b = instance(store, refuse(bAnswers), saw);
    const runA = a.fulfil();
    await aAnswers.reached;
    const runB = b.fulfil();
    await bAnswers.reached;
    aAnswers.open();
    await assert.rejects(runA, { code: 'CONFLICT' });
    bAnswers.open();
    await runB;
    const record = await stored(store);
    assert.equal(record.state, 'FAILED');
    assert.equal(record.attempt, 2, 'two asks counted');
    assert.deepEqual(saw.refunds, ['plc-1'], 'refunded once');
    assert.deepEqual(saw.events.map((e) => [e.status, e.refunded]), [['FAILED', true]]);
  });
});

describe('bills: a biller slower than the companion waits', () => {
  /**
   * Xendit through the real client (one attempt waits 100 ms) with a biller that takes 300 ms: a
   * request sent again meanwhile with the same key gets `meanwhile`; once done, the stored answer.
   */
  function lateBiller(meanwhile: 'IDEMPOTENCY_ERROR' | 'DUPLICATE_REFERENCE_ID') {
    let done = false;
    let made = false;
    const posts: string[] = [];
    const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    const fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (init.method === 'POST' && url.pathname === '/bill-payments/v1/payment') {
        posts.push(new Headers(init.headers).get('idempotency-key')!);
        if (made) {
          // Done: the stored answer for the key; or, where Xendit does not replay, "exists already".
          if (done && meanwhile === 'IDEMPOTENCY_ERROR') return json(200, payment('PENDING'));
          return json(409, { error_code: meanwhile, message: done ? 'A payment with this reference_id already exists.' : 'A request with this key is being processed.' });
        }
        made = true;
        setTimeout(() => (done = true), 300);
        return new Promise<Response>((resolve, reject) => {
          const answer = setTimeout(() => resolve(json(200, payment('PENDING'))), 300);
          init.signal?.addEventListener('abort', () => (clearTimeout(answer), reject(init.signal!.reason)));
        });
      }
      if (init.method === 'GET' && url.pathname.startsWith('/bill-payments/v1/payment/')) return json(200, payment('SUCCEEDED', TOKEN));
      return json(404, { error_code: 'NOT_FOUND', message: url.pathname });
    };
    const client = createXenditClient({ secretKey: 'xnd_development_x', baseUrl: 'https://api.xendit.test', timeoutMs: 100, retryBaseDelayMs: 10, fetch });
    return { billPayments: client.billPayments, posts, isDone: () => done };
  }

  it('a payment request that timed out is not sent again in the same try: the try fails, and the next one (a callback copy) asks as one who asked before: held, never refunded', async () => {
    const store = await newBill();
    const saw = seen();
    const biller = lateBiller('DUPLICATE_REFERENCE_ID');
    const one = instance(store, biller.billPayments, saw);
    await assert.rejects(one.fulfil(true), { code: 'TIMEOUT' });
    assert.equal(biller.posts.length, 1, 'sent once: a second send would read our own payment as "exists already"');
    assert.equal((await stored(store)).state, 'PENDING');
    await until(biller.isDone);
    await one.fulfil();
    const record = await stored(store);
    assert.equal(record.state, 'PROCESSING', 'held for a person to look up');
    assert.deepEqual(saw.refunds, [], 'never refunded');
  });

  it('"being processed" (IDEMPOTENCY_ERROR) leaves the bill to be asked again, and the next try gets the payment and its token', async () => {
    const store = await newBill();
    const saw = seen();
    const biller = lateBiller('IDEMPOTENCY_ERROR');
    const one = instance(store, biller.billPayments, saw);
    await assert.rejects(one.fulfil(true), { code: 'TIMEOUT' });
    await assert.rejects(one.fulfil(), { code: 'IDEMPOTENCY_ERROR' }, 'still being processed: this try fails, to be done again');
    assert.equal((await stored(store)).state, 'PENDING');
    await until(biller.isDone);
    await one.fulfil();
    const record = await stored(store);
    assert.equal(record.state, 'SUCCEEDED');
    assert.equal(billFacts(record).token, '1234-5678-9012-3456-7890');
    assert.deepEqual(saw.events.map((e) => e.status), ['SUCCEEDED']);
    assert.deepEqual(saw.refunds, []);
  });
});

describe('bills: the refund of a bill the biller refused', () => {
  it('its SUCCEEDED callback, handled while the companion is still writing down the refund it asked for, is kept', async () => {
    const inner = await newBill();
    const saw = seen();
    const slow = stalling(inner, (value) => value.includes('"refund"'));
    const one = instance(slow.store, refusingBiller, saw);
    const run = one.fulfil();
    await slow.reached;
    // Xendit's refund callback reaches the webhook route (another request, no lock).
    await instance(inner, refusingBiller, seen()).refundChanged!(REFERENCE, { id: 'rf-plc-1', charge_id: 'plc-1', status: 'SUCCEEDED' } as never);
    slow.release();
    await run;
    assert.deepEqual((await one.view!(REFERENCE))!.bill, {
      product_id: 'PLN_PREPAID_50K', product_name: 'PLN Token 50.000', kind: 'prepaid', customer_number: '12345678910',
      status: 'FAILED', token: undefined, kwh: undefined, receipt: undefined, failure_code: 'INVALID_CUSTOMER_NUMBER', refund: { status: 'SUCCEEDED' },
    });
  });

  it('its SUCCEEDED callback, after an instance died between asking for the refund and writing it down, is kept', async () => {
    const store = await newBill({ state: 'FAILED', placed_at: Date.now(), failure_code: 'INVALID_CUSTOMER_NUMBER' });
    const saw = seen();
    await instance(store, refusingBiller, saw).refundChanged!(REFERENCE, { id: 'rf-plc-1', charge_id: 'plc-1', status: 'SUCCEEDED' } as never);
    const record = await stored(store);
    assert.deepEqual(record.refund, { id: 'rf-plc-1', status: 'SUCCEEDED' });
    // The retried callback of the paid charge finds the refund done: nothing asked again.
    await instance(store, refusingBiller, saw).fulfil();
    assert.deepEqual(saw.refunds, []);
    assert.deepEqual(saw.events.map((e) => [e.status, e.refunded]), [['FAILED', true]]);
  });
});

describe('bills: answers that come long after the first ask, and refunds made by hand', () => {
  it('"being processed" two hours after the first ask is still asked again, never held for a person: the next try gets the payment', async () => {
    const store = await newBill({ placed_at: Date.now() - 2 * 3_600_000 });
    const saw = seen();
    let asked = 0;
    const billPayments = {
      pay: async () => {
        asked += 1;
        if (asked === 1) throw new XenditConflictError({ code: 'IDEMPOTENCY_ERROR', status: 409, message: 'A request with this key is being processed.' });
        return payment('PENDING');
      },
      getPayment: async () => payment('SUCCEEDED', TOKEN),
    };
    const one = instance(store, billPayments, saw);
    await assert.rejects(one.fulfil(), { code: 'IDEMPOTENCY_ERROR' });
    assert.equal((await stored(store)).state, 'PENDING');
    await one.fulfil();
    assert.equal(billFacts(await stored(store)).token, '1234-5678-9012-3456-7890');
    assert.deepEqual(saw.refunds, []);
  });

  it('a partial refund\u2019s callback for a failed bill is not taken for its full refund: the full refund is still asked for', async () => {
    const store = await newBill({ state: 'FAILED', placed_at: Date.now(), failure_code: 'INVALID_CUSTOMER_NUMBER' });
    const saw = seen();
    await instance(store, refusingBiller, saw).refundChanged!(REFERENCE, { id: 'rf-hand', charge_id: 'plc-1', status: 'SUCCEEDED', amount: 1_000 } as never);
    assert.equal((await stored(store)).refund, undefined);
    await instance(store, refusingBiller, saw).fulfil();
    assert.deepEqual(saw.refunds, ['plc-1'], 'the whole charge refunded');
  });

  it('a refund that failed and was then made by hand: its SUCCEEDED callback is kept', async () => {
    const store = await newBill({ state: 'FAILED', placed_at: Date.now(), failure_code: 'INVALID_CUSTOMER_NUMBER', refund: { id: null, status: 'FAILED' } });
    await instance(store, refusingBiller, seen()).refundChanged!(REFERENCE, { id: 'rf-hand', charge_id: 'plc-1', status: 'SUCCEEDED', amount: 53_200 } as never);
    assert.equal((await stored(store)).refund?.status, 'SUCCEEDED');
  });
});

describe('bills: onBillEvent', () => {
  it('an instance that dies while onBillEvent runs: another delivers it once the first one\u2019s lock is gone', async () => {
    const inner = await newBill({ state: 'PROCESSING', placed_at: Date.now(), payment_id: 'bp-1' });
    const billPayments = { pay: async () => assert.fail('placed already'), getPayment: async () => payment('SUCCEEDED', TOKEN) };
    // The first instance's process dies in its hook: from then on it does nothing, not even renew its lock.
    let dead = false;
    const never = new Promise<never>(() => {});
    const dies: Store = Object.fromEntries(
      (['get', 'set', 'setIfAbsent', 'compareAndSet', 'compareAndDelete', 'delete'] as const).map((name) => [name, (...args: unknown[]) => (dead ? never : (inner[name] as (...a: unknown[]) => Promise<unknown>).apply(inner, args))]),
    ) as unknown as Store;
    let started = 0;
    void instance(dies, billPayments, seen(), { lockTtlMs: 200, onBillEvent: () => ((dead = true), (started += 1), never as Promise<void>) }).fulfil();
    await until(() => started === 1);
    const saw = seen();
    await instance(inner, billPayments, saw, { lockTtlMs: 200 }).fulfil();
    assert.deepEqual(saw.events.map((e) => [e.status, e.token]), [['SUCCEEDED', '1234-5678-9012-3456-7890']]);
    // Delivered: not again.
    await instance(inner, billPayments, saw, { lockTtlMs: 200 }).fulfil();
    assert.equal(saw.events.length, 1);
  });
});

describe('bills: a payment retried after its idempotency key expired', () => {
  // XENDIT_API.md ("Bill idempotency keys"): keys expire (24 h for customers, bills unstated), so a retry
  // after expiry can get 409 DUPLICATE_REFERENCE_ID for a bill that was paid. docs.xendit.co
  // bill-payment-overview lists no lookup by reference_id (only GET /v1/payment/{id}), so the
  // companion cannot find the payment itself: it holds the bill for a person, and never refunds.
  it('an "exists already" answer after an earlier attempt is held (PROCESSING, logged), never refunded as failed', async () => {
    // Asked two days ago; the answer was lost.
    const store = await newBill({ placed_at: Date.now() - 2 * 86_400_000 });
    const saw = seen();
    const biller = {
      pay: async () => {
        throw new XenditConflictError({ code: 'DUPLICATE_REFERENCE_ID', status: 409, message: 'A payment with this reference_id already exists.' });
      },
      getPayment: async () => assert.fail('no payment id to look at'),
    };
    await instance(store, biller, saw).fulfil();
    const record = await stored(store);
    assert.equal(record.state, 'PROCESSING');
    assert.equal(record.failure_code, 'DUPLICATE_REFERENCE_ID');
    assert.deepEqual(saw.refunds, [], 'never refunded');
    assert.ok(saw.errors.some((m) => /look it up/.test(m)), 'a person is told to look it up');
  });
});

describe('bills: a bill held for a person is settled by its payment\u2019s callback', () => {
  const held = { state: 'PROCESSING', failure_code: 'DUPLICATE_REFERENCE_ID', placed_at: Date.now() - 120_000 } as const;

  it('held after "exists already", and the payment had bought it: the callback (confirmed with Xendit) shows the token, fires the event, refunds nothing', async () => {
    const store = await newBill(held);
    const saw = seen();
    const one = instance(store, { pay: async () => assert.fail('not asked again'), getPayment: async (id: string) => (assert.equal(id, 'bp-1'), payment('SUCCEEDED', TOKEN)) }, saw);
    assert.equal((await one.callback('bp-1')).status, 200);
    await boughtOnce(store, saw);
    assert.equal((await stored(store)).payment_id, 'bp-1');
  });

  it('its payment failed: the bill fails and the charge is refunded once', async () => {
    const store = await newBill(held);
    const saw = seen();
    const one = instance(store, { pay: async () => assert.fail('not asked again'), getPayment: async () => payment('FAILED') }, saw);
    await one.callback('bp-1');
    await one.callback('bp-1'); // a copy
    assert.equal((await stored(store)).state, 'FAILED');
    assert.deepEqual(saw.refunds, ['plc-1']);
    assert.deepEqual(saw.events.map((e) => [e.status, e.refunded]), [['FAILED', true]]);
  });

  it('a payment Xendit does not know, or has for another bill, changes nothing', async () => {
    const notFound = async () => Promise.reject(new XenditNotFoundError({ code: 'DATA_NOT_FOUND', status: 404, message: 'Not found.' }));
    const elsewhere = { data: { id: 'bp-2', type: 'payment', properties: { status: 'SUCCEEDED', reference_id: 'bill-20260101-SOMEONEELS', payment_details: TOKEN } } };
    for (const getPayment of [notFound, async () => elsewhere]) {
      const store = await newBill(held);
      const saw = seen();
      assert.equal((await instance(store, { pay: async () => assert.fail('not asked'), getPayment }, saw).callback('bp-2')).status, 200);
      const record = await stored(store);
      assert.deepEqual([record.state, record.payment_id, record.failure_code], ['PROCESSING', undefined, 'DUPLICATE_REFERENCE_ID']);
      assert.deepEqual([saw.refunds, saw.events], [[], []]);
    }
  });

  it('anyone may send a reference: Xendit is asked at most once per bill every 10 s, an ended bill costs no write, and Xendit\u2019s 429 is not passed on', async () => {
    const store = await newBill(held);
    const saw = seen();
    let looks = 0;
    const one = instance(store, { pay: async () => assert.fail('not asked'), getPayment: async () => (looks++, payment('PENDING')) }, saw);
    const answers = await Promise.all(Array.from({ length: 50 }, () => one.callback('bp-1')));
    assert.equal(looks, 1, 'one look at Xendit for 50 callbacks');
    assert.deepEqual([...new Set(answers.map((a) => a.status))].sort(), [200, 503]);
    // An ended bill: answered from one read, with no write.
    const ended = await newBill({ state: 'FAILED', placed_at: Date.now() - 60_000, payment_id: 'bp-1', refund: { id: 'rf-1', status: 'SUCCEEDED' }, updated_at: 1 });
    const quiet = instance(ended, { pay: async () => assert.fail('not asked'), getPayment: async () => assert.fail('not looked at') }, saw);
    for (let i = 0; i < 20; i += 1) assert.equal((await quiet.callback('bp-1')).status, 200);
    assert.equal((await stored(ended)).updated_at, 1, 'not written');
    // Xendit rate-limits the look: the sender gets 503, never Xendit's 429.
    const limited = instance(await newBill(held), { pay: async () => assert.fail('not asked'), getPayment: async () => Promise.reject(new XenditRateLimitError({ code: 'RATE_LIMIT_EXCEEDED', status: 429, message: 'Slow down.' })) }, saw);
    assert.deepEqual(await limited.callback('bp-1'), { status: 503, code: 'UPSTREAM_ERROR' });
  });

  it('a bill refused and refunded that Xendit reports bought after all: its token is shown, and the merchant is told', async () => {
    const store = await newBill({ state: 'FAILED', placed_at: Date.now() - 120_000, failure_code: 'INVALID_CUSTOMER_NUMBER', refund: { id: 'rf-1', status: 'SUCCEEDED' } });
    const saw = seen();
    await instance(store, { pay: async () => assert.fail('not asked'), getPayment: async () => payment('SUCCEEDED', TOKEN) }, saw).callback('bp-1');
    const record = await stored(store);
    assert.equal(record.state, 'SUCCEEDED');
    assert.equal(billFacts(record).token, '1234-5678-9012-3456-7890');
    assert.ok(saw.errors.some((m) => /bought after all/.test(m)));
    assert.deepEqual(saw.events.map((e) => [e.status, e.refunded]), [['SUCCEEDED', true]]);
  });
});
