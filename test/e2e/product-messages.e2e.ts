/**
 * The demo's product page with a PayLater message under every price (the self-contained classic
 * script): nothing moves when the terms arrive, on a narrow and a usual phone and a desktop; one
 * terms request for the whole page; choosing a quantity changes the message at once, with no request.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { DemoShop } from '../../demo/shop.js';
import { noProblems, openTab, PHONE, withShopAndBrowser } from './helpers.js';

describe('demo: product messages (Chromium)', () => {
  let shop: DemoShop;
  let browser: Browser;
  withShopAndBrowser((s, b) => ([shop, browser] = [s, b]));

  for (const [width, lang] of [
    [320, 'id'],
    [375, 'en'],
    [1280, 'id'],
  ] as const) {
    it(`${width} px, ${lang}: the messages take their reserved place (no layout shift), one terms request; a quantity changes the figure at once`, async () => {
      const tab = await openTab(browser, width < 600 ? { ...PHONE, viewport: { width, height: 740 } } : { viewport: { width, height: 900 } });
      const { page } = tab;
      try {
        const terms: string[] = [];
        page.on('request', (request) => {
          if (new URL(request.url()).pathname === '/paylater/terms') terms.push(request.url());
        });
        // The terms arrive after the page is painted (as on a real network), so a missing reservation shows.
        await page.route('**/paylater/terms?*', async (route) => {
          await new Promise((resolve) => setTimeout(resolve, 500));
          await route.continue();
        });
        await page.addInitScript(() => {
          (window as unknown as { __cls: number }).__cls = 0;
          new PerformanceObserver((list) => {
            for (const entry of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean }>) {
              // Every shift from the first paint on. The demo's pages hold their first paint until
              // the main content is parsed (`<link rel="expect" blocking="render">`): before that, a
              // loaded machine painted a card with its form half parsed, and the card's rows
              // settled when the rest arrived (the form 68 → 122 px, the message above it moved).
              if (entry.hadRecentInput) continue;
              (window as unknown as { __cls: number }).__cls += entry.value;
              const sources = (entry as unknown as { sources: Array<{ node?: Node; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly }> }).sources;
              // What moved inside the product list (a message, or what is below one in its card).
              for (const source of sources) {
                if (!source.node || !(source.node as Element).closest?.('.products')) continue;
                ((window as unknown as { __shifted: string[] }).__shifted ??= []).push(
                  `${source.node.nodeName}.${(source.node as Element).className} y ${source.previousRect.y}→${source.currentRect.y} h ${source.previousRect.height}→${source.currentRect.height}`,
                );
              }
            }
          }).observe({ type: 'layout-shift', buffered: true });
          // The messages' heights before the terms arrive (the answer is held back 500 ms).
          addEventListener('DOMContentLoaded', () => requestAnimationFrame(() => {
            (window as unknown as { __before: number[] }).__before = [...document.querySelectorAll('.product paylater-message')].map((m) => m.getBoundingClientRect().height);
          }));
        });
        await page.goto(`${shop.url}/?lang=${lang}`);
        const first = page.locator('.product paylater-message').first();
        await first.locator('[part~="amount"]').waitFor();
        await page.waitForTimeout(300);
        const shifted = await page.evaluate(() => (window as unknown as { __shifted?: string[] }).__shifted ?? []);
        const cls = await page.evaluate(() => (window as unknown as { __cls: number }).__cls);
        assert.deepEqual(shifted, [], `layout shift in the product list while the messages appeared (page total ${cls})`);
        const [before, after] = await page.evaluate(() => [
          (window as unknown as { __before: number[] }).__before,
          [...document.querySelectorAll('.product paylater-message')].map((m) => m.getBoundingClientRect().height),
        ]);
        assert.ok(before!.length >= 6 && before!.every((h) => h > 0), 'the messages had their place before the terms');
        assert.deepEqual(after, before, 'each message takes exactly the place it had before the terms');
        assert.equal(terms.length, 1);
        const figure = await first.locator('[part~="amount"]').textContent();
        await page.locator('select[name=quantity]').first().selectOption('3');
        await page.waitForFunction((text) => document.querySelector('.product paylater-message')!.shadowRoot!.querySelector('[part~="amount"]')!.textContent !== text, figure);
        assert.equal(terms.length, 1, 'a quantity change asks nothing');
        noProblems(tab);
      } finally {
        await tab.close();
      }
    });
  }
});
