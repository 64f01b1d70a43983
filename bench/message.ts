/**
 * `<paylater-message>` benchmarks, in Debian's Chromium driven by playwright-core:
 * 1. Size of its CDN files, gzip and brotli: the self-contained classic script (budget 8 kB, Lit
 *    included) and the ES module next to `paylater-checkout.js` (budget 2 kB more), next to a
 *    minimal Lit element that fetches the terms and renders a line, bundled the same way.
 * 2. First render: from the element connected to its line painted (the terms from the page's own
 *    server, a canned copy of the real companion's answer), against the minimal Lit element
 *    measured in the same run, alternating; and 48 messages on one page (a product grid).
 *
 * Run: node --import tsx bench/message.ts  (options: --runs=15 --json=<file>)
 */
import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { bundleBaseline, sizeOf } from './bundles.js';
import { createCompanion } from '../src/server/index.js';
import { createXenditSimulator } from '../src/testing/index.js';
import { listenSimulator } from '../src/testing/node.js';
import { arg, median, round, serve, writeJson } from './lib.js';

const RUNS = arg('runs', 15);
const root = fileURLToPath(new URL('..', import.meta.url));
const cdn = join(root, 'dist/cdn');
const iifeFile = join(cdn, 'paylater-message.iife.js');
const esmFile = join(cdn, 'paylater-message.js');
if (!existsSync(iifeFile) || !existsSync(esmFile)) {
  console.log('dist/cdn has no message files: building it (vite build)');
  await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
}

const bundles = { iife: readFileSync(iifeFile), esm: readFileSync(esmFile), baseline: await bundleBaseline(join(root, 'bench/widget/minimal-message.ts')) };
const sizes: Array<{ file: string; budget?: number; raw: number; gzip: number; brotli: number }> = [
  { file: 'dist/cdn/paylater-message.iife.js (self-contained)', budget: 8_000, ...sizeOf(bundles.iife) },
  { file: 'dist/cdn/paylater-message.js (+ paylater-checkout.js)', budget: 2_000, ...sizeOf(bundles.esm) },
  { file: 'minimal Lit element (baseline, ESM)', ...sizeOf(bundles.baseline) },
];
const kB = (bytes: number) => `${(bytes / 1000).toFixed(2)} kB`;
console.log('\nMessage CDN files (kB = 1,000 bytes; gzip -9, brotli -q 11)');
for (const s of sizes) console.log(`${s.file.padEnd(56)} gzip ${kB(s.gzip).padStart(9)}  brotli ${kB(s.brotli).padStart(9)}${s.budget ? `  (budget ${kB(s.budget)})` : ''}`);

// ---------------------------------------------------------------- the terms, once, from the real companion

const SECRET = 'xnd_development_message_bench';
const simulator = createXenditSimulator({ secretKey: SECRET });
const xendit = await listenSimulator(simulator);
const companion = createCompanion({
  secretKey: SECRET,
  callbackToken: 'bench-callback-token',
  signingSecret: 'message-bench-signing-secret-0123456789abcdef',
  baseUrl: xendit.url,
  returnUrl: 'http://127.0.0.1/return',
  resolveCheckout: () => null,
  rateLimits: false,
  logger: {},
});
const termsAnswer = await companion.fetch(new Request('http://127.0.0.1/paylater/terms?currency=IDR'));
if (!termsAnswer.ok) throw new Error(`terms: ${termsAnswer.status} ${await termsAnswer.text()}`);
const terms = await termsAnswer.text();
await xendit.close();

const measureScript = `
const params = new URLSearchParams(location.search);
const count = Number(params.get('count'));
const tag = params.get('tag');
const elements = Array.from({ length: count }, (_, i) => {
  const element = document.createElement(tag);
  element.setAttribute('endpoint', '/paylater');
  element.setAttribute('amount', String(150000 + i * 25000));
  return element;
});
const painted = (element) => tag === 'paylater-message' ? !!element.shadowRoot?.querySelector('[part~="amount"]') : !!element.shadowRoot?.querySelector('p')?.textContent;
const t0 = performance.now();
document.getElementById('slot').append(...elements);
await new Promise((resolve) => { const check = () => (elements.every(painted) ? resolve() : requestAnimationFrame(check)); check(); });
await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
window.__bench = { render: performance.now() - t0 };
`;
const pageServer = await serve((req: IncomingMessage, res: ServerResponse) => {
  const url = new URL(req.url ?? '/', 'http://bench');
  const send = (type: string, body: string | Buffer) => {
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(body);
  };
  if (url.pathname === '/paylater/terms') return send('application/json', terms);
  if (url.pathname === '/message.iife.js') return send('text/javascript', bundles.iife);
  if (url.pathname === '/baseline.js') return send('text/javascript', bundles.baseline);
  if (url.pathname === '/measure') {
    const script = url.searchParams.get('tag') === 'paylater-message' ? '<script src="/message.iife.js"></script>' : '<script type="module" src="/baseline.js"></script>';
    return send('text/html; charset=utf-8', `<!doctype html><html lang="en"><head><meta charset="utf-8">${script}</head><body><div id="slot"></div><script type="module">${measureScript}</script></body></html>`);
  }
  res.writeHead(404).end();
});

const executablePath = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((p) => existsSync(p));
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });

async function measure(tag: string, count: number): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${pageServer.url}/measure?${new URLSearchParams({ tag, count: String(count) })}`);
  // The baseline is a module: wait for its tag before the measuring script's elements upgrade.
  await page.waitForFunction(() => (window as { __bench?: unknown }).__bench, null, { timeout: 30_000 });
  const { render } = (await page.evaluate(() => (window as unknown as { __bench: { render: number } }).__bench));
  await context.close();
  return render;
}

const results: Record<string, { message: number; baseline: number; ratio: number }> = {};
for (const count of [1, 48]) {
  const message: number[] = [];
  const baseline: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    message.push(await measure('paylater-message', count));
    baseline.push(await measure('bench-minimal-message', count));
  }
  const m = median(message);
  const b = median(baseline);
  results[count] = { message: round(m), baseline: round(b), ratio: round(m / b) };
  console.log(`First render, ${String(count).padStart(2)} message(s): ${m.toFixed(1)} ms vs minimal Lit element ${b.toFixed(1)} ms → ${(m / b).toFixed(2)}× (median of ${RUNS})`);
}

await browser.close();
await pageServer.close();
await simulator.close();
writeJson({ chromium: browser.version(), sizes, render: results, runs: RUNS });
