/**
 * The demo on the narrowest phones (320 × 640 and 375 × 667, touch), in Indonesian and English:
 * every page a shopper reaches (the shop with a cart, the checkout, the simulator's provider page,
 * the return page after Pay, electricity), plus the CDN page, the back office's locked page and the
 * back office itself:
 * - nothing scrolls sideways (`scrollWidth` within the viewport, and the viewport not widened by a
 *   phone browser zooming out to fit wide content), and no amount breaks across lines (the
 *   widget's amounts included);
 * - every control the shopper taps in the page's own markup is at least 44 × 44 px: buttons,
 *   `[role=button]`, links standing on their own, the labels of radios and checkboxes, other
 *   inputs and selects. Exempt: links inside running text (a link in a p, li, dd or span that
 *   holds other text too), and the controls inside the widget's shadow roots (the widget's own
 *   layout, not the demo's);
 * - shopper pages show no raw codes (`PLN_PREPAID_50K`, `FEATURE_NOT_AVAILABLE`), no `SUCCEEDED`,
 *   `PENDING` or "callback", the widget's text included, and link nowhere into the back office;
 * - the back office may show Xendit's codes, but only inside `<code>`, after words that explain them.
 */
import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { PRODUCTS, type Lang } from '../../demo/catalog.js';
import type { DemoShop } from '../../demo/shop.js';
import { noProblems, openTab, PHONE, plansShown, withShopAndBrowser } from './helpers.js';

const SIZES = [
  { width: 320, height: 640 },
  { width: 375, height: 667 },
] as const;

/** A raw code (`PLN_PREPAID_50K`, `FEATURE_NOT_AVAILABLE`), a raw status, or the word "callback". */
const RAW = [/\b[A-Z]{3,}_[A-Z0-9_]+\b/, /SUCCEEDED/, /PENDING/, /callback/i];

const WORDS = {
  en: { add: 'Add to cart', continue: 'Continue with Kredivo', paid: 'Payment confirmed', meter: 'Meter number', check: 'Check' },
  id: { add: 'Tambah ke keranjang', continue: 'Lanjut dengan Kredivo', paid: 'Pembayaran berhasil', meter: 'Nomor meter', check: 'Cek' },
} as const;

interface Layout {
  scrollWidth: number;
  innerWidth: number;
  small: string[];
  /** Amounts laid out on more than one line ("Rp 2.22" / "1.200"). */
  broken: string[];
}

/**
 * Measures the page as it is laid out now (see the file's comment for what counts as a target).
 * (No named functions inside `evaluate`: tsx would wrap them in a helper the page does not have.)
 */
function measure(page: Page): Promise<Layout> {
  return page.evaluate(() => {
    const small: string[] = [];
    const seen = new Set<Element>();
    const selector = 'button, [role=button], a[href], input:not([type=hidden]), select, textarea';
    for (const control of document.querySelectorAll(selector)) {
      // A radio or checkbox is tapped through its label.
      const input = control as HTMLInputElement;
      const target: Element = input.type === 'radio' || input.type === 'checkbox' ? (input.labels?.[0] ?? control) : control;
      if (seen.has(target) || !target.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
      seen.add(target);
      const box = target.getBoundingClientRect();
      // Off the page until focused (the skip link).
      if (box.bottom + window.scrollY <= 0 || box.width === 0) continue;
      if (target.tagName === 'A') {
        const parent = target.parentElement!;
        const around = (parent.textContent ?? '').replace(/\s+/g, '').length - (target.textContent ?? '').replace(/\s+/g, '').length;
        if (around > 0 && ['P', 'LI', 'DD', 'SPAN'].includes(parent.tagName) && !target.matches('.button')) continue; // inside a sentence
      }
      if (box.width < 44 - 0.5 || box.height < 44 - 0.5) {
        const name = (target.getAttribute('aria-label') ?? target.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
        small.push(`${target.tagName.toLowerCase()} "${name}" ${Math.round(box.width)}×${Math.round(box.height)}`);
      }
    }
    // Every amount (the widget's too) on one line: its characters' boxes share one top.
    const broken: string[] = [];
    const stack: Node[] = [document.body];
    while (stack.length) {
      const node = stack.pop()!;
      if (node.nodeType === Node.TEXT_NODE) {
        for (const match of (node.textContent ?? '').matchAll(/(?:Rp|IDR|₱|PHP)\s?\d[\d.,]*\d|\d[\d.,]*\s?kWh/g)) {
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          if (tops.size > 1) broken.push(match[0]);
        }
        continue;
      }
      const element = node as Element;
      if (element.shadowRoot) stack.push(element.shadowRoot);
      stack.push(...node.childNodes);
    }
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, small, broken };
  });
}

/** The text a person sees, the open shadow roots' included; `outsideCode`: only text not inside `<code>`. */
function visibleText(page: Page, outsideCode = false): Promise<string[]> {
  return page.evaluate((outsideCode) => {
    const out: string[] = [];
    const stack: Node[] = [document.body];
    while (stack.length) {
      const node = stack.pop()!;
      if (node.nodeType === Node.TEXT_NODE) {
        const parent = node.parentElement;
        const value = node.textContent?.trim();
        if (!value || !parent || !parent.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
        if (outsideCode && parent.closest('code')) continue;
        out.push(value);
        continue;
      }
      const element = node as Element;
      if (element.tagName === 'SCRIPT' || element.tagName === 'STYLE') continue;
      if (element.shadowRoot) stack.push(element.shadowRoot);
      stack.push(...node.childNodes);
    }
    return out;
  }, outsideCode);
}

/** The checks of the file's comment on the page as it is now, at both widths. */
const AXE = readFileSync(fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url)), 'utf8');

async function check(page: Page, name: string, kind: 'shopper' | 'back-office') {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    // Two frames: the new width laid out.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const where = `${name} at ${size.width} px`;
    const layout = await measure(page);
    assert.equal(layout.innerWidth, size.width, `${where}: the phone zoomed out to fit something too wide`);
    assert.ok(layout.scrollWidth <= size.width, `${where}: scrolls sideways (${layout.scrollWidth} px wide)`);
    assert.deepEqual(layout.small, [], `${where}: tap targets smaller than 44 × 44 px`);
    assert.deepEqual(layout.broken, [], `${where}: amounts broken across lines`);
  }
  // axe-core, evaluated in the page (no script tag: the demo's CSP stays on), shadow roots included.
  if (kind === 'shopper') {
    await page.evaluate(AXE);
    const violations = await page.evaluate(async () => {
      const { violations } = await (window as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; nodes: Array<{ html: string }> }> }> } }).axe.run();
      return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html.slice(0, 120)).join(' | ')}`);
    });
    assert.deepEqual(violations, [], `${name}: axe`);
  }
  const texts = await visibleText(page, kind === 'back-office');
  for (const pattern of RAW) {
    const found = texts.filter((value) => pattern.test(value));
    assert.deepEqual(found, [], `${name}: ${kind === 'shopper' ? 'shows' : 'shows outside <code>'} ${pattern}`);
  }
  if (kind === 'shopper') {
    // (The language switch and the skip link lead to the page itself: on the locked page, /orders.)
    const links = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLAnchorElement>('a[href]:not([href^="#"])')]
        .filter((a) => !a.closest('.lang') && /^\/orders(\/|$)/.test(new URL(a.href).pathname))
        .map((a) => a.getAttribute('href')),
    );
    assert.deepEqual(links, [], `${name}: links into the back office`);
  }
}

describe('demo on a 320 and 375 px phone (Chromium)', () => {
  let shop: DemoShop;
  let browser: Browser;
  withShopAndBrowser((s, b) => ([shop, browser] = [s, b]));

  for (const lang of ['id', 'en'] as const satisfies readonly Lang[]) {
    it(`${lang}: shop with a cart → checkout → provider page → Pay → status → electricity → back office: no sideways scroll, 44 px targets, shopper words only`, async () => {
      const words = WORDS[lang];
      const tab = await openTab(browser, { ...PHONE, viewport: SIZES[0], locale: lang === 'id' ? 'id-ID' : 'en-US' });
      const { page } = tab;
      try {
        // Three long names in the cart (the rice cooker's price is the widest figure).
        await page.goto(`${shop.url}/?lang=${lang}`);
        for (const [n, id] of ['rice-cooker', 'pln-token-50k', 'sepatu-kanvas'].entries()) {
          const name = PRODUCTS.find((p) => p.id === id)!.name[lang];
          await page.getByRole('button', { name: `${words.add}: ${name}`, exact: true }).click();
          await page.locator('.cart-link .count').filter({ hasText: new RegExp(`^${n + 1}$`) }).waitFor();
        }
        await check(page, `shop (${lang})`, 'shopper');

        await page.locator('#cart').getByRole('link', { name: 'Checkout', exact: true }).click();
        await page.waitForURL(/\/checkout\?/);
        const kredivo = await plansShown(page, 'Kredivo');
        await check(page, `checkout (${lang})`, 'shopper');
        // A provider focused by the keyboard is never hidden under the sticky button bar (WCAG 2.4.11):
        // Tab to the first, then the arrow keys through the others.
        await page.evaluate(() => window.scrollTo(0, 0));
        let providers = 0;
        for (let i = 0; i < 40 && providers < 5; i++) {
          await page.keyboard.press(providers ? 'ArrowDown' : 'Tab');
          const inSight = await page.evaluate(() => {
            const root = document.querySelector('paylater-checkout')!.shadowRoot!;
            const radio = root.activeElement as HTMLInputElement | null;
            if (radio?.name !== 'plan') return null;
            const box = radio.getBoundingClientRect();
            return root.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2) === radio;
          });
          if (inSight === null) continue;
          assert.equal(inSight, true, `checkout (${lang}): the focused provider is under the button bar`);
          providers += 1;
        }
        assert.ok(providers >= 3, `checkout (${lang}): ${providers} providers reached by the keyboard`);

        await kredivo.click();
        await page.getByRole('button', { name: words.continue }).click();
        await page.waitForURL((url) => url.href.startsWith(`${shop.xenditUrl}/checkout/`));
        await page.getByRole('button', { name: 'Pay', exact: true }).waitFor();
        await check(page, `provider page (${lang} shopper)`, 'shopper');

        await page.setViewportSize(SIZES[0]);
        await page.getByRole('button', { name: 'Pay', exact: true }).click();
        await page.waitForURL((url) => url.href.startsWith(`${shop.url}/return?`));
        await page.getByText(words.paid).waitFor();
        await check(page, `return page (${lang})`, 'shopper');

        await page.goto(`${shop.url}/listrik?lang=${lang}`);
        await page.getByRole('textbox', { name: words.meter }).fill('12345678910');
        await page.getByRole('button', { name: words.check, exact: true }).click();
        await plansShown(page, 'Kredivo');
        await check(page, `electricity (${lang})`, 'shopper');

        // A shopper who types /orders: the locked page, in shopper words, with a way back to the shop.
        const locked = await page.goto(`${shop.url}/orders?lang=${lang}`);
        assert.equal(locked?.status(), 401);
        await check(page, `back office, locked (${lang})`, 'shopper');
        // Chromium logs the 401 itself as a console error: expected here.
        tab.problems.splice(0, tab.problems.length, ...tab.problems.filter((problem) => !/status of 401/.test(problem)));

        if (lang === 'en') {
          await page.goto(`${shop.url}/cdn.html`);
          await plansShown(page, 'Kredivo');
          await check(page, 'CDN page', 'shopper');
        }

        // The staff's page: laid out for the same phone; codes only in <code>.
        await page.goto(shop.backOfficeUrl);
        await page.goto(`${shop.url}/orders?lang=${lang}`);
        await page.getByRole('article').first().waitFor();
        await check(page, `back office (${lang})`, 'back-office');
        noProblems(tab);
      } finally {
        await tab.close();
      }
    });
  }
});
