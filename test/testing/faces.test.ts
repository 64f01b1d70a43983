/**
 * The simulator's faces: the core never imports them; the node:http server cuts off trickling
 * clients; the deprecated `simulator.handlers` and `simulator.listen()` still work.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setupServer } from 'msw/node';
import { createXenditSimulator } from '../../src/testing/index.js';
import { simulatorHandlers } from '../../src/testing/msw.js';
import { listenSimulator } from '../../src/testing/node.js';
import { createXenditClient } from '../../src/xendit/index.js';

const testing = fileURLToPath(new URL('../../src/testing/', import.meta.url));
const FACES = [join(testing, 'msw'), join(testing, 'node')];
const FORBIDDEN = ['msw', 'node:http', 'http'];

/** What `file` (source text `text`) imports that the core must not: a face, msw, node:http, or an import by variable. */
function faceImports(file: string, text: string): string[] {
  const found: string[] = [];
  const literal = /\bfrom\s*['"]([^'"]+)['"]|\bimport\s*['"]([^'"]+)['"]|\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const match of text.matchAll(literal)) {
    const specifier = (match[1] ?? match[2] ?? match[3])!;
    const bare = specifier.startsWith('.') ? null : specifier;
    const isFace = bare === null && FACES.includes(resolve(dirname(file), specifier).replace(/\.[jt]s$/, ''));
    if (isFace || (bare && (FORBIDDEN.includes(bare) || bare.startsWith('msw/')))) found.push(specifier);
  }
  for (const match of text.matchAll(/\b(?:import|require)\s*\(\s*(?!['"])([^)]*)\)/g)) found.push(`import(${match[1]})`);
  return found;
}

interface Trickled {
  ms: number;
  /** What the server sent before it closed the connection. */
  answer: string;
  /** False when the server still held the connection after `giveUpMs`. */
  cut: boolean;
}

/** Sends `head`, then one byte every 500 ms, until the server closes the connection. */
function trickle(url: string, head: string, giveUpMs = 60_000): Promise<Trickled> {
  const { hostname, port } = new URL(url);
  return new Promise((done) => {
    const started = performance.now();
    let answer = '';
    const socket = connect(Number(port), hostname, () => socket.write(head));
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('error', () => undefined); // a write racing the server's close
    const drip = setInterval(() => socket.write('a'), 500);
    const giveUp = setTimeout(() => socket.destroy(), giveUpMs);
    socket.on('close', () => {
      clearInterval(drip);
      clearTimeout(giveUp);
      const ms = performance.now() - started;
      done({ ms, answer, cut: ms < giveUpMs });
    });
  });
}

describe('simulator faces', () => {
  it('the core (src/testing/simulator/) imports neither face (../msw, ../node), nor msw, nor node:http', () => {
    const dir = join(testing, 'simulator');
    const files = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts'));
    assert.ok(files.includes('index.ts') && files.includes(join('routes', 'paylater.ts')), 'the sources were found');
    const offending = files.flatMap((f) => faceImports(join(dir, f), readFileSync(join(dir, f), 'utf8')).map((s) => `${f}: ${s}`));
    assert.deepEqual(offending, []);

    // The check itself sees each way a face could come back.
    const sample = join(dir, 'index.ts');
    assert.deepEqual(faceImports(sample, `import { simulatorHandlers } from '../msw.js';`), ['../msw.js']);
    assert.deepEqual(faceImports(sample, `const { listenSimulator } = await import('../node.js');`), ['../node.js']);
    assert.deepEqual(faceImports(sample, `readonly handlers: import('msw').HttpHandler[];`), ['msw']);
    assert.deepEqual(faceImports(sample, `import type { Server } from 'node:http';`), ['node:http']);
    assert.deepEqual(faceImports(sample, `const name = 'node:http'; await import(name);`), ['import(name)']);
    assert.deepEqual(faceImports(sample, `import { clone } from '../responses.js';`), []);
  });

  it('the faces take only a simulator made by createXenditSimulator', async () => {
    assert.throws(() => simulatorHandlers({} as never), /made by createXenditSimulator/);
    await assert.rejects(listenSimulator({} as never), /made by createXenditSimulator/);
  });

  it('listenSimulator cuts off a request whose body trickles one byte per 500 ms (408 after requestTimeoutMs), and trickled headers (after headersTimeoutMs)', async () => {
    const simulator = createXenditSimulator();
    try {
      // The defaults (10 s and 30 s) cost 30 s to watch; the same code with 2 s and 5 s.
      const { url } = await listenSimulator(simulator, { headersTimeoutMs: 2_000, requestTimeoutMs: 5_000 });
      const host = new URL(url).host;
      const [body, headers] = await Promise.all([
        trickle(url, `POST /customers HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{`),
        trickle(url, `GET /bill-payments/products HTTP/1.1\r\nHost: ${host}\r\nX-Slow: `),
      ]);
      assert.ok(headers.cut && headers.ms >= 1_900 && headers.ms < 5_000, `trickled headers held the socket for ${Math.round(headers.ms)} ms`);
      assert.match(headers.answer, /^HTTP\/1\.1 408/);
      assert.ok(body.cut && body.ms >= 4_900 && body.ms < 9_000, `a trickled body held the socket for ${Math.round(body.ms)} ms`);
      assert.match(body.answer, /^HTTP\/1\.1 408/);
      assert.equal(simulator.customers().length, 0, 'the cut-off request did nothing');
    } finally {
      await simulator.close();
    }
  });

  it('the deprecated simulator.handlers and simulator.listen() still work', async () => {
    const simulator = createXenditSimulator();
    const client = (baseUrl?: string) => createXenditClient({ secretKey: 'xnd_development_simulator', baseUrl, maxRetries: 0, timeoutMs: 2_000 });
    try {
      assert.equal(simulator.handlers, simulator.handlers, 'made once');
      const msw = setupServer(...simulator.handlers);
      msw.listen({ onUnhandledRequest: 'error' });
      try {
        assert.equal((await client().billPayments.listProducts()).data.length, 3);
      } finally {
        msw.close();
      }

      const { url } = await simulator.listen();
      assert.ok(url.startsWith('http://127.0.0.1:'));
      assert.equal(simulator.url, url);
      await assert.rejects(simulator.listen(), /already listening/);
      assert.equal((await client(url).billPayments.listProducts()).data.length, 3);
      await simulator.close();
      assert.equal(simulator.url, undefined);
      await assert.rejects(fetch(`${url}/bill-payments/products`), 'close() closed the server');
    } finally {
      await simulator.close();
    }
  });
});
