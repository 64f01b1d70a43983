/**
 * The CDN's ES module `paylater-checkout.js`: Lit and the shared code, `<paylater-checkout>`
 * registered. `<paylater-status>` is in `paylater-status.js` beside it (a checkout page does not
 * carry it): a return page loads that file itself, or this one loads it as soon as a
 * `<paylater-status>` is in the document. The note shown in an in-app browser is in
 * `paylater-in-app.js`, loaded only there.
 */
import { PaylaterCheckout } from '../components/checkout/checkout.js';
import { define } from '../shared/element.js';
import { texts } from '../shared/i18n.js';

export * from './exports.js';

// The in-app browser's note (`paylater-in-app.js` beside this file), fetched only inside one.
PaylaterCheckout.inApp ??= () => import('./cdn-in-app.js');
// The rarely shown texts (`paylater-errors.js` beside this file), fetched the first time one is shown.
texts.load ??= () => import('./cdn-errors.js');
define('paylater-checkout', PaylaterCheckout);

if (!customElements.get('paylater-status')) {
  const look = () => {
    if (!document.querySelector('paylater-status')) return;
    observer.disconnect();
    void import('./cdn-status.js');
  };
  const observer = new MutationObserver(look);
  observer.observe(document, { childList: true, subtree: true });
  look();
}
