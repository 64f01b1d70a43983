/** Which checkout URL fits this device, and the rule that only http(s) URLs are ever followed. */
import { isHttpUrl, type CheckoutUrls } from '../../contract/index.js';

export type Device = 'mobile' | 'desktop';

/** A phone or tablet: the main pointer is a finger and nothing can hover. */
export function detectDevice(): Device {
  return matchMedia('(pointer: coarse) and (hover: none)').matches ? 'mobile' : 'desktop';
}

export interface CheckoutTarget {
  url: string;
  kind: 'desktop' | 'mobile' | 'deeplink';
}

/**
 * The URL to open: on mobile the deeplink when there is one (and it is http(s), such as a
 * universal link), else the mobile web page; on desktop the desktop page. Falls back to the other
 * web page when the preferred one is not http(s); null when none is.
 */
export function chooseCheckoutUrl(urls: CheckoutUrls, device: Device): CheckoutTarget | null {
  const order = device === 'mobile' ? (['deeplink', 'mobile', 'desktop'] as const) : (['desktop', 'mobile'] as const);
  const kind = order.find((k) => isHttpUrl(urls[k] ?? ''));
  return kind ? { url: urls[kind]!, kind } : null;
}
