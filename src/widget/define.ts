/**
 * Registers `<paylater-checkout>` and `<paylater-status>`. The only module with that side effect
 * (listed in package.json `sideEffects`); registering again, or when another copy already took the
 * tag, does nothing.
 */
import { PaylaterCheckout } from './checkout.js';
import { PaylaterStatus } from './status.js';

/** Defines `tag` as `element` unless the tag is taken. */
export function define(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}

define('paylater-checkout', PaylaterCheckout);
define('paylater-status', PaylaterStatus);
