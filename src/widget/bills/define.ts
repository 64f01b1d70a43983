/**
 * Registers `<paylater-bill-inquiry>`: the only bills module with that side effect (listed in
 * package.json `sideEffects`). Registering again, or when another copy took the tag, does nothing.
 */
import { define } from '../define.js';
import { PaylaterBillInquiry } from './bill-inquiry.js';

define('paylater-bill-inquiry', PaylaterBillInquiry);
