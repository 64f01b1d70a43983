/**
 * Registers `<paylater-checkout>` and `<paylater-status>`. The only module with that side effect
 * (listed in package.json `sideEffects`); registering again, or when another copy already took the
 * tag, does nothing.
 */
import './npm-texts.js';
import { PaylaterCheckout } from '../components/checkout/checkout.js';
import { define } from '../shared/element.js';
import { PaylaterStatus } from '../components/status/status.js';

export { define };

// The in-app browser's note: its own chunk for a bundler, fetched only inside one.
PaylaterCheckout.inApp ??= () => import('./in-app-note.js');
define('paylater-checkout', PaylaterCheckout);
define('paylater-status', PaylaterStatus);
