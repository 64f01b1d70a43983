/**
 * Fuzzing the companion as a merchant mounts it: `toNodeHandler` on a real `node:http` server,
 * fed raw HTTP/1.1 over a socket, so the request line, the headers and the framing can be anything
 * a client (or an attacker) writes. Node's own HTTP parser refuses what is not HTTP (a bare 400
 * without a body); everything it lets through reaches the companion, which must answer without a
 * 5xx and with a stable code.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import fc from 'fast-check';
import { ERROR_CODES } from '../../src/contract/index.js';
import { startShop, eventually, CALLBACK_TOKEN, type Shop } from '../helpers/shop.js';
import { runs } from './support.js';

const CODES = new Set<string>(ERROR_CODES);
let shop: Shop;
let port = 0;

before(async () => {
  shop = await startShop({ companion: { xenditTimeoutMs: 500, channelTimeoutMs: 400 } });
  port = Number(new URL(shop.url).port);
});
after(() => shop.close());

interface RawAnswer {
  status: number;
  head: string;
  body: string;
}

/** Writes `bytes` to the shop's port and reads until the server closes or `ms` pass. */
function raw(bytes: string | Buffer, { ms = 2_000, closeAfterWrite = false } = {}): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      const [head = '', ...rest] = text.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
      resolve({ status, head, body: rest.join('\r\n\r\n') });
    };
    const timer = setTimeout(done, ms);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('end', done);
    socket.on('error', done);
    socket.on('connect', () => {
      socket.write(bytes);
      if (closeAfterWrite) socket.end();
    });
  });
}

function assertAnswer(answer: RawAnswer, what: string, method: string) {
  assert.ok(answer.status > 0, `${what}: no answer at all`);
  assert.ok(answer.status < 500, `${what}: answered ${answer.status} ${answer.body.slice(0, 200)}`);
  if (answer.status >= 400 && method !== 'HEAD' && /content-type: application\/json/i.test(answer.head)) {
    // The companion's refusal: a JSON body with a stable code. (Node's parser answers a bare 400.)
    const body = answer.body.replace(/^[0-9a-f]+\r\n/i, '');
    const code = /"code":"([A-Z_]+)"/.exec(body)?.[1];
    assert.ok(code && CODES.has(code), `${what}: refusal without a stable code: ${answer.body.slice(0, 200)}`);
  }
}

const ROUTES = ['/paylater/plans', '/paylater/charges', '/paylater/status?token=abcdefghijklmnopqrstuvwxyz', '/paylater/webhooks/xendit', '/paylater/bills/inquiry', '/paylater/nope', '/paylater', '/other'];
const token = fc.stringMatching(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,12}$/);
const fieldValue = fc.stringMatching(/^[\x21-\x7e]([\x20-\x7e]{0,40}[\x21-\x7e])?$/);

/** Host headers a browser, a proxy or a test client may send (malformed ones: the test below). */
const host = fc.constantFrom('127.0.0.1', 'localhost', 'shop.example', 'shop.example:8443', '[::1]:80', 'LOCALHOST', 'xn--80ak6aa92e.com');

const target = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...ROUTES) },
  fc.constantFrom(...ROUTES).map((r) => `${r}${r.includes('?') ? '&' : '?'}x=%ZZ`),
  fc.constantFrom('*', '/paylater/plans#frag', '/paylater/%2e%2e/plans', '//paylater//plans', '/paylater/plans/../charges', 'http://evil.example/paylater/plans'),
);

const json = fc.oneof(
  fc.json({ maxDepth: 3 }),
  fc.constantFrom('{"checkout":"cart-1"}', '{"checkout":"cart-1","channels":["ID_KREDIVO"]}', '{"quote":"v1.a.b","plan_id":"plp_x"}', '{"event":"paylater.payment","data":{"id":"plc_x"}}', '{"product_id":"PLN_PREPAID_20K","customer_number":"12345678910"}'),
  fc.string({ maxLength: 100 }),
);

const framing = fc.constantFrom('length', 'chunked', 'short', 'long', 'none', 'bad-chunk');

describe('fuzz: toNodeHandler over raw HTTP/1.1', () => {
  it('any request line, headers and body framing: an answer below 500 with a stable code', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'POST', 'POST', 'OPTIONS', 'HEAD', 'PUT', 'DELETE', 'PATCH', 'FOO'),
        target,
        host,
        fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/json, text/plain', undefined),
        fc.constantFrom(undefined, 'https://evil.example', 'null', CALLBACK_TOKEN),
        fc.array(fc.tuple(token, fieldValue), { maxLength: 4 }),
        json,
        framing,
        async (method, path, hostHeader, type, extra, headers, body, frame) => {
          const bytes = Buffer.from(body, 'utf8');
          const lines = [`${method} ${path} HTTP/1.1`, `Host: ${hostHeader}`, 'Connection: close'];
          if (type) lines.push(`Content-Type: ${type}`);
          if (extra === CALLBACK_TOKEN) lines.push(`X-Callback-Token: ${extra}`);
          else if (extra) lines.push(`Origin: ${extra}`);
          for (const [name, value] of headers) if (!/^(content-length|transfer-encoding|host|connection|expect|upgrade)$/i.test(name)) lines.push(`${name}: ${value}`);
          let payload: Buffer = Buffer.alloc(0);
          if (frame === 'length') lines.push(`Content-Length: ${bytes.length}`), (payload = bytes);
          else if (frame === 'short') lines.push(`Content-Length: ${Math.max(0, bytes.length - 1)}`), (payload = bytes);
          else if (frame === 'long') lines.push(`Content-Length: ${bytes.length + 5}`), (payload = bytes);
          else if (frame === 'chunked') lines.push('Transfer-Encoding: chunked'), (payload = Buffer.concat([Buffer.from(`${bytes.length.toString(16)}\r\n`), bytes, Buffer.from('\r\n0\r\n\r\n')]));
          else if (frame === 'bad-chunk') lines.push('Transfer-Encoding: chunked'), (payload = Buffer.concat([Buffer.from('zz\r\n'), bytes]));
          const what = `${lines.join(' | ')} [${frame}] ${body.slice(0, 80)}`;
          // A body announced longer than sent: the client then gives up (closes its side).
          const answer = await raw(Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`), payload]), { ms: 1_500, closeAfterWrite: frame === 'long' });
          if (frame === 'long' && answer.status === 0) return; // the client went away: nobody to answer
          assertAnswer(answer, what, method);
        },
      ),
      runs(150),
    );
  });

  it('a shopper who goes away mid-upload is not logged as an unexpected server error', async () => {
    // The body is announced as 200 bytes, 20 arrive, then the client closes. Found by the property
    // above: `readJson` (src/server/http.ts) let the stream's "aborted" error escape, so the
    // companion answered 500 INTERNAL and logged "unexpected error" with a stack (fixed in ddddc18).
    const before = shop.logs.length;
    await raw(`POST /paylater/plans HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{"checkout":"cart-1",`, { ms: 300, closeAfterWrite: true });
    await eventually(() => shop.logs.slice(before).some((line) => line.startsWith('debug request ')), 2_000, 'the request to be logged');
    const logged = shop.logs.slice(before);
    assert.deepEqual(logged.filter((line) => line.startsWith('error ')), [], 'an error-level log line for a client that went away');
    const status = Number(/"status":(\d+)/.exec(logged.find((line) => line.startsWith('debug request '))!)?.[1]);
    assert.ok(status < 500, `the companion answered ${status}`);
  });

  it('a malformed Host header is refused with 400 INVALID_REQUEST, not a 500', async () => {
    // Node's HTTP parser lets these through, and `new Request(`${protocol}://${host}${path}`)` throws on
    // them; `toNodeHandler` answered 500 INTERNAL until ddddc18.
    for (const bad of ['exa mple', 'a@b', '[::1', 'localhost:99999', '%', 'a:b:c']) {
      const answer = await raw(`GET /paylater/status?token=abcdefghijklmnopqrstuvwxyz HTTP/1.1\r\nHost: ${bad}\r\nConnection: close\r\n\r\n`);
      assert.equal(answer.status, 400, `Host: ${bad} → ${answer.status} ${answer.body}`);
      assert.match(answer.body, /"code":"INVALID_REQUEST"/, `Host: ${bad}`);
    }
  });
});
