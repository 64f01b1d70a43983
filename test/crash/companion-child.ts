/**
 * One companion instance for the crash test (crash.test.ts starts two of these and SIGKILLs them
 * at random moments). It uses only the package's public entry points: `createCompanion` and
 * `RedisStore` (src/server/index.ts) and `toNodeHandler` (src/server/node.ts), mounted on
 * node:http at 127.0.0.1:<port> under /paylater, exactly as a merchant would.
 *
 * Configuration comes from the environment (the port may also be the first argument):
 *   CRASH_PORT         port to listen on (127.0.0.1)
 *   CRASH_NAME         a name for the event lines ("A", "B")
 *   CRASH_REDIS_URL    redis://127.0.0.1:<port> shared by every instance
 *   CRASH_XENDIT_URL   the simulator's URL (the companion's `baseUrl`)
 *   CRASH_EVENTS_FILE  where payment and bill events are appended, one JSON object per line
 *   CRASH_CARTS_FILE   optional JSON `{ "versions": { "<n>": <version> } }`: a cart that grew
 *
 * Carts are a deterministic table: checkout `cart-N` is order `crash-order-N`, one item, with an
 * amount derived from N and the cart's version (the parent bumps a version to make a cart grow).
 * Bills are enabled (`bills/inquiry`), paid by the tests' bill shopper.
 *
 * Prints "ready" on stdout once listening. Writes warnings and errors of the companion to stderr.
 * Run: `CRASH_PORT=… CRASH_REDIS_URL=… CRASH_XENDIT_URL=… CRASH_EVENTS_FILE=… node --import tsx
 * test/crash/companion-child.ts` (crash.test.ts runs an esbuild bundle of it instead: faster start).
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import { createCompanion, RedisStore, type PaymentEvent, type TrustedOrder } from '../../src/server/index.js';
import { toNodeHandler } from '../../src/server/node.js';
import { billShopper } from '../helpers/orders.js';

export const CRASH_SECRET_KEY = 'xnd_development_crash_test_SECRET_0123456789abcdef';
export const CRASH_CALLBACK_TOKEN = 'crash-test-callback-token-abcdef0123456789';
export const CRASH_SIGNING_SECRET = 'crash-test-signing-secret-0123456789abcdef0123';

/** The amount of cart `n` at `version` (the parent computes the same to know what a cart costs). */
export function cartAmount(n: number, version: number): number {
  return 250_000 + (n % 50) * 1_000 + version * 25_000;
}

function env(name: string): string {
  const value = process.env[name];
  if (!value) {
    process.stderr.write(`companion-child: ${name} is required\n`);
    process.exit(2);
  }
  return value;
}

function main() {
  const port = Number(process.argv[2] ?? env('CRASH_PORT'));
  const name = process.env.CRASH_NAME ?? String(port);
  const redisUrl = env('CRASH_REDIS_URL');
  const xenditUrl = env('CRASH_XENDIT_URL');
  const eventsFile = env('CRASH_EVENTS_FILE');
  const cartsFile = process.env.CRASH_CARTS_FILE;

  const record = (line: Record<string, unknown>) => {
    appendFileSync(eventsFile, `${JSON.stringify({ ...line, child: name, pid: process.pid, at: Date.now() })}\n`);
  };

  const cartVersion = (n: number): number => {
    if (!cartsFile) return 0;
    try {
      const parsed = JSON.parse(readFileSync(cartsFile, 'utf8')) as { versions?: Record<string, number> };
      return parsed.versions?.[String(n)] ?? 0;
    } catch {
      return 0;
    }
  };

  const resolveCheckout = (_request: Request, checkout: string): TrustedOrder | null => {
    const match = /^cart-(\d{1,9})$/.exec(checkout);
    if (!match) return null;
    const n = Number(match[1]);
    const amount = cartAmount(n, cartVersion(n));
    return {
      reference_id: `crash-order-${n}`,
      currency: 'IDR',
      amount,
      order_items: [
        {
          type: 'PHYSICAL_PRODUCT',
          reference_id: `SKU-CRASH-${n}`,
          name: `Crash cart ${n}`,
          net_unit_amount: amount,
          quantity: 1,
          url: 'https://shop.example/p/crash',
          category: 'Fashion',
        },
      ],
      customer: {
        reference_id: `crash-customer-${n % 7}`,
        given_names: 'Siti',
        surname: 'Rahayu',
        email: 'siti@example.co.id',
        mobile_number: '+6281234567890',
        addresses: [{ country: 'ID', street_line1: 'Jl. Sudirman 1', city: 'Jakarta Selatan', postal_code: '12190' }],
      },
    };
  };

  const log = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    const { stack: _stack, ...rest } = (fields ?? {}) as Record<string, unknown>;
    const error = rest.error && typeof rest.error === 'object' ? { ...(rest.error as Record<string, unknown>), stack: undefined } : rest.error;
    process.stderr.write(`${new Date().toISOString()} [${name}] ${level} ${message} ${JSON.stringify({ ...rest, error })}\n`);
  };
  const quiet = () => {};

  const companion = createCompanion({
    secretKey: CRASH_SECRET_KEY,
    callbackToken: CRASH_CALLBACK_TOKEN,
    signingSecret: CRASH_SIGNING_SECRET,
    // Sixteen shoppers from one address; rate limits are tested elsewhere.
    rateLimits: false,
    baseUrl: xenditUrl,
    returnUrl: `http://127.0.0.1:${port}/return`,
    resolveCheckout,
    store: new RedisStore({ url: redisUrl, prefix: 'crash:' }),
    // The shopper's status poll asks Xendit again after this long while a charge is pending.
    statusRefreshMs: 250,
    xenditTimeoutMs: 3_000,
    channelTimeoutMs: 2_000,
    logger: { debug: quiet, info: quiet, warn: log('warn'), error: log('error') },
    onPaymentEvent: (event: PaymentEvent) => {
      record({
        kind: 'payment',
        chargeId: event.chargeId,
        status: event.status,
        referenceId: event.referenceId,
        amount: event.amount,
        channelCode: event.channelCode,
        source: event.source,
        ...(event.duplicateOf ? { duplicateOf: event.duplicateOf } : {}),
        paysOrder: event.paysOrder,
        ...(event.refundedAs ? { refundedAs: event.refundedAs } : {}),
        ...(event.refundRefused ? { refundRefused: true } : {}),
      });
    },
    bills: {
      customer: () => billShopper,
      itemUrl: 'https://shop.example/listrik',
      pollIntervalMs: 20,
      pollTimeoutMs: 1_000,
      onBillEvent: (event) => {
        record({
          kind: 'bill',
          chargeId: event.chargeId,
          status: event.status,
          productId: event.productId,
          customerNumber: event.customerNumber,
          paymentId: event.paymentId,
          failureCode: event.failureCode,
          refunded: event.refunded,
        });
      },
    },
  });

  const handler = toNodeHandler(companion, { basePath: '/paylater' });
  const server = createServer((req, res) => void handler(req, res));
  server.on('error', (error) => {
    process.stderr.write(`companion-child ${name}: ${String(error)}\n`);
    process.exit(3);
  });
  server.listen(port, '127.0.0.1', () => {
    process.stdout.write('ready\n');
  });
  // A clean stop (the parent's final shutdown); the crash test itself uses SIGKILL.
  process.once('SIGTERM', () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 1_000).unref();
  });
}

// Run as a process (or with CRASH_CHILD=1), not when the parent imports the shared constants.
const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain || process.env.CRASH_CHILD === '1') main();
