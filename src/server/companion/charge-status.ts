/**
 * Charge statuses only move forward: PENDING → FAILED, CANCELLED, EXPIRED or VOIDED → SUCCEEDED →
 * REFUNDED. A late or duplicated callback carrying an older status never overwrites a newer one.
 * SUCCEEDED ranks above the failures because it means money moved, whatever was seen before (a
 * provider page still paid after the charge was cancelled). Unknown statuses count as pending and
 * never replace a known one.
 */
const ENDED = new Set(['FAILED', 'CANCELLED', 'EXPIRED', 'VOIDED']);

export function statusRank(status: string): number {
  if (status === 'REFUNDED') return 3;
  if (status === 'SUCCEEDED') return 2;
  if (ENDED.has(status)) return 1;
  return 0;
}

/** True when moving from `current` to `next` is progress that must be recorded. */
export function advances(current: string, next: string): boolean {
  return statusRank(next) > statusRank(current);
}

export function isPending(status: string): boolean {
  return statusRank(status) === 0;
}
