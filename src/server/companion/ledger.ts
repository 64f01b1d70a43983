/**
 * The order ledger: the one place where money decisions are made, per order (`reference_id`).
 *
 * Durable records (never evicted; they expire only after `recordTtlMs`, 30 days):
 * - `order:{reference}`: the order's current contents (fingerprint, amount), every charge made
 *   for it and what it was made for, the live charge per contents and provider, the status token
 *   reserved per plan before Xendit is asked, and the **keeper**: the one charge that paid it.
 * - `charge:{id}`: what Xendit says about a charge (status only moves forward) and its role.
 * - `token:{status token}` → charge id.
 *
 * Transitions: the webhook, the status route and the back office all call `apply(charge)`. A
 * SUCCEEDED charge gets its role once, under the order's lock: the keeper (first to pay the
 * order's current contents) is fulfilled (plug-ins) under that lock; a duplicate (the order was
 * already paid) or a superseded charge (made for contents the order no longer has) is refunded in
 * full. `onPaymentEvent` then runs once per charge and status, saying which it was.
 */
import type { XenditClient } from '../../xendit/client.js';
import type { Charge } from '../../xendit/schemas.js';
import { CompanionError, describeError } from '../errors.js';
import { NO_API_REFUNDS, refundAtXendit, refused } from './ledger-refund.js';
import type { Logger } from '../logger.js';
import { withLock, type Store } from '../store.js';
import { isPending } from './charge-status.js';
import { decideRole } from './ledger-roles.js';
import { createRecords, refundedAsOf, type ChargeRecord, type OrderRecord } from './records.js';
import type { CheckedConfig, CompanionOptions } from './options.js';
import type { PaymentEvent } from './order.js';
import type { CompanionPlugin } from './plugin.js';

export type { ChargeRecord, ChargeRole, OrderRecord } from './records.js';

export interface LedgerContext {
  store: Store;
  xendit: XenditClient;
  logger: Logger;
  config: CheckedConfig;
  plugins: CompanionPlugin[];
  onPaymentEvent: CompanionOptions['onPaymentEvent'];
}

/** The merchant's `onPaymentEvent` threw: the event is delivered again with the next callback. */
export class PaymentEventHookError extends Error {
  override name = 'PaymentEventHookError';
}

const alreadyPaid = () => new CompanionError(409, 'ALREADY_PAID', 'This order is already paid.');


export function createLedger({ store, xendit, logger, config, plugins, onPaymentEvent }: LedgerContext) {

  const { durable, readCharge, readOrder, writeOrder, updateOrder, updateCharge, recordStatus } = createRecords({ store, logger, config });
  const pluginOf = (order: OrderRecord | null) => plugins.find((p) => p.name === order?.plugin);

  /** Runs `fn` holding the order's lock (renewed while it runs; freed soon after a crash). */
  function withOrder<T>(reference: string, fn: () => Promise<T>): Promise<T> {
    return withLock(store, `order:${reference}`, fn, { ttlMs: config.orderLockTtlMs, waitMs: config.orderLockWaitMs });
  }

  /** Gives a paid charge its role once; the keeper's order is fulfilled under the same lock. */
  async function settle(record: ChargeRecord, { wait, refunded = false }: { wait: boolean; refunded?: boolean }): Promise<{ record: ChargeRecord; changed: Charge[] }> {
    return withOrder(record.reference_id, async () => {
      let current = (await readCharge(record.charge_id)) ?? record;
      let order = await readOrder(record.reference_id);
      let changed: Charge[] = [];
      if (current.role === 'keeper' && order && !order.keeper) {
        // Its role was written but not the order's (a step stopped in between): the order is told.
        order.keeper = current.charge_id;
        await writeOrder(order);
      }
      if (!current.role) {
        const { role, duplicateOf } = decideRole(order, current);
        if (role === 'keeper') {
          order = order ?? { reference_id: current.reference_id, fingerprint: current.fingerprint ?? '', amount: current.amount, currency: current.currency, charges: {}, live: {}, intents: {}, updated_at: 0 };
          order.keeper = current.charge_id;
          await writeOrder(order);
        }
        current = (await updateCharge(current.charge_id, (c) => (c ? { ...c, role, ...(duplicateOf ? { duplicate_of: duplicateOf } : {}) } : null)))!;
        if (role !== 'keeper') logger.warn(`order paid by a ${role} charge: refunding it in full`, { reference_id: current.reference_id, charge_id: current.charge_id, keeper: order?.keeper });
      }
      if (order && order.keeper === current.charge_id) {
        // The order is paid: its other pending charges (another provider's page left open) are
        // cancelled, so they cannot pay it twice; one paid before that is refunded as a duplicate.
        // Done on every settling of the keeper, so a crash in between only delays it.
        const others = Object.keys(order.charges).filter((id) => id !== current.charge_id);
        ({ changed } = await cancelPendingLocked(order, others, 'the order is paid'));
      }
      const plugin = pluginOf(order);
      // Not for a payment Xendit has refunded already (learnt of after its refund): nothing to fulfil.
      if (!refunded && current.role === 'keeper' && current.status === 'SUCCEEDED' && order?.keeper === current.charge_id && plugin?.fulfil) {
        await plugin.fulfil({ referenceId: current.reference_id, keeper: current, wait });
      }
      return { record: current, changed };
    });
  }

  /** Refunds a duplicate or superseded payment in full, once (same idempotency key on every try). */
  async function refundInFull(record: ChargeRecord): Promise<ChargeRecord> {
    if (record.refund || record.role === 'keeper' || !record.role) return record;
    const refund = await refundAtXendit(xendit, logger, record);
    return (await updateCharge(record.charge_id, (c) => (c ? { ...c, refund } : null)))!;
  }

  /** Runs `onPaymentEvent` once per charge and status. */
  async function announce(charge: Charge, record: ChargeRecord, source: PaymentEvent['source']) {
    if (!onPaymentEvent) return;
    const doneKey = `event:${charge.id}:${charge.status}`;
    if (await store.get(doneKey)) return;
    await withLock(
      store,
      doneKey,
      async () => {
        if (await store.get(doneKey)) return;
        const refundedAs = refundedAsOf(record.role);
        const event: PaymentEvent = {
          chargeId: charge.id,
          status: charge.status,
          referenceId: record.reference_id,
          amount: record.amount,
          currency: record.currency,
          channelCode: record.channel_code,
          source,
          charge,
          paysOrder: record.role === 'keeper',
          ...(refundedAs ? { refundedAs } : {}),
          ...(record.duplicate_of ? { duplicateOf: record.duplicate_of } : {}),
          ...(record.refund?.state === 'REFUSED' ? { refundRefused: true } : {}),
        };
        try {
          await onPaymentEvent(event);
        } catch (error) {
          throw new PaymentEventHookError('onPaymentEvent failed', { cause: error });
        }
        await store.set(doneKey, String(Date.now()), durable);
      },
      { ttlMs: config.orderLockTtlMs, waitMs: 20_000 },
    );
  }

  /**
   * The transition function: records what Xendit says about a charge and does what follows from
   * it, idempotently (any step may have been done before a crash; each is done again or skipped).
   * `wait: false` (a status poll) looks at a slow fulfilment once instead of waiting for it.
   */
  async function apply(charge: Charge, source: PaymentEvent['source'], { wait = true, refunded = false }: { wait?: boolean; refunded?: boolean } = {}): Promise<ChargeRecord> {
    // Refunded before its payment was handled here (a refund made before the callback came, or
    // the refund's news first): it was paid first, and that is settled first (its role, its
    // event), with nothing fulfilled and nothing refunded again.
    if (charge.status === 'REFUNDED' && !(await readCharge(charge.id))?.role) await apply({ ...charge, status: 'SUCCEEDED' }, source, { wait, refunded: true });
    let record = await recordStatus(charge);
    const paidThenRefunded = charge.status === 'SUCCEEDED' && record.status === 'REFUNDED' && !record.role;
    if (!paidThenRefunded && (record.status !== charge.status || isPending(charge.status))) return record;
    let changed: Charge[] = [];
    if (charge.status === 'SUCCEEDED') {
      ({ record, changed } = await settle(record, { wait, refunded: refunded || paidThenRefunded }));
      // A duplicate or superseded payment is refunded in full, unless that is done already.
      if (!refunded && record.status !== 'REFUNDED') record = await refundInFull(record);
    }
    await announce(charge, record, source);
    await announceChanged(changed);
    return record;
  }

  /** True while a charge still has something to settle (a role, a refund, a plug-in's fulfilment, its event). */
  async function unsettled(record: ChargeRecord): Promise<boolean> {
    // A final status whose event was never delivered (a cancel by the companion has no callback).
    if (onPaymentEvent && !isPending(record.status) && !(await store.get(`event:${record.charge_id}:${record.status}`))) return true;
    if (record.status !== 'SUCCEEDED') return false;
    if (!record.role) return true;
    if (record.role !== 'keeper') return !record.refund;
    const plugin = pluginOf(await readOrder(record.reference_id));
    return plugin?.pending ? plugin.pending(record.reference_id) : false;
  }

  /**
   * Cancels the order's pending charges `ids` at Xendit (call under the order's lock). A charge
   * found paid meanwhile gets its role now, with the order as it stands. Returns the charges whose
   * status changed and the count of cancellations that failed for now.
   */
  async function cancelPendingLocked(order: OrderRecord, ids: string[], why: string) {
    const changed: Charge[] = [];
    let failed = 0;
    for (const id of ids) {
      const record = await readCharge(id);
      if (record && !isPending(record.status)) continue;
      let charge: Charge;
      try {
        // Refused: no longer pending at Xendit, so see what it is.
        charge = await xendit.paylater.cancelCharge(id).catch((error: unknown) => (refused(error) ? xendit.paylater.getCharge(id) : Promise.reject(error)));
      } catch (error) {
        failed += 1;
        logger.warn(`${why}: a pending charge could not be cancelled yet`, { reference_id: order.reference_id, charge_id: id, error: describeError(error) });
        continue;
      }
      const recorded = await recordStatus(charge);
      changed.push(charge);
      if (charge.status === 'SUCCEEDED' && !order.keeper && !recorded.role) {
        const { role } = decideRole(order, { ...recorded, fingerprint: order.charges[id]?.fingerprint ?? '' });
        if (role === 'keeper') {
          // The order first (compare-and-set: a holder whose lock lapsed stops here, 503), then the
          // charge, as `settle` does: a charge is never called the keeper of an order another pays.
          order.keeper = id;
          await writeOrder(order);
        }
        await updateCharge(id, (c) => (c && !c.role ? { ...c, role } : null));
      }
    }
    return { changed, failed };
  }

  /**
   * The order's contents changed (a new fingerprint): pending charges made for other contents are
   * cancelled at Xendit, then the new contents become current (unless one of them turned out paid:
   * it then pays the order, for its contents). Call under the order's lock.
   */
  async function supersedeLocked(order: OrderRecord, fingerprint: string, amount: number, currency: string) {
    const older = Object.entries(order.charges).filter(([, made]) => made.fingerprint !== fingerprint).map(([id]) => id);
    const result = await cancelPendingLocked(order, older, 'the cart changed');
    if (!order.keeper) Object.assign(order, { fingerprint, amount, currency });
    for (const key of Object.keys(order.live)) if (!key.startsWith(`${fingerprint}:`)) delete order.live[key];
    await writeOrder(order);
    return result;
  }

  /** Events for charges whose status `supersedeLocked` changed (outside the lock: the hook may be slow). */
  async function announceChanged(changed: Charge[]) {
    for (const charge of changed) {
      try {
        await apply(charge, 'refresh');
      } catch (error) {
        logger.warn('a cancelled charge\u2019s event is not delivered yet', { charge_id: charge.id, error: describeError(error) });
      }
    }
  }

  return {
    readCharge,
    readOrder,
    writeOrder,
    updateOrder,
    withOrder,
    updateCharge,
    recordStatus,
    apply,
    unsettled,
    pluginOf,
    durable,

    /** At plans time: the order came back with these contents. Cancels what they supersede (best effort here). */
    async observe(reference: string, fingerprint: string, amount: number, currency: string): Promise<void> {
      const known = await readOrder(reference);
      if (!known || known.keeper || known.fingerprint === fingerprint) return;
      const { changed } = await withOrder(reference, async () => {
        const order = await readOrder(reference);
        if (!order || order.keeper || order.fingerprint === fingerprint) return { changed: [] as Charge[], failed: 0 };
        return supersedeLocked(order, fingerprint, amount, currency);
      });
      await announceChanged(changed);
    },

    /**
     * At charge time, under the order's lock: the order record with these contents made current.
     * Pending charges for other contents are cancelled first; `failed` counts those Xendit could
     * not cancel yet (no new charge may be made then), `record.keeper` is set when it is paid.
     */
    async current(order: OrderRecord | null, init: Omit<OrderRecord, 'charges' | 'live' | 'intents' | 'updated_at'>) {
      const record: OrderRecord = order ?? { ...init, charges: {}, live: {}, intents: {}, updated_at: 0 };
      if (record.keeper || !order || order.fingerprint === init.fingerprint) return { record, changed: [] as Charge[], failed: 0 };
      return { record, ...(await supersedeLocked(record, init.fingerprint, init.amount, init.currency)) };
    },
    announceChanged,
    alreadyPaid,

    /**
     * At charge time, under the order's lock, before a charge at `channel`: the order's pending
     * charges at providers that take no refund through the API (`NO_API_REFUNDS`) are cancelled,
     * best effort. Paid there too, a second payment could only be refunded by hand; at the others
     * it is refunded in full by the companion, and their pages stay as they are. Returns the charges
     * whose status changed; `order.keeper` is set when one turned out paid.
     */
    async switchProvider(order: OrderRecord, channel: string) {
      const ids = Object.entries(order.charges)
        .filter(([, made]) => made.channel !== channel && NO_API_REFUNDS.has(made.channel))
        .map(([id]) => id);
      return ids.length ? (await cancelPendingLocked(order, ids, 'another provider was chosen')).changed : [];
    },

    /** Cancels the order's pending charges `ids` at Xendit, best effort (under the order's lock); returns those whose status changed. */
    async cancelPending(order: OrderRecord, ids: string[], why: string) {
      return (await cancelPendingLocked(order, ids, why)).changed;
    },
  };
}

export type Ledger = ReturnType<typeof createLedger>;
