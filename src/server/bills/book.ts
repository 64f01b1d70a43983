/**
 * The bill records (`bill:{reference}`), written so that no step is ever undone. Fulfilment runs
 * under the order's lock, but a holder can lose it (Redis stalled past the lock's TTL while the
 * biller was slow) and write its old copy after the next holder wrote. So a record is never written
 * over: each write merges into what is stored now (compare-and-set), keeping every fact either side
 * learnt — the paying charge, when the payment was first asked for, its payment id, an ended state,
 * the refund — and the one who first asks the biller for the payment claims it (`claim`). A known
 * payment always outweighs a refusal another copy saw, so a refusal cannot mark a bought bill failed;
 * and a refusal only stands when every other ask of the biller was answered with nothing bought
 * (`asks`), so a holder whose lock lapsed cannot mark failed (and refund) a bill another holder is
 * buying, whether that one asked after it or before it. An ask with no answer holds a refusal back
 * while its answer may still come (`billAskWindow`).
 */
import { CompanionError } from '../errors.js';
import { updateJson, type SetOptions, type Store } from '../store.js';
import type { BillRecord, BillState } from './model.js';

// How far a bill has got, told apart by whether a payment is known. With its id: the payment's
// own state. Without: a refusal (FAILED) is less than "exists already, look it up" (PROCESSING),
// since that answer says a payment with our reference may exist.
const WITH_PAYMENT: Record<BillState, number> = { PENDING: 0, PROCESSING: 1, SUCCEEDED: 2, FAILED: 2 };
const WITHOUT_PAYMENT: Record<BillState, number> = { PENDING: 0, FAILED: 1, PROCESSING: 2, SUCCEEDED: 3 };
// A refund that failed may be made again (by hand, say) and succeed: SUCCEEDED is the furthest.
const REFUND_RANK = { PENDING: 0, FAILED: 1, SUCCEEDED: 2 } as const;

/** Which copy's payment facts (state, details, failure) stand: a known payment over none, then the one further on, then `stored`. */
function further(stored: BillRecord, mine: BillRecord, openSince: number): BillRecord {
  if (!stored.payment_id !== !mine.payment_id) return stored.payment_id ? stored : mine;
  if (!mine.payment_id && mine.state === 'FAILED' && stored.state === 'PENDING') {
    const others = (stored.asks ?? []).filter((ask) => ask.n !== mine.attempt);
    // Another ask (made after ours, or before it) may still be answered: that answer decides. One
    // older than the time an answer can take bought nothing that ours would not have been told
    // of: the same key brings back a payment Xendit made for it (or "being processed"), never a
    // refusal; only a request still on its way could reach Xendit after ours, and none is by then.
    if (others.some((ask) => ask.at > openSince)) return stored;
  }
  const rank = stored.payment_id ? WITH_PAYMENT : WITHOUT_PAYMENT;
  return rank[mine.state] > rank[stored.state] ? mine : stored;
}

/**
 * What `stored` and `mine` know together; where they differ, the one further on (then `stored`)
 * wins. Asks made after `openSince` may still be answered; the open asks are the stored ones.
 */
export function mergeBill(stored: BillRecord, mine: BillRecord, openSince = -Infinity): BillRecord {
  const facts = further(stored, mine, openSince);
  const refund =
    stored.refund && mine.refund ? (REFUND_RANK[mine.refund.status] > REFUND_RANK[stored.refund.status] ? mine.refund : stored.refund) : (stored.refund ?? mine.refund);
  return {
    ...stored,
    charge_id: stored.charge_id ?? mine.charge_id,
    placed_at: stored.placed_at ?? mine.placed_at,
    attempt: Math.max(stored.attempt ?? 0, mine.attempt ?? 0) || undefined,
    asks: stored.asks,
    payment_id: stored.payment_id ?? mine.payment_id,
    state: facts.state,
    payment_details: facts.payment_details,
    failure_code: facts.failure_code,
    failure_reason: facts.failure_reason,
    refund,
  };
}

export interface BillBook {
  read(reference: string): Promise<BillRecord | null>;
  /** Merges `record` into the stored one and returns what is stored now (`record` is updated to it too). */
  save(record: BillRecord): Promise<BillRecord>;
  /**
   * Marks the record as asked of the biller (`placed_at`, the first time) and counts the ask
   * (`attempt`, which `record` then carries): `first` says whether this caller is the first (only
   * the first may take an "exists already" answer as a refusal).
   */
  claim(record: BillRecord): Promise<{ first: boolean }>;
  /** Takes ask `n` (the `attempt` its `claim` gave) off the open ones: it was answered, and bought nothing. */
  answered(reference: string, n: number): Promise<void>;
}

/** `askWindowMs`: how long after an ask its answer may still come (`billAskWindow` of the companion's options). */
export function createBillBook(store: Store, durable: SetOptions, askWindowMs: number): BillBook {
  const key = (reference: string) => `bill:${reference}`;

  async function update(reference: string, change: (current: BillRecord) => BillRecord | null): Promise<BillRecord> {
    const stored = await updateJson<BillRecord>(
      store,
      key(reference),
      (current) => {
        if (!current) throw new CompanionError(500, 'INTERNAL', 'The bill record is missing.');
        const next = change(current);
        return next && { ...next, updated_at: Date.now() };
      },
      durable,
      () => new CompanionError(503, 'CONFLICT', 'The bill is being updated. Please try again.', { 'retry-after': '1' }),
    );
    return stored!;
  }

  return {
    async read(reference) {
      const raw = await store.get(key(reference));
      return raw ? (JSON.parse(raw) as BillRecord) : null;
    },
    async save(record) {
      const merged = await update(record.reference_id, (current) => mergeBill(current, record, Date.now() - askWindowMs));
      return Object.assign(record, merged);
    },
    async claim(record) {
      let first = false;
      const merged = await update(record.reference_id, (current) => {
        // The time of the write that counts (a compare-and-set tried again takes the time anew).
        const now = Date.now();
        first = current.placed_at === undefined;
        const n = (current.attempt ?? 0) + 1;
        const asks = (current.asks ?? []).slice(-19);
        return { ...current, placed_at: current.placed_at ?? now, attempt: n, asks: [...asks, { n, at: now }] };
      });
      Object.assign(record, mergeBill(merged, record));
      return { first };
    },
    async answered(reference, n) {
      await update(reference, (current) => (current.asks?.some((ask) => ask.n === n) ? { ...current, asks: current.asks.filter((ask) => ask.n !== n) } : null));
    },
  };
}
