/**
 * The bills CDN entry. As an ES module (`paylater-bills.js`) it imports the checkout entry, so the
 * build keeps Lit and the shared code in `paylater-checkout.js` and this file holds only the bill
 * element; as a classic script (`paylater-bills.iife.js`) everything is bundled into it. Either
 * way all three tags are registered.
 */
import '../cdn.js';
import './define.js';

export * from '../cdn.js';
export * from './elements.js';
