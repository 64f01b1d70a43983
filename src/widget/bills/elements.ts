/**
 * `paylater-checkout/bills/elements`: the `<paylater-bill-inquiry>` class and its event types,
 * without registering any tag.
 */
export { PaylaterBillInquiry } from './bill-inquiry.js';
export {
  PaylaterBillReadyEvent,
  PaylaterBillClearEvent,
  type PaylaterBillReadyDetail,
  type PaylaterBillClearDetail,
} from './events.js';
