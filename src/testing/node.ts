/**
 * `paylater-checkout/testing/node`, the node:http face: a real HTTP server around the core (demo,
 * end-to-end tests, benchmarks). Browser code never imports it.
 * Faults: "dropped connection" → the socket is destroyed; "no answer" → the socket stays open until
 * the client gives up or the simulator closes.
 */
import * as http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { simulatorCore, type XenditSimulatorBase } from './simulator/index.js';

export interface ListenSimulatorOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** How long a client may take to send a request's headers before it gets 408. Default 10 s. */
  headersTimeoutMs?: number;
  /** How long a client may take to send a whole request before it gets 408. Default 30 s. */
  requestTimeoutMs?: number;
}

export interface SimulatorServer {
  /** `http://<host>:<port>`, also the simulator's `url` and its checkout pages' base while it listens. */
  readonly url: string;
  /** Stops the server (`simulator.close()` does too); the simulator may listen again afterwards. */
  close(): Promise<void>;
}

/**
 * Time limits, so that a slow or trickling client cannot hold a socket for minutes: the headers
 * within 10 s, the whole request within 30 s (both can be set), an idle kept-alive connection 5 s.
 * Node checks them every `connectionsCheckingInterval` (default 30 s, which would double the
 * request limit).
 */
const TIMEOUTS = { headersTimeout: 10_000, requestTimeout: 30_000, keepAliveTimeout: 5_000, connectionsCheckingInterval: 1_000 };

/**
 * Starts a node:http server around the simulator. Refused while the simulator has one already.
 * `simulator.close()` closes it too.
 */
export async function listenSimulator(
  simulator: XenditSimulatorBase,
  { port = 0, host = '127.0.0.1', headersTimeoutMs = TIMEOUTS.headersTimeout, requestTimeoutMs = TIMEOUTS.requestTimeout }: ListenSimulatorOptions = {},
): Promise<SimulatorServer> {
  const core = simulatorCore(simulator);
  if (core.server) throw new Error('The simulator is already listening at ' + core.server.url);
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
      if (res.headersSent || res.destroyed || req.socket.destroyed) {
        req.socket.destroy();
        return;
      }
      console.error('[xendit-simulator] http face failed:', error);
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error_code: 'SERVER_ERROR', message: 'The simulator failed to handle this request.' }));
    }
  }

  const timeouts = { ...TIMEOUTS, headersTimeout: headersTimeoutMs, requestTimeout: Math.max(requestTimeoutMs, headersTimeoutMs) };
  const server = http.createServer(timeouts, (req, res) => void serve(req, res));
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

  let closing: Promise<void> | undefined;
  let detach = () => {};
  const handle: SimulatorServer = {
    url,
    close() {
      closing ??= new Promise<void>((resolve) => {
        detach();
        core.releaseHeld();
        server.closeAllConnections();
        server.close(() => resolve());
      });
      return closing;
    },
  };
  try {
    detach = core.attachServer(handle);
  } catch (error) {
    // Another listenSimulator call on the same simulator won the race.
    await handle.close();
    throw error;
  }
  return handle;
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
