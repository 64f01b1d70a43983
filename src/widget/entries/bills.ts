/**
 * `paylater-checkout/bills`: registers `<paylater-bill-inquiry>` (and, through `paylater-checkout`,
 * `<paylater-checkout>` and `<paylater-status>`, which a bill page needs too) and exports its class
 * and event types. A separate entry so that shops without bills do not load the bill code.
 */
import './define.js';
import './bills-define.js';

export * from './bills-elements.js';
