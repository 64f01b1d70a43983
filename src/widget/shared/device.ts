/**
 * Which checkout URL fits this device, and the rule that only http(s) URLs are ever followed. The
 * rule itself (`chooseCheckoutUrl`, in-app browsers included) is the contract's, shared with a
 * server that decides from the request's `User-Agent` (`contract/in-app.ts`).
 */
import type { Device } from '../../contract/in-app-detect.js';

export { chooseCheckoutUrl, inAppBrowserOs, type CheckoutTarget, type Device } from '../../contract/in-app-detect.js';

/** A phone or tablet: the main pointer is a finger and nothing can hover. */
export function detectDevice(): Device {
  return matchMedia('(pointer: coarse) and (hover: none)').matches ? 'mobile' : 'desktop';
}
