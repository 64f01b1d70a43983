/**
 * `paylater-checkout/message`: registers `<paylater-message>` (the product page's "from Rp 58.167 a
 * month"), on its own, without the checkout. The only module of it with that side effect (listed in
 * package.json `sideEffects`); registering again, or when another copy took the tag, does nothing.
 */
import { PaylaterMessage } from '../components/message/message.js';
import { define } from '../shared/element.js';

export { PaylaterMessage };

define('paylater-message', PaylaterMessage);
