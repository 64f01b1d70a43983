/**
 * Registers `<paylater-bill-inquiry>` and gives `<paylater-status>` its bill view (the token,
 * receipt or refund of a payment that pays a bill): the only bills module with side effects (listed
 * in package.json `sideEffects`). Registering again, or when another copy took the tag, does nothing.
 */
import { define, extensions } from '../shared/element.js';
import { PaylaterBillInquiry } from '../components/bill-inquiry/bill-inquiry.js';
import { statusBill } from '../components/status/status-bill.js';

// What `PaylaterStatus.bill` reads: set here, so that this bundle does not import the status element.
extensions.bill = statusBill;
// A status shown before this bundle arrived, without its bill, asks again (`BILL_VIEW_EVENT` of status.ts).
dispatchEvent(new Event('paylater-bill-view'));
define('paylater-bill-inquiry', PaylaterBillInquiry);
