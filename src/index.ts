/**
 * `paylater-checkout`: registers `<paylater-checkout>` and `<paylater-status>` and exports their
 * classes and event types. Import `paylater-checkout/elements` for the classes without registering.
 */
import './widget/entries/define.js';

export * from './elements.js';
