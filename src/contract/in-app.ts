/**
 * In-app browsers (the WebViews of Instagram, Facebook, TikTok, LINE...), from a user-agent string
 * alone, and what follows from being in one: which checkout URL works there, and how the shopper
 * gets the page into their own browser. Pure (no DOM): the widget decides with
 * `navigator.userAgent`, a server (a form route that answers with a redirect) with the request's
 * `User-Agent`, by the same rules.
 *
 * Why it matters: these WebViews keep every navigation to themselves, so a provider's app link
 * (universal link, App Link) opens at best the provider's web page inside the WebView, and pop-ups
 * are blocked. The mobile web page works there; the provider's app works once the page is in the
 * shopper's browser. Whether a user agent is an in-app browser, and the URL choice, are in
 * `in-app-detect.ts` (re-exported here), the part the checkout's bundle carries.
 */
import type { CheckoutUrls } from './index.js';
import { chooseCheckoutUrl, inAppBrowserOs, type CheckoutTarget, type Device } from './in-app-detect.js';

export { chooseCheckoutUrl, inAppBrowserOs, type CheckoutTarget, type Device } from './in-app-detect.js';

/** Whose WebView: `webview` is another Android app's (its user agent says `; wv)` and nothing more). */
export type InAppApp = 'instagram' | 'facebook' | 'messenger' | 'tiktok' | 'line' | 'wechat' | 'x' | 'snapchat' | 'webview';

export interface InAppBrowser {
  app: InAppApp;
  os: 'ios' | 'android';
}

/**
 * Each app's marks, tried in this order: Instagram's and Messenger's before Facebook's, which
 * theirs may carry too (Messenger: `FBAN/MessengerForiOS`, `FB_IAB/Orca-Android`), WeChat's
 * `MicroMessenger` before nothing that matches it. An Android WebView that matches none is `webview`.
 */
const APPS: readonly (readonly [InAppApp, RegExp])[] = [
  ['instagram', /Instagram/],
  ['messenger', /FBAN\/Messenger|FB_IAB\/Orca/],
  ['facebook', /FBA[NV]\/|FB_IAB/],
  ['tiktok', /musical_ly|Bytedance|trill_/],
  ['line', / Line\//],
  ['wechat', /MicroMessenger/],
  ['x', /Twitter/],
  ['snapchat', /Snapchat/],
];

/** The in-app browser a user agent belongs to (app and system), or undefined (see `inAppBrowserOs`). */
export function detectInAppBrowser(userAgent: string): InAppBrowser | undefined {
  const os = inAppBrowserOs(userAgent);
  return os && { app: APPS.find(([, marks]) => marks.test(userAgent))?.[0] ?? 'webview', os };
}

/** A phone or tablet by its user agent (for a server; the widget asks the pointer instead). */
export function deviceFromUserAgent(userAgent: string): Device {
  return /Mobi|Android|iP(hone|ad|od)/.test(userAgent) ? 'mobile' : 'desktop';
}

/** The checkout URL for a request's `User-Agent`: the widget's choice, made by a server. */
export function checkoutUrlForUserAgent(urls: CheckoutUrls, userAgent: string): CheckoutTarget | null {
  const inApp = !!inAppBrowserOs(userAgent);
  return chooseCheckoutUrl(urls, inApp ? 'mobile' : deviceFromUserAgent(userAgent), inApp);
}

/**
 * How the shopper gets a page from the in-app browser into their own browser:
 * - `link`: a URL to follow from a link the shopper taps. In LINE (iOS and Android) the page with
 *   `openExternalBrowser=1`, LINE's documented parameter; in another Android WebView an `intent:`
 *   URL for the page (Android's syntax, as Chrome documents it: `intent://<host><path>#Intent;
 *   scheme=https;...;end`) with the VIEW action, the BROWSABLE category and no package, which
 *   Android hands to the default browser.
 * - `copy`: no URL does it (iOS apps other than LINE): the shopper copies the page's address, or
 *   uses the app's own menu ("•••", then open in the browser, in the app's wording).
 */
export type BrowserHandoff = { kind: 'link'; url: string } | { kind: 'copy'; url: string };

/** The hand-off for `pageUrl` (the http(s) page the shopper is on; its fragment is dropped) in `inApp`. */
export function browserHandoff(pageUrl: string, inApp: InAppBrowser): BrowserHandoff {
  const url = new URL(pageUrl);
  url.hash = '';
  if (inApp.app === 'line') {
    url.searchParams.set('openExternalBrowser', '1');
    return { kind: 'link', url: url.href };
  }
  if (inApp.os === 'android') {
    const intent = `#Intent;scheme=${url.protocol.slice(0, -1)};action=android.intent.action.VIEW;category=android.intent.category.BROWSABLE;end`;
    return { kind: 'link', url: `intent://${url.host}${url.pathname}${url.search}${intent}` };
  }
  return { kind: 'copy', url: url.href };
}
