/**
 * The events of `<paylater-bill-inquiry>`: typed, bubbling and composed, with a frozen `detail`
 * (like every `paylater-*` event). It also fires `paylater-error` (stage `products` or `inquiry`).
 */
import type { BillInquiryResponseBody } from '../../../contract/index.js';
import { PaylaterEvent } from '../../shared/events.js';

/** The inquiry answer as the companion sent it (`BillInquiryResponseBody`): `checkout`, `total_amount`, `currency`, ... */
export type PaylaterBillReadyDetail = BillInquiryResponseBody;

/** The biller answered what is owed: shown to the shopper, and `detail.checkout` is ready for `<paylater-checkout>`. */
export class PaylaterBillReadyEvent extends PaylaterEvent<PaylaterBillReadyDetail> {
  constructor(detail: PaylaterBillReadyDetail) {
    super('paylater-bill-ready', detail);
  }
}

export interface PaylaterBillClearDetail {
  /** The checkout handle that no longer matches what the shopper entered: do not pay it. */
  checkout: string;
}

/** The shopper changed the product or the number after an inquiry: its result (and checkout handle) was withdrawn. */
export class PaylaterBillClearEvent extends PaylaterEvent<PaylaterBillClearDetail> {
  constructor(detail: PaylaterBillClearDetail) {
    super('paylater-bill-clear', detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'paylater-bill-ready': PaylaterBillReadyEvent;
    'paylater-bill-clear': PaylaterBillClearEvent;
  }
}
