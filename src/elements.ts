/**
 * `paylater-checkout/elements`: the element classes and their event types, without registering
 * any tag (for scoped registries, or to define them under other names).
 */
import './widget/entries/npm-texts.js';
export * from './widget/entries/exports.js';
export { PaylaterStatus, type StatusView } from './widget/components/status/status.js';
