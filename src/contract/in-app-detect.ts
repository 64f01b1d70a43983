/**
 * Whether a user agent is an in-app browser (the WebViews of Instagram, Facebook, TikTok, LINE...),
 * and the checkout URL that works there: the part of `in-app.ts` (import that one) that the
 * checkout's own bundle carries. Which app it is, and the way out to the shopper's own browser,
 * stay in `in-app.ts`, which the checkout loads only inside an in-app browser.
 */
import type { CheckoutUrls } from './index.js';
import { isHttpUrl } from './validators.js';

export type Device = 'mobile' | 'desktop';

/**
 * The marks of the in-app browsers: Facebook's (`FBAN/`, `FBAV/` on iOS, `FB_IAB` on Android: also
 * in Messenger's), Instagram's, TikTok's (`musical_ly`, `trill_`, `BytedanceWebview`), LINE's
 * (` Line/<version>`, with its space: not `Outline/`), WeChat's (`MicroMessenger`), X's
 * (`TwitterAndroid`, `Twitter for iPhone`), Snapchat's, and Android's WebView (`; wv)`), which every
 * Android app's WebView carries. `in-app.ts` names the app from the same marks (`APPS`); a test
 * checks that the two agree.
 */
const MARKS = /Instagram|FBA[NV]\/|FB_IAB|musical_ly|Bytedance|trill_| Line\/|MicroMessenger|Twitter|Snapchat|; wv\)/;

/**
 * The system of the in-app browser a user agent belongs to (iOS or Android), or undefined: an
 * ordinary browser (Safari, Chrome, Samsung Internet...), a desktop, or an app whose WebView says
 * nothing about itself (an iOS app's plain WKWebView looks like Safari without `Safari/`, as some
 * home-screen web apps do: too unsure to act on).
 */
export function inAppBrowserOs(userAgent: string): 'ios' | 'android' | undefined {
  const os = /iP(hone|ad|od)/.test(userAgent) ? 'ios' : /Android/.test(userAgent) ? 'android' : undefined;
  return os && MARKS.test(userAgent) ? os : undefined;
}

export interface CheckoutTarget {
  url: string;
  kind: 'desktop' | 'mobile' | 'deeplink';
}

/**
 * The checkout URL to open. On mobile: the deeplink when there is one and it is http(s) (a
 * universal link / App Link that opens the provider's app), else the mobile web page; in an in-app
 * browser never the deeplink (the WebView keeps the navigation and the app does not open), so the
 * mobile web page. On desktop the desktop page. Falls back to the other web page when the preferred
 * one is not http(s); null when none is.
 */
export function chooseCheckoutUrl(urls: CheckoutUrls, device: Device, inApp?: boolean): CheckoutTarget | null {
  const order = device === 'desktop' ? (['desktop', 'mobile'] as const) : inApp ? (['mobile', 'desktop'] as const) : (['deeplink', 'mobile', 'desktop'] as const);
  const kind = order.find((k) => isHttpUrl(urls[k] ?? ''));
  return kind ? { url: urls[kind]!, kind } : null;
}
