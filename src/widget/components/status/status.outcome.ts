/**
 * How a payment's status reads to the shopper: the view of each charge status, its symbol, what
 * counts as a change, which errors are worth polling through, and the shapes the bill view (from
 * `paylater-checkout/bills`) works with.
 */
import { parseStatusResponse, type BillStatus, type Check, type StatusResponseBody } from '../../../contract/index.js';
import { call, join } from '../../shared/client.js';
import { extensions } from '../../shared/element.js';
import type { MessageKey, Params } from '../../shared/i18n.js';
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

/** On `window` when a bill view is installed: an element that showed a payment without its bill asks again. */
export const BILL_VIEW_EVENT = 'paylater-bill-view';

/** The bill view, when `paylater-checkout/bills` installed one. */
export const billView = () => extensions.bill as StatusBillView | undefined;

/** Internal reactive state (kept out of the Custom Elements Manifest's attributes). */
export const STATE = { result: { state: true }, error: { state: true }, slow: { state: true } };

/** Nothing will change any more: the charge is final, and so is its bill when it pays one (with `paylater-checkout/bills`). */
export const isFinal = (result: StatusResponseBody): boolean => billView()?.final(result) ?? viewOf(result.status) !== 'pending';

/** The status of a charge; its `bill` checked by `bill` (from `paylater-checkout/bills`), or left out without it. */
export const fetchStatus = (endpoint: string, token: string, signal: AbortSignal, bill: Check<BillStatus | undefined>): Promise<StatusResponseBody> =>
  call(`${join(endpoint, 'status')}?token=${encodeURIComponent(token)}`, { signal }, (body) => parseStatusResponse(body, bill));

/** The element's words, for `chargeBox`. */
export interface Words {
  t(key: MessageKey, params?: Params): string;
  money(currency: string, amount: number): string;
}

/**
 * What the charge's status means for the shopper: confirmed with what comes next; cancelled or
 * not approved (the companion's `ended_as`; cancelled when it does not say) with the way back;
 * refunded in full (or in part, when the companion says how much) with the credit limit restored.
 * A payment the order did not need (`refunded_as`: paid twice, or the cart changed) is being
 * refunded, never "the shop will process your order".
 */
export function chargeBox(w: Pick<Words, 't' | 'money'>, result: StatusResponseBody, slow: boolean, params: Params): StatusBox {
  const { status, amount, refunded_amount: refunded } = result;
  let view = viewOf(status);
  if (result.refunded_as && view === 'succeeded') view = 'refunded';
  const key =
    view === 'failed' ? (result.ended_as === 'DECLINED' ? 'declined' : 'cancelled') : view === 'refunded' && status !== 'REFUNDED' ? 'refunding' : view;
  const part = key === 'refunded' && !result.refunded_as && refunded !== undefined && refunded < amount;
  if (part) params = { ...params, refunded: w.money(result.currency, refunded) };
  return {
    view,
    title: w.t(`${key}Title`, params),
    text: w.t(slow ? 'slow' : part ? 'refundedPart' : key, params),
    ...(view === 'failed' ? { again: w.t('tryOther') } : {}),
  };
}

/** `retry-href` resolved against the page, when it is an http(s) URL (the only kind ever followed). */
export function retryUrl(href: string | undefined): string | undefined {
  try {
    const url = new URL(href || '', globalThis.document?.baseURI);
    return href && /^https?:$/.test(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}
