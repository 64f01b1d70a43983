/**
 * The role of a charge that was paid, decided once, under the order's lock, from the order as it
 * stands: the keeper (the first to pay the order's current contents), a duplicate (the order was
 * paid already), superseded (made for contents the order no longer has) or cancelled (paid on the
 * provider's page after the companion or the back office cancelled it). All but the keeper are
 * refunded in full.
 */
import type { ChargeRecord, ChargeRole, OrderRecord } from './records.js';

export function decideRole(order: OrderRecord | null, record: ChargeRecord): { role: ChargeRole; duplicateOf?: string } {
  const decided = roleByContents(order, record);
  // Cancelled before it was paid on the provider's page anyway (the cart changed, even if it has
  // changed back since; the back office): refunded, never the order's payment.
  return decided.role === 'keeper' && record.cancelled && order?.keeper !== record.charge_id ? { role: 'cancelled' } : decided;
}

function roleByContents(order: OrderRecord | null, record: ChargeRecord): { role: ChargeRole; duplicateOf?: string } {
  if (!order || order.keeper === record.charge_id) return { role: 'keeper' };
  const madeFor = record.fingerprint ?? order.charges[record.charge_id]?.fingerprint ?? (record.plan_id ? order.intents[record.plan_id]?.fingerprint : undefined);
  const current = (madeFor ? madeFor === order.fingerprint : record.amount === order.amount) && record.currency === order.currency;
  // A payment for the contents before a change is superseded, also once another one paid the order.
  if (order.keeper) return current ? { role: 'duplicate', duplicateOf: order.keeper } : { role: 'superseded' };
  return current ? { role: 'keeper' } : { role: 'superseded' };
}
