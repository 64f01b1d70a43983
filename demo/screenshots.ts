/**
 * Screenshots of the demo shop's pages, to look at (nothing is asserted): 320, 375 and 1280 px wide,
 * English and Indonesian, light (and a few dark), into `.screenshots/demo/` (gitignored).
 *
 *   node --import tsx demo/screenshots.ts
 *
 * Orders in every state are made through the shop's own routes, the companion's wire API and the
 * simulated provider page's Pay/Cancel forms, exactly as a browser would.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from './ensure-build.mjs';

ensureBuilt();
const { chromium } = await import('playwright-core');
const { startDemoShop } = await import('./shop.js');

const out = fileURLToPath(new URL('../.screenshots/demo/', import.meta.url));
rmSync(out, { recursive: true, force: true });
mkdirSync(`${out}screens`, { recursive: true });

const shop = await startDemoShop({ port: 0, refundSettleMs: 50 });
/** The back office's cookie, from the link the shop prints at start (the orders page needs it). */
const backOfficeCookie = (await fetch(shop.backOfficeUrl, { redirect: 'manual' })).headers.get('set-cookie')!.split(';')[0]!;

/** A cart with these products (id → quantity), as the shop's forms make it. */
async function makeCart(lines: Record<string, number>): Promise<string> {
  let cart = '';
  for (const [product, quantity] of Object.entries(lines)) {
    for (let i = 0; i < quantity; i += 1) {
      const form = new URLSearchParams({ product, action: 'add', lang: 'en', ...(cart ? { cart } : {}) });
      const response = await fetch(`${shop.url}/cart`, { method: 'POST', body: form, redirect: 'manual' });
      cart = new URL(response.headers.get('location')!, shop.url).searchParams.get('cart')!;
    }
  }
  return cart;
}

/** Plans → charge → the provider page's Pay or Cancel; returns the return page's URL. */
async function pay(cart: string, channel: string, button: 'pay' | 'cancel'): Promise<string> {
  await fetch(`${shop.url}/checkout?cart=${cart}`);
  const post = (path: string, body: unknown) =>
    fetch(`${shop.url}/paylater/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json() as Promise<any>);
  const plans = await post('plans', { checkout: cart });
  const provider = plans.providers.find((p: { channel_code: string }) => p.channel_code === channel);
  const charge = await post('charges', { quote: plans.quote, plan_id: provider.plan_id });
  const done = await fetch(`${new URL(charge.checkout_url.desktop).href.split('?')[0]}/${button}`, { method: 'POST', redirect: 'manual' });
  await shop.simulator.whenIdle();
  return done.headers.get('location')!;
}

/** A PLN bill for `number` on /listrik: inquiry → plans → charge → Pay; returns the return page's URL. */
async function payBill(product: string, number: string, channel: string): Promise<string> {
  const post = (path: string, body: unknown) =>
    fetch(`${shop.url}/paylater/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json() as Promise<any>);
  const inquiry = await post('bills/inquiry', { product_id: product, customer_number: number });
  const plans = await post('plans', { checkout: inquiry.checkout });
  const provider = plans.providers.find((p: { channel_code: string }) => p.channel_code === channel);
  const charge = await post('charges', { quote: plans.quote, plan_id: provider.plan_id });
  const done = await fetch(`${new URL(charge.checkout_url.desktop).href.split('?')[0]}/pay`, { method: 'POST', redirect: 'manual' });
  await shop.simulator.whenIdle();
  return done.headers.get('location')!;
}

const paidReturn = await pay(await makeCart({ 'sepatu-kanvas': 1, 'pln-token-50k': 1 }), 'ID_KREDIVO', 'pay');
const failedReturn = await pay(await makeCart({ earbuds: 1 }), 'ID_AKULAKU', 'cancel');
const refunded = await makeCart({ 'rice-cooker': 1 });
await pay(refunded, 'ID_INDODANA', 'pay');
const refundedOrder = [...shop.state.orders.values()].find((o) => o.cartId === refunded)!;
await fetch(`${shop.url}/orders/refund`, {
  method: 'POST',
  headers: { origin: shop.url, cookie: backOfficeCookie },
  body: new URLSearchParams({ reference: refundedOrder.reference, lang: 'en' }),
  redirect: 'manual',
});
await shop.simulator.whenIdle();
const tokenReturn = await payBill('PLN_PREPAID_50K', '12345678910', 'ID_KREDIVO');
const receiptReturn = await payBill('PLN_POSTPAID', '22345678910', 'ID_INDODANA');
const refusedReturn = await payBill('PLN_PREPAID_50K', '12345678919', 'ID_AKULAKU');
const cart = await makeCart({ 'kopi-gayo': 2, 'kemeja-batik': 1, 'pln-token-50k': 1 });

const executablePath = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((p) => existsSync(p));
const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const problems: string[] = [];
let count = 0;

async function shot(name: string, path: string, width: number, lang: 'en' | 'id', options: { dark?: boolean; ready?: string; withLang?: boolean } = {}) {
  const phone = width < 600;
  const context = await browser.newContext({
    viewport: { width, height: phone ? 812 : 900 },
    deviceScaleFactor: 1,
    isMobile: phone,
    hasTouch: phone,
    colorScheme: options.dark ? 'dark' : 'light',
    locale: lang === 'id' ? 'id-ID' : 'en-US',
  });
  if (path.startsWith('/orders')) {
    const [name, value] = backOfficeCookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: `${shop.url}/orders` }]);
  }
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`${name}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`${name}: ${e.message}`));
  const url = new URL(path, shop.url);
  if (options.withLang !== false) url.searchParams.set('lang', lang);
  await page.goto(url.href);
  if (options.ready) await page.locator(options.ready).first().waitFor({ timeout: 10_000 });
  const file = `${name}-${width}-${lang}${options.dark ? '-dark' : ''}`;
  await page.screenshot({ path: `${out}${file}.png`, fullPage: true, animations: 'disabled' });
  count += 1;
  if (phone) {
    // A long phone page scaled down is unreadable: also one screen at a time.
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    for (let y = 0, i = 1; y < height; y += 812, i += 1) {
      await page.screenshot({ path: `${out}screens/${file}-${i}.png`, fullPage: true, clip: { x: 0, y, width, height: Math.min(812, height - y) }, animations: 'disabled' });
    }
  }
  await context.close();
}

const plansReady = 'paylater-checkout >> input[type=radio]';
for (const width of [320, 375, 1280]) {
  for (const lang of ['en', 'id'] as const) {
    await shot('shop', '/', width, lang);
    await shot('cart', `/?cart=${cart}#cart`, width, lang);
    await shot('checkout', `/checkout?cart=${cart}`, width, lang, { ready: plansReady });
    await shot('return-paid', paidReturn, width, lang, { ready: 'paylater-status >> [part~="succeeded"]' });
    await shot('return-failed', failedReturn, width, lang, { ready: 'paylater-status >> [part~="failed"]' });
    await shot('orders', '/orders', width, lang);
    await shot('listrik', '/listrik', width, lang, { ready: 'paylater-bill-inquiry >> input[type=radio]' });
    await shot('return-token', tokenReturn, width, lang, { ready: 'paylater-status >> [part~="token"]' });
    await shot('return-receipt', receiptReturn, width, lang, { ready: 'paylater-status >> [part~="receipt"]' });
    await shot('return-bill-refunded', refusedReturn, width, lang, { ready: 'paylater-status >> [part~="failed"]' });
  }
  await shot('listrik', '/listrik', width, 'id', { dark: true, ready: 'paylater-bill-inquiry >> input[type=radio]' });
  await shot('cdn', '/cdn.html', width, 'en', { ready: plansReady, withLang: false });
  await shot('shop', `/?cart=${cart}`, width, 'id', { dark: true });
  await shot('checkout', `/checkout?cart=${cart}`, width, 'en', { dark: true, ready: plansReady });
  await shot('orders', '/orders', width, 'en', { dark: true });
}

await browser.close();
await shop.close();
console.log(`${count} screenshots in ${out}`);
if (problems.length) {
  console.log(`Problems seen:\n  ${problems.join('\n  ')}`);
  process.exitCode = 1;
}
