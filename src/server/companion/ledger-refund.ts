/**
 * The ledger's refunds at Xendit: a duplicate or superseded payment refunded in full, and what a
 * refusal means (refunded already, by a retry or by the provider itself, or work for a person).
 */
import type { XenditClient } from '../../xendit/client.js';
import { XenditError } from '../../xendit/errors.js';
import { describeError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { ChargeRecord } from './records.js';

/**
 * Providers whose payments Xendit cannot refund through the API (docs.xendit.co "PayLater refunds"
 * lists Kredivo, Akulaku, Indodana and BillEase): a duplicate payment there is refunded by hand.
 */
export const NO_API_REFUNDS: ReadonlySet<string> = new Set(['ID_ATOME', 'ID_UANGME', 'PH_CASHALO']);

/** A 4xx that will not change on a retry (429 will). */
export const refused = (error: unknown): error is XenditError => error instanceof XenditError && error.status >= 400 && error.status < 500 && error.status !== 429;

/**
 * A pending or settled refund of the whole amount made by someone else (the provider itself:
 * Kredivo refunds a payment made after a cancel at once), which leaves no work for a person. A
 * refusal to list them means none to see; a passing failure is thrown (tried again with the next
 * callback or poll).
 */
async function refundedByOthers(xendit: XenditClient, record: ChargeRecord) {
  try {
    const { data } = await xendit.paylater.listRefunds(record.charge_id);
    const refunds = data.filter((r) => r.status === 'PENDING' || r.status === 'SUCCEEDED');
    return refunds.reduce((sum, r) => sum + (r.amount ?? 0), 0) >= record.amount ? refunds[0] : undefined;
  } catch (error) {
    if (refused(error)) return undefined;
    throw error;
  }
}

/**
 * Refunds `record`'s charge in full at Xendit (one idempotency key for every try) and says how it
 * stands: requested, or refused for good (the provider takes no API refund: logged, done by hand).
 * Throws on a passing failure.
 */
export async function refundAtXendit(xendit: XenditClient, logger: Logger, record: ChargeRecord): Promise<ChargeRecord['refund']> {
  const reason = record.role === 'duplicate' ? 'DUPLICATE' : 'OTHERS';
  try {
    const made = await xendit.paylater.refund(record.charge_id, { reason }, { idempotencyKey: `${record.role}-${record.charge_id}` });
    return { id: made.id, state: 'REQUESTED' };
  } catch (error) {
    if (!refused(error)) throw error; // temporary: the next callback or status poll tries again
    // Refused: maybe refunded already (a retry after a crash, or the provider), else it must be done by hand.
    const now = await xendit.paylater.getCharge(record.charge_id).catch((lookup: unknown) => {
      if (refused(lookup)) return null; // a charge Xendit does not know: nothing it can refund
      throw lookup;
    });
    if (now?.status === 'REFUNDED') return { id: null, state: 'REQUESTED' };
    const theirs = now ? await refundedByOthers(xendit, record) : undefined;
    if (theirs) return { id: theirs.id, state: 'REQUESTED' };
    logger.error('a duplicate or superseded payment could not be refunded: refund it by hand', { reference_id: record.reference_id, charge_id: record.charge_id, error: describeError(error) });
    return { id: null, state: 'REFUSED' };
  }
}
