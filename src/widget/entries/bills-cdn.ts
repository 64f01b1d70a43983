/**
 * The bills CDN entry as an ES module (`paylater-bills.js`): it imports the checkout entry, so the
 * build keeps Lit and the shared code in `paylater-checkout.js` and this file holds only the bill
 * element and the bill view of `<paylater-status>` (which `paylater-status.js` shows).
 */
import './cdn.js';
import './bills-define.js';

export * from './cdn.js';
export * from './bills-elements.js';
