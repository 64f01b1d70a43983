/**
 * The demo shop. Until the shop itself lands, this starts the offline Xendit simulator and a page
 * that says what is here, so the README's first command always runs.
 */
import { createServer } from 'node:http';
import { createXenditSimulator } from '../src/testing/index.js';

const port = Number(process.env.PORT ?? 5173);
const host = process.env.HOST ?? '127.0.0.1';

const simulator = createXenditSimulator({});
const xendit = await simulator.listen(0, host);

const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>paylater-checkout demo</title></head>
<body><main>
<h1>paylater-checkout</h1>
<p>The demo shop is not built yet. The offline Xendit simulator is running at
<a href="${xendit.url}/bill-payments/v1/product">${xendit.url}</a> (secret key <code>xnd_development_simulator</code>).</p>
</main></body></html>`;

const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(page);
});
server.listen(port, host, () => {
  console.log(`Demo shop: http://${host}:${port}/`);
  console.log(`Xendit simulator: ${xendit.url}`);
});

const stop = async () => {
  server.close();
  await simulator.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
