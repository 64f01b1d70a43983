/**
 * The CDN's ES module `paylater-errors.js`: the rarely shown texts (`error.messages.ts`), which
 * `paylater-checkout.js` loads from beside it the first time one is shown.
 */
// The checkout entry first: the build then keeps everything both files use in `paylater-checkout.js`.
import './cdn.js';
import '../shared/error-texts.js';
