/**
 * Registers `<paylater-in-app-note>`: what `<paylater-checkout>` loads (`PaylaterCheckout.inApp`)
 * when the page is in an in-app browser. Registering again, or when another copy took the tag,
 * does nothing.
 */
import { PaylaterInAppNote } from '../components/checkout/in-app-note.js';
import { define } from '../shared/define.js';

export { PaylaterInAppNote };

define('paylater-in-app-note', PaylaterInAppNote);
