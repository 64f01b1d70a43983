/** What every CDN file exports besides its elements: the checkout, events, errors and languages. */
export { PaylaterCheckout } from './checkout.js';
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
} from './events.js';
export { PaylaterError, type PaylaterErrorCode, type ClientErrorCode } from './client.js';
export { LOCALES, type MessageKey, type Messages } from './i18n.js';
export { registerLocale } from './registry.js';
export type * from '../contract/index.js';
