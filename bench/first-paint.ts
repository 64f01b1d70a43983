/**
 * Time to plans painted on the demo's checkout page, server-rendered (`companion.renderCheckout`)
 * vs client-rendered (the same page with a plain `<paylater-checkout>`), in the same run, in
 * Chromium on a throttled phone profile (CPU 4× slower, 1.6 Mbit/s down, 150 ms round trips: a
 * mid-range phone on a busy mobile network), and how many bytes of JavaScript were needed before
 * the plans were visible.
 *
 * *Plans painted*: the first animation frame in which a provider's card of the element has a box,
 * measured from navigation start; without JavaScript, the first contentful paint (the page's
 * markup, plans included, arrives at once). *JavaScript before the plans*: the script bytes
 * received before the plans were painted; with JavaScript turned off the server-rendered plans still
 * paint, so none is needed.
 *
 *   node --import tsx bench/first-paint.ts [--runs=9] [--json=<file>]
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { startDemoShop } from '../demo/shop.js';
import { CHROMIUM, CHROMIUM_ARGS, cartAtCheckout } from '../test/e2e/helpers.js';
import { arg, median, round, writeJson } from './lib.js';

const runs = arg('runs', 9);

/** Records `window.plansPainted` (ms since navigation start) at the first frame with a provider card. */
const WATCH = `(() => {
  const look = () => {
    const card = document.querySelector('paylater-checkout')?.shadowRoot?.querySelector('[part~=provider]');
    if (card && card.getBoundingClientRect().height > 0) window.plansPainted = performance.now();
    else requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
})();`;

type Variant = 'server' | 'client' | 'server, no JavaScript';

async function measure(browser: Browser, url: string, variant: Variant): Promise<{ ms: number; jsBytes: number }> {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, javaScriptEnabled: variant !== 'server, no JavaScript' });
  const page: Page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const scripts: { bytes: number; at: number }[] = [];
  const started = Date.now();
  page.on('response', async (response) => {
    if (response.request().resourceType() !== 'script') return;
    const body = await response.body().catch(() => Buffer.alloc(0));
    scripts.push({ bytes: body.length, at: Date.now() - started });
  });
  if (variant === 'client') {
    // The same page, its element without the server's drawing: the element asks for the plans.
    await page.route(url, async (route) => {
      const answer = await route.fetch();
      const body = (await answer.text()).replace(/<paylater-checkout[\s\S]*?<\/paylater-checkout>/, (element) => element.replace(/<template[\s\S]*<\/template>/, '').replace(/<script type="application\/json">[\s\S]*?<\/script>/, ''));
      await route.fulfill({ response: answer, body });
    });
  }
  if (variant !== 'server, no JavaScript') await page.addInitScript(WATCH);
  // The browser's own paint events, which need no script in the page.
  const lifecycle: Record<string, number> = {};
  await cdp.send('Page.enable');
  await cdp.send('Page.setLifecycleEventsEnabled', { enabled: true });
  cdp.on('Page.lifecycleEvent', (event) => {
    lifecycle[event.name] ??= event.timestamp;
  });
  await page.goto(url, { waitUntil: 'commit' });
  let ms: number;
  if (variant === 'server, no JavaScript') {
    // No script of the page can run: the first contentful paint (the page's markup arrives at once,
    // with the plans in it) is when they are painted.
    await page.waitForLoadState('load');
    for (let waited = 0; lifecycle.firstContentfulPaint === undefined && waited < 10_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    const hasPlans = await page.evaluate(() => !!document.querySelector('paylater-checkout')?.shadowRoot?.querySelector('[part~=provider]'));
    if (!hasPlans || lifecycle.firstContentfulPaint === undefined || lifecycle.init === undefined) throw new Error(`no plans painted without JavaScript: ${hasPlans} ${JSON.stringify(lifecycle)}`);
    ms = (lifecycle.firstContentfulPaint - lifecycle.init) * 1000;
  } else {
    // Functions, not strings: the shop's policy allows no `eval`.
    await page.waitForFunction(() => (window as unknown as { plansPainted?: number }).plansPainted !== undefined, undefined, { timeout: 60_000 });
    ms = await page.evaluate(() => (window as unknown as { plansPainted: number }).plansPainted);
  }
  // Received before the plans were painted (none can be, with JavaScript off).
  const jsBytes = scripts.filter((s) => s.at <= ms + 50).reduce((sum, s) => sum + s.bytes, 0);
  await context.close();
  return { ms, jsBytes };
}

const shop = await startDemoShop({ port: 0 });
const browser = await chromium.launch({ executablePath: CHROMIUM!, args: CHROMIUM_ARGS, headless: true });
const results: Record<Variant, { ms: number[]; jsBytes: number[] }> = {
  server: { ms: [], jsBytes: [] },
  client: { ms: [], jsBytes: [] },
  'server, no JavaScript': { ms: [], jsBytes: [] },
};
try {
  for (let i = 0; i < runs; i++) {
    // A fresh cart each run (the demo fixes an order's reference at checkout), the variants alternating.
    for (const variant of (i % 2 ? ['client', 'server', 'server, no JavaScript'] : ['server', 'client', 'server, no JavaScript']) as Variant[]) {
      const cart = await cartAtCheckout(shop, 'sepatu-kanvas');
      const { ms, jsBytes } = await measure(browser, `${shop.url}/checkout?cart=${cart}&lang=id`, variant);
      results[variant].ms.push(ms);
      results[variant].jsBytes.push(jsBytes);
    }
  }
} finally {
  await browser.close();
  await shop.close();
}

const figures = Object.fromEntries(
  Object.entries(results).map(([variant, r]) => [variant, { plansPaintedMs: round(median(r.ms), 1), jsBytesBeforePlans: Math.round(median(r.jsBytes)) }]),
) as Record<Variant, { plansPaintedMs: number; jsBytesBeforePlans: number }>;
const ratio = round(figures.server.plansPaintedMs / figures.client.plansPaintedMs, 2);
console.log(`first paint of the plans, median of ${runs} runs (throttled phone: CPU 4×, 1.6 Mbit/s, 150 ms RTT)`);
for (const [variant, f] of Object.entries(figures)) console.log(`  ${variant.padEnd(22)} ${String(f.plansPaintedMs).padStart(8)} ms   JavaScript before the plans: ${f.jsBytesBeforePlans} bytes`);
console.log(`  server / client: ${ratio}×`);
writeJson({ runs, figures, ratio });
