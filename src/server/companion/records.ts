/**
 * The ledger's durable records (never evicted; they expire only after `recordTtlMs`, 30 days):
 * `order:{reference}`, `charge:{id}` (written by compare-and-set, status only moving forward) and
 * `token:{status token}` → charge id.
 */
import type { Charge } from '../../xendit/schemas.js';
import { CompanionError } from '../errors.js';
import type { Logger } from '../logger.js';
import { updateJson, type Store } from '../store.js';
import { advances } from './charge-status.js';
import type { CheckedConfig } from './options.js';
import type { RefundedAs } from './order.js';

/** keeper: pays the order; the others were paid but are refunded in full (see `RefundedAs`). */
export type ChargeRole = 'keeper' | 'duplicate' | 'superseded' | 'cancelled';

/** How a payment the order did not keep is named to the shop and the shopper. */
export function refundedAsOf(role: ChargeRole | undefined): RefundedAs | undefined {
  return role === 'duplicate' ? 'DUPLICATE' : role === 'superseded' ? 'SUPERSEDED' : role === 'cancelled' ? 'CANCELLED' : undefined;
}

/** What the companion remembers about a charge it created (or learnt of by callback). */
export interface ChargeRecord {
  charge_id: string;
  status: string;
  reference_id: string;
  amount: number;
  currency: string;
  channel_code: string;
  plan_id?: string | null | undefined;
  /** The order contents it was made for (absent for a charge only learnt of by callback). */
  fingerprint?: string;
  checkout_url?: { desktop: string; mobile: string; deeplink?: string };
  status_token?: string;
  /** Decided once, when it is first seen SUCCEEDED. */
  role?: ChargeRole;
  /**
   * Xendit once said CANCELLED: the companion (or the shop's back office) cancelled it. Kept when
   * it is paid on the provider's page anyway (the page stays usable; the provider refunds such a
   * payment): it never pays the order.
   */
  cancelled?: true;
  duplicate_of?: string;
  /** The companion's own full refund of a duplicate or superseded payment. */
  refund?: { id: string | null; state: 'REQUESTED' | 'REFUSED' };
  /** The charge's `failure_code`, when Xendit sends one with its end (see `endedAs` in `charge-status.ts`). */
  failure_code?: string;
  /** How much was refunded, when Xendit says (`refunded_amount`): a partial refund makes a charge REFUNDED too. */
  refunded_amount?: number;
  refreshed_at?: number;
  updated_at: number;
}

export interface OrderRecord {
  reference_id: string;
  /** The contents as last seen: charges made for other contents are superseded. */
  fingerprint: string;
  amount: number;
  currency: string;
  /** The plug-in that resolved the order's checkout (bills), if any. */
  plugin?: string;
  /** Every charge made for the order, with the contents it was made for. */
  charges: Record<string, { fingerprint: string; channel: string }>;
  /** `{fingerprint}:{channel}` → the charge a returning shopper is sent to. */
  live: Record<string, string>;
  /**
   * plan id → the attempt at a charge for it: its status token and number, kept before Xendit is
   * asked (a retry sends the same body and idempotency key), and the charge it made. An attempt
   * whose charge ended (failed, cancelled, expired) gives way to a new one with its own token.
   * `asked_at`: while Xendit is being asked for its charge (so that nobody asks again meanwhile).
   */
  intents: Record<string, { token: string; fingerprint: string; channel?: string; attempt?: number; charge_id?: string; asked_at?: number }>;
  keeper?: string;
  updated_at: number;
}

export function createRecords({ store, logger, config }: { store: Store; logger: Logger; config: CheckedConfig }) {
  const durable = { ttlMs: config.recordTtlMs };

  async function readJson<T>(key: string): Promise<T | null> {
    const raw = await store.get(key);
    return raw ? (JSON.parse(raw) as T) : null;
  }
  const readCharge = (id: string) => readJson<ChargeRecord>(`charge:${id}`);

  // An order record is written only over the very text it was read as (compare-and-set), so a
  // holder of the order's lock that lost it (Redis stalled past the lock's TTL while Xendit was
  // slow) can never write back its old copy over what the next holder recorded (a keeper, a
  // charge): its write fails and it stops with a 503 the shopper may retry.
  const readAs = new WeakMap<OrderRecord, string>();
  async function readOrder(reference: string): Promise<OrderRecord | null> {
    const raw = await store.get(`order:${reference}`);
    if (!raw) return null;
    const order = JSON.parse(raw) as OrderRecord;
    readAs.set(order, raw);
    return order;
  }
  /** Writes `order` over what it was read as (or where none was, when it is new); a 503 when it changed since. */
  async function writeOrder(order: OrderRecord): Promise<void> {
    const raw = JSON.stringify({ ...order, updated_at: Date.now() });
    if (!(await store.compareAndSet(`order:${order.reference_id}`, readAs.get(order) ?? null, raw, durable))) {
      logger.warn('the order changed while it was being worked on (its lock lapsed): this step stops, to be done again', { reference_id: order.reference_id });
      throw new CompanionError(503, 'CONFLICT', 'The order is being updated. Please try again.', { 'retry-after': '1' });
    }
    readAs.set(order, raw);
  }
  /** Changes an order record atomically, re-reading it until the write holds; `change` returns null to leave it. */
  async function updateOrder(reference: string, change: (current: OrderRecord | null) => OrderRecord | null): Promise<OrderRecord | null> {
    for (let attempt = 0; attempt < 50; attempt += 1) {
      const current = await readOrder(reference);
      const next = change(current);
      if (!next) return current;
      const raw = JSON.stringify({ ...next, updated_at: Date.now() });
      if (await store.compareAndSet(`order:${reference}`, current ? readAs.get(current)! : null, raw, durable)) {
        readAs.set(next, raw);
        return next;
      }
    }
    throw new CompanionError(503, 'CONFLICT', 'The order is being updated. Please try again.', { 'retry-after': '1' });
  }

  /** Changes a charge record atomically (compare-and-set); `change` returns null to leave it. */
  function updateCharge(id: string, change: (current: ChargeRecord | null) => ChargeRecord | null): Promise<ChargeRecord | null> {
    return updateJson<ChargeRecord>(
      store,
      `charge:${id}`,
      (current) => {
        const next = change(current);
        return next && { ...next, updated_at: Date.now() };
      },
      durable,
      () => new CompanionError(503, 'CONFLICT', 'The charge is being updated. Please try again.'),
    );
  }

  /**
   * Records what Xendit says, only ever moving the status forward; with it the failure code of an
   * ended charge and the refunded amount (which a further partial refund raises while the status
   * stays REFUNDED).
   */
  function recordStatus(charge: Charge): Promise<ChargeRecord> {
    const failureCode = typeof charge.failure_code === 'string' && charge.failure_code ? charge.failure_code : undefined;
    const refunded = typeof charge.refunded_amount === 'number' && charge.refunded_amount > 0 ? charge.refunded_amount : undefined;
    return updateCharge(charge.id, (current) => {
      const advanced = !current || advances(current.status, charge.status);
      const refundedMore = current?.status === 'REFUNDED' && charge.status === 'REFUNDED' && refunded !== undefined && refunded > (current.refunded_amount ?? 0);
      if (!advanced && !refundedMore) return null;
      if (current && advanced) logger.info('charge status changed', { charge_id: charge.id, from: current.status, to: charge.status });
      return {
        ...(current ?? {
          charge_id: charge.id,
          reference_id: charge.reference_id,
          amount: charge.amount,
          currency: charge.currency,
          channel_code: charge.channel_code,
          plan_id: charge.plan_id,
          updated_at: 0,
        }),
        status: charge.status,
        // Seen CANCELLED now, or stored CANCELLED (by a version before this flag): cancelled for good.
        ...(charge.status === 'CANCELLED' || current?.status === 'CANCELLED' ? { cancelled: true as const } : {}),
        ...(failureCode && advanced ? { failure_code: failureCode } : {}),
        ...(refunded !== undefined ? { refunded_amount: refunded } : {}),
        refreshed_at: Date.now(),
      };
    }) as Promise<ChargeRecord>;
  }

  return { durable, readCharge, readOrder, writeOrder, updateOrder, updateCharge, recordStatus };
}
