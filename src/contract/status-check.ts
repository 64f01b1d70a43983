/**
 * The check of `GET {base}/status`'s answer. A module of its own: only `<paylater-status>` reads
 * this answer, so the CDN's checkout file (which holds the checks every element shares) does not
 * carry it.
 */
import type { BillStatus, StatusResponseBody } from './index.js';
import { num, pick, str, text, type Check } from './validators.js';

/** An optional number: kept when it is one, left out otherwise. */
const amount = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/**
 * `GET {base}/status` → the charge's status. Its `bill` (Bill Payments) is checked by `bill` when
 * one is given, and left out otherwise (or when `bill` gives undefined): the bill check (`parseBillStatus` in
 * `src/widget/shared/bills-client.ts`) comes with `paylater-checkout/bills`, so that shops without bills
 * do not carry it. The optional words about how the payment ended (`ended_as`, `refunded_as`,
 * `refunded_amount`) are kept when they have the right type and left out otherwise: a companion
 * that does not send them leaves the status to speak alone.
 */
export const parseStatusResponse = (value: unknown, bill?: Check<BillStatus | undefined>): StatusResponseBody =>
  pick(value, 'status', {
    charge_id: str,
    status: str,
    amount: num,
    currency: str,
    channel_code: str,
    reference_id: text,
    ended_as: text,
    refunded_as: text,
    refunded_amount: amount,
    bill: (b, path) => (b === undefined ? b : bill?.(b, path)),
  });
