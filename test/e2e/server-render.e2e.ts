/**
 * The checkout and the return page rendered by the companion, in Chromium: the page's HTML holds
 * the plans; the element takes them over with no companion request and no layout shift; without
 * JavaScript a shopper chooses, pays on the provider's page and sees the result; a choice made
 * before the script ran is kept.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { DemoShop } from '../../demo/shop.js';
import { cartAtCheckout, focused, noProblems, openTab, payOnProviderPage, PHONE, plansShown, withShopAndBrowser } from './helpers.js';

describe('server-rendered checkout (Chromium)', () => {
  let shop: DemoShop;
  let browser: Browser;
  withShopAndBrowser((s, b) => ([shop, browser] = [s, b]));

  it('the checkout page\u2019s HTML holds the plans inside a declarative shadow root, with the signed quote', async () => {
    const cart = await cartAtCheckout(shop, 'sepatu-kanvas');
    const page = await (await fetch(`${shop.url}/checkout?cart=${cart}&lang=id`)).text();
    const root = /<paylater-checkout[^>]*><template shadowrootmode="open">([\s\S]*?)<\/template>/.exec(page)?.[1];
    assert.ok(root, 'a declarative shadow root in <paylater-checkout>');
    for (const provider of ['Kredivo', 'Akulaku', 'Indodana', 'Atome', 'UangMe']) assert.match(root, new RegExp(`>${provider}<`));
    // Rupiah amounts in Indonesian, the form that works without JavaScript, and its quote.
    assert.match(root, /Rp\s459\.000/);
    assert.match(root, /<form part="form" method="post" action="\/paylater\/charges\/form"/);
    assert.match(root, /<input type="hidden" name="quote" value="v1\./);
    assert.match(page, /<script type="application\/json">\{"checkout":/);
  });

  it('with JavaScript: plans painted from the page, taken over with no companion request and no layout shift', async () => {
    const cart = await cartAtCheckout(shop, 'sepatu-kanvas');
    const tab = await openTab(browser, PHONE);
    const { page } = tab;
    try {
      const asked: string[] = [];
      page.on('request', (request) => {
        if (request.url().includes('/paylater/')) asked.push(request.url());
      });
      await page.addInitScript(() => {
        (window as unknown as { shift: number }).shift = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) if (!entry.hadRecentInput) (window as unknown as { shift: number }).shift += entry.value;
        }).observe({ type: 'layout-shift', buffered: true });
      });
      await page.goto(`${shop.url}/checkout?cart=${cart}&lang=en`);
      await page.waitForFunction(() => customElements.get('paylater-checkout') && (document.querySelector('paylater-checkout') as unknown as { hasUpdated: boolean }).hasUpdated);
      const kredivo = await plansShown(page, 'Kredivo');
      await page.waitForTimeout(300);
      assert.deepEqual(asked, [], 'no companion request before a choice');
      assert.equal(await page.evaluate(() => (window as unknown as { shift: number }).shift), 0, 'layout shift');
      // And the element works: choose, continue, the provider's page.
      await kredivo.check();
      await page.getByRole('button', { name: 'Continue with Kredivo' }).click();
      await payOnProviderPage(page, shop, 'Pay');
      await page.getByText('Payment confirmed').waitFor();
      noProblems(tab);
    } finally {
      await tab.close();
    }
  });

  it('keeps a provider chosen before the script ran', async () => {
    const cart = await cartAtCheckout(shop, 'sepatu-kanvas');
    const tab = await openTab(browser, PHONE);
    const { page } = tab;
    try {
      // The element's script held back until the shopper has chosen.
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route('**/cdn/paylater-checkout.js', async (route) => {
        await held;
        await route.continue();
      });
      await page.goto(`${shop.url}/checkout?cart=${cart}&lang=en`, { waitUntil: 'commit' });
      const akulaku = page.getByRole('radio', { name: /^Akulaku/ });
      await akulaku.check();
      // The sort and tenor controls, which need the script, are hidden until it runs (their room
      // kept): a choice there would do nothing, then be undone.
      const controls = () =>
        page.evaluate(() => {
          const root = document.querySelector('paylater-checkout')!.shadowRoot!;
          return [...root.querySelectorAll('.sort, .tenors')].map((el) => getComputedStyle(el).visibility);
        });
      const before = await controls();
      assert.ok(before.length > 0 && before.every((v) => v === 'hidden'), `before the script: ${before}`);
      assert.equal(await page.getByRole('combobox').count() + (await page.getByRole('radio', { name: /^\d+×$/ }).count()), 0, 'nothing to operate before the script');
      release();
      await page.waitForFunction(() => (document.querySelector('paylater-checkout') as unknown as { hasUpdated?: boolean }).hasUpdated === true);
      assert.equal(await page.getByRole('radio', { name: /^Akulaku/ }).isChecked(), true);
      // And the focus stays where the shopper left it: on that radio.
      assert.deepEqual(await focused(page), { tag: 'input', type: 'radio', name: 'Akulaku', checked: true });
      await page.getByRole('button', { name: 'Continue with Akulaku' }).waitFor();
      assert.ok((await controls()).every((v) => v === 'visible'), 'the controls once the script runs');
      noProblems(tab);
    } finally {
      await tab.close();
    }
  });

  it('without JavaScript: choose a plan, pay on the provider\u2019s page, see the result (in Indonesian)', async () => {
    const cart = await cartAtCheckout(shop, 'sepatu-kanvas');
    const tab = await openTab(browser, { ...PHONE, javaScriptEnabled: false });
    const { page } = tab;
    try {
      await page.goto(`${shop.url}/checkout?cart=${cart}&lang=id`);
      // Sorting and tenor filters need the script: not offered.
      assert.equal(await page.getByRole('combobox').count(), 0);
      // Nothing chosen: the browser asks for a choice and nothing is sent.
      await page.getByRole('button', { name: 'Pilih penyedia' }).click();
      assert.match(page.url(), /\/checkout\?/);
      await page.getByRole('radio', { name: /^Kredivo/ }).check();
      // Chosen: the button says so, with no script to change it.
      await page.getByRole('button', { name: 'Lanjut', exact: true }).click();
      await payOnProviderPage(page, shop, 'Pay');
      // The return page reloads itself until the payment is confirmed.
      await page.getByText('Pembayaran berhasil', { exact: false }).first().waitFor({ timeout: 15_000 });
      noProblems(tab);
    } finally {
      await tab.close();
    }
  });

  it('without JavaScript: an expired choice comes back as a page in the form\u2019s language with the way back', async () => {
    const cart = await cartAtCheckout(shop, 'sepatu-kanvas');
    const answer = await fetch(`${shop.url}/paylater/charges/form`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: shop.url, referer: `${shop.url}/checkout?cart=${cart}&lang=id` },
      body: 'quote=v1.bad.quote&plan=plp_1&locale=id',
    });
    assert.equal(answer.status, 400);
    assert.match(answer.headers.get('content-type') ?? '', /text\/html/);
    const body = await answer.text();
    assert.match(body, /<html lang="id">/);
    assert.match(body, /Pilihan pembayaran ini sudah kedaluwarsa\. Kembali ke halaman pembayaran untuk melihatnya lagi\./);
    assert.match(body, new RegExp(`href="${shop.url.replace(/[.]/g, '\\.')}/checkout\\?cart=${cart}&amp;lang=id"`));
    // A post from another site is refused, also as a page.
    const foreign = await fetch(`${shop.url}/paylater/charges/form`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: 'quote=v1.bad.quote&plan=plp_1',
    });
    assert.equal(foreign.status, 403);
    assert.match(await foreign.text(), /<!doctype html>/);
  });
});
