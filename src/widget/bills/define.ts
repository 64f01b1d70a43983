/**
 * Registers `<paylater-bill-inquiry>` and gives `<paylater-status>` its bill view (the token,
 * receipt or refund of a payment that pays a bill): the only bills module with side effects (listed
 * in package.json `sideEffects`). Registering again, or when another copy took the tag, does nothing.
 */
import { define } from '../define.js';
import { PaylaterStatus } from '../status.js';
import { PaylaterBillInquiry } from './bill-inquiry.js';
import { statusBill } from './status-bill.js';

PaylaterStatus.bill = statusBill;
define('paylater-bill-inquiry', PaylaterBillInquiry);
