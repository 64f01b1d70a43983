/**
 * `paylater-checkout/bills/elements`: the `<paylater-bill-inquiry>` class and its event types,
 * without registering any tag; and `statusBill`, the bill view of `<paylater-status>`, which
 * `paylater-checkout/bills` installs (`PaylaterStatus.bill = statusBill`: do the same when you
 * register the tags yourself).
 */
import './npm-texts.js';
export { PaylaterBillInquiry } from '../components/bill-inquiry/bill-inquiry.js';
export { statusBill } from '../components/status/status-bill.js';
export type { StatusBillView, StatusBox } from '../components/status/status.js';
export {
  PaylaterBillReadyEvent,
  PaylaterBillClearEvent,
  type PaylaterBillReadyDetail,
  type PaylaterBillClearDetail,
} from '../components/bill-inquiry/bill.events.js';
