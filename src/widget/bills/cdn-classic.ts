/** The bills CDN entry as a classic script (`paylater-bills.iife.js`): all three tags in one self-contained file. */
import '../cdn-classic.js';
import './define.js';

export * from '../cdn-classic.js';
export * from './elements.js';
