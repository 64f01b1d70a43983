/**
 * `toNodeHandler(companion, { basePath, bodyTimeoutMs })`: the companion as a `node:http` request
 * listener and as Express/Connect middleware. It translates between Node's request/response and the
 * fetch API, and looks after the connection, which the fetch API cannot see:
 * - a request body still arriving after `bodyTimeoutMs` gets 408 and the connection is closed;
 * - an answer given before the request body was read to the end (413, 415, 401, …) closes the
 *   connection after it, so bytes left of that body are never read as the next request.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { rememberClientAddress } from './client-info.js';

/** What the adapter knows about the caller that the `Request` does not carry. */
export interface ClientInfo {
  /** The address of the socket the request came on (a proxy's, behind one). */
  clientAddress?: string;
}

export interface FetchHandler {
  fetch(request: Request, info?: ClientInfo): Promise<Response>;
}

export interface NodeHandlerOptions {
  /** Where the companion is mounted, e.g. `/paylater`. Requests outside it go to `next()` (or get a 404). */
  basePath?: string;
  /**
   * How long a request body may take to arrive, counted from the moment the handler sees the
   * request. A body not complete by then gets 408 `REQUEST_TIMEOUT` and the connection is closed.
   * Default 10 000 ms.
   */
  bodyTimeoutMs?: number;
}

type Next = (error?: unknown) => void;
type MaybeExpressRequest = IncomingMessage & { originalUrl?: string; body?: unknown; protocol?: string };

export const DEFAULT_BODY_TIMEOUT_MS = 10_000;

export function toNodeHandler(companion: FetchHandler, options: NodeHandlerOptions = {}) {
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');
  const bodyTimeoutMs = options.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS;
  if (!(bodyTimeoutMs > 0)) throw new TypeError('toNodeHandler: `bodyTimeoutMs` must be a positive number of milliseconds');
  return async function paylaterHandler(req: MaybeExpressRequest, res: ServerResponse, next?: Next): Promise<void> {
    try {
      const rawPath = req.originalUrl ?? req.url ?? '/';
      const pathname = rawPath.split('?')[0] ?? '/';
      if (basePath && pathname !== basePath && !pathname.startsWith(`${basePath}/`)) {
        if (next) return next();
        return sendError(req, res, 404, 'NOT_FOUND', 'No such route.');
      }
      let incoming: IncomingRequest;
      try {
        incoming = toRequest(req, rawPath);
      } catch (error) {
        if (error instanceof BodyAlreadyRead) {
          return sendError(req, res, 500, 'BODY_ALREADY_READ', 'The request body was read before the companion, and nothing of it was kept: mount the companion before that middleware (or leave the body it read in req.body or req.rawBody).');
        }
        // A Host header or path that makes no URL (`exa mple`, `[::1`, `localhost:99999`).
        return sendError(req, res, 400, 'INVALID_REQUEST', 'Malformed request URL or Host header.');
      }
      const timer = incoming.body && bodyLeftUnread(req) ? setTimeout(bodyTimedOut, bodyTimeoutMs, req, res, incoming) : undefined;
      let response: Response;
      try {
        response = await companion.fetch(incoming.request, { clientAddress: req.socket.remoteAddress });
      } finally {
        clearTimeout(timer);
      }
      // The 408 went out already (the companion's answer came from the broken body).
      if (res.headersSent) return;
      // A path under the mount that is none of the companion's routes (your return page at
      // /paylater/return, say) is the app's: Express's next().
      if (next && response.status === 404 && (await notARoute(response))) return next();
      const headers: Record<string, string> = {};
      response.headers.forEach((value, key) => {
        headers[key] = value;
      });
      send(req, res, response.status, headers, Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      if (next) return next(error);
      if (res.headersSent) return void res.end();
      sendError(req, res, 500, 'INTERNAL', 'Something went wrong on the server.');
    }
  };
}

/** Whether the companion's 404 says it has no such route (not a 404 of one of its routes, such as an unknown status token). */
async function notARoute(response: Response): Promise<boolean> {
  try {
    return ((await response.clone().json()) as { error?: { code?: string } }).error?.code === 'NOT_FOUND';
  } catch {
    return false;
  }
}

/** The Request for the companion, and the body stream it reads (none for GET, HEAD or a parsed body). */
interface IncomingRequest {
  request: Request;
  body: BodyStream | undefined;
  abort(): void;
}

/**
 * Your page's Node request (or Express's) as the fetch `Request` the companion's functions take
 * (`renderCheckout`, `renderStatus`, `createCharge`, and your `resolveCheckout` with it): its URL
 * and headers, no body (read or not), and the socket's address for the per-client rate limits.
 */
export function requestOf(req: IncomingMessage): Request {
  const { url, headers } = urlAndHeaders(req, (req as { originalUrl?: string }).originalUrl ?? req.url ?? '/');
  return rememberClientAddress(new Request(url, { headers }), req.socket?.remoteAddress);
}

function urlAndHeaders(req: MaybeExpressRequest, rawPath: string): { url: string; headers: Headers } {
  const encrypted = (req.socket as { encrypted?: boolean }).encrypted === true;
  const protocol = req.protocol ?? (encrypted ? 'https' : 'http');
  const host = req.headers.host ?? 'localhost';
  const url = `${protocol}://${host}${rawPath.startsWith('/') ? rawPath : `/${rawPath}`}`;
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value === undefined || key.startsWith(':')) continue;
    headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  return { url, headers };
}

function toRequest(req: MaybeExpressRequest, rawPath: string): IncomingRequest {
  const { url, headers } = urlAndHeaders(req, rawPath);
  const method = req.method ?? 'GET';
  const controller = new AbortController();
  const abort = () => controller.abort();
  req.once('close', () => {
    if (!req.complete) abort();
  });
  const signal = controller.signal;
  if (method === 'GET' || method === 'HEAD') return { request: new Request(url, { method, headers, signal }), body: undefined, abort };
  // A body parser (express.json(), express.urlencoded(), a raw-body middleware) may have consumed
  // the stream already: send what it kept, in the form its content type says.
  if (req.readableEnded) {
    const body = parsedBody(req, headers.get('content-type'));
    if (body === undefined) throw new BodyAlreadyRead();
    headers.delete('content-length');
    return { request: new Request(url, { method, headers, body, signal }), body: undefined, abort };
  }
  const body = bodyStream(req);
  const request = new Request(url, { method, headers, body: body.stream, duplex: 'half', signal } as RequestInit);
  return { request, body, abort };
}

/** The request body was read by something before the companion, which kept nothing of it. */
class BodyAlreadyRead extends Error {}

/** What a body parser kept of the body, as the text (or bytes) of its content type; undefined when it kept nothing. */
function parsedBody(req: MaybeExpressRequest & { rawBody?: unknown }, contentType: string | null): string | Uint8Array<ArrayBuffer> | undefined {
  const { body, rawBody } = req;
  if (rawBody instanceof Uint8Array) return new Uint8Array(rawBody);
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return new Uint8Array(body);
  if (body === undefined || body === null) return undefined;
  if (/^application\/x-www-form-urlencoded\b/i.test(contentType ?? '') && typeof body === 'object') {
    // express.urlencoded(): the form's fields, sent again as a form (a repeated field as an array).
    const form = new URLSearchParams();
    for (const [key, value] of Object.entries(body)) for (const one of Array.isArray(value) ? value : [value]) form.append(key, String(one));
    return form.toString();
  }
  return JSON.stringify(body);
}

interface BodyStream {
  stream: ReadableStream<Uint8Array>;
  /** Ends the stream with an error: whoever reads it stops waiting. */
  fail(reason: Error): void;
}

/**
 * The request body as a web stream, read as the companion pulls it. Cancelling it (the companion
 * stops at its size limit) only stops reading: the socket stays open for the answer, which
 * `Readable.toWeb` would not allow (it destroys the socket, and the client sees a reset instead
 * of a 413).
 */
function bodyStream(req: IncomingMessage): BodyStream {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let open = true;
  const listen = (method: 'on' | 'off') => {
    req[method]('data', onData);
    req[method]('end', onEnd);
    req[method]('error', onBroken);
    req[method]('close', onBroken);
  };
  const stop = () => {
    open = false;
    listen('off');
    req.pause();
  };
  const fail = (reason: Error) => {
    if (!open) return;
    stop();
    controller.error(reason);
  };
  function onData(chunk: Buffer) {
    controller.enqueue(chunk);
    if ((controller.desiredSize ?? 0) <= 0) req.pause();
  }
  function onEnd() {
    stop();
    controller.close();
  }
  function onBroken() {
    fail(new Error('The request body ended before it was complete.'));
  }
  const stream = new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
        listen('on');
        req.pause();
      },
      pull() {
        if (open) req.resume();
      },
      cancel() {
        stop();
      },
    },
    { highWaterMark: 64 * 1024, size: (chunk) => chunk.byteLength },
  );
  return { stream, fail };
}

/** The body did not arrive in time: 408, the connection closed, the companion's read ended. */
function bodyTimedOut(req: IncomingMessage, res: ServerResponse, incoming: IncomingRequest) {
  if (req.complete) return;
  incoming.body?.fail(new Error('The request body did not arrive in time.'));
  incoming.abort();
  if (res.headersSent) return void req.destroy();
  sendError(req, res, 408, 'REQUEST_TIMEOUT', 'The request body did not arrive in time.');
  res.once('finish', () => req.destroy());
}

/**
 * Writes the answer. When the request body was not read to the end, the connection is closed
 * after it (`Connection: close`): what is left of that body must not be parsed as a request.
 */
function send(req: IncomingMessage, res: ServerResponse, status: number, headers: Record<string, string>, body: string | Buffer) {
  if (bodyLeftUnread(req)) res.shouldKeepAlive = false;
  res.writeHead(status, headers);
  res.end(body);
}

/** The request declares a body and it has not been read to its end. */
function bodyLeftUnread(req: IncomingMessage): boolean {
  if (req.complete) return false;
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

/** An error answered before the request reaches the companion, in its shape: code, message and request id. */
function sendError(req: IncomingMessage, res: ServerResponse, status: number, code: string, message: string) {
  const id = randomUUID();
  send(req, res, status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-request-id': id }, JSON.stringify({ error: { code, message, request_id: id } }));
}
