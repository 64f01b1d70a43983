/**
 * The CDN's ES module `paylater-status.js`: registers `<paylater-status>`, importing Lit and the
 * shared code from `paylater-checkout.js` beside it. Load it on the return page (with its
 * `integrity`), or let `paylater-checkout.js` load it when it finds the element in the page.
 */
// The checkout entry first: the build then keeps everything both files use in `paylater-checkout.js`.
import './cdn.js';
import { define } from '../shared/element.js';
import { PaylaterStatus } from '../components/status/status.js';

export { PaylaterStatus, type StatusView } from '../components/status/status.js';

define('paylater-status', PaylaterStatus);
