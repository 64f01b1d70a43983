/**
 * `toNodeHandler(companion, { basePath })`: the companion as a `node:http` request listener and as
 * Express/Connect middleware. It translates between Node's request/response and the fetch API and
 * does nothing else.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';

export interface FetchHandler {
  fetch(request: Request): Promise<Response>;
}

export interface NodeHandlerOptions {
  /** Where the companion is mounted, e.g. `/paylater`. Requests outside it go to `next()` (or get a 404). */
  basePath?: string;
}

type Next = (error?: unknown) => void;
type MaybeExpressRequest = IncomingMessage & { originalUrl?: string; body?: unknown; protocol?: string };

export function toNodeHandler(companion: FetchHandler, options: NodeHandlerOptions = {}) {
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');
  return async function paylaterHandler(req: MaybeExpressRequest, res: ServerResponse, next?: Next): Promise<void> {
    try {
      const rawPath = req.originalUrl ?? req.url ?? '/';
      const pathname = rawPath.split('?')[0] ?? '/';
      if (basePath && pathname !== basePath && !pathname.startsWith(`${basePath}/`)) {
        if (next) return next();
        res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ error: { code: 'NOT_FOUND', message: 'No such route.' } }));
        return;
      }
      let request: Request;
      try {
        request = toRequest(req, rawPath);
      } catch {
        // A Host header or path that makes no URL (`exa mple`, `[::1`, `localhost:99999`).
        res.writeHead(400, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ error: { code: 'INVALID_REQUEST', message: 'Malformed request URL or Host header.' } }));
        return;
      }
      const response = await companion.fetch(request);
      const headers: Record<string, string> = {};
      response.headers.forEach((value, key) => {
        headers[key] = value;
      });
      res.writeHead(response.status, headers);
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      if (next) return next(error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ error: { code: 'INTERNAL', message: 'Something went wrong on the server.' } }));
    }
  };
}

function toRequest(req: MaybeExpressRequest, rawPath: string): Request {
  const encrypted = (req.socket as { encrypted?: boolean }).encrypted === true;
  const protocol = req.protocol ?? (encrypted ? 'https' : 'http');
  const host = req.headers.host ?? 'localhost';
  const url = `${protocol}://${host}${rawPath.startsWith('/') ? rawPath : `/${rawPath}`}`;
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value === undefined || key.startsWith(':')) continue;
    headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const method = req.method ?? 'GET';
  const controller = new AbortController();
  req.once('close', () => {
    if (!req.complete) controller.abort();
  });
  if (method === 'GET' || method === 'HEAD') return new Request(url, { method, headers, signal: controller.signal });
  // A body parser (express.json()) may have consumed the stream already: send what it parsed.
  if (req.body !== undefined && req.readableEnded) {
    const body = typeof req.body === 'string' ? req.body : req.body instanceof Uint8Array ? Buffer.from(req.body) : JSON.stringify(req.body);
    headers.delete('content-length');
    return new Request(url, { method, headers, body, signal: controller.signal });
  }
  return new Request(url, {
    method,
    headers,
    body: Readable.toWeb(req) as ReadableStream<Uint8Array>,
    duplex: 'half',
    signal: controller.signal,
  } as RequestInit);
}
