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

/**
 * Failure codes that mean the shopper called the payment off. Xendit's PayLater charge has no
 * `failure_code` in any of its SDKs or fixtures (xendit-java `model/PaylaterCharge.java` has
 * `status` but no failure code, while its `EWalletCharge.java` has one; xendit-php's
 * `tests/Xendit/PayLaterTest.php` charges carry none), so this only matters if Xendit starts
 * sending one. Its e-wallet charges call the shopper's own refusal `USER_DECLINED_PAYMENT`
 * (docs.xendit.co e-wallet test scenarios: "End user declined the payment request").
 */
const SHOPPER_CANCEL_CODES = new Set(['USER_DECLINED_PAYMENT']);

/**
 * How a charge that ended without money moving ended, in the shopper's terms (the status answer's
 * `ended_as`); undefined for any other status. The decision, from what Xendit shows:
 * - CANCELLED (the shop cancelled it by the API), EXPIRED and VOIDED: `CANCELLED`.
 * - FAILED without a failure code: `CANCELLED`. A shopper who leaves the provider's page with its
 *   cancel is sent to `failure_redirect_url` and the charge ends FAILED (the simulator's "Cancel",
 *   `SIMULATOR_DECISIONS.checkoutCancelStatus`), with nothing that tells a cancel from a refusal;
 *   so the shopper who cancelled on purpose reads "cancelled", never "failed", and the words
 *   ("nothing was charged, choose another PayLater") are true whoever ended it.
 * - FAILED with one of `SHOPPER_CANCEL_CODES`: `CANCELLED`; with any other code: `DECLINED` (the
 *   provider did not approve it).
 */
export function endedAs(status: string, failureCode?: string | null): 'CANCELLED' | 'DECLINED' | undefined {
  if (!ENDED.has(status)) return undefined;
  return status === 'FAILED' && failureCode && !SHOPPER_CANCEL_CODES.has(failureCode) ? 'DECLINED' : 'CANCELLED';
}
