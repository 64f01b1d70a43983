/**
 * The server-rendered checkout and return page (`companion.renderCheckout`, `renderStatus`) and
 * the plans' form route without JavaScript (`POST {base}/charges/form`), over real HTTP on
 * 127.0.0.1 with the simulator: what the markup holds, where the form's redirect goes for each
 * browser, and that errors come back as a page and cross-site posts are refused.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { requestOf } from '../../src/server/node.js';
import { DESKTOP_UA, INSTAGRAM_IOS_UA, CHROME_ANDROID_UA } from './server-render.fixtures.js';
import { billShop, startShop, order, pressOnProviderPage, eventually, inOneWindow, type Shop } from '../helpers/shop.js';

const form = (shop: Shop, body: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(`${shop.base}/charges/form`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: shop.url, referer: `${shop.url}/checkout?cart=cart-1`, ...headers },
    body: new URLSearchParams(body).toString(),
  });

/** The rendered element's pieces: its shadow root's markup and the JSON beside it. */
function pieces(html: string) {
  const root = /^<paylater-checkout[^>]*><template shadowrootmode="open">([\s\S]*)<\/template>/.exec(html)?.[1];
  const data = /<script type="application\/json">([\s\S]*?)<\/script>/.exec(html)?.[1];
  return { root: root ?? '', data: data ? JSON.parse(data) : undefined };
}

describe('server-rendered checkout and the form without JavaScript', () => {
  let shop: Shop;
  before(async () => {
    shop = await startShop();
  });
  after(() => shop.close());
  const request = (headers: Record<string, string> = {}) => new Request(`${shop.url}/checkout?cart=cart-1`, { headers });

  it('renders the plans with the element\u2019s templates in a declarative shadow root, the answer beside them', async () => {
    const rendered = await companion().renderCheckout(request({ 'accept-language': 'id-ID,id;q=0.9' }), 'cart-1');
    assert.equal(rendered.error, undefined);
    assert.match(rendered.html, /^<paylater-checkout endpoint="\/paylater" checkout="cart-1" locale="id">/);
    const { root, data } = pieces(rendered.html);
    for (const p of rendered.plans!.providers) assert.match(root, new RegExp(`<span part="provider-name">${p.name}</span>`));
    // Indonesian words and rupiah, the radios carrying the plans offered, and the quote.
    assert.match(root, /Bayar nanti dengan/);
    assert.match(root, /Rp\s1\.500\.000/);
    for (const p of rendered.plans!.providers) if (p.available) assert.match(root, new RegExp(`name="plan"\\s+part="radio"\\s+value="${p.plan_id}"\\s+required`));
    assert.match(root, new RegExp(`<input type="hidden" name="quote" value="${rendered.plans!.quote}"`));
    assert.deepEqual(data.checkout, 'cart-1');
    assert.deepEqual(data.plans, rendered.plans);
    // The texts it was drawn with, in its language, placeholders kept (the rarely shown ones too).
    assert.equal(data.lang, 'id');
    assert.equal(data.texts.continueWith, 'Lanjut dengan {provider}');
    assert.equal(data.texts.reasonCurrency, 'Tidak tersedia untuk {currency}');
    // No event handler or binding leaks into the markup; the styles are the element's.
    assert.doesNotMatch(root, /@click|\.checked|\?disabled|\$\{/);
    assert.match(root, /^<style>:host\{color-scheme/);
    assert.equal(rendered.styleHashes.length, 2);
    for (const hash of rendered.styleHashes) assert.match(hash, /^'sha256-[A-Za-z0-9+/]{43}='$/);
  });

  it('escapes what it writes: a provider name or a checkout id cannot open a tag or end the data', async () => {
    shop.carts.set('cart-<x>', order({ reference_id: 'order-esc' }));
    const rendered = await companion().renderCheckout(request(), 'cart-<x>', { attributes: { id: '"><script>' }, nonce: 'n"1' });
    assert.match(rendered.html, /checkout="cart-&lt;x&gt;"/);
    assert.match(rendered.html, /id="&quot;&gt;&lt;script&gt;"/);
    assert.match(rendered.html, /<style nonce="n&quot;1">/);
    const data = /<script type="application\/json">([\s\S]*?)<\/script>/.exec(rendered.html)![1]!;
    assert.doesNotMatch(data, /</);
    assert.equal(JSON.parse(data).checkout, 'cart-<x>');
  });

  it('an order that cannot be had renders the error the element shows, without data', async () => {
    const rendered = await companion().renderCheckout(request(), 'no-such-cart', { locale: 'en' });
    assert.equal(rendered.error?.code, 'CHECKOUT_NOT_FOUND');
    assert.match(rendered.html, /role="alert"/);
    assert.match(rendered.html, /This checkout was not found/);
    assert.doesNotMatch(rendered.html, /application\/json/);
  });

  it('the form answers 303 to the page for each browser: desktop, the phone\u2019s app link, an in-app browser\u2019s web page', async () => {
    for (const [ua, kind] of [
      [DESKTOP_UA, 'desktop'],
      [CHROME_ANDROID_UA, 'deeplink'],
      [INSTAGRAM_IOS_UA, 'mobile'],
    ] as const) {
      shop.carts.set(`cart-${kind}`, order({ reference_id: `order-form-${kind}` }));
      const rendered = await companion().renderCheckout(request(), `cart-${kind}`);
      const kredivo = rendered.plans!.providers.find((p) => p.channel_code === 'ID_KREDIVO')!;
      assert.ok(kredivo.available);
      const answer = await form(shop, { quote: rendered.plans!.quote, plan: kredivo.plan_id, locale: 'en' }, { 'user-agent': ua });
      assert.equal(answer.status, 303, await answer.clone().text());
      const location = answer.headers.get('location')!;
      const charge = shop.simulator.charges().find((c: any) => c.reference_id === `order-form-${kind}`)!;
      const expected = { desktop: charge.actions.desktop_web_checkout_url, mobile: charge.actions.mobile_web_checkout_url, deeplink: charge.actions.mobile_deeplink_checkout_url }[kind];
      assert.equal(location, expected, `${kind}: ${ua}`);
      // Sent twice (a double tap): the same charge.
      const again = await form(shop, { quote: rendered.plans!.quote, plan: kredivo.plan_id }, { 'user-agent': ua });
      assert.equal(again.headers.get('location'), location);
      assert.equal(shop.simulator.charges().filter((c: any) => c.reference_id === `order-form-${kind}`).length, 1);
    }
  });

  it('errors come back as a page in the form\u2019s language with the way back; cross-site posts are refused', async () => {
    const rendered = await companion().renderCheckout(request(), 'cart-1');
    const plan = rendered.plans!.providers.find((p) => p.available)!;
    const none = await form(shop, { quote: rendered.plans!.quote, locale: 'id' });
    assert.equal(none.status, 400);
    const page = await none.text();
    assert.match(none.headers.get('content-type')!, /^text\/html/);
    assert.match(page, /<html lang="id">/);
    assert.match(page, /Pilih penyedia/);
    assert.match(page, new RegExp(`<a href="${shop.url}/checkout\\?cart=cart-1">Kembali ke pembayaran</a>`));
    assert.match(none.headers.get('content-security-policy')!, /default-src 'none'/);

    const edited = await form(shop, { quote: `${rendered.plans!.quote}x`, plan: plan.plan_id, locale: 'en' });
    assert.equal(edited.status, 400);
    // Not the widget's "the plans were refreshed": a page without JavaScript refreshes nothing.
    assert.match(await edited.text(), /These payment options have expired\. Go back to the checkout to see them again\./);
    const editedId = await form(shop, { quote: `${rendered.plans!.quote}x`, plan: plan.plan_id, locale: 'id' });
    assert.match(await editedId.text(), /Pilihan pembayaran ini sudah kedaluwarsa/);
    const foreignPlan = await form(shop, { quote: rendered.plans!.quote, plan: 'plp_not-offered', locale: 'en' });
    assert.equal(foreignPlan.status, 400);
    assert.match(await foreignPlan.text(), /These payment options have expired\. Go back to the checkout/);
    // The cart changed since the page was drawn: said so, with the way back (nothing was refreshed).
    shop.carts.set('cart-grows', order({ reference_id: 'order-grows' }));
    const drawn = await companion().renderCheckout(request(), 'cart-grows');
    const grown = drawn.plans!.providers.find((p) => p.available)!;
    shop.carts.set('cart-grows', order({ reference_id: 'order-grows', amount: 2_250_000, order_items: [{ ...order().order_items[0]!, quantity: 3 }] }));
    const changed = await form(shop, { quote: drawn.plans!.quote, plan: grown.plan_id, locale: 'id' });
    assert.equal(changed.status, 409);
    assert.match(await changed.text(), /Pesanan Anda berubah.*Kembali ke halaman pembayaran untuk melihat jumlah yang baru\./);

    const foreign = await form(shop, { quote: rendered.plans!.quote, plan: plan.plan_id }, { origin: 'https://evil.example', referer: 'https://evil.example/' });
    assert.equal(foreign.status, 403);
    assert.match(await foreign.text(), /^<!doctype html>/);
    // No Origin and a foreign (or no) Referer: refused too; nothing was charged for either.
    const bare = await fetch(`${shop.base}/charges/form`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `quote=${rendered.plans!.quote}&plan=${plan.plan_id}` });
    assert.equal(bare.status, 403);
    // A page served with `Referrer-Policy: no-referrer` (helmet's default) posts its form with
    // `Origin: null` and no Referer (as Chromium does); the browser's Sec-Fetch-Site decides.
    const noReferrer = { origin: 'null', referer: '' };
    const before = shop.logs.length;
    const framed = await form(shop, { quote: rendered.plans!.quote, plan: plan.plan_id }, { ...noReferrer, 'sec-fetch-site': 'cross-site' });
    assert.equal(framed.status, 403, 'a sandboxed frame elsewhere says Origin: null too');
    assert.ok(shop.logs.slice(before).some((line) => line.startsWith('warn origin refused') && line.includes('Referrer-Policy: strict-origin-when-cross-origin')), shop.logs.slice(before).join('\n'));
    assert.equal(shop.simulator.charges().filter((c: any) => c.reference_id === 'order-1001').length, 0);
    const own = await form(shop, { quote: rendered.plans!.quote, plan: plan.plan_id }, { ...noReferrer, 'sec-fetch-site': 'same-origin' });
    assert.equal(own.status, 303, 'the shop\u2019s own page, on the companion\u2019s origin');
    assert.equal(shop.simulator.charges().filter((c: any) => c.reference_id === 'order-1001').length, 1);
  });

  it('renders the return page\u2019s status, final once paid, in whichever browser asks with the token', async () => {
    shop.carts.set('cart-status', order({ reference_id: 'order-status' }));
    const rendered = await companion().renderCheckout(request(), 'cart-status');
    const plan = rendered.plans!.providers.find((p) => p.available)!;
    const answer = await form(shop, { quote: rendered.plans!.quote, plan: plan.plan_id }, { 'user-agent': DESKTOP_UA });
    const back = new URL(await pressOnProviderPage(answer.headers.get('location')!, 'Pay'));
    const token = back.searchParams.get('paylater_token')!;
    await eventually(async () => (await companion().renderStatus(new Request(back), token)).final, 3000, 'final');
    const status = await companion().renderStatus(new Request(back, { headers: { 'accept-language': 'id' } }), token, { retryHref: '/checkout?cart=cart-status', content: '<p slot="succeeded">Terima kasih</p>' });
    assert.equal(status.final, true);
    assert.equal(status.status?.status, 'SUCCEEDED');
    assert.match(status.html, /^<paylater-status endpoint="\/paylater" locale="id" token="[\w-]+" retry-href="\/checkout\?cart=cart-status"><template shadowrootmode="open">/);
    assert.match(status.html, /Pembayaran berhasil/);
    assert.match(status.html, /<p slot="succeeded">Terima kasih<\/p><\/paylater-status>$/);
    // An unknown token: the element's own words for it, no data, and final (checking again would
    // not help: a page without JavaScript stops reloading).
    const unknown = await companion().renderStatus(new Request(back), 'x'.repeat(43), { locale: 'en' });
    assert.equal(unknown.final, true);
    assert.equal(unknown.status, undefined);
    assert.match(unknown.html, /role="alert"/);
  });

  const companion = () => shop.companion;

  it('createCharge says which order the charge is for, and refuses a quote of another checkout than the one the form handler names, before charging', async () => {
    shop.carts.set('cart-big', order({ reference_id: 'order-big' }));
    shop.carts.set('cart-cheap', order({ reference_id: 'order-cheap', amount: 60_000, order_items: [{ ...order().order_items[0]!, net_unit_amount: 60_000, quantity: 1 }] }));
    const cheap = await companion().renderCheckout(request(), 'cart-cheap');
    const plan = cheap.plans!.providers.find((p) => p.available)!;
    // The handler is finishing cart-big; the posted fields are cart-cheap's.
    const charge = await companion().createCharge(request(), { quote: cheap.plans!.quote, plan_id: plan.plan_id });
    assert.equal(charge.checkout, 'cart-cheap');
    assert.equal(charge.reference_id, 'order-cheap');
    assert.equal(charge.amount, 60_000);
    assert.equal(charge.currency, 'IDR');
    assert.notEqual(charge.checkout, 'cart-big');
    // What the README's handler does: it names the checkout it is finishing, and another quote is
    // refused before anything is charged.
    shop.carts.set('cart-cheap-2', order({ reference_id: 'order-cheap-2', amount: 60_000, order_items: [{ ...order().order_items[0]!, net_unit_amount: 60_000, quantity: 1 }] }));
    const other = await companion().renderCheckout(request(), 'cart-cheap-2');
    const otherPlan = other.plans!.providers.find((p) => p.available)!;
    await assert.rejects(
      () => companion().createCharge(request(), { quote: other.plans!.quote, plan_id: otherPlan.plan_id }, { checkout: 'cart-big' }),
      (error: Error & { status?: number; code?: string }) => error.name === 'CompanionError' && error.status === 409 && error.code === 'CHECKOUT_CHANGED',
    );
    assert.equal(shop.simulator.charges().filter((c: any) => c.reference_id === 'order-cheap-2').length, 0, 'nothing charged');
    const own = await companion().createCharge(request(), { quote: other.plans!.quote, plan_id: otherPlan.plan_id }, { checkout: 'cart-cheap-2' });
    assert.equal(own.reference_id, 'order-cheap-2');
    // The browser's own answer stays the contract's.
    const json = await shop.charge(cheap.plans!.quote, plan.plan_id);
    assert.deepEqual(Object.keys(json.body).sort(), ['charge_id', 'checkout_url', 'status', 'status_token']);
  });

  it('createCharge refuses a malformed body (what a merchant\u2019s form handler passes on) with a CompanionError, not a crash', async () => {
    for (const body of [{ quote: undefined, plan_id: 'plp_1' }, { quote: 'v1.a.b', plan_id: ['plp_1'] }]) {
      await assert.rejects(
        () => companion().createCharge(request(), body as never),
        (error: Error & { status?: number; code?: string }) => error.name === 'CompanionError' && error.status === 400 && error.code === 'INVALID_REQUEST',
      );
    }
  });

  it('refuses attribute names that are not names', async () => {
    await assert.rejects(() => companion().renderCheckout(request(), 'cart-1', { attributes: { 'x onload=alert(1)': '' } }), /is no attribute name/);
  });

  it('resolves the retry link against the shop\u2019s address, never the request\u2019s Host', async () => {
    const forged = new Request('https://evil.example/return', { headers: { host: 'evil.example' } });
    const rendered = await companion().renderStatus(forged, 'x'.repeat(43), { retryHref: '/checkout?cart=1' });
    assert.doesNotMatch(rendered.html, /evil\.example/);
  });
});

describe('the form route and the JSON route share one per-client budget for charges', () => {
  let shop: Shop;
  before(async () => {
    shop = await startShop({ companion: { rateLimits: { perClient: { charges: 3 } } } });
  });
  after(() => shop.close());

  it('three charges a minute per client, whichever way they are asked for', async () => {
    await inOneWindow();
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await shop.charge('v1.bad.quote', 'plp_1')).status);
    for (let i = 0; i < 2; i++) statuses.push((await form(shop, { quote: 'v1.bad.quote', plan: 'plp_1' })).status);
    assert.deepEqual(statuses, [400, 400, 400, 429, 429]);
  });
});

describe('the server-rendered pages and the form handler count against the per-client limits of the routes they stand for', () => {
  // A page server as a merchant writes one (node:http, requestOf), with the companion's functions.
  let shop: Shop;
  let page: Server;
  let pageUrl = '';
  before(async () => {
    shop = await startShop({ companion: { rateLimits: { perClient: { plans: 3, status: 3, charges: 2 } } } });
    for (let i = 0; i < 6; i++) shop.carts.set(`cart-r${i}`, order({ reference_id: `order-r${i}` }));
    page = createServer(async (req, res) => {
      const url = new URL(req.url ?? '/', 'http://page');
      const cart = url.searchParams.get('cart') ?? '';
      let answer: unknown;
      if (url.pathname === '/checkout') answer = (await shop.companion.renderCheckout(requestOf(req), cart)).error?.code ?? 'plans';
      else if (url.pathname === '/return') {
        // Without a status: final (nothing to wait for: an unknown token) or "Check again" (refused for now).
        const rendered = await shop.companion.renderStatus(requestOf(req), url.searchParams.get('token') ?? '');
        answer = rendered.status?.status ?? (rendered.final ? 'final' : 'check again');
      }
      else {
        // The form handler reads the body first (as a merchant's would), then makes the Request.
        let body = '';
        for await (const chunk of req) body += chunk;
        const fields = new URLSearchParams(body);
        answer = await shop.companion.createCharge(requestOf(req), { quote: fields.get('quote') ?? '', plan_id: fields.get('plan') ?? '' }, { checkout: cart }).then(
          () => 'charged',
          (error: { code?: string }) => error.code,
        );
      }
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(answer));
    });
    await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
    pageUrl = `http://127.0.0.1:${(page.address() as AddressInfo).port}`;
  });
  after(async () => {
    await new Promise((resolve) => page.close(resolve));
    await shop.close();
  });
  const get = async (path: string) => (await fetch(`${pageUrl}${path}`)).json();

  it('checkout page loads for new carts from one client: past its plans limit the page shows RATE_LIMITED, and Xendit is not asked', async () => {
    await inOneWindow();
    const plansAsked = () => shop.simulator.requests().filter((r) => r.route === 'plans').length;
    const shown: unknown[] = [];
    for (let i = 0; i < 3; i++) shown.push(await get(`/checkout?cart=cart-r${i}`));
    const asked = plansAsked();
    for (let i = 3; i < 6; i++) shown.push(await get(`/checkout?cart=cart-r${i}`));
    assert.deepEqual(shown, ['plans', 'plans', 'plans', 'RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED']);
    assert.equal(plansAsked(), asked, 'no plans asked of Xendit for the refused loads');
  });

  it('return page loads and form posts too; the form handler may read the body before requestOf', async () => {
    await inOneWindow();
    const statuses: unknown[] = [];
    for (let i = 0; i < 4; i++) statuses.push(await get('/return?token=not-a-token'));
    assert.deepEqual(statuses, ['final', 'final', 'final', 'check again']);
    // A Request of another making (Hono, Next.js) names the client itself.
    assert.equal((await shop.companion.renderStatus(new Request(`${pageUrl}/return`), 'not-a-token', { clientAddress: '127.0.0.1' })).final, false, 'the same client');
    assert.equal((await shop.companion.renderStatus(new Request(`${pageUrl}/return`), 'not-a-token', { clientAddress: '127.0.0.2' })).final, true, 'another client');
    const post = () => fetch(`${pageUrl}/pay?cart=cart-r0`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'quote=v1.bad.quote&plan=plp_1' }).then((r) => r.json());
    assert.deepEqual([await post(), await post(), await post()], ['QUOTE_INVALID', 'QUOTE_INVALID', 'RATE_LIMITED']);
  });
});

describe('server-rendered status of a paid electricity bill', () => {
  let shop: Shop;
  before(async () => {
    shop = await billShop();
  });
  after(() => shop.close());

  it('draws the token (with its styles) in plain Node, where there is no navigator', async () => {
    const inquiry = await shop.call('/bills/inquiry', { json: { product_id: 'PLN_PREPAID_50K', customer_number: '12345678910' } });
    const plans = await shop.plans(inquiry.body.checkout);
    const kredivo = plans.body.providers.find((p: any) => p.channel_code === 'ID_KREDIVO');
    const charge = await shop.charge(plans.body.quote, kredivo.plan_id);
    await pressOnProviderPage(charge.body.checkout_url.desktop, 'Pay');
    const request = new Request(`${shop.url}/return`);
    let rendered: Awaited<ReturnType<Shop['companion']['renderStatus']>> | undefined;
    await eventually(async () => (rendered = await shop.companion.renderStatus(request, charge.body.status_token, { locale: 'en' })).final, 5_000, 'the token');
    assert.equal(rendered!.status?.bill?.status, 'SUCCEEDED');
    assert.match(rendered!.html, /part="token"/);
    assert.match(rendered!.html, /font-family:\s?ui-monospace|monospace/);
    assert.doesNotMatch(rendered!.html, /part="copy"/, 'no Copy button without the Clipboard API: it comes with the script');
  });
});
