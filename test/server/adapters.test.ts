import { describe, it, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { Hono } from 'hono';
import { createCompanion } from '../../src/server/index.js';
import { toNodeHandler } from '../../src/server/node.js';
import { createXenditSimulator } from '../../src/testing/index.js';
import { listenSimulator } from '../../src/testing/node.js';
import { order, SECRET_KEY, CALLBACK_TOKEN, SIGNING_SECRET } from '../helpers/shop.js';

/** The same companion mounted three ways: Express middleware, a Hono app (fetch runtime), `export default { fetch }`. */
describe('adapters', () => {
  const simulator = createXenditSimulator({ secretKey: SECRET_KEY, callbackToken: CALLBACK_TOKEN });
  let xenditUrl = '';
  const servers: Array<{ close(): Promise<void> }> = [];
  before(async () => {
    xenditUrl = (await listenSimulator(simulator)).url;
  });
  after(async () => {
    for (const s of servers) await s.close();
    await simulator.close();
  });

  function companion() {
    return createCompanion({
      secretKey: SECRET_KEY,
      callbackToken: CALLBACK_TOKEN,
      signingSecret: SIGNING_SECRET,
      baseUrl: xenditUrl,
      returnUrl: 'https://shop.example/return',
      resolveCheckout: (_request, checkout) => (checkout === 'cart-1' ? order() : null),
      logger: {},
    });
  }

  async function serve(listener: Parameters<typeof createServer>[1]) {
    const server = createServer(listener);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push({
      close: () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    });
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** Plans, a charge, and an unknown route under the mount (`unknown`: the app's answer to it, 404 unless it has one). */
  async function journey(post: (path: string, body: unknown) => Promise<Response>, unknown = 404) {
    const plans = await post('/plans', { checkout: 'cart-1' });
    assert.equal(plans.status, 200);
    const body = (await plans.json()) as any;
    const plan = body.providers.find((p: any) => p.available);
    const charge = await post('/charges', { quote: body.quote, plan_id: plan.plan_id });
    assert.equal(charge.status, 200);
    const created = (await charge.json()) as any;
    assert.match(created.charge_id, /^plc_/);
    const missing = await post('/nope', {});
    assert.equal(missing.status, unknown);
    return created;
  }

  it('works as Express middleware under a mount path, next to the shop routes, with or without express.json()', async () => {
    for (const withBodyParser of [false, true]) {
      const app = express();
      if (withBodyParser) app.use(express.json());
      app.use('/paylater', toNodeHandler(companion()));
      app.get('/shop', (_req, res) => {
        res.send('shop home');
      });
      const url = await serve(app);
      await journey((path, body) =>
        fetch(`${url}/paylater${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      );
      assert.equal(await (await fetch(`${url}/shop`)).text(), 'shop home');
    }
  });

  it('takes a body its middleware already read: express.urlencoded() (the no-JS form), req.rawBody; a body read and dropped gets a 500 that names the fix', async () => {
    const core = companion();
    const mounted = async (...before: express.RequestHandler[]) => {
      const app = express();
      for (const middleware of before) app.use(middleware);
      app.use('/paylater', toNodeHandler(core));
      return serve(app);
    };
    const url = await mounted(express.json(), express.urlencoded({ extended: false }));
    // A raw-body middleware that keeps the bytes, and one that reads them and keeps nothing.
    const raw = await mounted((req, _res, next) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk)).on('end', () => {
        (req as { rawBody?: Buffer }).rawBody = Buffer.concat(chunks);
        next();
      });
    });
    const dropped = await mounted((req, _res, next) => void req.resume().on('end', () => next()));

    const plans = (await (await fetch(`${url}/paylater/plans`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ checkout: 'cart-1' }) })).json()) as any;
    const plan = plans.providers.find((p: any) => p.available).plan_id;
    const form = (site: string) =>
      fetch(`${site}/paylater/charges/form`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://shop.example' },
        body: new URLSearchParams({ quote: plans.quote, plan, locale: 'en' }).toString(),
      });
    const posted = await form(url);
    assert.equal(posted.status, 303, await posted.text());
    assert.match(posted.headers.get('location')!, /^http:\/\/127\.0\.0\.1:\d+\//);
    assert.equal((await form(raw)).status, 303, 'req.rawBody');
    const lost = await form(dropped);
    assert.equal(lost.status, 500);
    const error = ((await lost.json()) as any).error;
    assert.equal(error.code, 'BODY_ALREADY_READ');
    assert.match(error.message, /mount the companion before/);
  });

  it('leaves the paths under its mount that are none of its routes to the app (a return page at /paylater/return)', async () => {
    const app = express();
    app.use('/paylater', toNodeHandler(companion()));
    app.get('/paylater/return', (_req, res) => {
      res.send('<paylater-status>');
    });
    const url = await serve(app);
    const page = await fetch(`${url}/paylater/return?paylater_token=abc`);
    assert.equal(page.status, 200);
    assert.equal(await page.text(), '<paylater-status>');
    // The companion's own 404s stay its own: an unknown status token.
    const status = await fetch(`${url}/paylater/status?token=${'x'.repeat(43)}`);
    assert.equal(status.status, 404);
    assert.equal(((await status.json()) as any).error.code, 'STATUS_TOKEN_INVALID');
  });

  it('works with node:http and a base path, passing other paths to next() or answering 404', async () => {
    const handler = toNodeHandler(companion(), { basePath: '/paylater' });
    const url = await serve((req, res) => {
      void handler(req, res, () => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('the shop');
      });
    });
    await journey(
      (path, body) => fetch(`${url}/paylater${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      200, // none of the companion's routes: next()
    );
    assert.equal(await (await fetch(`${url}/elsewhere`)).text(), 'the shop');

    const alone = await serve((req, res) => void toNodeHandler(companion(), { basePath: '/paylater' })(req, res));
    const outside = await fetch(`${alone}/elsewhere`);
    assert.equal(outside.status, 404);
    const refused = (await outside.json()) as any;
    assert.equal(refused.error.code, 'NOT_FOUND');
    // The companion's error shape, with a request id (in the header too) for the merchant's logs.
    assert.match(refused.error.request_id, /^[0-9a-f-]{36}$/);
    assert.equal(outside.headers.get('x-request-id'), refused.error.request_id);
  });

  it('runs unchanged on a fetch runtime: a Hono app and a plain { fetch } module', async () => {
    const core = companion();
    const app = new Hono();
    app.get('/', (c) => c.text('shop'));
    app.mount('/paylater', core.fetch);
    await journey((path, body) =>
      app.request(`http://shop.example/paylater${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }) as Promise<Response>,
    );

    const worker = { fetch: companion().fetch }; // what `export default { fetch }` exports on Workers/Bun/Deno
    await journey((path, body) =>
      worker.fetch(new Request(`https://shop.example/paylater${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })),
    );
  });
});

describe('requestOf', () => {
  it('gives a page\u2019s Node and Express request to the companion\u2019s functions as a fetch Request: its URL (Express\u2019s full path) and headers', async () => {
    const { requestOf } = await import('../../src/server/node.js');
    const seen: Request[] = [];
    const app = express();
    const pages = express.Router();
    pages.get('/checkout', (req, res) => {
      seen.push(requestOf(req));
      res.end('ok');
    });
    app.use('/shop', pages);
    const plain = createServer((req, res) => {
      seen.push(requestOf(req));
      res.end('ok');
    });
    for (const server of [createServer(app), plain]) {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      await fetch(`http://127.0.0.1:${port}/shop/checkout?cart=cart-1`, { headers: { 'accept-language': 'id-ID', 'user-agent': 'Instagram 142.0' } });
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    for (const request of seen) {
      assert.equal(new URL(request.url).pathname + new URL(request.url).search, '/shop/checkout?cart=cart-1');
      assert.equal(request.method, 'GET');
      assert.equal(request.headers.get('accept-language'), 'id-ID');
      assert.equal(request.headers.get('user-agent'), 'Instagram 142.0');
    }
    assert.equal(seen.length, 2);
  });
});
