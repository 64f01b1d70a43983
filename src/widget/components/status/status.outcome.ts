/**
 * How a payment's status reads to the shopper: the view of each charge status, its symbol, what
 * counts as a change, which errors are worth polling through, and the shapes the bill view (from
 * `paylater-checkout/bills`) works with.
 */
import type { BillStatus, Check, StatusResponseBody } from '../../../contract/index.js';
import type { Params } from '../../shared/i18n.js';
import type { PaylaterStatus } from './status.js';

/** How a charge status reads to the shopper. */
export type StatusView = 'pending' | 'succeeded' | 'failed' | 'refunded';

const VIEWS: Record<string, StatusView> = {
  SUCCEEDED: 'succeeded',
  REFUNDED: 'refunded',
  FAILED: 'failed',
  CANCELLED: 'failed',
  EXPIRED: 'failed',
  VOIDED: 'failed',
};

/** What the status box says: worked out for the charge, then (for a bill) by `PaylaterStatus.bill`. */
export interface StatusBox {
  view: StatusView;
  title: string;
  text: string;
  /** More, under the message (a bill's token or receipt). */
  extra?: unknown;
  /** The words of the way back (the `retry-href` link), for an outcome that offers one. */
  again?: string;
}

/**
 * The bill part of `<paylater-status>` (Bill Payments), which `paylater-checkout/bills` installs as
 * `PaylaterStatus.bill`. Without it, an answer's `bill` is left out and the charge's status is shown.
 */
export interface StatusBillView {
  /** Checks the answer's `bill` against the wire contract. */
  parse: Check<BillStatus>;
  /** Whether nothing will change any more, for a result whose bill decides it; undefined leaves it to the charge. */
  final(result: StatusResponseBody): boolean | undefined;
  /** The box for a result whose bill has something to say, from the charge's box; undefined keeps the charge's. */
  render(host: PaylaterStatus, result: StatusResponseBody, box: StatusBox, slow: boolean, params: Params): StatusBox | undefined;
}

export const viewOf = (status: string): StatusView => VIEWS[status] ?? 'pending';

/** What a status change is: the charge's status, and the bill's with its refund. */
export const changeKey = (r: StatusResponseBody) => `${r.status} ${r.bill?.status} ${r.bill?.refund?.status}`;
export const ICONS: Record<StatusView, string> = { pending: '', succeeded: '✓', failed: '✕', refunded: '↺' };

/** Errors worth polling through: the answer may come next time. */
export const TRANSIENT = new Set(['NETWORK_ERROR', 'RATE_LIMITED', 'UPSTREAM_ERROR', 'UPSTREAM_TIMEOUT', 'INTERNAL', 'CONFLICT', 'INVALID_RESPONSE']);
