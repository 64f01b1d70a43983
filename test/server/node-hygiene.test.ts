import { describe, it, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, createServer, request as httpRequest, type IncomingMessage, type RequestListener } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { toNodeHandler, type ClientInfo, type FetchHandler } from '../../src/server/node.js';
import { startShop, type Shop } from '../helpers/shop.js';

const PLANS_BODY = JSON.stringify({ checkout: 'cart-1' });

/** What came back on a raw socket until the server closed it (or `ms` passed). */
interface RawAnswer {
  text: string;
  /** A socket error (ECONNRESET, …) seen before the server closed the connection. */
  error: string | undefined;
  closedByServer: boolean;
}

function readUntilClosed(socket: Socket, ms = 3_000): Promise<RawAnswer> {
  return new Promise((resolve) => {
    let text = '';
    let error: string | undefined;
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ text, error, closedByServer: false });
    }, ms);
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    socket.on('error', (e: NodeJS.ErrnoException) => (error ??= e.code ?? e.message));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ text, error, closedByServer: true });
    });
  });
}

/** Status lines of every HTTP answer in a raw socket's text. */
const statusLines = (text: string) => [...text.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => Number(m[1]));

function plansRequest(path = '/paylater/plans', body = PLANS_BODY) {
  return `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

describe('toNodeHandler: connections and request bodies', () => {
  // The test shop's companion (16 KiB body limit, `cart-1` known), mounted here on servers of our own.
  let shop: Shop;
  const servers: Array<() => Promise<void>> = [];
  before(async () => {
    shop = await startShop();
  });
  after(async () => {
    for (const close of servers) await close();
    await shop.close();
  });

  async function serve(listener: RequestListener) {
    const server = createServer(listener);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(
      () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    );
    const { port } = server.address() as AddressInfo;
    return { port, url: `http://127.0.0.1:${port}` };
  }

  /** The companion at /paylater, with `bodyTimeoutMs` when given. */
  function serveCompanion(bodyTimeoutMs?: number) {
    const handler = toNodeHandler(shop.companion, { basePath: '/paylater', ...(bodyTimeoutMs ? { bodyTimeoutMs } : {}) });
    return serve((req, res) => void handler(req, res));
  }

  /** A node:http request on `agent`, its body written in `chunks` (the last one ends it unless `keepOpen`). */
  function send(port: number, agent: Agent, chunks: string[], options: { keepOpen?: boolean; length?: number } = {}) {
    return new Promise<{ response: IncomingMessage; body: string; socket: Socket; reused: boolean }>((resolve, reject) => {
      const headers: Record<string, string | number> = { 'content-type': 'application/json' };
      if (options.length !== undefined) headers['content-length'] = options.length;
      const req = httpRequest({ host: '127.0.0.1', port, path: '/paylater/plans', method: 'POST', agent, headers }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ response, body, socket: req.socket as Socket, reused: req.reusedSocket }));
      });
      req.on('error', reject);
      for (const chunk of chunks) req.write(chunk);
      if (!options.keepOpen) req.end();
    });
  }

  it('a 413 answers Connection: close and closes the socket; the next request, on a fresh socket, works', async () => {
    const { port } = await serveCompanion();
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      // 20 kB of a body that never ends: the companion stops at its 16 KiB limit while the upload goes on.
      const tooLarge = await send(port, agent, ['{"checkout":"', 'x'.repeat(20_000)], { keepOpen: true });
      assert.equal(tooLarge.response.statusCode, 413);
      assert.equal(JSON.parse(tooLarge.body).error.code, 'PAYLOAD_TOO_LARGE');
      assert.equal(tooLarge.response.headers.connection, 'close');
      await new Promise<void>((resolve) => (tooLarge.socket.destroyed ? resolve() : tooLarge.socket.once('close', () => resolve())));

      const next = await send(port, agent, [PLANS_BODY]);
      assert.equal(next.response.statusCode, 200, next.body);
      assert.equal(next.reused, false, 'a new connection');
      assert.ok(JSON.parse(next.body).providers.length > 0);
    } finally {
      agent.destroy();
    }
  });

  it('a raw keep-alive socket: an oversized body then a request gets one 413 and a clean close, never a reset or an answer to the leftover bytes', async () => {
    const { port } = await serveCompanion();
    const socket = connect(port, '127.0.0.1');
    const answer = readUntilClosed(socket);
    // The declared body is 100 000 bytes; 20 000 of them are sent, then bytes that look like a request.
    socket.write(`POST /paylater/plans HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n`);
    socket.write('x'.repeat(20_000));
    socket.write(plansRequest());
    const { text, error, closedByServer } = await answer;
    assert.equal(error, undefined, `no socket error; got ${text.slice(0, 200)}`);
    assert.ok(closedByServer, 'the server closed the connection');
    assert.deepEqual(statusLines(text), [413], text);
    assert.match(text, /\r\nConnection: close\r\n/i);
    assert.match(text, /PAYLOAD_TOO_LARGE/);

    // An ordinary request on a new socket is answered as usual.
    const fresh = connect(port, '127.0.0.1');
    const legit = readUntilClosed(fresh, 5_000);
    fresh.write(plansRequest().replace('Host: 127.0.0.1\r\n', 'Host: 127.0.0.1\r\nConnection: close\r\n'));
    const second = await legit;
    assert.equal(second.error, undefined);
    assert.deepEqual(statusLines(second.text), [200], second.text.slice(0, 300));
  });

  it('an answer given without reading the body (415) closes the connection: pipelined bytes are never taken for a request', async () => {
    const { port } = await serveCompanion();
    const socket = connect(port, '127.0.0.1');
    const answer = readUntilClosed(socket);
    const big = 'a'.repeat(40_000);
    socket.write(`POST /paylater/plans HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: ${big.length + 10_000}\r\n\r\n${big}`);
    socket.write(plansRequest());
    const { text, error, closedByServer } = await answer;
    assert.equal(error, undefined);
    assert.ok(closedByServer);
    assert.deepEqual(statusLines(text), [415], text);
    assert.match(text, /\r\nConnection: close\r\n/i);
  });

  it('a body trickling in one byte every 500 ms gets 408 REQUEST_TIMEOUT at the deadline, and the connection is closed', async () => {
    const { port } = await serveCompanion(300);
    const socket = connect(port, '127.0.0.1');
    const started = Date.now();
    const answer = readUntilClosed(socket, 5_000);
    socket.write(`POST /paylater/plans HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{`);
    const trickle = setInterval(() => {
      if (!socket.destroyed && socket.writable) socket.write(' ');
    }, 500);
    try {
      const { text, closedByServer } = await answer;
      const elapsed = Date.now() - started;
      assert.ok(closedByServer, 'the server closed the connection');
      assert.deepEqual(statusLines(text), [408], text);
      assert.match(text, /\r\nConnection: close\r\n/i);
      const body = JSON.parse(text.slice(text.indexOf('{')).replace(/\r\n0\r\n\r\n$/, ''));
      assert.equal(body.error.code, 'REQUEST_TIMEOUT');
      assert.equal(typeof body.error.message, 'string');
      assert.ok(elapsed >= 250 && elapsed < 1_500, `answered after ${elapsed} ms, the deadline is 300 ms`);
    } finally {
      clearInterval(trickle);
    }
  });

  it('an ordinary JSON request keeps the connection alive: the next request reuses the socket', async () => {
    const { port } = await serveCompanion();
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await send(port, agent, [PLANS_BODY]);
      assert.equal(first.response.statusCode, 200, first.body);
      assert.equal(first.response.headers.connection, 'keep-alive');
      // Also a refusal of a body read to its end (404 for an unknown checkout).
      const unknown = await send(port, agent, [JSON.stringify({ checkout: 'nope' })]);
      assert.equal(unknown.response.statusCode, 404);
      assert.equal(unknown.response.headers.connection, 'keep-alive');
      assert.equal(unknown.reused, true);
      const third = await send(port, agent, [PLANS_BODY]);
      assert.equal(third.response.statusCode, 200);
      assert.equal(third.reused, true, 'the same connection');
      assert.equal(third.socket, first.socket);
    } finally {
      agent.destroy();
    }
  });

  it('passes the socket address to the handler as clientAddress', async () => {
    const seen: Array<ClientInfo | undefined> = [];
    const fake: FetchHandler = {
      async fetch(request, info) {
        seen.push(info);
        return new Response(JSON.stringify({ path: new URL(request.url).pathname }), { headers: { 'content-type': 'application/json' } });
      },
    };
    const handler = toNodeHandler(fake, { basePath: '/paylater' });
    const { url } = await serve((req, res) => void handler(req, res));
    const answer = await fetch(`${url}/paylater/anything`);
    assert.deepEqual(await answer.json(), { path: '/paylater/anything' });
    assert.deepEqual(seen, [{ clientAddress: '127.0.0.1' }]);
  });

  it('refuses a bodyTimeoutMs that is not a positive number', () => {
    const fake: FetchHandler = { fetch: async () => new Response(null) };
    assert.throws(() => toNodeHandler(fake, { bodyTimeoutMs: 0 }), /bodyTimeoutMs/);
    assert.throws(() => toNodeHandler(fake, { bodyTimeoutMs: Number.NaN }), /bodyTimeoutMs/);
  });
});
