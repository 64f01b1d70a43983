/**
 * The node:http face: a real HTTP server around the core (demo, end-to-end tests, benchmarks).
 * Only `simulator.listen()` loads this module (a dynamic import), so browser bundles never run it.
 * Faults: "dropped connection" → the socket is destroyed; "no answer" → the socket stays open until
 * the client gives up or the simulator closes.
 */
import * as http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimulatorCore } from './simulator/types.js';

export interface NodeServerHandle {
  url: string;
  close(): Promise<void>;
}

export async function startNodeServer(core: SimulatorCore, port: number, host: string, releaseHeld: () => void): Promise<NodeServerHandle> {
  let url = '';

  async function serve(req: IncomingMessage, res: ServerResponse) {
    const controller = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) controller.abort(new DOMException('The client closed the connection.', 'AbortError'));
    });
    try {
      const chunks: Uint8Array[] = [];
      for await (const chunk of req) chunks.push(chunk as Uint8Array);
      const method = (req.method ?? 'GET').toUpperCase();
      const headers = new Headers();
      for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
      const body = method === 'GET' || method === 'HEAD' ? undefined : concat(chunks);
      const request = new Request(new URL(req.url ?? '/', url), { method, headers, body, signal: controller.signal });
      const outcome = await core.handle(request);
      if (outcome.kind === 'drop') {
        req.socket.destroy();
        return;
      }
      if (outcome.kind === 'hang') {
        await outcome.released;
        if (!res.writableEnded) req.socket.destroy();
        return;
      }
      const response = outcome.response;
      const payload = new Uint8Array(await response.arrayBuffer());
      const out: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        out[name] = value;
      });
      out['content-length'] = String(payload.byteLength);
      res.writeHead(response.status, out);
      res.end(payload);
    } catch (error) {
      if (res.headersSent || res.destroyed) {
        req.socket.destroy();
        return;
      }
      console.error('[xendit-simulator] http face failed:', error);
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error_code: 'SERVER_ERROR', message: 'The simulator failed to handle this request.' }));
    }
  }

  const server = http.createServer((req, res) => void serve(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The simulator server has no TCP address.');
  const shownHost = address.address === '0.0.0.0' || address.address === '::' ? 'localhost' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
  url = `http://${shownHost}:${address.port}`;

  return {
    url,
    async close() {
      releaseHeld();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function concat(chunks: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const size = chunks.reduce((n, c) => n + c.byteLength, 0);
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
