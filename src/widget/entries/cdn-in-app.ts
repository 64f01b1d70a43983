/**
 * The CDN's ES module `paylater-in-app.js`: registers `<paylater-in-app-note>`, importing Lit and
 * the shared code from `paylater-checkout.js` beside it, which loads this file only when the page is
 * in an in-app browser (Instagram, Facebook, TikTok, LINE...).
 */
// The checkout entry first: the build then keeps everything both files use in `paylater-checkout.js`.
import './cdn.js';

export * from './in-app-note.js';
