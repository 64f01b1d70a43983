/** The bills CDN entry as a classic script (`paylater-bills.iife.js`): all three tags in one self-contained file. */
import './cdn-classic.js';
import './bills-define.js';
// A classic script is one file: the rarely shown texts are in it.
import '../shared/error-texts.js';

export * from './cdn-classic.js';
export * from './bills-elements.js';
