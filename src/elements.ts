/**
 * `paylater-checkout/elements`: the element classes and their event types, without registering
 * any tag (for scoped registries, or to define them under other names).
 */
export * from './widget/exports.js';
export { PaylaterStatus, type StatusView } from './widget/status.js';
