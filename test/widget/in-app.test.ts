/**
 * In-app browsers from real user agents: which app, which system, the checkout URL that works
 * there (the mobile web page, never the app link) and the way out to the shopper's own browser.
 * The user agents are real ones (`test/helpers/user-agents.ts` says where they come from).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CheckoutUrls } from '../../src/contract/index.js';
import {
  browserHandoff,
  checkoutUrlForUserAgent,
  chooseCheckoutUrl,
  detectInAppBrowser,
  deviceFromUserAgent,
  inAppBrowserOs,
} from '../../src/contract/in-app.js';
import { BROWSERS, IN_APP } from '../helpers/user-agents.js';

const urls: CheckoutUrls = { desktop: 'https://pay.example/d', mobile: 'https://pay.example/m', deeplink: 'https://app.example/open' };

describe('in-app browsers', () => {
  for (const [ua, expected, from] of IN_APP) {
    it(`${expected.app} on ${expected.os} (${from}): recognised, the mobile web page, never the app link`, () => {
      assert.deepEqual(detectInAppBrowser(ua), expected);
      assert.equal(inAppBrowserOs(ua), expected.os);
      assert.deepEqual(checkoutUrlForUserAgent(urls, ua), { url: urls.mobile, kind: 'mobile' });
      assert.deepEqual(chooseCheckoutUrl(urls, 'mobile', true), { url: urls.mobile, kind: 'mobile' });
    });
  }

  for (const [ua, device, from] of BROWSERS) {
    it(`an ordinary browser (${from}) is none; ${device}: the ${device === 'mobile' ? 'app link' : 'desktop page'}`, () => {
      assert.equal(detectInAppBrowser(ua), undefined);
      assert.equal(inAppBrowserOs(ua), undefined);
      assert.equal(deviceFromUserAgent(ua), device);
      assert.equal(checkoutUrlForUserAgent(urls, ua)?.kind, device === 'mobile' ? 'deeplink' : 'desktop');
    });
  }

  it('keeps the rule without an in-app browser: deeplink on mobile, desktop page on desktop, only http(s), null when none is', () => {
    assert.deepEqual(chooseCheckoutUrl(urls, 'mobile'), { url: urls.deeplink, kind: 'deeplink' });
    assert.deepEqual(chooseCheckoutUrl(urls, 'desktop', true), { url: urls.desktop, kind: 'desktop' });
    assert.deepEqual(chooseCheckoutUrl({ ...urls, deeplink: 'kredivo://pay' }, 'mobile'), { url: urls.mobile, kind: 'mobile' });
    assert.deepEqual(chooseCheckoutUrl({ ...urls, mobile: 'javascript:alert(1)' }, 'mobile', true), { url: urls.desktop, kind: 'desktop' });
    assert.equal(chooseCheckoutUrl({ desktop: 'ftp://x', mobile: 'data:,x' }, 'mobile', true), null);
  });
});

describe('the way out to the browser', () => {
  const page = 'https://shop.example/checkout?cart=c_1&lang=id#plans';

  it("LINE, on iOS and Android: the page with LINE's openExternalBrowser=1 (the fragment dropped, the query kept)", () => {
    for (const os of ['ios', 'android'] as const) {
      assert.deepEqual(browserHandoff(page, { app: 'line', os }), { kind: 'link', url: 'https://shop.example/checkout?cart=c_1&lang=id&openExternalBrowser=1' });
    }
  });

  it('another Android WebView: an intent: URL for the page that any browser takes (no package), http kept as http', () => {
    const handoff = browserHandoff(page, { app: 'instagram', os: 'android' });
    assert.deepEqual(handoff, {
      kind: 'link',
      url: 'intent://shop.example/checkout?cart=c_1&lang=id#Intent;scheme=https;action=android.intent.action.VIEW;category=android.intent.category.BROWSABLE;end',
    });
    assert.doesNotMatch(handoff.url, /package=/);
    assert.equal(browserHandoff('http://127.0.0.1:8080/checkout', { app: 'webview', os: 'android' }).url, 'intent://127.0.0.1:8080/checkout#Intent;scheme=http;action=android.intent.action.VIEW;category=android.intent.category.BROWSABLE;end');
  });

  it('iOS apps other than LINE: nothing to follow, the address to copy', () => {
    for (const app of ['instagram', 'facebook', 'tiktok', 'messenger'] as const) {
      assert.deepEqual(browserHandoff(page, { app, os: 'ios' }), { kind: 'copy', url: 'https://shop.example/checkout?cart=c_1&lang=id' });
    }
  });
});
