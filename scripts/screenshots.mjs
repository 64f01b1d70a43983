#!/usr/bin/env node
/**
 * Screenshots of the widget as shoppers see it, into `.screenshots/` (gitignored): 375 and 1280 px
 * wide, English and Indonesian, light and dark, for the main states of `<paylater-checkout>` and
 * `<paylater-status>`, and of `<paylater-bill-inquiry>` with the bill states of the status page.
 * Not asserted: look at them.
 *
 * It builds the CDN bundle (vite), then serves a small shop page of its own: the real companion
 * (mounted with `toNodeHandler`) against the simulator's http face, the page under a strict CSP
 * (no inline script or style). CSP violations and requests to other origins are reported.
 *
 * The comparison (`comparison-*.png`): a cheap (Rp 95,000), a middle (Rp 1,500,000) and a high
 * (Rp 12,000,000) cart, at 320 and 375 px, in Indonesian and English, all tenors and one tenor
 * chosen, and a provider chosen with the continue bar at the bottom of the screen.
 *
 * Usage: npm run screenshots   (node --import tsx scripts/screenshots.mjs)
 *        npm run screenshots -- comparison   (the comparison only)
 */
import { createServer } from 'node:http';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { chromium } from 'playwright-core';
import { createCompanion } from '../src/server/index.js';
import { toNodeHandler } from '../src/server/node.js';
import { createXenditSimulator } from '../src/testing/index.js';
import { listenSimulator } from '../src/testing/node.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}.screenshots/`;
const executablePath = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((p) => existsSync(p));

await build({ configFile: `${root}vite.config.ts`, logLevel: 'warn' });
const bundle = readFileSync(`${root}dist/cdn/paylater-checkout.js`);
const billsBundle = readFileSync(`${root}dist/cdn/paylater-bills.js`);

// ------------------------------------------------------------ the shop

const item = (name, amount, quantity = 1) => ({
  type: 'PHYSICAL_PRODUCT',
  reference_id: `SKU-${name.replace(/\W+/g, '-').toUpperCase()}`,
  name,
  net_unit_amount: amount,
  quantity,
  url: 'https://shop.example/p/1',
  category: 'Fashion',
});
const customerId = { reference_id: 'customer-77', given_names: 'Siti', surname: 'Rahayu', email: 'siti@example.co.id', mobile_number: '+6281234567890', addresses: [{ country: 'ID', street_line1: 'Jl. Sudirman 1', city: 'Jakarta Selatan', postal_code: '12190' }] };
const customerPh = { reference_id: 'customer-ph-1', given_names: 'Maria', surname: 'Santos', email: 'maria@example.ph', mobile_number: '+639171234567', addresses: [{ country: 'PH', street_line1: '1 Ayala Ave', city: 'Makati', postal_code: '1226' }] };
const carts = {
  'cart-1': { reference_id: 'order-1', currency: 'IDR', amount: 1_500_000, order_items: [item('Running shoes', 750_000, 2)], customer: customerId },
  'cart-small': { reference_id: 'order-2', currency: 'IDR', amount: 30_000, order_items: [item('Socks', 30_000)], customer: customerId },
  'cart-cheap': { reference_id: 'order-4', currency: 'IDR', amount: 95_000, order_items: [item('T-shirt', 95_000)], customer: customerId },
  'cart-high': { reference_id: 'order-5', currency: 'IDR', amount: 12_000_000, order_items: [item('Laptop', 12_000_000)], customer: customerId },
  'cart-ph': { reference_id: 'order-3', currency: 'PHP', amount: 4_999.5, order_items: [item('Headphones', 4_999.5)], customer: customerPh },
};

const simulator = createXenditSimulator({ callbackRetryDelaysMs: [200] });
const xendit = await listenSimulator(simulator, { host: '127.0.0.1' });
const silent = { debug() {}, info() {}, warn() {}, error() {} };
let origin = '';
let handler;
let slowProducts = false;

const css = `:root { color-scheme: light dark; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
body { margin: 0; background: Canvas; color: CanvasText; }
header { padding: 14px 20px; border-bottom: 1px solid color-mix(in srgb, CanvasText 15%, Canvas); font-weight: 700; }
main { max-width: 720px; margin: 0 auto; padding: 20px 16px 48px; }
h1 { font-size: 1.5rem; margin: 0 0 4px; }
.lead { margin: 0 0 20px; opacity: .8; }
paylater-bill-inquiry + paylater-checkout { margin-top: 24px; }`;

/** Languages with a file of their own (`dist/cdn/locales/`), loaded by the page as a classic script. */
const ADDED = ['th', 'vi', 'fil', 'ms'];

function page(lang, body, script = '/paylater-checkout.js') {
  const locale = ADDED.includes(lang) ? `<script src="/locales/${lang}.js"></script>` : '';
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Shop</title>
<link rel="stylesheet" href="/page.css">${locale}<script type="module" src="${script}" blocking="render"></script></head>
<body><header>Toko Contoh</header><main>${body}</main></body></html>`;
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', origin);
  const lang = url.searchParams.get('lang') ?? 'en';
  const headers = {
    'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; object-src 'none'",
  };
  // The companion keeps the bill products for minutes: the loading state is held here instead.
  if (slowProducts && url.pathname === '/paylater/bills/products') return void setTimeout(() => handler(req, res), 5000);
  if (url.pathname.startsWith('/paylater/')) return void handler(req, res);
  if (url.pathname === '/favicon.ico') return void res.writeHead(204).end();
  if (url.pathname === '/paylater-checkout.js') {
    res.writeHead(200, { ...headers, 'content-type': 'text/javascript' });
    return void res.end(bundle);
  }
  const localeFile = /^\/locales\/(\w+)\.js$/.exec(url.pathname);
  if (localeFile && ADDED.includes(localeFile[1])) {
    res.writeHead(200, { ...headers, 'content-type': 'text/javascript' });
    return void res.end(readFileSync(`${root}dist/cdn/locales/${localeFile[1]}.js`));
  }
  if (url.pathname === '/paylater-bills.js') {
    res.writeHead(200, { ...headers, 'content-type': 'text/javascript' });
    return void res.end(billsBundle);
  }
  if (url.pathname === '/paylater-status.js') {
    res.writeHead(200, { ...headers, 'content-type': 'text/javascript' });
    return void res.end(readFileSync(`${root}dist/cdn/paylater-status.js`));
  }
  if (url.pathname === '/bills') {
    // The bills module imports ./paylater-checkout.js itself: one script tag registers all three tags.
    res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' });
    return void res.end(
      page(
        lang,
        `<h1>${lang === 'id' ? 'Bayar listrik' : 'Pay electricity'}</h1>
<p class="lead">${lang === 'id' ? 'Token PLN atau tagihan listrik, bayar nanti dengan PayLater.' : 'PLN tokens or your electricity bill, paid later with PayLater.'}</p>
<paylater-bill-inquiry endpoint="/paylater" checkout-target="pay"></paylater-bill-inquiry>
<paylater-checkout id="pay" endpoint="/paylater" channels="ID_KREDIVO ID_AKULAKU ID_INDODANA" hidden></paylater-checkout>`,
        '/paylater-bills.js',
      ),
    );
  }
  if (url.pathname === '/page.css') {
    res.writeHead(200, { ...headers, 'content-type': 'text/css' });
    return void res.end(css);
  }
  if (url.pathname === '/') {
    const cart = url.searchParams.get('cart') ?? 'cart-1';
    res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' });
    return void res.end(
      page(lang, `<h1>${lang === 'id' ? 'Pembayaran' : 'Checkout'}</h1>
<p class="lead">${lang === 'id' ? 'Bayar dengan cicilan PayLater.' : 'Pay in instalments with PayLater.'}</p>
<paylater-checkout endpoint="/paylater" checkout="${cart}"></paylater-checkout>`),
    );
  }
  if (url.pathname === '/return') {
    res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' });
    // The bills module on the return page too: it gives <paylater-status> its bill view (token, receipt).
    return void res.end(page(lang, `<h1>${lang === 'id' ? 'Status pembayaran' : 'Payment status'}</h1><paylater-status endpoint="/paylater" poll-interval="300"></paylater-status>`, '/paylater-bills.js'));
  }
  res.writeHead(404).end();
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
origin = `http://127.0.0.1:${server.address().port}`;
simulator.setCallbackUrl(`${origin}/paylater/webhooks/xendit`);
const companion = createCompanion({
  secretKey: 'xnd_development_simulator',
  callbackToken: 'simulator-callback-token',
  signingSecret: 'screenshots-signing-secret-0123456789abcdef',
  baseUrl: xendit.url,
  returnUrl: `${origin}/return`,
  resolveCheckout: (_request, checkout) => carts[checkout] ?? null,
  logger: silent,
  statusRefreshMs: 0,
  plansCacheTtlMs: 0,
  // Every request of these shots comes from this one address: the per-client limits would refuse them.
  rateLimits: false,
  bills: { customer: () => customerId, itemUrl: 'https://shop.example/listrik', pollIntervalMs: 100, pollTimeoutMs: 3000 },
});
handler = toNodeHandler(companion, { basePath: '/paylater' });

/** A charge made the way the widget makes it; returns its id and status token. */
let orders = 0;
async function makeCharge(cart, channel) {
  // A new order each time: the companion takes no second charge for an order that was paid.
  orders += 1;
  const checkout = `${cart}-order-${orders}`;
  carts[checkout] = { ...carts[cart], reference_id: `${carts[cart].reference_id}-${orders}` };
  const plans = await (await fetch(`${origin}/paylater/plans`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ checkout }) })).json();
  const provider = plans.providers.find((p) => p.channel_code === channel);
  const charge = await (await fetch(`${origin}/paylater/charges`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ quote: plans.quote, plan_id: provider.plan_id }) })).json();
  return charge;
}

/** A bill paid the way the shopper pays it (inquiry, plans, charge), approved on the provider's side. */
async function payBill(productId, customerNumber) {
  const post = async (path, body) => (await fetch(`${origin}/paylater/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json();
  const inquiry = await post('bills/inquiry', { product_id: productId, customer_number: customerNumber });
  const plans = await post('plans', { checkout: inquiry.checkout });
  const provider = plans.providers.find((p) => p.channel_code === 'ID_KREDIVO');
  const charge = await post('charges', { quote: plans.quote, plan_id: provider.plan_id });
  simulator.approveCharge(charge.charge_id);
  return charge;
}

// ------------------------------------------------------------ the shots

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const problems = [];
let count = 0;

async function open(width, lang, scheme, path) {
  const context = await browser.newContext({ viewport: { width, height: width < 600 ? 812 : 900 }, colorScheme: scheme, deviceScaleFactor: 1, locale: lang });
  const tab = await context.newPage();
  tab.on('console', (m) => {
    // Chromium logs every 4xx/5xx answer; the error states below (and the biller failures) ask for them on purpose.
    if (/^Failed to load resource: the server responded with a status of [45]\d\d/.test(m.text())) return;
    if (m.type() === 'error' || m.type() === 'warning' || m.text().startsWith('CSP')) problems.push(`${path} [${m.type()}] ${m.text()}`);
  });
  tab.on('pageerror', (e) => problems.push(`${path} [pageerror] ${e.message}`));
  tab.on('request', (r) => {
    if (!r.url().startsWith(origin)) problems.push(`${path}: request to another origin: ${r.url()}`);
  });
  await tab.addInitScript(() => document.addEventListener('securitypolicyviolation', (e) => console.log(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`)));
  await tab.goto(`${origin}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
  return { tab, close: () => context.close() };
}

async function shot(tab, name) {
  await tab.screenshot({ path: `${out}${name}.png`, fullPage: true, animations: 'disabled' });
  count += 1;
}

const plansReady = (tab) => tab.waitForSelector('paylater-checkout >> [part~="providers"]');
const only = process.argv[2];

// The comparison: three carts, two phone widths, two languages.
for (const [cart, size] of [['cart-cheap', 'cheap'], ['cart-1', 'middle'], ['cart-high', 'high']]) {
  for (const width of [320, 375]) {
    for (const lang of ['id', 'en']) {
      const tag = `${size}-${width}-${lang}`;
      const { tab, close } = await open(width, lang, 'light', `/?cart=${cart}`);
      await plansReady(tab);
      await shot(tab, `comparison-${tag}`);
      if (width === 375) {
        // One tenor across every provider, then a provider chosen: the bar stays on screen.
        const chips = tab.locator('paylater-checkout [part~="tenors"] label');
        if ((await chips.count()) > 2) {
          await chips.nth(2).click();
          await shot(tab, `comparison-${tag}-one-tenor`);
          await chips.first().click();
        }
        await tab.locator('paylater-checkout input[name=provider]:enabled').nth(1).check();
        await tab.screenshot({ path: `${out}comparison-${tag}-chosen-screen.png`, animations: 'disabled' });
        count += 1;
      }
      await close();
    }
  }
}
if (only === 'comparison') {
  await browser.close();
  server.closeAllConnections();
  server.close();
  await simulator.close();
  console.log(`${count} screenshots in ${out}`);
  if (problems.length) console.log(`Problems seen:\n${[...new Set(problems)].join('\n')}`);
  process.exit(problems.length ? 1 : 0);
}

for (const width of [375, 1280]) {
  for (const lang of ['en', 'id']) {
    for (const scheme of ['light', 'dark']) {
      const tag = `${width}-${lang}-${scheme}`;
      // Plans, then the second provider chosen by keyboard (focus ring visible).
      {
        const { tab, close } = await open(width, lang, scheme, '/?cart=cart-1');
        await plansReady(tab);
        await shot(tab, `checkout-plans-${tag}`);
        await tab.locator('paylater-checkout input[name=provider]').first().focus();
        await tab.keyboard.press('ArrowDown');
        await shot(tab, `checkout-selected-${tag}`);
        await close();
      }
      // Providers unavailable for a small order.
      {
        const { tab, close } = await open(width, lang, scheme, '/?cart=cart-small');
        await plansReady(tab);
        await shot(tab, `checkout-small-order-${tag}`);
        await close();
      }
      // Status: pending, then confirmed.
      {
        const charge = await makeCharge('cart-1', 'ID_KREDIVO');
        const { tab, close } = await open(width, lang, scheme, `/return?paylater_token=${charge.status_token}`);
        await tab.waitForSelector('paylater-status >> [part~="pending"] [part~="message"]');
        await shot(tab, `status-pending-${tag}`);
        simulator.approveCharge(charge.charge_id);
        await tab.waitForSelector('paylater-status >> [part~="succeeded"]');
        await shot(tab, `status-succeeded-${tag}`);
        await close();
      }
    }
  }
}

// The added languages on a phone: plans with a provider chosen, and a confirmed payment
// (Filipino with the PHP order).
for (const lang of ADDED) {
  const tag = `375-${lang}-light`;
  {
    const { tab, close } = await open(375, lang, 'light', `/?cart=${lang === 'fil' ? 'cart-ph' : 'cart-1'}`);
    await plansReady(tab);
    await tab.locator('paylater-checkout input[name=provider]').first().focus();
    await tab.keyboard.press('Space');
    await shot(tab, `checkout-selected-${tag}`);
    await close();
  }
  {
    const charge = await makeCharge('cart-1', 'ID_KREDIVO');
    simulator.approveCharge(charge.charge_id);
    const { tab, close } = await open(375, lang, 'light', `/return?paylater_token=${charge.status_token}`);
    await tab.waitForSelector('paylater-status >> [part~="succeeded"]');
    await shot(tab, `status-succeeded-${tag}`);
    await close();
  }
}

// Fewer variants of the remaining states: each width, English light and Indonesian dark.
for (const width of [375, 1280]) {
  for (const [lang, scheme] of [['en', 'light'], ['id', 'dark']]) {
    const tag = `${width}-${lang}-${scheme}`;
    {
      const fault = simulator.injectFault({ route: 'plans', latencyMs: 5000 });
      const { tab, close } = await open(width, lang, scheme, '/?cart=cart-1');
      await tab.waitForSelector('paylater-checkout >> [part~="skeleton"]');
      await shot(tab, `checkout-loading-${tag}`);
      fault.remove();
      await close();
    }
    {
      const { tab, close } = await open(width, lang, scheme, '/?cart=cart-unknown');
      await tab.waitForSelector('paylater-checkout >> [part~="error"]');
      await shot(tab, `checkout-error-${tag}`);
      await close();
    }
    {
      const { tab, close } = await open(width, lang, scheme, '/?cart=cart-ph');
      await plansReady(tab);
      await shot(tab, `checkout-php-${tag}`);
      await close();
    }
    {
      // The cart changes between plans and charge: the widget refreshes and says so.
      const { tab, close } = await open(width, lang, scheme, '/?cart=cart-1');
      await plansReady(tab);
      await tab.locator('paylater-checkout input[name=provider]').nth(1).check();
      const before = carts['cart-1'];
      carts['cart-1'] = { ...before, amount: 1_800_000, order_items: [item('Running shoes', 900_000, 2)] };
      await tab.locator('paylater-checkout [part~="continue"]').click();
      await tab.waitForSelector('paylater-checkout >> [part~="notice"]');
      await tab.waitForSelector('paylater-checkout >> [part~="providers"]');
      await shot(tab, `checkout-changed-${tag}`);
      carts['cart-1'] = before;
      await close();
    }
    {
      const charge = await makeCharge('cart-1', 'ID_AKULAKU');
      simulator.rejectCharge(charge.charge_id);
      const { tab, close } = await open(width, lang, scheme, `/return?paylater_token=${charge.status_token}`);
      await tab.waitForSelector('paylater-status >> [part~="failed"]');
      await shot(tab, `status-failed-${tag}`);
      await close();
    }
    {
      const { tab, close } = await open(width, lang, scheme, '/return?paylater_token=unknown-token-0123456789abcdef');
      await tab.waitForSelector('paylater-status >> [part~="problem"]');
      await shot(tab, `status-not-found-${tag}`);
      await close();
    }
  }
}

// The bill inquiry and the bill states of the status page: each width and language, light; a few dark.
for (const width of [375, 1280]) {
  for (const lang of ['en', 'id']) {
    for (const scheme of lang === 'en' ? ['light', 'dark'] : ['light']) {
      const tag = `${width}-${lang}-${scheme}`;
      const bill = (tab) => tab.locator('paylater-bill-inquiry');
      const typeNumber = async (tab, number) => {
        await bill(tab).locator('[part~="input"]').fill(number);
        await bill(tab).locator('[part~="submit"]').click();
      };
      {
        slowProducts = true;
        const { tab, close } = await open(width, lang, scheme, '/bills');
        await tab.waitForSelector('paylater-bill-inquiry >> [part~="skeleton"]');
        await shot(tab, `bill-loading-${tag}`);
        slowProducts = false;
        await close();
      }
      {
        const { tab, close } = await open(width, lang, scheme, '/bills');
        await tab.waitForSelector('paylater-bill-inquiry >> [part~="form"]');
        await shot(tab, `bill-form-${tag}`);
        // Keyboard: into the products, the second one chosen (focus ring visible).
        await bill(tab).locator('[part~="radio"]').first().focus();
        await tab.keyboard.press('ArrowDown');
        await tab.keyboard.press('Tab');
        await tab.keyboard.type('1234567');
        await tab.keyboard.press('Enter');
        await tab.waitForSelector('paylater-bill-inquiry >> [part~="invalid"]');
        await shot(tab, `bill-invalid-${tag}`);
        await bill(tab).locator('[part~="input"]').fill('12345678910');
        await tab.keyboard.press('Enter');
        await tab.waitForSelector('paylater-bill-inquiry >> [part~="result"]');
        await tab.waitForSelector('paylater-checkout >> [part~="providers"]');
        await shot(tab, `bill-prepaid-result-${tag}`);
        await close();
      }
      {
        const { tab, close } = await open(width, lang, scheme, '/bills');
        await tab.waitForSelector('paylater-bill-inquiry >> [part~="form"]');
        await bill(tab).locator('[part~="radio"]').nth(2).check();
        await typeNumber(tab, '22345678913');
        await tab.waitForSelector('paylater-bill-inquiry >> [part~="result"]');
        await tab.waitForSelector('paylater-checkout >> [part~="providers"]');
        await shot(tab, `bill-postpaid-result-${tag}`);
        await close();
      }
      for (const [name, product, number] of [['not-found', 0, '12345678911'], ['maintenance', 2, '22345678918'], ['already-paid', 2, '22345678916']]) {
        const { tab, close } = await open(width, lang, scheme, '/bills');
        await tab.waitForSelector('paylater-bill-inquiry >> [part~="form"]');
        await bill(tab).locator('[part~="radio"]').nth(product).check();
        await typeNumber(tab, number);
        await tab.waitForSelector('paylater-bill-inquiry >> [part~="error"]');
        await shot(tab, `bill-error-${name}-${tag}`);
        await close();
      }
      for (const [name, product, number, ready] of [
        ['token', 'PLN_PREPAID_50K', '12345678910', '[part~="token"]'],
        ['receipt', 'PLN_POSTPAID', '22345678911', '[part~="receipt"]'],
        ['buying', 'PLN_PREPAID_50K', '12345678920', '[part~="pending"] [part~="bill"]'],
        ['refunded', 'PLN_PREPAID_50K', '12345678919', '[part~="failed"]'],
      ]) {
        const charge = await payBill(product, number);
        const { tab, close } = await open(width, lang, scheme, `/return?paylater_token=${charge.status_token}`);
        await tab.waitForSelector(`paylater-status >> ${ready}`, { timeout: 10_000 });
        await shot(tab, `status-bill-${name}-${tag}`);
        await close();
      }
    }
  }
}

await browser.close();
server.closeAllConnections();
server.close();
await simulator.close();
console.log(`${count} screenshots in ${out}`);
if (problems.length) {
  console.log(`Problems seen:\n${[...new Set(problems)].join('\n')}`);
  process.exitCode = 1;
}
