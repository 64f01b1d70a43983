/**
 * `npm start`: builds the package when `dist/` is missing or stale, then starts the demo shop
 * (pages, companion, CDN files) and the offline Xendit simulator in this one process.
 *
 *   PORT=8080 HOST=0.0.0.0 npm start      (default 127.0.0.1:5173; a free port when that one is taken)
 *   QUIET=1 npm start                     (no companion log lines)
 *   DEMO_ADMIN_TOKEN=… npm start          (the back office's key; default: a random one per start)
 */
import { ensureBuilt } from './ensure-build.mjs';

try {
  // SKIP_BUILD=1: use dist/ as it is (the e2e tests build once, then start several shops).
  if (!process.env.SKIP_BUILD) ensureBuilt();
} catch (error) {
  console.error(`The demo needs the built package: ${(error as Error).message}`);
  process.exit(1);
}

// Imported only now: the shop imports `paylater-checkout/*`, which resolves to the fresh dist/.
const { startDemoShop } = await import('./shop.js');

const requested = process.env.PORT === undefined || process.env.PORT === '' ? 5173 : Number(process.env.PORT);
if (!Number.isInteger(requested) || requested < 0 || requested > 65535) {
  console.error(`PORT must be a port number, not "${process.env.PORT}".`);
  process.exit(1);
}

let shop: Awaited<ReturnType<typeof startDemoShop>>;
try {
  shop = await startDemoShop({
    port: requested,
    host: process.env.HOST || '127.0.0.1',
    verbose: !process.env.QUIET,
    backOfficeKey: process.env.DEMO_ADMIN_TOKEN || undefined,
  });
} catch (error) {
  console.error(`The demo could not start: ${(error as Error).message}`);
  process.exit(1);
}

if (shop.portFellBack) console.log(`Port ${requested} is taken; using ${new URL(shop.url).port} instead.`);
console.log(`
  Toko Pagi, the paylater-checkout demo shop:  ${shop.url}/
    pay electricity with PayLater:              ${shop.url}/listrik
    orders, the back office (keep it private):  ${shop.backOfficeUrl}
    the checkout from a plain HTML page:        ${shop.url}/cdn.html
    companion (toNodeHandler):                  ${shop.url}/paylater
    Xendit simulator (API and provider pages):  ${shop.xenditUrl}

  No keys, no network: every payment goes to the simulator. Ctrl-C stops everything.
`);

let stopping = false;
async function stop(signal: string) {
  if (stopping) process.exit(1); // a second Ctrl-C: at once
  stopping = true;
  console.log(`\n${signal}: stopping the shop and the simulator…`);
  const timer = setTimeout(() => process.exit(1), 3_000);
  timer.unref();
  await shop.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
