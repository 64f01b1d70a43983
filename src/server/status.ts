/**
 * Charge statuses only move forward: PENDING → a final status (SUCCEEDED, FAILED, CANCELLED,
 * EXPIRED, VOIDED) → REFUNDED (from SUCCEEDED only). A late or duplicated callback carrying an
 * older status never overwrites a newer one. Unknown statuses count as pending and never replace
 * a known one.
 */
const FINAL = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED', 'EXPIRED', 'VOIDED']);

export function statusRank(status: string): number {
  if (status === 'REFUNDED') return 2;
  if (FINAL.has(status)) return 1;
  return 0;
}

/** True when moving from `current` to `next` is progress that must be recorded. */
export function advances(current: string, next: string): boolean {
  if (current === next) return false;
  if (next === 'REFUNDED') return current === 'SUCCEEDED' || statusRank(current) === 0;
  return statusRank(next) > statusRank(current);
}

export function isPending(status: string): boolean {
  return statusRank(status) === 0;
}
