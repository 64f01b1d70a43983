/** The CDN entry: everything bundled (Lit included) into one file that registers both elements. */
import './define.js';

export * from '../elements.js';
