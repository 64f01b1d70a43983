/**
 * Registers `<paylater-checkout>` and `<paylater-status>`. The only module with that side effect
 * (listed in package.json `sideEffects`); registering again, or when another copy already took the
 * tag, does nothing.
 */
import { PaylaterCheckout } from '../components/checkout/checkout.js';
import { define } from '../shared/element.js';
import { PaylaterStatus } from '../components/status/status.js';

export { define };

define('paylater-checkout', PaylaterCheckout);
define('paylater-status', PaylaterStatus);
