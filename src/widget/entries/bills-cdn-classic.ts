/** The bills CDN entry as a classic script (`paylater-bills.iife.js`): all three tags in one self-contained file. */
import './cdn-classic.js';
import './bills-define.js';

export * from './cdn-classic.js';
export * from './bills-elements.js';
