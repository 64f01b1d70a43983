/**
 * The shopper's journey through the demo shop in Chromium, on a desktop and on a phone: shop →
 * cart → checkout → plans → provider → the provider's page → back → the confirmed status; then the
 * order as the shop recorded it from `onPaymentEvent`, in the back office (which the shopper's
 * pages never link to); then a cancel and a refund.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { DemoShop } from '../../demo/shop.js';
import {
  addToCart,
  DESKTOP,
  focused,
  noProblems,
  openTab,
  orderCard,
  orderReference,
  orderShows,
  payOnProviderPage,
  PHONE,
  plansShown,
  signInToBackOffice,
  tabTo,
  withShopAndBrowser,
} from './helpers.js';

describe('demo shop journey (Chromium)', () => {
  let shop: DemoShop;
  let browser: Browser;
  withShopAndBrowser((s, b) => ([shop, browser] = [s, b]));

  it('desktop: shop → checkout → Kredivo → Pay → confirmed → paid on the orders page → refund → refunded', async () => {
    const tab = await openTab(browser, DESKTOP);
    const { page } = tab;
    try {
      // The same browser is the shop's back office later on (the orders page, the refund).
      await signInToBackOffice(tab, shop);
      const response = await page.goto(`${shop.url}/?lang=en`);
      assert.match(response?.headers()['content-security-policy'] ?? '', /script-src 'self'/);
      await addToCart(page, 'Canvas sneakers');
      await addToCart(page, 'PLN prepaid electricity token 50K');
      const cart = page.getByRole('region', { name: /Your cart/ });
      await cart.getByRole('button', { name: 'Add one: Canvas sneakers' }).click();
      await page.waitForURL(/[?&]focus=inc/);
      // 2 × 459,000 + 53,200
      assert.match((await cart.textContent()) ?? '', /Rp\s?971,200/);

      await cart.getByRole('link', { name: 'Checkout', exact: true }).click();
      await page.waitForURL(/\/checkout\?/);
      assert.equal(await page.locator('html').getAttribute('lang'), 'en');
      const kredivo = await plansShown(page, 'Kredivo');
      // Every IDR provider is compared (Atome's minimum is below this order).
      for (const provider of ['Akulaku', 'Indodana', 'Atome', 'UangMe']) await plansShown(page, provider);
      await kredivo.check();
      await page.getByRole('button', { name: 'Continue with Kredivo' }).click();

      // The desktop page of the provider, not the app link.
      await page.waitForURL((url) => url.href.startsWith(`${shop.xenditUrl}/checkout/`));
      assert.doesNotMatch(page.url(), /via=app/);
      await payOnProviderPage(page, shop, 'Pay');

      await page.getByText('Payment confirmed').waitFor();
      const reference = await orderReference(page);
      // The shopper's way on is the shop; the orders are the staff's (the same browser, signed in).
      await page.getByRole('link', { name: 'Continue shopping' }).waitFor();
      await page.goto(`${shop.url}/orders?lang=en`);
      await orderShows(page, reference, 'Paid');
      const card = orderCard(page, reference);
      assert.match((await card.textContent()) ?? '', /Kredivo/);
      assert.match((await card.textContent()) ?? '', /Rp\s?971,200/);

      // Refund from the back office: requested now, REFUNDED once Xendit's callback arrived.
      await card.getByRole('button', { name: /^Refund/ }).click();
      await page.getByRole('status').filter({ hasText: `Refund of order ${reference} requested.` }).waitFor();
      await orderShows(page, reference, 'Refunded');
      assert.match((await orderCard(page, reference).textContent()) ?? '', /REFUNDED/);
      assert.equal(await orderCard(page, reference).getByRole('button', { name: /^Refund/ }).count(), 0);
      assert.equal(shop.state.orders.get(reference)?.status, 'REFUNDED');
      noProblems(tab);
    } finally {
      await tab.close();
    }
  });

  it('phone (375 px, touch): the same journey in Indonesian opens the provider\'s app link and ends paid', async () => {
    const tab = await openTab(browser, PHONE);
    const { page } = tab;
    try {
      await signInToBackOffice(tab, shop); // the orders page at the end
      await page.goto(`${shop.url}/?lang=id`);
      assert.equal(await page.locator('html').getAttribute('lang'), 'id');
      await addToCart(page, 'Earbuds nirkabel', 'tap', 'Tambah ke keranjang');
      await page.getByRole('link', { name: 'Checkout', exact: true }).tap();
      await page.waitForURL(/\/checkout\?/);
      const akulaku = await plansShown(page, 'Akulaku');
      // The widget speaks the page's language.
      await page.getByRole('button', { name: 'Pilih penyedia' }).waitFor();
      // Nothing is wider than the phone (the header with the cart's count, the plans): no sideways scrolling.
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 375);
      await akulaku.tap();
      await page.getByRole('button', { name: 'Lanjut dengan Akulaku' }).tap();

      // On a phone the widget opens the provider's app link (the simulator marks it ?via=app).
      await page.waitForURL((url) => url.href.startsWith(`${shop.xenditUrl}/checkout/`));
      assert.match(page.url(), /via=app/);
      await payOnProviderPage(page, shop, 'Pay', 'tap');

      await page.getByText('Pembayaran berhasil').waitFor();
      assert.equal(await page.locator('html').getAttribute('lang'), 'id');
      const reference = (await page.getByText(/^Pesanan TP-/).textContent())!.match(/TP-[\w-]+/)![0];
      await page.getByRole('link', { name: 'Lanjut belanja' }).waitFor();
      await page.goto(`${shop.url}/orders?lang=id`);
      await orderShows(page, reference, 'Dibayar');
      noProblems(tab);
    } finally {
      await tab.close();
    }
  });

  it('the cart by keyboard: after each change reloads the page, the focus is back where it was (the same + or −, else the cart’s heading)', async () => {
    const tab = await openTab(browser, DESKTOP);
    const { page } = tab;
    try {
      await page.goto(`${shop.url}/?lang=en`);
      await tabTo(page, (f) => f.name === 'Add to cart: Rice cooker, 1.8 L', 'Add to cart');
      await page.keyboard.press('Enter');
      await page.waitForURL(/focus=add/);
      assert.match((await focused(page)).name, /^Your cart/, 'the cart’s heading, with the new item in it');
      await tabTo(page, (f) => f.name === 'Add one: Rice cooker, 1.8 L', '+');
      await page.keyboard.press('Enter');
      await page.waitForURL(/focus=inc/);
      assert.equal((await focused(page)).name, 'Add one: Rice cooker, 1.8 L');
      await page.keyboard.press('Enter');
      await page.locator('.qty-value', { hasText: '3' }).waitFor();
      assert.equal((await focused(page)).name, 'Add one: Rice cooker, 1.8 L', 'pressed again: still there');
      await tabTo(page, (f) => f.name === 'Remove: Rice cooker, 1.8 L', 'Remove');
      await page.keyboard.press('Enter');
      await page.waitForURL(/focus=remove/);
      assert.match((await focused(page)).name, /^Your cart/);
      noProblems(tab);
    } finally {
      await tab.close();
    }
  });

  it('cancel on the provider page: "Payment cancelled" on the return page, the order is not paid; the kept cart pays on a second try', async () => {
    const tab = await openTab(browser, DESKTOP);
    const { page } = tab;
    try {
      await signInToBackOffice(tab, shop); // the orders page at the end
      await page.goto(`${shop.url}/?lang=en`);
      await addToCart(page, 'Rice cooker, 1.8 L');
      await page.getByRole('link', { name: 'Checkout', exact: true }).click();
      const indodana = await plansShown(page, 'Indodana');
      await indodana.check();
      await page.getByRole('button', { name: 'Continue with Indodana' }).click();
      await payOnProviderPage(page, shop, 'Cancel');

      await page.getByText('Payment cancelled').waitFor();
      await page.getByText('Your payment with Indodana was cancelled, so nothing was charged.', { exact: false }).waitFor();
      const reference = await orderReference(page);
      assert.equal(await page.getByText('Payment confirmed').count(), 0);
      await page.getByRole('link', { name: 'Back to your cart' }).click();
      // The cart survives a failed payment, ready for another try.
      await page.getByRole('region', { name: /Your cart/ }).getByText('Rice cooker, 1.8 L').waitFor();

      // Trying again with the same provider is a new charge (a new attempt) for the same order, and it goes through.
      await page.getByRole('link', { name: 'Checkout', exact: true }).click();
      await (await plansShown(page, 'Indodana')).check();
      await page.getByRole('button', { name: 'Continue with Indodana' }).click();
      await payOnProviderPage(page, shop, 'Pay');
      await page.getByText('Payment confirmed').waitFor();
      const again = await orderReference(page);
      assert.equal(again, reference, 'one order reference for the cart, whatever the attempts');
      const charges = shop.simulator.charges().filter((c) => c.reference_id === reference);
      assert.deepEqual(charges.map((c) => c.status), ['FAILED', 'SUCCEEDED'], 'two charges: the cancelled one, then the paid one');

      await page.goto(`${shop.url}/orders?lang=en`);
      await orderShows(page, reference, 'Paid');
      assert.equal(shop.state.orders.get(reference)?.status, 'SUCCEEDED');
      noProblems(tab);
    } finally {
      await tab.close();
    }
  });
});
