export { createCompanion, type Companion, type ChargeRecord } from './companion/companion.js';
export type { CreatedCharge } from './companion/routes/charges.js';
export type { CompanionOptions, ChannelLimits } from './companion/options.js';
export type { PaymentEvent, PaymentStatus, RefundedAs, TrustedOrder } from './companion/order.js';
export { DEFAULT_CHANNEL_LIMITS, KNOWN_CHECKOUT_HOSTS } from './companion/options.js';
export { DEFAULT_PREVIEW_CUSTOMER, type PreviewOptions } from './companion/terms/engine.js';
/**
 * The terms formula and rule (browser-safe, the same the checkout uses): options for any amount
 * from `GET {base}/terms` or `companion.terms(currency)`, e.g. for a page your server renders.
 */
export { eligibility, lowestInstallment, optionsFor, parseTermsResponse, tenorOption, currencyDecimals } from '../contract/index.js';
/** Display names of the PayLater providers by channel code (`ID_KREDIVO` → `Kredivo`), e.g. for an orders page. */
export { PROVIDER_NAMES } from '../contract/index.js';
// Which checkout page a browser gets, from its `User-Agent` (in-app browsers: the web page), and the way out of an in-app browser.
export { checkoutUrlForUserAgent, detectInAppBrowser, browserHandoff, type InAppBrowser, type BrowserHandoff, type CheckoutTarget } from '../contract/in-app.js';
export type { RenderCheckoutOptions, RenderedCheckout } from './render/checkout.js';
export type { RenderStatusOptions, RenderedStatus } from './render/status.js';
export { CompanionError } from './errors.js';
export type { Logger } from './logger.js';
export { MemoryStore } from './memory-store.js';
export { withLock, LockTimeoutError, StoreUnavailableError, type Store, type StoreProblem, type SetOptions, type LockOptions } from './store.js';
export * from '../xendit/index.js';
export { RedisStore, type RedisStoreOptions } from './redis-store.js';
export type { BillOptions, BillEvent, BillRecord, BillState } from './bills/model.js';
/**
 * The wire contract: the JSON bodies of the companion's routes, as the widget sends and reads them
 * (the browser entry `paylater-checkout` exports the same types). `BillProduct` here is Xendit's;
 * the companion's product list is `BillProductsResponseBody['products']`.
 */
export type {
  PlansRequestBody,
  PlansResponseBody,
  Provider,
  AvailableProvider,
  UnavailableProvider,
  UnavailableReason,
  PlanOption,
  ChargeRequestBody,
  ChargeResponseBody,
  CheckoutUrls,
  StatusResponseBody,
  BillStatus,
  BillInquiryResponseBody,
  BillProductsResponseBody,
  BillDetail,
  TermsResponseBody,
  ProviderTerms,
  TenorTerms,
  TermsOption,
  ErrorBody,
  ErrorCode,
} from '../contract/index.js';
