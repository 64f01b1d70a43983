/**
 * The shop's pages, rendered on the server. No inline script or style anywhere: the pages run under
 * `script-src 'self'; style-src 'self'`, and the only script is the widget's CDN build.
 */
import { PROVIDER_NAMES } from 'paylater-checkout/server';
import { PRODUCTS, SHOPPER, productById, type Lang } from './catalog.js';
import { formatDate, formatIdr, formatKwh, isTextKey, text, type TextKey } from './i18n.js';
import { escape, html, raw, type Html } from './html.js';
import { cartCount, cartLines, cartTotal, isBillReference, referenceOf, type BillOutcome, type Cart, type Order } from './state.js';

export interface PageContext {
  lang: Lang;
  /** The page's own URL (for the language switch). */
  url: URL;
  /** The shopper's cart, for the header's cart link. */
  cart?: Cart | undefined;
  /**
   * `integrity` of `/cdn/paylater-checkout.js`, when the page uses the widget; `status`: the page
   * also loads `/cdn/paylater-status.js` (`<paylater-status>`); `bills`: the page also loads
   * `/cdn/paylater-bills.js` (`<paylater-bill-inquiry>` and the bill view of `<paylater-status>`).
   */
  widget?: { integrity: string | undefined; status?: { integrity: string | undefined }; bills?: { integrity: string | undefined } | undefined } | undefined;
  /**
   * `integrity` of `/cdn/paylater-message.iife.js`, when the page shows `<paylater-message>` (the
   * product page: the self-contained classic script, without the checkout's bundle).
   */
  message?: { integrity: string | undefined } | undefined;
  /** Reload the page after this many seconds (no script needed). */
  refresh?: { seconds: number; url: string } | undefined;
  /**
   * The elements are drawn in the page by the companion (`renderCheckout`, `renderStatus`): their
   * scripts do not hold back the first paint (else they do, so that nothing moves when they run).
   */
  drawn?: boolean | undefined;
  /** Without JavaScript, reload the page after this many seconds (a pending payment's return page). */
  noScriptRefresh?: number | undefined;
  /** The checkout page's `<paylater-checkout>`, rendered by the companion with the plans in it. */
  checkout?: string | undefined;
}

/** A link within the shop that keeps the language. */
export function href(lang: Lang, path: string, params: Record<string, string | undefined> = {}, hash = ''): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  search.set('lang', lang);
  return `${path}?${search}${hash}`;
}

function langSwitch(ctx: PageContext) {
  const link = (lang: Lang, label: string, name: string) => {
    const url = new URL(ctx.url);
    url.searchParams.set('lang', lang);
    url.searchParams.delete('notice');
    const current = ctx.lang === lang;
    return html`<a href="${url.pathname}${url.search}" lang="${lang}" hreflang="${lang}" aria-label="${label}, ${name}"${current ? html` aria-current="true"` : ''}>${label}</a>`;
  };
  return html`<div class="lang" role="group" aria-label="${text(ctx.lang, 'language')}">${link('en', 'EN', 'English')}${link('id', 'ID', 'Bahasa Indonesia')}</div>`;
}

const LOGO = html`<svg class="logo" viewBox="0 0 32 32" aria-hidden="true" focusable="false"><circle cx="16" cy="19" r="7" fill="currentColor"/><path d="M3 27h26M16 4v4M6.5 8.5l2.8 2.8M25.5 8.5l-2.8 2.8M2.5 19h4M25.5 19h4" stroke="currentColor" stroke-width="2.5" stroke-linecap="round"/></svg>`;

/**
 * `shop`: a page shoppers reach; its navigation never leads to the back office. `back-office`: the
 * staff's orders page, with its own navigation.
 */
type Area = 'shop' | 'back-office';

/**
 * Every page's frame. Its first paint waits until the main content is parsed (`rel="expect"` on the
 * footer): on a slow phone Chromium would otherwise paint a product card with half of its form,
 * and the card's rows would jump when the rest arrived.
 */
export function layout(ctx: PageContext, page: { title: string; area?: Area; active?: 'shop' | 'listrik' | 'orders'; body: Html; wide?: boolean }): string {
  const t = (key: TextKey, params?: Record<string, string | number>) => text(ctx.lang, key, params);
  const count = cartCount(ctx.cart?.status === 'open' ? ctx.cart : undefined);
  const nav = (key: 'shop' | 'listrik' | 'orders', path: string, label: string, params: Record<string, string | undefined> = {}) =>
    html`<a href="${href(ctx.lang, path, params)}"${page.active === key ? html` aria-current="page"` : ''}>${label}</a>`;
  const links =
    page.area === 'back-office'
      ? html`${nav('orders', '/orders', t('navOrders'))}
<a href="${href(ctx.lang, '/')}">${t('viewShop')}</a>`
      : html`${nav('shop', '/', t('navShop'))}
${nav('listrik', '/listrik', t('navListrik'))}
${count ? html`<a class="cart-link" href="${href(ctx.lang, '/', { cart: ctx.cart!.id }, '#cart')}">${t('navCart')} <span class="count">${count}</span></a>` : ''}`;
  return `<!doctype html>${html`<html lang="${ctx.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${page.title} · ${t('shopName')}</title>
<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/shop.css">
<link rel="expect" href="#footer" blocking="render">
${ctx.widget ? html`<script type="module" src="/cdn/paylater-checkout.js"${ctx.drawn ? '' : raw(' blocking="render"')}${ctx.widget.integrity ? html` integrity="${ctx.widget.integrity}"` : ''} crossorigin="anonymous"></script>` : ''}
${ctx.widget?.status ? html`<script type="module" src="/cdn/paylater-status.js"${ctx.drawn ? '' : raw(' blocking="render"')}${ctx.widget.status.integrity ? html` integrity="${ctx.widget.status.integrity}"` : ''} crossorigin="anonymous"></script>` : ''}
${ctx.widget?.bills ? html`<script type="module" src="/cdn/paylater-bills.js"${ctx.drawn ? '' : raw(' blocking="render"')}${ctx.widget.bills.integrity ? html` integrity="${ctx.widget.bills.integrity}"` : ''} crossorigin="anonymous"></script>` : ''}
${ctx.message ? html`<script src="/cdn/paylater-message.iife.js"${ctx.message.integrity ? html` integrity="${ctx.message.integrity}"` : ''} crossorigin="anonymous"></script>
<script type="module" src="/assets/shop.js"></script>` : ''}
${ctx.refresh ? html`<meta http-equiv="refresh" content="${ctx.refresh.seconds};url=${ctx.refresh.url}">` : ''}
${ctx.noScriptRefresh ? html`<noscript><meta http-equiv="refresh" content="${ctx.noScriptRefresh}"></noscript>` : ''}
</head>
<body>
<a class="skip" href="#main">${t('skip')}</a>
<header class="site-header">
<div class="wrap bar">
<a class="brand" href="${href(ctx.lang, '/')}">${LOGO}<span>${t('shopName')}</span></a>
<nav class="nav" aria-label="${t('navMain')}">
${links}
</nav>
${langSwitch(ctx)}
</div>
<div class="demo-note" role="note"><div class="wrap">${t('demoNote')}</div></div>
</header>
<main id="main" class="wrap${page.wide ? ' wide' : ''}" tabindex="-1">
${page.body}
</main>
<footer class="site-footer" id="footer"><div class="wrap">
<p>${t('footer')}</p>
<p><a class="footer-link" href="/cdn.html" hreflang="en">${t('footerCdn')}</a></p>
</div></footer>
</body>
</html>`}`;
}

// ------------------------------------------------------------ shop

/** A product's name as shown: a figure keeps its unit on the same line ("1,8 L", "250 g"). */
function shownName(name: string): string {
  return name.replace(/(\d) (g|kg|L|ml)\b/g, '$1\u00a0$2');
}

function itemCount(lang: Lang, count: number) {
  return count === 1 ? text(lang, 'itemCountOne') : text(lang, 'itemCount', { count });
}

/**
 * The cart; `focus` (`{action}:{product}`, after a change to the cart reloaded the page): the button
 * pressed, when it is still there (+ and −), else the cart's heading, gets the focus back.
 */
function cartPanel(lang: Lang, cart: Cart | undefined, focus?: string) {
  const t = (key: TextKey, params?: Record<string, string | number>) => text(lang, key, params);
  const lines = cart && cart.status === 'open' ? cartLines(cart) : [];
  const stays = (action: string, productId: string) => (action === 'inc' || action === 'dec') && focus === `${action}:${productId}`;
  const headingFocus = focus && !lines.some((line) => stays(focus.split(':')[0]!, line.productId)) ? raw(' tabindex="-1" autofocus') : '';
  if (!lines.length) {
    return html`<section class="cart panel" id="cart" aria-labelledby="cart-h">
<h2 id="cart-h"${headingFocus}>${t('cartHeading')}</h2>
<p class="muted">${t('cartEmpty')}</p>
</section>`;
  }
  const total = cartTotal(cart!);
  const step = (action: string, productId: string, label: Html | string, sr: string, cls = 'step') =>
    html`<form method="post" action="/cart"><input type="hidden" name="cart" value="${cart!.id}"><input type="hidden" name="lang" value="${lang}"><input type="hidden" name="product" value="${productId}"><input type="hidden" name="action" value="${action}"><button class="${cls}" type="submit" aria-label="${sr}"${stays(action, productId) ? raw(' autofocus') : ''}>${label}</button></form>`;
  return html`<section class="cart panel" id="cart" aria-labelledby="cart-h">
<h2 id="cart-h"${headingFocus}>${t('cartHeading')} <span class="muted small nowrap">(${itemCount(lang, cartCount(cart))})</span></h2>
<ul class="lines">
${lines.map((line) => {
  const product = productById(line.productId)!;
  const name = product.name[lang];
  return html`<li class="line">
<img src="/assets/img/${product.image}" alt="" width="48" height="48">
<div class="line-main">
<span class="line-name">${shownName(name)}</span>
<span class="muted small nowrap">${formatIdr(lang, line.price)}</span>
</div>
<div class="line-foot">
<div class="qty" role="group" aria-label="${t('quantity')}: ${name}">
${step('dec', product.id, html`<span aria-hidden="true">−</span>`, `${t('decrease')}: ${name}`)}
<output class="qty-value" aria-label="${t('quantity')}">${line.quantity}</output>
${step('inc', product.id, html`<span aria-hidden="true">+</span>`, `${t('increase')}: ${name}`)}
${step('remove', product.id, t('remove'), `${t('remove')}: ${name}`, 'link')}
</div>
<span class="line-total">${formatIdr(lang, line.price * line.quantity)}</span>
</div>
</li>`;
})}
</ul>
<dl class="totals">
<div><dt>${t('subtotal')}</dt><dd class="nowrap">${formatIdr(lang, total)}</dd></div>
<div><dt>${t('shipping')}</dt><dd>${t('free')}</dd></div>
<div class="grand"><dt>${t('total')}</dt><dd class="nowrap">${formatIdr(lang, total)}</dd></div>
</dl>
<paylater-message class="cart-message" endpoint="/paylater" amount="${total}" layout="card" ineligible="explain"></paylater-message>
<a class="button primary block" href="${href(lang, '/checkout', { cart: cart!.id })}">${t('checkout')}</a>
</section>`;
}

export function shopPage(ctx: PageContext, options: { ordered: boolean; focus?: string | undefined }): string {
  const { lang, cart } = ctx;
  const t = (key: TextKey) => text(lang, key);
  const cartId = cart?.status === 'open' ? cart.id : '';
  const body = html`<div class="hero">
<h1>${t('shopHeading')}</h1>
<p class="lead">${t('shopLead')}</p>
${cartCount(cart?.status === 'open' ? cart : undefined) ? html`<a class="button primary jump" href="#cart">${t('cartHeading')} (${itemCount(lang, cartCount(cart))})</a>` : ''}
</div>
${options.ordered ? html`<p class="notice" role="status">${t('ordered')}</p>` : ''}
<div class="shop-grid">
<section aria-labelledby="products-h">
<h2 id="products-h" class="sr-only">${t('productsHeading')}</h2>
<ul class="products">
${PRODUCTS.map(
  (product) => html`<li class="product" id="${product.id}">
<img src="/assets/img/${product.image}" alt="" width="320" height="240">
<div class="product-body">
<h3>${shownName(product.name[lang])}</h3>
<p class="muted small">${product.blurb[lang]}</p>
<p class="price">${formatIdr(lang, product.price)}</p>
</div>
<paylater-message endpoint="/paylater" amount="${product.price}" id="message-${product.id}"></paylater-message>
<form method="post" action="/cart">
${cartId ? html`<input type="hidden" name="cart" value="${cartId}">` : ''}
<input type="hidden" name="lang" value="${lang}">
<input type="hidden" name="product" value="${product.id}">
<input type="hidden" name="action" value="add">
<label class="qty-pick">${t('quantity')} <select name="quantity" data-price="${product.price}" data-message="message-${product.id}">${[1, 2, 3, 4, 5].map((n) => html`<option value="${n}">${n}</option>`)}</select></label>
<button class="button" type="submit" aria-label="${t('addToCart')}: ${product.name[lang]}">${t('addToCart')}</button>
</form>
</li>`,
)}
</ul>
</section>
${cartPanel(lang, cart, options.focus)}
</div>`;
  return layout(ctx, { title: t('shopTitle'), active: 'shop', body, wide: true });
}

// ------------------------------------------------------------ checkout

function summary(lang: Lang, lines: ReturnType<typeof cartLines>, total: number, reference: string) {
  const t = (key: TextKey, params?: Record<string, string | number>) => text(lang, key, params);
  const address = SHOPPER.addresses![0]!;
  return html`<aside class="panel summary" aria-labelledby="summary-h">
<h2 id="summary-h">${t('summaryHeading')}</h2>
<p class="muted small">${t('orderRef', { reference })}</p>
<ul class="lines compact">
${lines.map((line) => {
  const product = productById(line.productId)!;
  return html`<li class="line"><img src="/assets/img/${product.image}" alt="" width="40" height="40"><span class="line-name">${shownName(product.name[lang])} <span class="muted nowrap">×\u00a0${line.quantity}</span></span><span class="line-total">${formatIdr(lang, line.price * line.quantity)}</span></li>`;
})}
</ul>
<dl class="totals">
<div><dt>${t('shipping')}</dt><dd>${t('free')}</dd></div>
<div class="grand"><dt>${t('total')}</dt><dd class="nowrap">${formatIdr(lang, total)}</dd></div>
</dl>
<h3 class="small-h">${t('deliverTo')}</h3>
<address>${SHOPPER.given_names} ${SHOPPER.surname}<br>${address.street_line1}<br>${address.city}, ${address.province_state ?? ''} ${address.postal_code}<br>${SHOPPER.mobile_number}</address>
</aside>`;
}

export function checkoutPage(ctx: PageContext): string {
  const { lang, cart } = ctx;
  const t = (key: TextKey) => text(lang, key);
  if (!cart || cart.status !== 'open' || cart.lines.size === 0) {
    // An emptied cart is not a missing one: say which.
    const empty = cart?.status === 'open' && cart.lines.size === 0;
    return messagePage(ctx, t('checkoutTitle'), t(empty ? 'cartEmpty' : 'cartGone'), { href: href(lang, '/'), label: t('backToShop') });
  }
  const body = html`<p class="crumbs"><a class="crumb" href="${href(lang, '/', { cart: cart.id }, '#cart')}">← ${t('editCart')}</a></p>
<h1>${t('checkoutHeading')}</h1>
<div class="checkout-grid">
<section class="panel pay" aria-labelledby="pay-h">
<h2 id="pay-h">${t('payHeading')}</h2>
<p class="muted">${t('payLead')}</p>
${ctx.checkout ? raw(ctx.checkout) : html`<paylater-checkout endpoint="/paylater" checkout="${cart.id}"></paylater-checkout>`}
</section>
${summary(lang, cartLines(cart), cartTotal(cart), referenceOf(cart))}
</div>`;
  return layout(ctx, { title: t('checkoutTitle'), body, wide: true });
}

// ------------------------------------------------------------ return

/** Where a shopper goes back to from the return page: the bill's page, or the cart and its checkout. */
function returnLinks(lang: Lang, order: { reference?: string | undefined; cartId?: string | undefined }) {
  const bill = order.reference !== undefined && isBillReference(order.reference);
  const retry = bill ? href(lang, '/listrik') : order.cartId ? href(lang, '/checkout', { cart: order.cartId }) : undefined;
  return { bill, retry };
}

/**
 * What `<paylater-status>` holds on the return page: its `succeeded` and `failed` slots, and its
 * `retry-href` (cancelled or not approved: straight back to choosing another PayLater; a bill: to
 * buying it again).
 */
export function statusContent(lang: Lang, order: { reference?: string | undefined; cartId?: string | undefined }): { slots: string; retry: string | undefined } {
  const t = (key: TextKey) => text(lang, key);
  const { bill, retry } = returnLinks(lang, order);
  const back = bill
    ? html`<a class="button" href="${href(lang, '/listrik')}">${t('backToListrik')}</a>`
    : html`<a class="button" href="${href(lang, '/', { cart: order.cartId }, '#cart')}">${t('backToCart')}</a>`;
  const slots = html`<p slot="succeeded" class="slot-actions">${bill ? html`<a class="button primary" href="${href(lang, '/listrik')}">${t('backToListrik')}</a> <a class="button" href="${href(lang, '/')}">${t('keepShopping')}</a>` : html`<a class="button primary" href="${href(lang, '/')}">${t('keepShopping')}</a>`}</p>
<p slot="failed" class="slot-actions">${back}</p>`;
  return { slots: String(slots), retry };
}

/**
 * The return page. `status`: `<paylater-status>` as the companion rendered it (the result in the
 * page, also without JavaScript); `final` false: a browser without JavaScript reloads the page.
 */
export function returnPage(ctx: PageContext, order: { reference?: string | undefined; cartId?: string | undefined }, rendered?: { status: string; final: boolean }): string {
  const { lang } = ctx;
  const t = (key: TextKey, params?: Record<string, string | number>) => text(lang, key, params);
  const { slots, retry } = statusContent(lang, order);
  // A bill goes through several steps (paid, the token bought or refused, the refund): checked
  // every 1 s, at most every 5 s, so each step shows within seconds.
  const body = html`<div class="narrow">
<h1>${t('returnHeading')}</h1>
${order.reference ? html`<p class="muted">${t('orderRef', { reference: order.reference })}</p>` : ''}
${rendered ? raw(rendered.status) : html`<paylater-status endpoint="/paylater" poll-interval="1000" max-poll-interval="5000"${retry ? html` retry-href="${retry}"` : ''}>
${raw(slots)}
</paylater-status>`}
</div>`;
  return layout({ ...ctx, drawn: !!rendered, ...(rendered && !rendered.final ? { noScriptRefresh: 2 } : {}) }, { title: t('returnTitle'), body });
}

// ------------------------------------------------------------ electricity (bills)

/** The demo's PLN test numbers (the simulator plays Xendit's documented test customer numbers). */
const TEST_NUMBERS: ReadonlyArray<[number: string, key: TextKey]> = [
  ['12345678910', 'testPrepaidOk'],
  ['22345678910', 'testPostpaidOk'],
  ['12345678919', 'testFails'],
];

export function listrikPage(ctx: PageContext): string {
  const { lang } = ctx;
  const t = (key: TextKey) => text(lang, key);
  const body = html`<h1>${t('listrikHeading')}</h1>
<p class="lead">${t('listrikLead')}</p>
<div class="checkout-grid">
<section class="panel pay bill" aria-labelledby="bill-h">
<h2 id="bill-h">${t('listrikFormHeading')}</h2>
<paylater-bill-inquiry endpoint="/paylater" checkout-target="pay"></paylater-bill-inquiry>
<paylater-checkout id="pay" endpoint="/paylater" channels="ID_KREDIVO ID_AKULAKU ID_INDODANA" hidden></paylater-checkout>
</section>
<aside class="panel summary test-numbers" aria-labelledby="tests-h">
<h2 id="tests-h">${t('testNumbersHeading')}</h2>
<p class="muted small">${t('testNumbersLead')}</p>
<dl class="facts numbers">
${TEST_NUMBERS.map(([number, key]) => html`<div><dt><code>${number}</code></dt><dd>${t(key)}</dd></div>`)}
</dl>
<p class="muted small">${t('listrikProviders')}</p>
</aside>
</div>`;
  return layout(ctx, { title: t('listrikTitle'), active: 'listrik', body, wide: true });
}

// ------------------------------------------------------------ orders

export function statusLabel(lang: Lang, status: string): string {
  const key = `status${status}`;
  return isTextKey(key) ? text(lang, key) : status;
}

const TONE: Record<string, string> = { SUCCEEDED: 'ok', REFUNDED: 'info', PENDING: 'wait' };

/** A text of the table with `{name}` placeholders filled by markup (e.g. `<code>` for an API name). */
function textWith(lang: Lang, key: TextKey, parts: Record<string, Html>): Html {
  const keep = Object.fromEntries(Object.keys(parts).map((name) => [name, `{${name}}`]));
  return raw(
    text(lang, key, keep)
      .split(/(\{\w+\})/)
      .map((piece) => {
        const name = /^\{(\w+)\}$/.exec(piece)?.[1];
        return name && parts[name] ? parts[name].value : escape(piece);
      })
      .join(''),
  );
}

/** The staff's words for a biller's product id: `PLN_PREPAID_50K` is "PLN prepaid token Rp 50,000". */
function billProductName(lang: Lang, productId: string): string {
  const prepaid = /^PLN_PREPAID_(\d+)K$/.exec(productId);
  if (prepaid) return text(lang, 'billPrepaid', { amount: formatIdr(lang, Number(prepaid[1]) * 1_000) });
  return text(lang, productId === 'PLN_POSTPAID' ? 'billPostpaid' : 'billOther');
}

/** A code from Xendit, for the staff: labelled, in a `<code>`, after the words that explain it. */
function xenditCode(lang: Lang, code: string) {
  return html` <span class="tech">(${text(lang, 'xenditCode')}: <code>${code}</code>)</span>`;
}

/** The bill behind an order (from `onBillEvent`): the token, the receipt, or that it failed. */
function billFacts(lang: Lang, bill: BillOutcome) {
  const t = (key: TextKey, params?: Record<string, string | number>) => text(lang, key, params);
  const what = html`<div class="wide-fact"><dt>${t('billWhat')}</dt><dd>${billProductName(lang, bill.productId)} · <span class="nowrap">${bill.customerNumber}</span></dd></div>
<div class="wide-fact"><dt>${t('productCode')}</dt><dd><code>${bill.productId}</code></dd></div>`;
  if (bill.status === 'FAILED') {
    return html`${what}<div class="wide-fact"><dt>${t('billOutcome')}</dt><dd>${t(bill.refunded ? 'billFailedRefunded' : 'billFailedNoRefund')}${bill.failureCode ? xenditCode(lang, bill.failureCode) : ''}</dd></div>`;
  }
  // Xendit's docs write the token with dashes ("1234-5678-9012-3456-7890"): show groups of four digits.
  const digits = bill.token?.replace(/[\s-]/g, '');
  return html`${what}${digits
    ? html`<div class="wide-fact"><dt>${t('billToken')}</dt><dd><code class="token">${digits.replace(/(.{4})(?=.)/g, '$1 ')}</code>${bill.kwh ? html` <span class="muted nowrap">(${formatKwh(lang, bill.kwh)})</span>` : ''}</dd></div>`
    : ''}${bill.receipt ? html`<div class="wide-fact"><dt>${t('billReceipt')}</dt><dd><code>${bill.receipt}</code></dd></div>` : ''}`;
}

/** A one-shot message on the orders page; `code`: Xendit's error code, shown to the staff after the words. */
export interface OrdersNotice {
  text: string;
  tone: 'ok' | 'error';
  code?: string | undefined;
}

/**
 * The back office's orders page, for the shop's staff: every text in the page's language, and the
 * codes behind them (Xendit's statuses, charge ids, error codes) labelled, in `<code>`.
 */
export function ordersPage(ctx: PageContext, orders: Order[], notice?: OrdersNotice, bills: ReadonlyMap<string, BillOutcome> = new Map()): string {
  const { lang } = ctx;
  const t = (key: TextKey, params?: Record<string, string | number>) => text(lang, key, params);
  const list = orders.length
    ? html`<ol class="orders">
${orders.map((order) => {
  const id = `order-${order.reference}`;
  const items = order.lines.map((line) => `${shownName(productById(line.productId)?.name[lang] ?? line.productId)}\u00a0×\u00a0${line.quantity}`).join(', ');
  const bill = bills.get(order.chargeId);
  // A bill that could not be paid is refunded by the companion itself.
  const refundable = order.status === 'SUCCEEDED' && !order.refund && bill?.status !== 'FAILED';
  const refundWaiting = order.refund && order.status !== 'REFUNDED';
  return html`<li>
<article class="panel order" id="${id}" aria-labelledby="${id}-h">
<header class="order-head">
<h2 id="${id}-h">${t('orderRef', { reference: order.reference })}</h2>
<span class="badge ${TONE[order.status] ?? 'bad'}">${statusLabel(lang, order.status)}</span>
</header>
<dl class="facts">
<div><dt>${t('placed')}</dt><dd>${formatDate(lang, order.placedAt)}</dd></div>
<div><dt>${t('provider')}</dt><dd>${PROVIDER_NAMES[order.channelCode] ?? order.channelCode}</dd></div>
<div><dt>${t('amount')}</dt><dd class="nowrap">${formatIdr(lang, order.amount)}</dd></div>
<div><dt>${t('xenditStatus')}</dt><dd><code>${order.status}</code></dd></div>
<div class="wide-fact"><dt>${t('charge')}</dt><dd><code>${order.chargeId}</code></dd></div>
${items ? html`<div class="wide-fact"><dt>${t('items')}</dt><dd>${items}</dd></div>` : ''}
${order.amountMismatch ? html`<div class="wide-fact"><dt>${t('amount')}</dt><dd>${t('amountMismatch')}</dd></div>` : ''}
${order.refundedPayments.map(
    (p) => html`<div class="wide-fact"><dt>${t(p.reason === 'DUPLICATE' ? 'paidTwice' : p.reason === 'CANCELLED' ? 'paidCancelled' : 'paidSuperseded')}</dt><dd>${PROVIDER_NAMES[p.channelCode] ?? p.channelCode} · ${formatIdr(lang, p.amount)} · ${p.refundRefused ? t('refundByHand') : p.status === 'REFUNDED' ? statusLabel(lang, p.status) : t('refundPending')} <span class="tech">(${t('charge')}: <code>${p.chargeId}</code>)</span></dd></div>`,
  )}
${bill ? billFacts(lang, bill) : isBillReference(order.reference) && order.status === 'SUCCEEDED' ? html`<div class="wide-fact"><dt>${t('billOutcome')}</dt><dd>${t('billWaiting')}</dd></div>` : ''}
<div class="wide-fact"><dt>${t('history')}</dt><dd><ol class="events">${order.events.map(
    (event) => html`<li><time>${formatDate(lang, event.at)}</time> · ${statusLabel(lang, event.status)} <span class="muted">(${t(`via_${event.source}` as TextKey)})</span></li>`,
  )}</ol></dd></div>
</dl>
${refundWaiting ? html`<p class="muted small" role="status">${t('refundPending')}</p>` : ''}
${refundable
  ? html`<form method="post" action="/orders/refund" class="order-actions">
<input type="hidden" name="reference" value="${order.reference}">
<input type="hidden" name="lang" value="${lang}">
<button class="button" type="submit" aria-label="${t('refund')}: ${order.reference}">${t('refund')}</button>
</form>`
  : ''}
</article>
</li>`;
})}
</ol>`
    : html`<p class="panel muted">${t('ordersEmpty')}</p>`;
  const body = html`<p class="eyebrow">${t('navBackOffice')}</p>
<h1>${t('ordersHeading')}</h1>
<p class="lead">${textWith(lang, 'ordersLead', { payment: html`<code>onPaymentEvent</code>`, bill: html`<code>onBillEvent</code>` })}</p>
${notice ? html`<p class="notice ${notice.tone}" role="${notice.tone === 'error' ? 'alert' : 'status'}">${notice.text}${notice.code ? xenditCode(lang, notice.code) : ''}</p>` : ''}
${list}`;
  return layout(ctx, { title: t('ordersTitle'), area: 'back-office', active: 'orders', body });
}

// ------------------------------------------------------------ messages

export function messagePage(ctx: PageContext, title: string, message: string, action?: { href: string; label: string }): string {
  const body = html`<div class="narrow panel">
<h1>${title}</h1>
<p>${message}</p>
${action ? html`<p><a class="button primary" href="${action.href}">${action.label}</a></p>` : ''}
</div>`;
  return layout({ ...ctx, widget: undefined }, { title, body });
}
