// @ts-check
/**
 * A shop's server with Express 5: the checkout page (plain HTML with the widget's CDN file, served
 * from node_modules), the return page, and the companion at /paylater.
 *
 * Without XENDIT_SECRET_KEY it uses the Xendit simulator (its checkout pages have Pay and Cancel
 * buttons), so `npm start` runs with no keys and no network.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { createCompanion } from 'paylater-checkout/server';
import { toNodeHandler } from 'paylater-checkout/server/node';

const port = Number(process.env.PORT ?? 3000);
/** Where shoppers open the shop: the companion answers pages of this origin (and of returnUrl's). */
const shopUrl = process.env.SHOP_URL ?? `http://localhost:${port}`;
/** The page with <paylater-status>, where the provider sends the shopper back. */
const returnUrl = process.env.RETURN_URL ?? `${shopUrl}/return.html`;
/** The widget's CDN files (and their SRI hashes) from the installed package. */
const cdnDir = dirname(fileURLToPath(import.meta.resolve('paylater-checkout/cdn/paylater-checkout.js')));
const integrity = JSON.parse(readFileSync(join(cdnDir, 'integrity.json'), 'utf8'));

const companion = createCompanion({
  ...(process.env.XENDIT_SECRET_KEY ? xenditKeys() : await xenditSimulator()),
  returnUrl,
  allowedOrigins: [new URL(shopUrl).origin],
  resolveCheckout: (_request, checkout) => orderOf(checkout),
  onPaymentEvent: (event) => {
    if (event.status === 'SUCCEEDED' && event.paysOrder) console.log(`Order ${event.referenceId} paid: ${event.currency} ${event.amount} (${event.channelCode})`);
  },
});

const app = express();
app.use('/paylater', toNodeHandler(companion));
app.use('/assets', express.static(cdnDir));
app.use(express.static(join(dirname(fileURLToPath(import.meta.url)), 'public')));
app.get('/', (_request, response) => {
  response.type('html').send(checkoutPage(`cart_${randomUUID()}`));
});
app.listen(port, (error) => {
  if (error) throw error;
  console.log(`Shop: ${shopUrl}`);
});

function xenditKeys() {
  return {
    secretKey: String(process.env.XENDIT_SECRET_KEY),
    callbackToken: String(process.env.XENDIT_CALLBACK_TOKEN),
    signingSecret: String(process.env.PAYLATER_SIGNING_SECRET),
  };
}

/** The Xendit simulator on a port of its own; it sends its callbacks to this server. */
async function xenditSimulator() {
  const { createXenditSimulator } = await import('paylater-checkout/testing');
  const { listenSimulator } = await import('paylater-checkout/testing/node');
  const keys = { secretKey: 'xnd_development_example_simulator', callbackToken: 'example-callback-token' };
  const simulator = createXenditSimulator({ ...keys, callbackUrl: `http://127.0.0.1:${port}/paylater/webhooks/xendit` });
  const { url } = await listenSimulator(simulator);
  console.log(`No XENDIT_SECRET_KEY: Xendit is the simulator at ${url}`);
  return { ...keys, signingSecret: randomUUID() + randomUUID(), baseUrl: url };
}

/**
 * The order for a checkout handle, from your data only (never from the browser). This example has
 * one demo cart for every `cart_…` handle; your shop looks the cart up and checks that it belongs
 * to the shopper's session.
 * @param {string} checkout
 */
function orderOf(checkout) {
  if (!/^cart_[\w-]{8,64}$/.test(checkout)) return null;
  const lines = [
    { sku: 'KOPI-GAYO-250', name: 'Kopi Gayo 250 g', price: 89_000, quantity: 2 },
    { sku: 'BATIK-PARANG-M', name: 'Batik parang shirt', price: 350_000, quantity: 1 },
  ];
  return {
    reference_id: `order-${checkout.slice('cart_'.length)}`,
    currency: 'IDR',
    amount: lines.reduce((sum, line) => sum + line.price * line.quantity, 0),
    order_items: lines.map((line) => ({
      type: /** @type {const} */ ('PHYSICAL_PRODUCT'),
      reference_id: line.sku,
      name: line.name,
      net_unit_amount: line.price,
      quantity: line.quantity,
      url: `${shopUrl}/`,
      category: 'Shop',
    })),
    customer: {
      reference_id: 'customer-1',
      given_names: 'Siti',
      surname: 'Rahayu',
      email: 'siti@example.co.id',
      mobile_number: '+6281234567890',
      addresses: [{ country: 'ID', street_line1: 'Jl. Jenderal Sudirman 1', city: 'Jakarta', postal_code: '12190' }],
    },
  };
}

/** @param {string} cart */
function checkoutPage(cart) {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Checkout</title>
  <script src="/assets/paylater-checkout.iife.js" integrity="${integrity['paylater-checkout.iife.js']}" crossorigin="anonymous"></script>
</head>
<body>
  <h1>Checkout</h1>
  <p>2 × Kopi Gayo 250 g, 1 × Batik parang shirt: Rp 528.000</p>
  <paylater-checkout endpoint="/paylater" checkout="${cart}"></paylater-checkout>
</body>
</html>
`;
}
