/**
 * The checkout inside in-app browsers (Chromium with the apps' real user agents, a phone's screen
 * and touch): the provider's mobile web page, never its app link (the simulator marks the app link
 * `?via=app`); the note with the right way out (LINE: the page with `openExternalBrowser=1`; an
 * Android WebView: an `intent:` link; iOS: "Copy link"); none in an ordinary mobile browser. And
 * the return page, opened in another browser with nothing but its address (no cookies, no
 * storage), shows the payment's true result: the shopper may come back in either.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { DemoShop } from '../../demo/shop.js';
import type { InAppBrowser } from '../../src/contract/in-app.js';
import { IN_APP } from '../helpers/user-agents.js';
import { cartAtCheckout, noProblems, openTab, payOnProviderPage, PHONE, plansShown, withShopAndBrowser } from './helpers.js';

const NAMES: Record<InAppBrowser['app'], string> = {
  instagram: 'Instagram',
  facebook: 'Facebook',
  messenger: 'Messenger',
  tiktok: 'TikTok',
  line: 'LINE',
  wechat: 'WeChat',
  x: 'X',
  snapchat: 'Snapchat',
  webview: 'this app',
};

/** The user agent of `app` on `os` (the first one listed). */
function userAgent(app: InAppBrowser['app'], os: InAppBrowser['os']): string {
  const found = IN_APP.find(([, expected]) => expected.app === app && expected.os === os);
  assert.ok(found, `no ${app} ${os} user agent`);
  return found[0];
}

/** The cases: every app and system the e2e drives, and the way out each one gets. */
const CASES: readonly (readonly [InAppBrowser['app'], InAppBrowser['os'], 'line' | 'intent' | 'copy'])[] = [
  ['instagram', 'ios', 'copy'],
  ['instagram', 'android', 'intent'],
  ['facebook', 'ios', 'copy'],
  ['facebook', 'android', 'intent'],
  ['messenger', 'android', 'intent'],
  ['tiktok', 'ios', 'copy'],
  ['tiktok', 'android', 'intent'],
  ['line', 'ios', 'line'],
  ['line', 'android', 'line'],
  ['webview', 'android', 'intent'],
];

/** A new cart at the checkout, in `page`, with Kredivo (which has an app link) chosen. */
async function atCheckout(page: Page, shop: DemoShop) {
  const cart = await cartAtCheckout(shop, 'sepatu-kanvas');
  await page.goto(`${shop.url}/checkout?cart=${cart}&lang=en`);
  const kredivo = await plansShown(page, 'Kredivo');
  return { cart, kredivo };
}

/** The kinds of `paylater-redirect` the page dispatches, read from its console. */
function redirectKinds(page: Page): string[] {
  const kinds: string[] = [];
  page.on('console', (message) => {
    const kind = message.text().match(/^paylater-redirect (\w+)$/)?.[1];
    if (kind) kinds.push(kind);
  });
  return kinds;
}

async function continueWithKredivo(page: Page, shop: DemoShop, kredivo: Awaited<ReturnType<typeof plansShown>>) {
  await page.evaluate(() => document.addEventListener('paylater-redirect', (event) => console.log(`paylater-redirect ${event.detail.kind}`)));
  await kredivo.tap();
  await page.getByRole('button', { name: 'Continue with Kredivo' }).tap();
  await page.waitForURL((url) => url.href.startsWith(`${shop.xenditUrl}/checkout/`));
}

describe('checkout in in-app browsers (Chromium)', () => {
  let shop: DemoShop;
  let browser: Browser;
  withShopAndBrowser((s, b) => ([shop, browser] = [s, b]));

  for (const [app, os, way] of CASES) {
    it(`${app} on ${os}: the note with ${way === 'line' ? "LINE's openExternalBrowser=1 link" : way === 'intent' ? 'an intent: link' : '"Copy link"'}; Continue opens the mobile web page, not the app link`, async () => {
      const tab = await openTab(browser, { ...PHONE, userAgent: userAgent(app, os) });
      const { page } = tab;
      try {
        const kinds = redirectKinds(page);
        const { kredivo } = await atCheckout(page, shop);
        const checkoutUrl = new URL(page.url());
        const note = page.locator('paylater-checkout').getByRole('note');
        await note.waitFor();
        assert.match((await note.textContent()) ?? '', new RegExp(`You\u2019re in ${NAMES[app]}\u2019s browser`));
        const open = note.getByRole('link', { name: 'Open in browser' });
        const copy = note.getByRole('button', { name: 'Copy link' });
        if (way === 'copy') {
          assert.equal(await open.count(), 0);
          await copy.waitFor();
          assert.match((await note.textContent()) ?? '', /Tap the ••• menu/);
        } else {
          assert.equal(await copy.count(), 0);
          const href = await open.getAttribute('href');
          if (way === 'line') {
            const expected = new URL(checkoutUrl);
            expected.searchParams.set('openExternalBrowser', '1');
            assert.equal(href, expected.href);
          } else {
            assert.equal(
              href,
              `intent://${checkoutUrl.host}${checkoutUrl.pathname}${checkoutUrl.search}#Intent;scheme=http;action=android.intent.action.VIEW;category=android.intent.category.BROWSABLE;end`,
            );
          }
        }

        await continueWithKredivo(page, shop, kredivo);
        assert.doesNotMatch(page.url(), /via=app/, 'the mobile web page, not the app link');
        assert.deepEqual(kinds, ['mobile']);
        noProblems(tab);
      } finally {
        await tab.close();
      }
    });
  }

  it('an ordinary mobile Chrome: no note, and the app link as before', async () => {
    const tab = await openTab(browser, PHONE);
    const { page } = tab;
    try {
      const kinds = redirectKinds(page);
      const fetched: string[] = [];
      page.on('request', (request) => fetched.push(request.url()));
      const { kredivo } = await atCheckout(page, shop);
      assert.equal(await page.locator('paylater-checkout').getByRole('note').count(), 0);
      assert.equal(await page.locator('paylater-checkout').evaluate((el) => !!el.shadowRoot?.querySelector('paylater-in-app-note')), false);
      await continueWithKredivo(page, shop, kredivo);
      assert.match(page.url(), /via=app/);
      assert.deepEqual(kinds, ['deeplink']);
      assert.deepEqual(fetched.filter((url) => url.includes('paylater-in-app')), [], "the note's file is never fetched");
      noProblems(tab);
    } finally {
      await tab.close();
    }
  });

  it('iOS "Copy link": the page\'s address on the clipboard, and "Link copied"', async () => {
    const tab = await openTab(browser, { ...PHONE, userAgent: userAgent('instagram', 'ios'), permissions: ['clipboard-read', 'clipboard-write'] });
    const { page } = tab;
    try {
      await atCheckout(page, shop);
      const checkoutUrl = page.url();
      await page.getByRole('button', { name: 'Copy link' }).tap();
      await page.getByRole('status').filter({ hasText: 'Link copied. Paste it in your browser\u2019s address bar.' }).waitFor();
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), checkoutUrl);
      noProblems(tab);
    } finally {
      await tab.close();
    }
  });

  it('iOS "Copy link" where the WebView refuses the clipboard: the address in a read-only field, focused and selected', async () => {
    const tab = await openTab(browser, { ...PHONE, userAgent: userAgent('facebook', 'ios') });
    const { page } = tab;
    try {
      // A WebView that refuses to write to the clipboard.
      await page.addInitScript(() => {
        Clipboard.prototype.writeText = () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
      });
      await atCheckout(page, shop);
      const checkoutUrl = page.url();
      await page.getByRole('button', { name: 'Copy link' }).tap();
      const field = page.getByRole('textbox', { name: 'Copy this link:' });
      await field.waitFor();
      assert.equal(await field.inputValue(), checkoutUrl);
      assert.equal(await field.getAttribute('readonly'), '');
      const selected = await field.evaluate((input: HTMLInputElement) => [input.matches(':focus'), input.selectionStart, input.selectionEnd]);
      assert.deepEqual(selected, [true, 0, checkoutUrl.length]);
      noProblems(tab);
    } finally {
      await tab.close();
    }
  });

  it("LINE's link opens the same checkout, which works there (openExternalBrowser=1 in its address)", async () => {
    const tab = await openTab(browser, { ...PHONE, userAgent: userAgent('line', 'android') });
    const { page } = tab;
    try {
      await atCheckout(page, shop);
      await page.getByRole('link', { name: 'Open in browser' }).tap();
      await page.waitForURL(/openExternalBrowser=1/);
      await plansShown(page, 'Kredivo');
      noProblems(tab);
    } finally {
      await tab.close();
    }
  });

  for (const [result, button, shown] of [
    ['success', 'Pay', 'Payment confirmed'],
    ['failure', 'Cancel', 'Payment cancelled'],
  ] as const) {
    it(`the return page resumes in another browser: paid in Instagram's, "${shown}" in a fresh one with only the return address`, async () => {
      const inApp = await openTab(browser, { ...PHONE, userAgent: userAgent('instagram', 'android') });
      const other = await openTab(browser, PHONE);
      try {
        const { kredivo } = await atCheckout(inApp.page, shop);
        await continueWithKredivo(inApp.page, shop, kredivo);
        await payOnProviderPage(inApp.page, shop, button, 'tap');
        const back = new URL(inApp.page.url());
        assert.deepEqual([...back.searchParams.keys()].sort(), ['paylater_result', 'paylater_token']);
        assert.equal(back.searchParams.get('paylater_result'), result);
        await inApp.page.getByText(shown).waitFor();

        // Another browser: no cookies, no storage, nothing but the address.
        assert.deepEqual(await other.context.cookies(), []);
        await other.page.goto(back.href);
        await other.page.getByText(shown).waitFor();
        noProblems(inApp);
        noProblems(other);
      } finally {
        await inApp.close();
        await other.close();
      }
    });
  }
});
