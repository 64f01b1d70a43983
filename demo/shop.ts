/**
 * Toko Pagi, the demo shop: one `node:http` server with the shop's pages, the companion mounted at
 * `/paylater` with `toNodeHandler`, the widget's CDN build at `/cdn/`, and the Xendit simulator on
 * its own port (the API the companion calls, and the providers' checkout pages the shopper visits).
 *
 * It imports the package by its public names only, as a merchant's server would.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createCompanion, XenditError, type Logger } from 'paylater-checkout/server';
import { toNodeHandler } from 'paylater-checkout/server/node';
import { createXenditSimulator } from 'paylater-checkout/testing';
import { listenSimulator } from 'paylater-checkout/testing/node';
import { createBackOffice, isBackOffice } from './back-office.js';
import { SHOPPER, type Lang } from './catalog.js';
import { text, type TextKey } from './i18n.js';
import { checkoutPage, href, listrikPage, messagePage, ordersPage, returnPage, shopPage, statusContent, type OrdersNotice, type PageContext } from './pages.js';
import { CDN_CART_ID, createShopState } from './state.js';

/**
 * The demo's fixed keys. The "secret key" is only ever accepted by the simulator started below;
 * it is not a Xendit key. A real shop reads these from its server-side configuration.
 */
export const DEMO_SECRET_KEY = 'xnd_development_toko_pagi_demo_not_a_real_key';
export const DEMO_CALLBACK_TOKEN = 'toko-pagi-demo-callback-token';
export const DEMO_SIGNING_SECRET = 'toko-pagi-demo-signing-secret-0123456789abcdef';

export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "object-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

export interface DemoShopOptions {
  /** Port to listen on; when taken, a free one is used instead. Default 5173. 0: any free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Print the companion's info lines (charges, status changes). Default false. */
  verbose?: boolean;
  /** How long the simulator keeps a refund PENDING before it succeeds. Default 1500 ms. */
  refundSettleMs?: number;
  /** The back office's key (16 to 128 letters, digits, `-`, `_`). Default: a random one per start. */
  backOfficeKey?: string;
}

export interface DemoShop {
  /** The shop, e.g. `http://127.0.0.1:5173`. */
  url: string;
  /** The simulated Xendit API (and the providers' checkout pages). */
  xenditUrl: string;
  /** The back office's link with its key (`…/orders?key=…`): opening it lets that browser into `/orders`. */
  backOfficeUrl: string;
  /** True when the requested port was taken and another one is used. */
  portFellBack: boolean;
  simulator: ReturnType<typeof createXenditSimulator>;
  companion: ReturnType<typeof createCompanion>;
  state: ReturnType<typeof createShopState>;
  close(): Promise<void>;
}

const here = dirname(fileURLToPath(import.meta.url));
const publicDir = join(here, 'public');
/** `dist/cdn/` of the installed package, found through its `exports` like any dependency. */
const cdnDir = join(dirname(createRequire(import.meta.url).resolve('paylater-checkout/package.json')), 'dist', 'cdn');

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
};

const TOKEN = /^[A-Za-z0-9_-]{20,128}$/;

/**
 * Time limits for every connection, as a shop's server should have them: the request line and
 * headers within 10 s, the whole request within 30 s, an idle keep-alive connection closed after
 * 5 s. Node checks the first two every `connectionsCheckingInterval` (30 s unless set). The
 * companion's own body deadline is `toNodeHandler`'s `bodyTimeoutMs` (default 10 s).
 */
const SERVER_TIMEOUTS = { headersTimeout: 10_000, requestTimeout: 30_000, keepAliveTimeout: 5_000, connectionsCheckingInterval: 1_000 };

function pickLang(url: URL, req: IncomingMessage): Lang {
  const asked = url.searchParams.get('lang');
  if (asked === 'id' || asked === 'en') return asked;
  for (const part of (req.headers['accept-language'] ?? '').split(',')) {
    const tag = part.trim().split(';')[0]!.toLowerCase();
    if (tag === 'id' || tag.startsWith('id-') || tag === 'in') return 'id';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return 'en';
}

async function readForm(req: IncomingMessage, limit = 8 * 1024): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw Object.assign(new Error('form too large'), { status: 413 });
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

async function listenOn(server: ReturnType<typeof createServer>, port: number, host: string): Promise<boolean> {
  const attempt = (p: number) =>
    new Promise<void>((resolve, reject) => {
      const onError = (error: Error) => {
        server.off('listening', onListening);
        reject(error);
      };
      const onListening = () => {
        server.off('error', onError);
        resolve();
      };
      server.once('error', onError);
      server.once('listening', onListening);
      server.listen(p, host);
    });
  try {
    await attempt(port);
    return false;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port === 0) throw error;
    await attempt(0);
    return true;
  }
}

/**
 * The shop's origins: where it listens, plus the other names of this machine's loopback address
 * (a reader may open `localhost` where the demo printed `127.0.0.1`). Never taken from a request's
 * Host header, which the client writes.
 */
function shopOrigins(origin: string): string[] {
  const { hostname, port } = new URL(origin);
  const loopback = ['localhost', '127.0.0.1', '[::1]'];
  return loopback.includes(hostname) ? loopback.map((name) => `http://${name}:${port}`) : [origin];
}

function originOf(address: AddressInfo): string {
  const host = address.address === '0.0.0.0' || address.address === '::' ? 'localhost' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

export async function startDemoShop(options: DemoShopOptions = {}): Promise<DemoShop> {
  const host = options.host ?? '127.0.0.1';
  const backOffice = createBackOffice(options.backOfficeKey);
  let origin = '';
  const state = createShopState({ origin: () => origin });
  /** One-shot notices for the orders page (after a refund), by random id. */
  const notices = new Map<string, OrdersNotice>();

  let companionHandler: ReturnType<typeof toNodeHandler> | undefined;
  const server = createServer(SERVER_TIMEOUTS, (req, res) => {
    void handle(req, res).catch((error: unknown) => {
      console.error('[shop] request failed:', error);
      if (!res.headersSent) {
        const status = (error as { status?: number }).status ?? 500;
        res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
      }
      res.end(text('en', 'error'));
    });
  });
  const portFellBack = await listenOn(server, options.port ?? 5173, host);
  origin = originOf(server.address() as AddressInfo);

  // Xendit, offline: the API on its own port, callbacks to the shop's companion.
  const simulator = createXenditSimulator({
    secretKey: DEMO_SECRET_KEY,
    callbackToken: DEMO_CALLBACK_TOKEN,
    callbackUrl: `${origin}/paylater/webhooks/xendit`,
    billCallbackUrl: `${origin}/paylater/bills/webhook`,
    refundSettleMs: options.refundSettleMs ?? 1_500,
    // Xendit retries after 15 minutes; the demo, sooner.
    callbackRetryDelaysMs: [2_000, 10_000, 30_000],
  });
  const xendit = await listenSimulator(simulator, { host });

  const print = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    const line = `[companion] ${level} ${message} ${fields ? JSON.stringify(fields) : ''}`;
    if (level === 'error') console.error(line);
    else console.log(line);
  };
  const logger: Partial<Logger> = options.verbose ? { info: print('info'), warn: print('warn'), error: print('error') } : { error: print('error') };

  const companion = createCompanion({
    secretKey: DEMO_SECRET_KEY,
    callbackToken: DEMO_CALLBACK_TOKEN,
    signingSecret: DEMO_SIGNING_SECRET,
    baseUrl: xendit.url,
    returnUrl: `${origin}/return`,
    allowedOrigins: shopOrigins(origin),
    // The demo has no sessions: the cart id is the handle. A real shop also checks that the cart
    // belongs to the signed-in shopper here.
    resolveCheckout: (_request, checkout) => state.resolve(checkout),
    onPaymentEvent: (event) => {
      state.record(event);
      if (options.verbose) console.log(`[shop] order ${event.referenceId}: ${event.status} (${event.source})`);
    },
    // Pay electricity (PLN) with PayLater on /listrik: the companion asks the biller and makes the
    // order itself (amount from the inquiry). The demo's one shopper pays; a real shop takes the
    // signed-in shopper's details from the request's session.
    bills: {
      customer: () => SHOPPER,
      itemUrl: `${origin}/listrik`,
      onBillEvent: (event) => {
        state.recordBill(event);
        if (options.verbose) console.log(`[shop] bill of charge ${event.chargeId}: ${event.status}${event.status === 'FAILED' ? (event.refunded ? ' (refunded)' : ' (NOT refunded)') : ''}`);
      },
    },
    logger,
  });
  companionHandler = toNodeHandler(companion, { basePath: '/paylater' });

  async function integrity(file: string): Promise<string | undefined> {
    try {
      const hashes = JSON.parse(await readFile(join(cdnDir, 'integrity.json'), 'utf8')) as Record<string, string>;
      return hashes[file];
    } catch {
      return undefined;
    }
  }

  function send(res: ServerResponse, status: number, body: string | Buffer, type: string, headers: Record<string, string> = {}) {
    res.writeHead(status, {
      'content-type': type,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'same-origin',
      ...headers,
    });
    res.end(body);
  }

  /** A page; `styles`: the `style-src` sources it adds (the server-rendered checkout's), `formTo`: origins its forms may reach. */
  function page(res: ServerResponse, body: string, status = 200, { styles = [], formTo = [] }: { styles?: string[]; formTo?: string[] } = {}) {
    const csp = CSP.replace("style-src 'self'", ["style-src 'self'", ...styles].join(' ')).replace("form-action 'self'", ["form-action 'self'", ...formTo].join(' '));
    send(res, status, body, TYPES['.html']!, { 'content-security-policy': csp, 'cache-control': 'no-store' });
  }

  function redirect(res: ServerResponse, location: string, headers: Record<string, string> = {}) {
    res.writeHead(303, { location, 'cache-control': 'no-store', ...headers });
    res.end();
  }

  /** `Origin` is this shop (the address it listens on, or the host the browser used for it). */
  /** A request from one of the shop's own pages (its origins come from where it listens, never from the Host header). */
  function fromThisShop(req: IncomingMessage): boolean {
    return shopOrigins(origin).includes(req.headers.origin ?? '');
  }

  async function file(res: ServerResponse, dir: string, name: string, cache: string) {
    const path = normalize(join(dir, name));
    if (!path.startsWith(dir) || !/^[\w./-]+$/.test(name)) return false;
    let body: Buffer;
    try {
      body = await readFile(path);
    } catch {
      return false;
    }
    const type = TYPES[path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream';
    send(res, 200, body, type, { 'cache-control': cache });
    return true;
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', origin);
    const path = url.pathname;
    if (path === '/paylater' || path.startsWith('/paylater/')) return companionHandler!(req, res);

    const method = req.method ?? 'GET';
    const lang = pickLang(url, req);
    const ctx: PageContext = { lang, url };

    if (isBackOffice(path)) {
      // The link printed at start: remember this browser, and take the key out of the address bar.
      if (method === 'GET' && backOffice.matches(url.searchParams.get('key'))) {
        return redirect(res, href(lang, '/orders'), { 'set-cookie': backOffice.setCookie });
      }
      if (!backOffice.signedIn(req)) {
        return page(res, messagePage(ctx, text(lang, 'backOfficeTitle'), text(lang, 'backOfficeLocked'), { href: href(lang, '/'), label: text(lang, 'backToShop') }), 401);
      }
      // A signed-in browser still does what another site's form asks: POSTs must come from our pages.
      if (method === 'POST' && !fromThisShop(req)) return send(res, 403, 'Forbidden', 'text/plain; charset=utf-8');
    }

    if (method === 'POST') {
      // Forms of this shop only (a browser always sends Origin on a POST).
      if (req.headers.origin && !fromThisShop(req)) return send(res, 403, 'Forbidden', 'text/plain; charset=utf-8');
      const form = await readForm(req);
      const formLang: Lang = form.get('lang') === 'id' ? 'id' : 'en';
      if (path === '/cart') {
        const cart = state.updateCart(form.get('cart'), form.get('action') ?? '', form.get('product') ?? '', Number(form.get('quantity') ?? 1));
        // The keyboard's place is kept across the reload: the same button, or the cart's heading
        // (`autofocus`, which also scrolls to it; a #fragment would make the browser skip it).
        return redirect(res, href(formLang, '/', { cart: cart.id, focus: `${form.get('action') ?? ''}:${form.get('product') ?? ''}` }));
      }
      if (path === '/orders/refund') {
        const reference = form.get('reference') ?? '';
        const notice = await refund(reference, formLang);
        const id = randomBytes(6).toString('hex');
        notices.set(id, notice);
        if (notices.size > 200) notices.delete(notices.keys().next().value!);
        return redirect(res, href(formLang, '/orders', { notice: id }, `#order-${reference}`));
      }
      return page(res, messagePage(ctx, text(lang, 'notFoundTitle'), text(lang, 'notFound')), 404);
    }
    if (method !== 'GET' && method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, POST' });
      return res.end();
    }

    if (path.startsWith('/assets/') && (await file(res, publicDir, path.slice('/assets/'.length), 'public, max-age=300'))) return;
    if (path.startsWith('/cdn/') && (await file(res, cdnDir, path.slice('/cdn/'.length), 'no-cache'))) return;
    if (path === '/favicon.ico') return void res.writeHead(204).end();

    if (path === '/') {
      const asked = state.getCart(url.searchParams.get('cart'));
      const ordered = asked?.status === 'ordered';
      return page(res, shopPage({ ...ctx, cart: ordered || asked?.fixed ? undefined : asked, message: { integrity: await integrity('paylater-message.iife.js') } }, { ordered, focus: url.searchParams.get('focus') ?? undefined }));
    }
    if (path === '/listrik') {
      const [main, bills] = await Promise.all([integrity('paylater-checkout.js'), integrity('paylater-bills.js')]);
      return page(res, listrikPage({ ...ctx, widget: { integrity: main, bills: { integrity: bills } } }));
    }
    if (path === '/checkout') {
      const cart = state.getCart(url.searchParams.get('cart'));
      const open = !!cart && !cart.fixed && cart.status === 'open' && cart.lines.size > 0;
      if (open) state.markShown(cart, lang);
      // The plans drawn here, in the page: shown at once, and chosen without JavaScript too (the
      // form posts to the companion, which redirects to the provider's page: the policy's
      // `form-action` lets that redirect go to the provider).
      const rendered = open ? await companion.renderCheckout(new Request(`${origin}${req.url ?? '/'}`, { headers: { 'accept-language': req.headers['accept-language'] ?? '' } }), cart.id, { endpoint: '/paylater', locale: lang, clientAddress: req.socket.remoteAddress }) : undefined;
      const html = checkoutPage({ ...ctx, cart: cart?.fixed ? undefined : cart, widget: { integrity: await integrity('paylater-checkout.js') }, checkout: rendered?.html, drawn: !!rendered });
      // An emptied cart is there, with nothing to pay: 200 with words that say so; a missing one 404.
      const empty = !!cart && !cart.fixed && cart.status === 'open';
      return page(res, html, open || empty ? 200 : 404, { styles: rendered?.styleHashes ?? [], formTo: [new URL(xendit.url).origin] });
    }
    if (path === '/return') {
      // Which order came back? Ask the companion's own status route (the token is the key), for
      // the order number, the cart's language and the "back to your cart" link.
      const token = url.searchParams.get('paylater_token') ?? '';
      const statusRequest = new Request(`${origin}${req.url ?? '/'}`, { headers: { 'accept-language': req.headers['accept-language'] ?? '' } });
      let reference: string | undefined;
      if (TOKEN.test(token)) {
        const answer = await companion.fetch(new Request(`${origin}/paylater/status?token=${encodeURIComponent(token)}`), { clientAddress: req.socket.remoteAddress });
        if (answer.ok) reference = ((await answer.json()) as { reference_id?: string }).reference_id;
      }
      const cart = reference ? state.cartOfReference(reference) : undefined;
      const pageLang = url.searchParams.has('lang') ? lang : (cart?.lang ?? lang);
      const order = { reference, cartId: cart && !cart.fixed ? cart.id : undefined };
      // The result drawn here, in the page: shown without JavaScript too (the page reloads itself
      // while the payment is pending); with it, the element goes on checking from there.
      const content = statusContent(pageLang, order);
      const rendered = TOKEN.test(token)
        ? await companion.renderStatus(statusRequest, token, {
            endpoint: '/paylater',
            locale: pageLang,
            clientAddress: req.socket.remoteAddress,
            ...(content.retry ? { retryHref: content.retry } : {}),
            attributes: { 'poll-interval': '1000', 'max-poll-interval': '5000' },
            content: content.slots,
          })
        : undefined;
      return page(
        res,
        returnPage(
          {
            ...ctx,
            lang: pageLang,
            cart: cart?.fixed ? undefined : cart,
            // <paylater-status> from its own file, with its SRI hash; the bills bundle too: it gives
            // it the token, receipt or refund of a bill payment (an ordinary cart's status shows as without it).
            widget: {
              integrity: await integrity('paylater-checkout.js'),
              status: { integrity: await integrity('paylater-status.js') },
              bills: { integrity: await integrity('paylater-bills.js') },
            },
          },
          order,
          rendered ? { status: rendered.html, final: rendered.final } : undefined,
        ),
        200,
        { styles: rendered?.styleHashes ?? [] },
      );
    }
    if (path === '/orders') {
      const orders = [...state.orders.values()].sort((a, b) => b.placedAt - a.placedAt);
      const noticeId = url.searchParams.get('notice');
      const notice = noticeId ? notices.get(noticeId) : undefined;
      // While a refund waits for Xendit's callback, the page reloads itself (no script needed).
      // (for a minute at most: a refund Xendit never confirms stays "requested").
      const waiting = orders.some((o) => o.refund && o.status !== 'REFUNDED' && Date.now() - o.refund.at < 60_000);
      return page(
        res,
        ordersPage({ ...ctx, refresh: waiting ? { seconds: 1, url: href(lang, '/orders', { notice: noticeId ?? undefined }) } : undefined }, orders, notice, state.bills),
      );
    }
    if (path === '/cdn.html') {
      let html = await readFile(join(here, 'cdn.html'), 'utf8');
      // The page names its script's SRI hash; the demo copies it from dist/cdn/integrity.json, as
      // a merchant would paste it when uploading the file to their CDN.
      const hashes = JSON.parse(await readFile(join(cdnDir, 'integrity.json'), 'utf8')) as Record<string, string>;
      html = html.replace(/\{\{integrity ([\w.-]+)\}\}/g, (_, name: string) => hashes[name] ?? '');
      return page(res, html);
    }
    return page(res, messagePage(ctx, text(lang, 'notFoundTitle'), text(lang, 'notFound'), { href: href(lang, '/'), label: text(lang, 'backToShop') }), 404);
  }

  /** The back office's refund: the companion asks Xendit; the REFUNDED status comes later by callback. */
  async function refund(reference: string, lang: Lang): Promise<OrdersNotice> {
    const order = state.orders.get(reference);
    if (!order || order.status !== 'SUCCEEDED' || order.refund || state.bills.get(order.chargeId)?.status === 'FAILED') {
      return { text: text(lang, 'refundNotPaid', { reference }), tone: 'error' };
    }
    try {
      const result = await companion.refund(order.chargeId, { reason: 'OTHERS', idempotencyKey: `refund-${order.chargeId}` });
      order.refund = { id: result.id, status: result.status, at: Date.now() };
      return { text: text(lang, 'refundRequested', { reference }), tone: 'ok' };
    } catch (error) {
      // The staff read why in their own words, with Xendit's code beside it; Xendit's own message
      // (English, written for developers) goes to the log.
      if (!(error instanceof XenditError)) {
        console.error('[shop] refund failed:', error);
        return { text: text(lang, 'refundFailed', { reference, reason: text(lang, 'refundReasonOther') }), tone: 'error' };
      }
      console.warn(`[shop] refund of order ${reference} refused: ${error.message} (${error.code})`);
      return { text: text(lang, 'refundFailed', { reference, reason: text(lang, refundReason(error)) }), tone: 'error', code: error.code };
    }
  }

  /** Why Xendit refused a refund, as the staff should read it. */
  function refundReason(error: XenditError): TextKey {
    if (error.code === 'FEATURE_NOT_AVAILABLE') return 'refundReasonByHand';
    if (error.code === 'INVALID_STATUS') return 'refundReasonStatus';
    if (error.code === 'TIMEOUT' || error.code === 'NETWORK_ERROR' || error.status >= 500) return 'refundReasonUnreachable';
    return 'refundReasonOther';
  }

  let closed = false;
  return {
    url: origin,
    xenditUrl: xendit.url,
    backOfficeUrl: `${origin}/orders?key=${backOffice.key}`,
    portFellBack,
    simulator,
    companion,
    state,
    async close() {
      if (closed) return;
      closed = true;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await simulator.close();
      await companion.store.close?.();
    },
  };
}

export { CDN_CART_ID };
