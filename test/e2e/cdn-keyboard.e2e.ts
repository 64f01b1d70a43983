/**
 * The CDN build on a plain HTML page (classic script with its SRI hash), and the whole journey with
 * the keyboard alone: Tab, arrow keys, Enter and Space, no clicks.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { DemoShop } from '../../demo/shop.js';
import {
  cartAtCheckout,
  DESKTOP,
  focused,
  noProblems,
  openTab,
  orderReference,
  orderShows,
  payOnProviderPage,
  PHONE,
  STEP_MS,
  plansShown,
  signInToBackOffice,
  withShopAndBrowser,
  tabTo,
} from './helpers.js';

/** A page of the merchant's own, served from the shop's origin, with only `paylater-checkout.js` and `body`. */
async function openMerchantPage(page: Page, shop: DemoShop, body: string, lang = 'en') {
  await page.route(`${shop.url}/merchant-page.html`, (route) =>
    route.fulfill({ contentType: 'text/html', body: `<!doctype html><html lang="${lang}"><script type="module" src="/cdn/paylater-checkout.js"></script>${body}</html>` }),
  );
  await page.goto(`${shop.url}/merchant-page.html`);
}

describe('CDN page and keyboard (Chromium)', () => {
  let shop: DemoShop;
  let browser: Browser;
  withShopAndBrowser((s, b) => ([shop, browser] = [s, b]));

  for (const [device, options] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    it(`/cdn.html (${device}): the classic-script build with its SRI hash → plans → Atome → Pay → confirmed`, async () => {
      const tab = await openTab(browser, options);
      const { page } = tab;
      try {
        const response = await page.goto(`${shop.url}/cdn.html`);
        assert.match(response?.headers()['content-security-policy'] ?? '', /script-src 'self'/);
        const integrity = JSON.parse(readFileSync(new URL('../../dist/cdn/integrity.json', import.meta.url), 'utf8')) as Record<string, string>;
        const script = page.locator('script[src="/cdn/paylater-checkout.iife.js"]');
        assert.equal(await script.getAttribute('integrity'), integrity['paylater-checkout.iife.js']);

        const atome = await plansShown(page, 'Atome');
        await atome.check();
        await page.getByRole('button', { name: 'Continue with Atome' }).click();
        await payOnProviderPage(page, shop, 'Pay');
        await page.getByText('Payment confirmed').waitFor();
        const reference = await orderReference(page);
        assert.match(reference, /^TP-CDN-DEMO-\d+$/);
        assert.equal(shop.state.orders.get(reference)?.status, 'SUCCEEDED');
        noProblems(tab);
      } finally {
        await tab.close();
      }
    });
  }

  it('keyboard only: shop → cart → checkout → choose with arrow keys → Pay → confirmed → orders → refund', async () => {
    const tab = await openTab(browser, DESKTOP);
    const { page } = tab;
    try {
      await signInToBackOffice(tab, shop); // the orders page and its Refund button at the end
      await page.goto(`${shop.url}/?lang=en`);
      await tabTo(page, (f) => f.name === 'Add to cart: Batik parang shirt', 'Add to cart: Batik parang shirt');
      await page.keyboard.press('Enter');
      await page.waitForURL(/[?&]cart=/);

      await tabTo(page, (f) => f.tag === 'a' && f.name === 'Checkout', 'the Checkout link');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/checkout\?/);
      await plansShown(page, 'Kredivo');

      // Past the tenor chips (one Tab stop) into the providers' radio group, then the arrow key
      // moves to (and chooses) the next provider.
      const first = await tabTo(page, (f) => f.type === 'radio' && f.name !== '', 'the first provider');
      await page.keyboard.press('ArrowDown');
      const chosen = await focused(page);
      assert.equal(chosen.type, 'radio');
      assert.equal(chosen.checked, true);
      assert.notEqual(chosen.name, first.name);
      const provider = chosen.name.split(',')[0]!;
      // Space on the chosen radio keeps it chosen.
      await page.keyboard.press('Space');
      assert.equal((await focused(page)).checked, true);

      await tabTo(page, (f) => f.tag === 'button' && f.name === `Continue with ${provider}`, `Continue with ${provider}`);
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => url.href.startsWith(`${shop.xenditUrl}/checkout/`));

      // The provider's page: its own plan radios, then Pay.
      await tabTo(page, (f) => f.tag === 'button' && f.name === 'Pay', 'the Pay button');
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => url.href.startsWith(`${shop.url}/return?`));
      await page.getByText('Payment confirmed').waitFor();
      const reference = await orderReference(page);

      await tabTo(page, (f) => f.tag === 'a' && f.name === 'Continue shopping', 'Continue shopping');

      // The back office (the same browser, signed in), by keyboard too.
      await page.goto(`${shop.url}/orders?lang=en`);
      await orderShows(page, reference, 'Paid');

      await tabTo(page, (f) => f.name === `Refund: ${reference}`, `Refund: ${reference}`);
      await page.keyboard.press('Space');
      await orderShows(page, reference, 'Refunded');
      noProblems(tab);
    } finally {
      await tab.close();
    }
  });

  it('the ES module build: a checkout page never loads paylater-status.js; a page that gets a <paylater-status> later does, and it works', async () => {
    const tab = await openTab(browser, DESKTOP);
    const { page } = tab;
    try {
      const loaded: string[] = [];
      page.on('request', (request) => loaded.push(new URL(request.url()).pathname));
      // A page of the merchant's own with only the checkout's file.
      await openMerchantPage(page, shop, '<main></main>');
      await page.waitForFunction(() => customElements.get('paylater-checkout'));
      await page.waitForTimeout(300);
      assert.equal(await page.evaluate(() => !!customElements.get('paylater-status')), false);
      assert.ok(!loaded.includes('/cdn/paylater-status.js'), 'paylater-status.js was loaded on a page without the element');

      // A single-page app shows its return view: the element is added to the document.
      await page.evaluate(() => document.querySelector('main')!.append(document.createElement('paylater-status')));
      await page.locator('paylater-status').getByText('No payment to show here.').waitFor({ timeout: STEP_MS });
      assert.equal(loaded.filter((path) => path === '/cdn/paylater-status.js').length, 1);
      noProblems(tab);
    } finally {
      await tab.close();
    }
  });

  it('the ES module build: rarely shown texts come from paylater-errors.js, fetched the first time one is shown', async () => {
    const cart = await cartAtCheckout(shop, 'kopi-gayo');
    const tab = await openTab(browser, DESKTOP);
    const { page } = tab;
    try {
      const loaded: string[] = [];
      page.on('request', (request) => loaded.push(new URL(request.url()).pathname));
      await openMerchantPage(page, shop, `<paylater-checkout endpoint="/paylater" checkout="${cart}"></paylater-checkout>`, 'id');
      const kredivo = await plansShown(page, 'Kredivo');
      assert.ok(!loaded.includes('/cdn/paylater-errors.js'), 'paylater-errors.js loaded before any such text was shown');
      // The cart changes in another tab; continuing says so, in Indonesian, with fresh plans.
      await fetch(`${shop.url}/cart`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: shop.url },
        body: `cart=${cart}&action=add&product=kemeja-batik&lang=id`,
      });
      await kredivo.check();
      await page.getByRole('button', { name: 'Lanjut dengan Kredivo' }).click();
      await page.getByText('Pesanan Anda berubah, jadi jumlahnya diperbarui. Silakan pilih lagi.').waitFor({ timeout: STEP_MS });
      assert.equal(loaded.filter((path) => path === '/cdn/paylater-errors.js').length, 1);
      // The companion's 409 (the cart changed) is the browser's only complaint.
      assert.deepEqual(tab.problems.filter((problem) => !/status of 409/.test(problem)), []);
    } finally {
      await tab.close();
    }
  });
});
