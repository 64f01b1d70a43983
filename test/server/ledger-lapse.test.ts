/**
 * The ledger when an instance's lock on an order lapses in the middle of its work (its Redis
 * connection stalled past the lock's TTL) and its writes land late: an order is still paid by one
 * charge only, and every other payment of it is refunded in full. The ledger is the real one over
 * a real `MemoryStore`; Xendit is played by the test (its answers' moments are the point).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryStore, type Store } from '../../src/server/index.js';
import { createLedger } from '../../src/server/companion/ledger.js';
import { XenditError } from '../../src/xendit/index.js';

const REFERENCE = 'order-lapse';
const charge = (id: string, channel: string, status: string) => ({ id, reference_id: REFERENCE, amount: 100_000, currency: 'IDR', channel_code: channel, plan_id: `plan-${id}`, status, created: '', updated: '' });
const CHANNEL: Record<string, string> = { X: 'ID_KREDIVO', Y: 'ID_AKULAKU' };

/** `inner` as seen by an instance whose every command stalls, from the first write `trigger` picks, until `release()`. */
function stallsFrom(inner: Store, trigger: (key: string, value: string) => boolean) {
  let stalled = false;
  let release!: () => void;
  let reached!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const atGate = new Promise<void>((resolve) => (reached = resolve));
  const wrap =
    <A extends unknown[], R>(op: (...args: A) => Promise<R>, isTrigger?: (...args: A) => boolean) =>
    async (...args: A): Promise<R> => {
      if (!stalled && isTrigger?.(...args)) {
        stalled = true;
        reached();
      }
      if (stalled) await gate;
      return op(...args);
    };
  const store: Store = {
    get: wrap((k: string) => inner.get(k)),
    set: wrap((k: string, v: string, o?: { ttlMs?: number }) => inner.set(k, v, o), (k, v) => trigger(k, v)),
    setIfAbsent: wrap((k: string, v: string, o?: { ttlMs?: number }) => inner.setIfAbsent(k, v, o)),
    compareAndSet: wrap((k: string, e: string | null, v: string, o?: { ttlMs?: number }) => inner.compareAndSet(k, e, v, o), (k, _e, v) => trigger(k, v)),
    compareAndDelete: wrap((k: string, e: string) => inner.compareAndDelete(k, e)),
    delete: wrap((k: string) => inner.delete(k)),
  };
  return { store, atGate, release };
}

describe('ledger: a charge recorded CANCELLED before the companion kept that it was cancelled', () => {
  it('paid anyway afterwards, it never pays the order: refunded as CANCELLED', async () => {
    const inner = new MemoryStore();
    const now = Date.now();
    await inner.set(`order:${REFERENCE}`, JSON.stringify({ reference_id: REFERENCE, fingerprint: 'F1', amount: 100_000, currency: 'IDR', charges: { X: { fingerprint: 'F1', channel: 'ID_KREDIVO' } }, live: {}, intents: {}, updated_at: now }));
    // As an earlier version stored it: status CANCELLED, no `cancelled` mark.
    await inner.set('charge:X', JSON.stringify({ charge_id: 'X', status: 'CANCELLED', reference_id: REFERENCE, amount: 100_000, currency: 'IDR', channel_code: 'ID_KREDIVO', plan_id: 'plan-X', fingerprint: 'F1', updated_at: now }));
    const refunds: string[] = [];
    const xendit = { paylater: { refund: async (id: string) => (refunds.push(id), { id: `rf-${id}`, charge_id: id, status: 'PENDING' }), listRefunds: async () => ({ data: [] }) } };
    const events: { chargeId: string; paysOrder: boolean; refundedAs?: string }[] = [];
    const ledger = createLedger({ store: inner, xendit, logger: { debug() {}, info() {}, warn() {}, error() {} }, config: { recordTtlMs: 3_600_000, orderLockTtlMs: 1_000, orderLockWaitMs: 5_000 }, plugins: [], onPaymentEvent: (event: (typeof events)[number]) => void events.push(event) } as never);
    await ledger.apply(charge('X', 'ID_KREDIVO', 'SUCCEEDED') as never, 'webhook');
    assert.deepEqual(events.map((e) => [e.paysOrder, e.refundedAs]), [[false, 'CANCELLED']]);
    assert.deepEqual(refunds, ['X']);
    assert.equal(JSON.parse((await inner.get(`order:${REFERENCE}`))!).keeper, undefined, 'the order is not paid');
  });
});

describe('ledger: an instance whose lock on the order lapsed', () => {
  it('found a charge paid while cancelling the old cart\u2019s charges, stalled, and wrote late: the order is still paid once, the other payment refunded', async () => {
    const inner = new MemoryStore();
    const now = Date.now();
    // One order, cart F1, pending charges at Kredivo (X) and Akulaku (Y): the shopper opened both pages.
    await inner.set(`order:${REFERENCE}`, JSON.stringify({ reference_id: REFERENCE, fingerprint: 'F1', amount: 100_000, currency: 'IDR', charges: { Y: { fingerprint: 'F1', channel: 'ID_AKULAKU' }, X: { fingerprint: 'F1', channel: 'ID_KREDIVO' } }, live: {}, intents: {}, updated_at: now }));
    for (const id of ['X', 'Y']) await inner.set(`charge:${id}`, JSON.stringify({ charge_id: id, status: 'PENDING', reference_id: REFERENCE, amount: 100_000, currency: 'IDR', channel_code: CHANNEL[id], plan_id: `plan-${id}`, fingerprint: 'F1', updated_at: now }));
    const refunds: string[] = [];
    const xendit = {
      paylater: {
        // Both were paid, each on its own provider's page, before anything could be cancelled.
        cancelCharge: async (id: string) => {
          throw new XenditError({ code: 'INVALID_STATUS', status: 409, message: `${id} is not pending` });
        },
        getCharge: async (id: string) => charge(id, CHANNEL[id]!, 'SUCCEEDED'),
        refund: async (id: string) => (refunds.push(id), { id: `rf-${id}`, charge_id: id, status: 'PENDING' }),
        listRefunds: async () => ({ data: [] }),
      },
    };
    const logger = { debug() {}, info() {}, warn() {}, error() {} };
    const config = { recordTtlMs: 3_600_000, orderLockTtlMs: 150, orderLockWaitMs: 5_000 };
    const events: { chargeId: string; paysOrder: boolean; refundedAs?: string }[] = [];
    // Instance A (which looks at Y first) stalls at its first write that names Y the keeper (of the order, or as its role).
    const a = stallsFrom(inner, (key, value) => (key.endsWith(`order:${REFERENCE}`) || key.endsWith('charge:Y')) && /"(keeper|role)":"(Y|keeper)"/.test(value));
    const ledgerA = createLedger({ store: a.store, xendit, logger, config, plugins: [], onPaymentEvent: undefined } as never);
    const ledgerB = createLedger({ store: inner, xendit, logger, config, plugins: [], onPaymentEvent: (event: (typeof events)[number]) => void events.push(event) } as never);

    // A: the shopper came back with another cart (F2): F1's charges are cancelled; Y turns out paid.
    const runA = ledgerA.observe(REFERENCE, 'F2', 120_000, 'IDR').then(() => 'done', (error: { code?: string }) => error.code ?? 'failed');
    await a.atGate; // A is writing that Y pays the order... its store stalls; its lock lapses.
    // B, the next lock holder: Xendit's callback for X.
    await ledgerB.apply(charge('X', 'ID_KREDIVO', 'SUCCEEDED') as never, 'webhook');
    a.release(); // A's late writes land (or are refused)
    await runA;
    // Y's own callback, and every status poll after it.
    await ledgerB.apply(charge('Y', 'ID_AKULAKU', 'SUCCEEDED') as never, 'webhook');

    const order = JSON.parse((await inner.get(`order:${REFERENCE}`))!);
    const roles: Record<string, string | undefined> = {};
    for (const id of ['X', 'Y']) roles[id] = JSON.parse((await inner.get(`charge:${id}`))!).role;
    const keepers = ['X', 'Y'].filter((id) => roles[id] === 'keeper');
    assert.deepEqual(keepers, [order.keeper], `one charge pays the order, and it is the order's keeper: ${JSON.stringify({ keeper: order.keeper, roles })}`);
    assert.deepEqual(refunds, ['X', 'Y'].filter((id) => id !== order.keeper), 'the other payment is refunded in full');
    assert.deepEqual(events.filter((e) => e.paysOrder).map((e) => e.chargeId), [order.keeper], 'one event says it pays the order');
  });
});
