/**
 * `<paylater-message>` from the CDN build, on product pages of the merchant's own (served from the
 * demo shop's origin, under the shop's strict CSP): the classic script alone, with no other bundle,
 * and the ES module beside `paylater-checkout.js`. Each shows the line, and "See plans" loads the
 * dialog's file (only then) and opens the dialog with every provider's table.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { CSP, type DemoShop } from '../../demo/shop.js';
import { DESKTOP, focused, noProblems, openTab, PHONE, withShopAndBrowser } from './helpers.js';

const integrity = JSON.parse(readFileSync(new URL('../../dist/cdn/integrity.json', import.meta.url), 'utf8')) as Record<string, string>;

/** A product page of the merchant's own at `path`, served from the shop's origin with the shop's CSP. */
async function productPage(page: Page, shop: DemoShop, path: string, lang: string, head: string) {
  await page.route(`${shop.url}${path}`, (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      headers: { 'content-security-policy': CSP },
      body: `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Batik parang shirt</title>${head}</head>
        <body><main><h1>Batik parang shirt</h1><p>Rp 1,500,000</p>
        <paylater-message endpoint="/paylater" amount="1500000"></paylater-message>
        <p id="below">Free delivery in Jakarta.</p></main></body></html>`,
    }),
  );
  // Layout shifts of the page from its start (the line keeps its height until the terms arrive).
  await page.addInitScript(() => {
    const shifts: number[] = ((window as unknown as { shifts: number[] }).shifts = []);
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) shifts.push((entry as PerformanceEntry & { value: number }).value);
    }).observe({ type: 'layout-shift', buffered: true });
  });
  const loaded: string[] = [];
  page.on('request', (request) => loaded.push(request.url()));
  await page.goto(`${shop.url}${path}`);
  return loaded;
}

/** The requests' paths on the shop's origin; fails on a request to any other origin. */
function paths(loaded: string[], shop: DemoShop): string[] {
  for (const url of loaded) assert.equal(new URL(url).origin, shop.url, `a request elsewhere: ${url}`);
  return loaded.map((url) => new URL(url).pathname);
}

/** The line as a shopper reads it. */
const lineText = (page: Page) => page.locator('paylater-message [part~="base"]').innerText();

/** "See plans" → the dialog, named by its title, with a table per provider; Escape closes it and focus goes back. */
async function seePlans(page: Page, words: { see: string; title: RegExp; column: string }) {
  const see = page.getByRole('button', { name: words.see });
  await see.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: words.title });
  await dialog.waitFor();
  const providers = await dialog.getByRole('heading', { level: 3 }).allInnerTexts();
  assert.deepEqual([...providers].sort(), ['Akulaku', 'Atome', 'Indodana', 'Kredivo', 'UangMe']);
  assert.equal(await dialog.getByRole('table').count(), 5);
  assert.equal(await dialog.getByRole('columnheader', { name: words.column }).count(), 5);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  assert.equal((await focused(page)).name, words.see);
}

describe('<paylater-message> from the CDN (Chromium)', () => {
  let shop: DemoShop;
  let browser: Browser;
  withShopAndBrowser((s, b) => ([shop, browser] = [s, b]));

  for (const [device, options] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    it(`paylater-message.iife.js alone on a product page (${device}): the line, no layout shift, and "See plans" loading the dialog`, async () => {
      const tab = await openTab(browser, options);
      const { page } = tab;
      try {
        const script = `<script src="/cdn/paylater-message.iife.js" integrity="${integrity['paylater-message.iife.js']}" crossorigin="anonymous"></script>`;
        const loaded = await productPage(page, shop, '/product.html', 'en', script);
        await page.locator('paylater-message [part~="amount"]').waitFor();
        assert.match(await lineText(page), /^or from Rp\s[\d,]+\/month with [A-Za-z]+/);
        assert.deepEqual(await page.evaluate(() => (window as unknown as { shifts: number[] }).shifts), [], 'no layout shift');
        // One script, one terms request, nothing else of the widget (no checkout, no dialog yet).
        const before = paths(loaded, shop).filter((path) => path !== '/product.html' && path !== '/favicon.ico');
        assert.deepEqual(before, ['/cdn/paylater-message.iife.js', '/paylater/terms']);
        assert.equal(await page.evaluate(() => !!customElements.get('paylater-checkout')), false);

        await seePlans(page, { see: 'See plans', title: /^PayLater plans for Rp\s1,500,000$/, column: 'Each payment' });
        assert.equal(paths(loaded, shop).filter((path) => path === '/cdn/paylater-message-dialog.js').length, 1);
        // Opened again: from the file already loaded.
        await page.getByRole('button', { name: 'See plans' }).click();
        await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
        assert.equal(paths(loaded, shop).filter((path) => path.startsWith('/cdn/')).length, 2);
        assert.deepEqual(await page.context().cookies(), [], 'no cookies');
        noProblems(tab);
      } finally {
        await tab.close();
      }
    });
  }

  it('paylater-message.js beside paylater-checkout.js (ES modules), in Indonesian: the line and the dialog', async () => {
    const tab = await openTab(browser, DESKTOP);
    const { page } = tab;
    try {
      const scripts = ['paylater-checkout.js', 'paylater-message.js']
        .map((file) => `<script type="module" src="/cdn/${file}" integrity="${integrity[file]}" crossorigin="anonymous"></script>`)
        .join('');
      const loaded = await productPage(page, shop, '/produk.html', 'id', scripts);
      await page.locator('paylater-message [part~="amount"]').waitFor();
      assert.match(await lineText(page), /^atau cicil mulai Rp\s[\d.]+\/bln dengan [A-Za-z]+/);
      assert.ok(!paths(loaded, shop).includes('/cdn/paylater-message-dialog.js'), 'the dialog file waits for "See plans"');

      await seePlans(page, { see: 'Lihat pilihan', title: /^Pilihan cicilan untuk Rp\s1\.500\.000$/, column: 'Cicilan' });
      const cdn = paths(loaded, shop).filter((path) => path.startsWith('/cdn/'));
      assert.deepEqual(cdn.sort(), ['/cdn/paylater-checkout.js', '/cdn/paylater-message-dialog.js', '/cdn/paylater-message.js']);
      noProblems(tab);
    } finally {
      await tab.close();
    }
  });

  it('a language file before the classic script: the line and the dialog (a file of its own) both in Thai', async () => {
    const tab = await openTab(browser, DESKTOP);
    const { page } = tab;
    try {
      const scripts = ['locales/th.js', 'paylater-message.iife.js']
        .map((file) => `<script src="/cdn/${file}" integrity="${integrity[file]}" crossorigin="anonymous"></script>`)
        .join('');
      await productPage(page, shop, '/product-th.html', 'th', scripts);
      await page.locator('paylater-message [part~="amount"]').waitFor();
      assert.match(await lineText(page), /^หรือผ่อนเริ่มต้น /);
      await seePlans(page, { see: 'ดูแผน', title: /^แผน PayLater สำหรับ /, column: 'ต่องวด' });
      noProblems(tab);
    } finally {
      await tab.close();
    }
  });
});
