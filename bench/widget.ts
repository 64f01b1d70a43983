/**
 * Widget benchmarks, in Debian's Chromium driven by playwright-core:
 * 1. CDN bundle size (ESM and classic script), gzip and brotli, against the 16 kB budget (goal
 *    12 kB), next to a minimal Lit element bundled the same way. Builds `dist/cdn` first when it
 *    is missing or older than the widget's sources.
 * 2. Script evaluation (the `import()` of the bundle) and first render of the plans of 7 providers
 *    with 6 options each (element connected → plans painted; a provider's options show once it is
 *    chosen), the plans coming from a canned answer of the page's own server; against the minimal
 *    Lit element measured in the same run, alternating.
 * 3. Time from connection to plans painted with the real companion (and the simulator) answering
 *    at once: no injected latency, plans not cached.
 * 4. Layout shift while loading: the page as a merchant writes it (element in the HTML, page
 *    content below it, the bundle in <head> loaded each way the README shows: classic script,
 *    module with `blocking="render"`, and a plain module for comparison), the companion answering
 *    after 300 ms, summed `layout-shift` entries until the plans are painted; on a phone and a
 *    desktop.
 *
 * Run: node --import tsx bench/widget.ts  (options: --runs=15 --json=<file>)
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';
import { bundleBaseline, sizeOf } from './bundles.js';
import { PROVIDER_NAMES } from '../src/contract/index.js';
import { createCompanion, type TrustedOrder } from '../src/server/index.js';
import { toNodeHandler } from '../src/server/node.js';
import { createXenditSimulator } from '../src/testing/index.js';
import { listenSimulator } from '../src/testing/node.js';
import { arg, median, round, serve, writeJson } from './lib.js';

const RUNS = arg('runs', 15);
const root = fileURLToPath(new URL('..', import.meta.url));
const cdn = join(root, 'dist/cdn');
const LIMIT = 16_000;
const GOAL = 12_000;

// ---------------------------------------------------------------- bundles

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

const esmFile = join(cdn, 'paylater-checkout.js');
const iifeFile = join(cdn, 'paylater-checkout.iife.js');
const sources = Math.max(newest(join(root, 'src/widget')), newest(join(root, 'src/contract')));
let built = false;
if (!existsSync(esmFile) || !existsSync(iifeFile) || statSync(esmFile).mtimeMs < sources) {
  console.log('dist/cdn is missing or older than src/widget: building it (vite build)');
  await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
  built = true;
}

const bundles = {
  widget: readFileSync(esmFile),
  widgetIife: readFileSync(iifeFile),
  baseline: await bundleBaseline(join(root, 'bench/widget/minimal-element.ts')),
};
const sizes = [
  { file: 'dist/cdn/paylater-checkout.js (ESM)', ...sizeOf(bundles.widget) },
  { file: 'dist/cdn/paylater-checkout.iife.js (classic)', ...sizeOf(bundles.widgetIife) },
  { file: 'minimal Lit element (baseline, ESM)', ...sizeOf(bundles.baseline) },
];
const kB = (bytes: number) => `${(bytes / 1000).toFixed(2)} kB`;
console.log('\nCDN bundle size (kB = 1,000 bytes; gzip -9, brotli -q 11)');
for (const s of sizes) console.log(`${s.file.padEnd(46)} raw ${kB(s.raw).padStart(9)}  gzip ${kB(s.gzip).padStart(9)}  brotli ${kB(s.brotli).padStart(9)}`);
const esmGzip = sizes[0]!.gzip;
console.log(`ESM gzip ${kB(esmGzip)}: ${esmGzip <= GOAL ? 'within the 12 kB goal' : esmGzip <= LIMIT ? 'under the 16 kB budget, above the 12 kB goal' : 'ABOVE the 16 kB budget'} (${((esmGzip / LIMIT) * 100).toFixed(0)}% of the budget)`);

// ---------------------------------------------------------------- the page's server

/** 7 providers × 6 options, as the companion would answer (canned: a benchmark, not a test). */
const TENURES = [1, 3, 6, 9, 12, 24];
const cannedPlans = JSON.stringify({
  quote: 'v1.bench.canned',
  expires_at: new Date(Date.now() + 15 * 60_000).toISOString(),
  currency: 'IDR',
  amount: 3_000_000,
  providers: Object.entries(PROVIDER_NAMES).map(([channel_code, name], p) => ({
    channel_code,
    name,
    available: true,
    plan_id: `plp_bench_${p}`,
    options: TENURES.map((months) => {
      const rate = months === 1 ? 0 : 0.02 + p * 0.002;
      const total = Math.round(3_000_000 * (1 + rate * months));
      return { total_amount: total, installment_amount: Math.round(total / months), downpayment_amount: p === 5 && months > 1 ? 600_000 : null, interval: 'MONTH', interval_count: 1, total_recurrence: months, interest_rate: rate, description: `${months}x cicilan` };
    }),
  })),
});

const SECRET = 'xnd_development_widget_bench';
const simulator = createXenditSimulator({ secretKey: SECRET });
const xendit = await listenSimulator(simulator);
const order = (n: string): TrustedOrder => ({
  reference_id: `bench-${n}`,
  currency: 'IDR',
  amount: 3_000_000,
  order_items: [{ type: 'PHYSICAL_PRODUCT', reference_id: 'SKU', name: 'Sepatu', net_unit_amount: 3_000_000, quantity: 1, url: 'https://shop.example/p', category: 'Fashion' }],
  customer: { reference_id: 'bench-customer', given_names: 'Siti', email: 'siti@example.co.id', mobile_number: '+6281234567890' },
});
/** The real companion, made once the page's server (whose origin it allows) listens. */
let real: ReturnType<typeof toNodeHandler>;

const measureScript = `
const params = new URLSearchParams(location.search);
const t0 = performance.now();
await import(params.get('src'));
const t1 = performance.now();
const element = document.createElement(params.get('tag'));
element.setAttribute('endpoint', params.get('endpoint'));
element.setAttribute('checkout', params.get('checkout'));
const ready = new Promise((resolve) => element.addEventListener('paylater-ready', resolve, { once: true }));
const connected = performance.now();
document.getElementById('slot').append(element);
await ready;
await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
const painted = performance.now();
window.__bench = { evaluate: t1 - t0, render: painted - connected, providers: element.shadowRoot.querySelectorAll('[part~="provider"]').length };
`;
const clsScript = `
window.__cls = 0;
window.__shifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) { window.__cls += entry.value; window.__shifts.push({ at: entry.startTime, value: entry.value }); }
}).observe({ type: 'layout-shift', buffered: true });
document.addEventListener('paylater-ready', () => {
  window.__ready = performance.now();
  requestAnimationFrame(() => setTimeout(() => (window.__done = true), 300));
});
`;
const css = 'body{margin:0;font-family:system-ui,sans-serif}main{max-width:720px;margin:0 auto;padding:16px}h1{margin:0 0 12px}';
const below = '<section id="below"><h2>Order summary</h2><p>Running shoes × 1 — Rp 3.000.000</p><p>Shipping — free</p><button>Place order</button></section>';

/** The ways the README shows to load the bundle in `<head>`, and a plain module for comparison. */
const LOADINGS = {
  classic: '<script src="/widget.iife.js"></script>',
  'render-blocking': '<script type="module" src="/widget.js" blocking="render"></script>',
  module: '<script type="module" src="/widget.js"></script>',
};
type Loading = keyof typeof LOADINGS;

let delayMs = 0;
const pageServer = await serve((req: IncomingMessage, res: ServerResponse) => {
  const url = new URL(req.url ?? '/', 'http://bench');
  const send = (type: string, body: string | Buffer) => {
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(body);
  };
  if (url.pathname.startsWith('/real/paylater')) {
    if (delayMs > 0) return void setTimeout(() => void real(req, res), delayMs);
    return void real(req, res);
  }
  if (url.pathname === '/stub/paylater/plans') {
    req.resume();
    return void req.on('end', () => send('application/json', cannedPlans));
  }
  if (url.pathname === '/widget.js') return send('text/javascript', bundles.widget);
  if (url.pathname === '/widget.iife.js') return send('text/javascript', bundles.widgetIife);
  if (url.pathname === '/baseline.js') return send('text/javascript', bundles.baseline);
  if (url.pathname === '/measure') {
    return send('text/html; charset=utf-8', `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><style>${css}</style></head><body><main><h1>Checkout</h1><div id="slot"></div>${below}</main><script type="module">${measureScript}</script></body></html>`);
  }
  if (url.pathname === '/shop') {
    const script = LOADINGS[url.searchParams.get('load') as Loading] ?? LOADINGS.module;
    return send('text/html; charset=utf-8', `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><style>${css}</style><script>${clsScript}</script>${script}</head><body><main><h1>Checkout</h1><paylater-checkout endpoint="/real/paylater" checkout="${url.searchParams.get('checkout')}"></paylater-checkout>${below}</main></body></html>`);
  }
  if (url.pathname === '/favicon.ico') return void res.writeHead(204).end();
  res.writeHead(404).end();
});
const companion = createCompanion({
  secretKey: SECRET,
  callbackToken: 'bench-callback-token',
  signingSecret: 'widget-bench-signing-secret-0123456789abcdef',
  baseUrl: xendit.url,
  // The bench's pages are on the page server: its origin is the shop's.
  returnUrl: `${pageServer.url}/return`,
  resolveCheckout: (_request, checkout) => order(checkout),
  // One browser loads the same order again and again: limits would refuse what is measured.
  rateLimits: false,
  logger: {},
});
real = toNodeHandler(companion, { basePath: '/real/paylater' });

// ---------------------------------------------------------------- Chromium

const executablePath = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((p) => existsSync(p));
const browser: Browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const chromiumVersion = browser.version();

let checkoutCounter = 0;
async function measure(kind: 'widget' | 'baseline', endpoint: string) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const params = new URLSearchParams({ src: kind === 'widget' ? '/widget.js' : '/baseline.js', tag: kind === 'widget' ? 'paylater-checkout' : 'bench-minimal', endpoint, checkout: `run-${(checkoutCounter += 1)}` });
  await page.goto(`${pageServer.url}/measure?${params}`);
  await page.waitForFunction(() => (window as { __bench?: unknown }).__bench, undefined, { timeout: 15_000 });
  const result = (await page.evaluate(() => (window as unknown as { __bench: { evaluate: number; render: number; providers: number } }).__bench));
  await context.close();
  if (errors.length) throw new Error(`${kind}: ${errors.join('; ')}`);
  return result;
}

// Warm Chromium itself (process start, first context) before measuring.
await measure('baseline', '/stub/paylater');
await measure('widget', '/stub/paylater');

const runs = { widget: [] as Array<{ evaluate: number; render: number; providers: number }>, baseline: [] as Array<{ evaluate: number; render: number; providers: number }> };
for (let i = 0; i < RUNS; i += 1) {
  for (const kind of i % 2 ? (['baseline', 'widget'] as const) : (['widget', 'baseline'] as const)) runs[kind].push(await measure(kind, '/stub/paylater'));
}
const providers = runs.widget[0]!.providers;
if (providers !== 7) throw new Error(`the widget rendered ${providers} providers, 7 expected`);
const evalWidget = median(runs.widget.map((r) => r.evaluate));
const evalBase = median(runs.baseline.map((r) => r.evaluate));
const renderWidget = median(runs.widget.map((r) => r.render));
const renderBase = median(runs.baseline.map((r) => r.render));
console.log(`\nIn Chromium ${chromiumVersion}, median of ${RUNS} runs each (a fresh browser context per run), canned plans answer`);
console.log(`script evaluation (import of the bundle): widget ${evalWidget.toFixed(1)} ms, minimal Lit element ${evalBase.toFixed(1)} ms, ratio ${(evalWidget / evalBase).toFixed(2)}`);
console.log(`first render of the plans of 7 providers × 6 options (connected → painted): widget ${renderWidget.toFixed(1)} ms, minimal Lit element ${renderBase.toFixed(1)} ms, ratio ${(renderWidget / renderBase).toFixed(2)}`);

const realRuns: number[] = [];
for (let i = 0; i < RUNS; i += 1) realRuns.push((await measure('widget', '/real/paylater')).render);
const realMs = median(realRuns);
console.log(`connection → plans painted, real companion + simulator answering at once (5 IDR providers, plans not cached): ${realMs.toFixed(1)} ms`);

const CLS_RUNS = Math.max(3, Math.ceil(RUNS / 3));
const LOADING_MS = 300;
/** Shifts before the plans arrive come from the element appearing; the others from the plans replacing the skeleton. */
const cls: Array<{ viewport: string; loading: Loading; cls: number; shifts: number; skeleton: number; plans: number }> = [];
delayMs = LOADING_MS;
for (const viewport of [{ name: 'phone 375×812', width: 375, height: 812 }, { name: 'desktop 1280×900', width: 1280, height: 900 }]) {
  for (const loading of Object.keys(LOADINGS) as Loading[]) {
    const values: number[] = [];
    const counts: number[] = [];
    const skeleton: number[] = [];
    const plans: number[] = [];
    for (let i = 0; i < CLS_RUNS; i += 1) {
      const context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height } });
      const page = await context.newPage();
      await page.goto(`${pageServer.url}/shop?load=${loading}&checkout=cls-${(checkoutCounter += 1)}`);
      await page.waitForFunction(() => (window as { __done?: boolean }).__done, undefined, { timeout: 15_000 });
      const { value, shifts, ready } = await page.evaluate(() => {
        const w = window as unknown as { __cls: number; __shifts: Array<{ at: number; value: number }>; __ready: number };
        return { value: w.__cls, shifts: w.__shifts, ready: w.__ready };
      });
      values.push(value);
      counts.push(shifts.length);
      // The plans answer comes LOADING_MS after the request: anything well before the ready event is the skeleton's.
      skeleton.push(shifts.filter((s) => s.at < ready - LOADING_MS / 2).reduce((a, s) => a + s.value, 0));
      plans.push(shifts.filter((s) => s.at >= ready - LOADING_MS / 2).reduce((a, s) => a + s.value, 0));
      await context.close();
    }
    cls.push({ viewport: viewport.name, loading, cls: round(median(values), 4), shifts: median(counts), skeleton: round(median(skeleton), 4), plans: round(median(plans), 4) });
  }
}
delayMs = 0;
console.log(`\nLayout shift while loading, page content below the widget (companion answering after ${LOADING_MS} ms; median of ${CLS_RUNS} page loads; goal 0)`);
for (const c of cls) console.log(`${c.viewport.padEnd(18)} ${c.loading.padEnd(16)} CLS ${c.cls.toFixed(4)} (${c.shifts} shifts: element appearing ${c.skeleton.toFixed(4)}, plans replacing the skeleton ${c.plans.toFixed(4)})`);

await browser.close();
await pageServer.close();
await simulator.close();

writeJson({
  built,
  chromium: chromiumVersion,
  runs: RUNS,
  sizes,
  budget: { limit: LIMIT, goal: GOAL },
  evaluate: { widget: round(evalWidget), baseline: round(evalBase), ratio: round(evalWidget / evalBase) },
  render: { widget: round(renderWidget), baseline: round(renderBase), ratio: round(renderWidget / renderBase), providers },
  realCompanionMs: round(realMs),
  loadingMs: LOADING_MS,
  cls,
});
