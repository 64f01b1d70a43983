/**
 * End-to-end helpers: the demo shop in this process on a free port, Debian's Chromium driven by
 * playwright-core, and the steps a shopper takes. Locators go by role and accessible name; they
 * pierce the elements' shadow roots.
 */
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { staleReason } from '../../demo/ensure-build.mjs';
import { startDemoShop, type DemoShop } from '../../demo/shop.js';

export const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((p): p is string => !!p && existsSync(p));

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 900 }, locale: 'en-US' };
export const PHONE: BrowserContextOptions = {
  viewport: { width: 375, height: 812 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'en-US',
  userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36',
};

/** Step timeout: everything runs locally; a step slower than this (even on a loaded CI machine) is a failure. */
export const STEP_MS = 15_000;

export async function startShop(): Promise<DemoShop> {
  const stale = staleReason();
  if (stale) console.warn(`[e2e] dist/ looks stale (${stale}); \`npm run test:e2e\` builds it first.`);
  return startDemoShop({ port: 0, refundSettleMs: 300 });
}

export async function launchBrowser(): Promise<Browser> {
  assert.ok(CHROMIUM, 'Chromium not found: apt-get install chromium (or set CHROMIUM_PATH)');
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/**
 * A demo shop and Chromium for the describe block this is called in: started before its tests
 * (then handed to `use`), closed after them.
 */
export function withShopAndBrowser(use: (shop: DemoShop, browser: Browser) => void): void {
  let shop: DemoShop | undefined;
  let browser: Browser | undefined;
  before(async () => {
    [shop, browser] = await Promise.all([startShop(), launchBrowser()]);
    use(shop, browser);
  });
  after(async () => {
    await browser?.close();
    await shop?.close();
  });
}

export interface Tab {
  page: Page;
  context: BrowserContext;
  /** Console errors, page errors and CSP violations seen so far. */
  problems: string[];
  close(): Promise<void>;
}

export async function openTab(browser: Browser, options: BrowserContextOptions): Promise<Tab> {
  const context = await browser.newContext(options);
  context.setDefaultTimeout(STEP_MS);
  context.setDefaultNavigationTimeout(STEP_MS);
  const page = await context.newPage();
  const problems: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`));
  return { page, context, problems, close: () => context.close() };
}

/** A new cart with `product`, shown at checkout (the demo fixes the order reference there); its id. */
export async function cartAtCheckout(shop: DemoShop, product: string): Promise<string> {
  const added = await fetch(`${shop.url}/cart`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: shop.url },
    body: `action=add&product=${encodeURIComponent(product)}&lang=en`,
  });
  const cartId = new URL(added.headers.get('location')!, shop.url).searchParams.get('cart')!;
  assert.equal((await fetch(`${shop.url}/checkout?cart=${cartId}&lang=en`)).status, 200);
  return cartId;
}

/** Lets the tab's browser into the shop's back office (`/orders`): opens the link the shop prints at start. */
export async function signInToBackOffice(tab: Tab, shop: DemoShop) {
  const response = await tab.page.goto(shop.backOfficeUrl);
  assert.equal(response?.status(), 200, 'the back office link opens the orders page');
  assert.doesNotMatch(tab.page.url(), /[?&]key=/, 'the key leaves the address bar');
}

/** The back office's cookie (`name=value`) for requests made with fetch. */
export async function backOfficeCookie(shop: DemoShop): Promise<string> {
  const response = await fetch(shop.backOfficeUrl, { redirect: 'manual' });
  assert.equal(response.status, 303);
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  assert.ok(cookie, 'the back office link sets a cookie');
  return cookie;
}

// ------------------------------------------------------------ shopper steps

export async function addToCart(page: Page, product: string, how: 'click' | 'tap' = 'click', label = 'Add to cart') {
  const button = page.getByRole('button', { name: `${label}: ${product}`, exact: true });
  await button[how]();
  await page.waitForURL(/[?&]cart=/);
}

/** The plans are on screen: the radio of `provider` is there and enabled. */
export async function plansShown(page: Page, provider: string): Promise<Locator> {
  const radio = page.getByRole('radio', { name: new RegExp(`^${provider}(,|$)`) });
  await radio.waitFor();
  assert.equal(await radio.isEnabled(), true, `${provider} should be available`);
  return radio;
}

export async function payOnProviderPage(page: Page, shop: DemoShop, button: 'Pay' | 'Cancel', how: 'click' | 'tap' = 'click') {
  await page.waitForURL((url) => url.href.startsWith(`${shop.xenditUrl}/checkout/`));
  await page.getByRole('button', { name: button, exact: true })[how]();
  await page.waitForURL((url) => url.href.startsWith(`${shop.url}/return?`));
}

/** The order number the return page names ("Order TP-…"). */
export async function orderReference(page: Page): Promise<string> {
  const line = await page.getByText(/^Order TP-/).first().textContent();
  const reference = line?.match(/TP-[\w-]+/)?.[0];
  assert.ok(reference, `no order number on the return page: ${line}`);
  return reference;
}

/** The order's card on the orders page. */
export function orderCard(page: Page, reference: string): Locator {
  return page.getByRole('article', { name: new RegExp(`^(Order|Pesanan) ${reference}$`) });
}

/** Waits until the order's card shows `status` (the orders page reloads itself while a refund is pending). */
export async function orderShows(page: Page, reference: string, status: string, ms = STEP_MS) {
  await orderCard(page, reference).locator('.badge').filter({ hasText: status }).waitFor({ timeout: ms });
}

// ------------------------------------------------------------ keyboard

/** The focused element, through shadow roots: its role-ish tag and its accessible-ish name. */
export async function focused(page: Page): Promise<{ tag: string; type: string; name: string; checked: boolean }> {
  return page.evaluate(() => {
    let element: Element | null = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    if (!element) return { tag: '', type: '', name: '', checked: false };
    const input = element as HTMLInputElement;
    const name = (element.getAttribute('aria-label') ?? element.textContent ?? '').replace(/\s+/g, ' ').trim();
    return { tag: element.tagName.toLowerCase(), type: input.type ?? '', name, checked: input.checked === true };
  });
}

/** Presses Tab until the focused element matches, or fails after `max` presses. */
export async function tabTo(page: Page, match: (f: Awaited<ReturnType<typeof focused>>) => boolean, what: string, max = 60) {
  const seen: string[] = [];
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    if (match(now)) return now;
    seen.push(`${now.tag}:${now.name.slice(0, 40)}`);
  }
  assert.fail(`Tab never reached ${what}; focus went through: ${seen.join(' | ')}`);
}

export function noProblems(tab: Tab) {
  assert.deepEqual(tab.problems, [], 'console errors, page errors or CSP violations');
}
