/**
 * The CDN's ES module `paylater-checkout.js`: Lit and the shared code, `<paylater-checkout>`
 * registered. `<paylater-status>` is in `paylater-status.js` beside it (a checkout page does not
 * carry it): a return page loads that file itself, or this one loads it as soon as a
 * `<paylater-status>` is in the document.
 */
import { PaylaterCheckout } from '../components/checkout/checkout.js';
import { define } from '../shared/element.js';

export * from './exports.js';

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
