/**
 * `paylater-checkout/elements`: the element classes and their event types, without registering
 * any tag (for scoped registries, or to define them under other names).
 */
export { PaylaterCheckout } from './widget/checkout.js';
export { PaylaterStatus, type StatusView } from './widget/status.js';
export {
  PaylaterReadyEvent,
  PaylaterSelectEvent,
  PaylaterRedirectEvent,
  PaylaterErrorEvent,
  PaylaterStatusChangeEvent,
  type PaylaterReadyDetail,
  type PaylaterSelectDetail,
  type PaylaterRedirectDetail,
  type PaylaterErrorDetail,
  type PaylaterStatusChangeDetail,
} from './widget/events.js';
export { PaylaterError, type PaylaterErrorCode, type ClientErrorCode } from './widget/client.js';
export { LOCALES, type MessageKey, type Messages } from './widget/i18n.js';
export { registerLocale } from './widget/registry.js';
export type * from './contract/index.js';
