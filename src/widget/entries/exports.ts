/** What every CDN file exports besides its elements: the checkout, events, errors and languages. */
export { PaylaterCheckout } from '../components/checkout/checkout.js';
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
} from '../shared/events.js';
export { PaylaterError, type PaylaterErrorCode, type ClientErrorCode } from '../shared/client.js';
export { LOCALES, type MessageKey, type Messages } from '../shared/i18n.js';
export { registerLocale, type Texts } from '../shared/registry.js';
export type * from '../../contract/index.js';
